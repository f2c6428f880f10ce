#!/usr/bin/env python3
"""What takes the bytes of the wasm module: code by crate, the sort and formatting instantiations,
and the sections, from the module cargo builds (before wasm-bindgen drops the function names).

    python3 scripts/wasm-size.py [target/wasm32-unknown-unknown/wasm/chaff.wasm] [--top N]

Sizes are of function bodies in the pre-bindgen module, so they add up to a little more than the
shipped module's code section; use them as shares. No dependencies beyond Python 3.
"""
import collections
import gzip
import re
import sys


def leb(data, i):
    result = shift = 0
    while True:
        byte = data[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, i


def sections(data):
    i = 8
    while i < len(data):
        sid = data[i]
        size, i = leb(data, i + 1)
        yield sid, data[i:i + size]
        i += size


def imported_functions(payload):
    count, j = leb(payload, 0)
    functions = 0
    for _ in range(count):
        for _ in range(2):
            n, j = leb(payload, j)
            j += n
        kind = payload[j]
        j += 1
        if kind == 0:
            functions += 1
            _, j = leb(payload, j)
        elif kind == 1:
            j += 1
            flags, j = leb(payload, j)
            _, j = leb(payload, j)
            if flags & 1:
                _, j = leb(payload, j)
        elif kind == 2:
            flags, j = leb(payload, j)
            _, j = leb(payload, j)
            if flags & 1:
                _, j = leb(payload, j)
        elif kind == 3:
            j += 2
    return functions


def crate(name):
    """The crate a (legacy- or v0-mangled) function belongs to; `impl` blocks count for the type's crate."""
    m = re.match(r"_ZN(\d+)(.*)", name)
    if m:
        head = m.group(2)[: int(m.group(1))]
        if head.startswith("_$LT$"):
            inner = re.search(r"\$LT\$(?:\$RF\$)?(?:mut\$u20\$)?([a-z_0-9]+)\.\.", head)
            return inner.group(1) if inner else "(impl)"
        return head
    m = re.match(r"_R.*?C[a-zA-Z0-9_]*?\d+_?([a-z_][a-z_0-9]*)", name)
    return m.group(1) if m else name.split("_")[0] or "(other)"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 25
    args = [a for a in args if a != str(top)]
    path = args[0] if args else "target/wasm32-unknown-unknown/wasm/chaff.wasm"
    data = open(path, "rb").read()
    imports, bodies, names = 0, [], {}
    for sid, payload in sections(data):
        if sid == 2:
            imports = imported_functions(payload)
        elif sid == 10:
            count, j = leb(payload, 0)
            for _ in range(count):
                size, j = leb(payload, j)
                bodies.append(size)
                j += size
        elif sid == 11:
            print(f"data section: {len(payload)} B raw, {len(gzip.compress(payload, 9))} B gzip -9")
        elif sid == 0:
            n, j = leb(payload, 0)
            if payload[j:j + n] == b"name":
                j += n
                while j < len(payload):
                    sub = payload[j]
                    size, j = leb(payload, j + 1)
                    if sub == 1:
                        count, k = leb(payload, j)
                        for _ in range(count):
                            index, k = leb(payload, k)
                            n, k = leb(payload, k)
                            names[index] = payload[k:k + n].decode("utf8", "replace")
                            k += n
                    j += size
    total = sum(bodies)
    print(f"code: {total} B in {len(bodies)} functions")
    by_crate, count = collections.Counter(), collections.Counter()
    for k, size in enumerate(bodies):
        c = crate(names.get(imports + k, "?"))
        by_crate[c] += size
        count[c] += 1
    for c, size in by_crate.most_common(top):
        print(f"{size:>9} B {100 * size / total:5.1f}% {count[c]:>5} fns  {c}")
    for label, pattern in [("sort", r"4core5slice4sort"), ("fmt", r"3fmt"), ("panic", r"panic")]:
        hits = [s for k, s in enumerate(bodies) if re.search(pattern, names.get(imports + k, ""))]
        print(f"{label}: {sum(hits)} B in {len(hits)} functions")


if __name__ == "__main__":
    main()
