"""Writes a WARC of every HTML file under a folder, one response record each, for measuring the
CLI's throughput (README: "Scanning saved pages and crawls"). Not a test input: the crawl is made
on the machine that measures, from a checkout of a public set of pages.

    python3 -m venv /tmp/warcio && /tmp/warcio/bin/pip install warcio==1.8.1
    /tmp/warcio/bin/python tests/warc/make_bench_crawl.py PAGES_DIR OUT.warc.gz

Records are gzipped per record and served as `text/html` without a charset, so each page is
decoded from its own declaration or by detection, as a saved file would be.
"""

import io
import os
import sys

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def main(pages, out):
    paths = sorted(
        os.path.join(root, name)
        for root, _, names in os.walk(pages)
        for name in names
        if name.lower().endswith((".htm", ".html"))
    )
    with open(out, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, path in enumerate(paths):
            with open(path, "rb") as f:
                body = f.read()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            uri = "https://example.org/bench/%d/%s" % (i, os.path.relpath(path, pages).replace(os.sep, "/"))
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))
    print(out, len(paths), "records", os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
