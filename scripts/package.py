#!/usr/bin/env python3
"""Zips an extension directory (its manifest at the archive's root) into a .zip / .xpi.

Usage: package.py SOURCE_DIR OUT_FILE
One manifest serves both browsers, so the Chromium and the Firefox packages hold the same files.
Files are added in sorted order with fixed timestamps so that the same source gives the same archive.
"""
import os
import sys
import zipfile

SKIP = {".DS_Store", "Thumbs.db"}


def main(src, out):
    if not os.path.isfile(os.path.join(src, "manifest.json")):
        sys.exit(f"package.py: no manifest.json in {src}")
    if not os.path.isfile(os.path.join(src, "pkg", "chaff_bg.wasm")):
        sys.exit(f"package.py: {src}/pkg has no wasm module; build it first")
    paths = []
    for root, dirs, files in os.walk(src):
        dirs.sort()
        for name in sorted(files):
            if name not in SKIP:
                paths.append(os.path.join(root, name))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for path in paths:
            info = zipfile.ZipInfo(os.path.relpath(path, src).replace(os.sep, "/"), (2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(path, "rb") as f:
                z.writestr(info, f.read())
    print(f"package.py: {out}: {len(paths)} files")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
