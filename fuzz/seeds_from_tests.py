#!/usr/bin/env python3
"""seeds_from_tests.py SRCDIR OUTDIR — extra fuzz seeds: every Go program that the
front end's unit tests (SRCDIR/tests/check_lang*.c) hold as a C string literal (adjacent
literals joined, starting with "package "), written to OUTDIR one file each.

`make fuzz-seeds` runs it; fuzz-short and fuzz then read OUTDIR (fuzz/work/test-seeds) as
seeds as well. Those programs reach checker errors the scenario corpus does not.
"""
import glob
import os
import re
import sys

LITS = re.compile(r'(?:"(?:[^"\\\n]|\\.)*"\s*)+')
LIT = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[0])
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    n = 0
    for path in sorted(glob.glob(os.path.join(src, "tests", "check_lang*.c"))):
        text = open(path, encoding="utf-8").read()
        base = os.path.basename(path)[:-2]
        for m in LITS.finditer(text):
            s = "".join(LIT.findall(m.group(0)))
            if not s.startswith("package "):
                continue
            # C escapes (\n \t \" \\ \xHH \ooo) as Python's; UTF-8 bytes pass through
            data = s.encode("utf-8").decode("unicode_escape").encode("latin-1")
            with open(os.path.join(out, "%s_%04d.go" % (base, n)), "wb") as f:
                f.write(data)
            n += 1
    print("seeds_from_tests: %d programs -> %s" % (n, out))


if __name__ == "__main__":
    main()
