"""Writes tests/warc/crawl.warc.gz: a small crawl of real pages, gzipped per record, for tests/warc.rs.

Made with warcio (PyPI), the Webrecorder/Internet Archive WARC library:
    python3 -m venv /tmp/warcio && /tmp/warcio/bin/pip install warcio==1.8.1
    /tmp/warcio/bin/python tests/warc/make_fixture.py

The pages are real (tests/encodings/pages, provenance in its README) or this repository's own repost
fixtures (tests/fixtures/repost). Each record exercises one thing the CLI must do; README.md beside
this file lists them with what the CLI must print. Record ids and dates are fixed so that the file
only changes when this script does.
"""

import gzip
import io
import os
import uuid

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PAGES = os.path.join(ROOT, "tests", "encodings", "pages")
REPOST = os.path.join(ROOT, "tests", "fixtures", "repost")

# The smallest valid PNG (a 1x1 transparent pixel): a non-HTML response.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000105fe02fea70000000049454e44ae426082"
)


def read(*path):
    with open(os.path.join(*path), "rb") as f:
        return f.read()


def main():
    ids = (f"<urn:uuid:{uuid.UUID(int=n)}>" for n in range(1, 100))
    out = os.path.join(HERE, "crawl.warc.gz")
    with open(out, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)

        def record(uri, kind, date, payload=b"", status=None, headers=(), warc_headers=None, request=False):
            http = None
            if status is not None:
                protocol = "HTTP/1.1"
                http = StatusAndHeaders(status, list(headers), protocol=protocol, is_http_request=request)
            extra = {"WARC-Record-ID": next(ids), "WARC-Date": date}
            extra.update(warc_headers or {})
            rec = writer.create_warc_record(uri, kind, payload=io.BytesIO(payload), http_headers=http, warc_headers_dict=extra)
            writer.write_record(rec)

        info = writer.create_warcinfo_record("crawl.warc.gz", {"software": "warcio 1.8.1 (tests/warc/make_fixture.py)"})
        info.rec_headers.replace_header("WARC-Record-ID", next(ids))
        info.rec_headers.replace_header("WARC-Date", "2026-11-25T12:00:00Z")
        writer.write_record(info)

        # 1. A request: not a page.
        record("https://bitcoinethereumnews.com/bitcoin/bitcoin-miners-pivot-to-ai-hosting/", "request", "2026-11-25T12:00:01Z",
               status="GET /bitcoin/bitcoin-miners-pivot-to-ai-hosting/ HTTP/1.1", headers=[("Host", "bitcoinethereumnews.com")], request=True)
        # 2. A WordPress aggregator's copy with a feed footer (residue, chain to CoinDesk).
        record("https://bitcoinethereumnews.com/bitcoin/bitcoin-miners-pivot-to-ai-hosting/", "response", "2026-11-25T12:00:02Z",
               read(REPOST, "bitcoinethereumnews.html"), "200 OK", [("Content-Type", "text/html; charset=UTF-8")])
        # 3. A Latin-1 news page, no charset in the header: its <meta> (past byte 1024) decides.
        record("https://example.org/ir-research-data/big5-09/clinton-1.htm", "response", "2009-03-01T12:00:03Z",
               read(PAGES, "msv-big5-09-clinton-1.html"), "200 OK", [("Content-Type", "text/html")])
        # 4. An undeclared KOI8-R page: the header's charset decides (a detector alone says KOI8-U).
        record("https://example.org/chardet/KOI8-R/no-encoding-specified.html", "response", "2009-01-09T12:00:04Z",
               read(PAGES, "chardet-chromium-koi8-r-with-no-encoding-specified.html"), "200 OK", [("Content-Type", "text/html; charset=koi8-r")])
        # 5. A Shift_JIS page sent gzip-compressed and chunked.
        body = gzip.compress(read(PAGES, "wpull-geocities-videogame-top.html"), mtime=0)
        chunked = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 4096]), body[i:i + 4096]) for i in range(0, len(body), 4096)) + b"0\r\n\r\n"
        record("http://www.geocities.jp/gamehouse_grindcrusher2/videogame_top.htm", "response", "2009-06-01T12:00:05Z", chunked, "200 OK",
               [("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")])
        # 6. An image: not HTML.
        record("http://www.geocities.jp/js_source/filler_nm.png", "response", "2009-06-01T12:00:06Z", PNG, "200 OK", [("Content-Type", "image/png")])
        # 7. A 404 page: HTML, but not a page of the crawl.
        record("https://example.org/ir-research-data/missing.htm", "response", "2009-03-01T12:00:07Z", b"<html><body><p>Not found</p></body></html>",
               "404 Not Found", [("Content-Type", "text/html")])
        # 8. A page the crawler cut at its size limit.
        record("https://www.msn.com/en-us/money/markets/stablecoin-supply-hits-record-310-billion/ar-AA1xYz", "response", "2026-11-25T12:00:08Z",
               read(REPOST, "msn-provided-by.html")[:700], "200 OK", [("Content-Type", "text/html; charset=utf-8")],
               warc_headers={"WARC-Truncated": "length"})
        # 9. MSN's syndicated copy ("Provided by …"), whole.
        record("https://www.msn.com/en-us/money/markets/stablecoin-supply-hits-record-310-billion/ar-AA1xYz", "response", "2026-11-25T12:00:09Z",
               read(REPOST, "msn-provided-by.html"), "200 OK", [("Content-Type", "text/html; charset=utf-8")])
        # 10. A UTF-16LE page with a byte order mark that the server calls Shift_JIS: the BOM wins.
        record("http://www.kcna.co.jp/index-e.htm", "response", "2009-05-01T12:00:10Z",
               read(PAGES, "wpull-kcna.html"), "200 OK", [("Content-Type", "text/html; charset=x-sjis")])
        # 11. Crawler metadata.
        record("https://bitcoinethereumnews.com/bitcoin/bitcoin-miners-pivot-to-ai-hosting/", "metadata", "2026-11-25T12:00:11Z",
               b"outlinks: https://www.coindesk.com/\r\n", warc_headers={"Content-Type": "application/warc-fields"})
    print(out, os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()
