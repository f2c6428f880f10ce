#!/usr/bin/env python3
"""Draws Chaff's toolbar icons (extension/icons/chaff-{16,32,48,128}.png) with the standard library.

The icon is a rounded slate square holding three bars in the highlight colours: grey (repost noise),
amber (promotion), blue (attribution); the middle bar is short, the chaff blown off the grain.
Run once after changing the design and commit the PNGs: the build does not run this.
"""
import os
import struct
import zlib

SLATE = (31, 41, 55)
BARS = [  # (colour, left, right, top, bottom) in a 0..1 box
    ((203, 210, 220), 0.22, 0.78, 0.24, 0.36),
    ((245, 166, 35), 0.22, 0.58, 0.44, 0.56),
    ((96, 165, 250), 0.22, 0.78, 0.64, 0.76),
]
RADIUS = 0.22
SAMPLES = 4  # supersampling per axis, for smooth edges


def inside_rounded(x, y, r):
    cx = min(max(x, r), 1 - r)
    cy = min(max(y, r), 1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def in_capsule(x, y, left, right, top, bottom):
    """A bar with round ends: within half its height of the segment through its middle."""
    h = (bottom - top) / 2
    cx = min(max(x, left + h), right - h)
    return (x - cx) ** 2 + (y - (top + h)) ** 2 <= h * h


def pixel(px, py, size):
    acc = [0.0, 0.0, 0.0, 0.0]
    for sy in range(SAMPLES):
        for sx in range(SAMPLES):
            x = (px + (sx + 0.5) / SAMPLES) / size
            y = (py + (sy + 0.5) / SAMPLES) / size
            if not inside_rounded(x, y, RADIUS):
                continue
            colour = SLATE
            for c, l, rr, t, b in BARS:
                if in_capsule(x, y, l, rr, t, b):
                    colour = c
            for i in range(3):
                acc[i] += colour[i]
            acc[3] += 255
    n = SAMPLES * SAMPLES
    alpha = acc[3] / n
    if alpha == 0:
        return (0, 0, 0, 0)
    covered = acc[3] / 255
    return tuple(round(acc[i] / covered) for i in range(3)) + (round(alpha),)


def png(size):
    rows = b"".join(b"\0" + bytes(v for px in range(size) for v in pixel(px, py, size)) for py in range(size))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "extension", "icons")
    os.makedirs(out, exist_ok=True)
    for size in (16, 32, 48, 128):
        with open(os.path.join(out, f"chaff-{size}.png"), "wb") as f:
            f.write(png(size))
        print(f"icons/chaff-{size}.png")
