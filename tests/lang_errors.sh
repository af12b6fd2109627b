#!/bin/sh
# lang_errors.sh — `gorsim check` on the scenario corpus: every tests/scenarios/*.go checks
# clean (exit 0, no output), and every tests/scenarios/errors/NAME.go fails (exit 1) with
# exactly the errors of NAME.err: the "NAME.go:line:col: message" lines with the file
# name stripped, and the tab-indented continuation lines of multi-line messages ("\thave
# (number)"), but not the source line and caret gorsim prints under each error. The .err
# files are Go 1.19's NAME.goerr in the same form (unknown_import.err aside: that message
# is gorsim's own).
set -u
b=${top_builddir:-.}
s=${top_srcdir:-.}
gorsim="$(cd "$b" && pwd)/gorsim"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; fails=$((fails + 1)); }

# errors_of NAME.go: gorsim's errors for it (run in its directory), in the .err form:
# a message line starts an error; the tab-indented lines after it are its continuation
# lines, except the last two when they are the source line and the caret line
errors_of() {
    awk -v name="$1" '
        function flush(   n) {
            n = nb
            if (n >= 3 && blk[n] ~ /^\t[ \t]*\^$/)
                n -= 2
            for (i = 1; i <= n; i++)
                print blk[i]
            nb = 0
        }
        index($0, name ":") == 1 { flush(); blk[++nb] = substr($0, length(name) + 2); next }
        /^\t/ && nb > 0 { blk[++nb] = $0; next }
        { flush(); print "?" $0 }
        END { flush() }'
}

for f in "$s"/tests/scenarios/*.go; do
    n=$(basename "$f")
    "$gorsim" check "$f" >"$tmp/out" 2>&1
    rc=$?
    if [ "$rc" -ne 0 ] || [ -s "$tmp/out" ]; then
        fail "check $n: exit $rc, want 0"; sed 's/^/    /' "$tmp/out" | head -20
    else
        pass "check $n"
    fi
done

for f in "$s"/tests/scenarios/errors/*.go; do
    n=$(basename "$f")
    want="${f%.go}.err"
    if [ ! -f "$want" ]; then
        fail "errors/$n: no ${n%.go}.err"
        continue
    fi
    (cd "$(dirname "$f")" && "$gorsim" check "$n") >"$tmp/raw" 2>&1
    rc=$?
    errors_of "$n" <"$tmp/raw" >"$tmp/got"
    # the expectation is Go's (its .goerr, file names stripped), gorsim's own messages aside
    goerr="${f%.go}.goerr"
    if [ "$n" != unknown_import.go ] && [ -f "$goerr" ] &&
        ! sed "s/^$n://" "$goerr" | cmp -s - "$want"; then
        fail "errors/$n: ${n%.go}.err is not Go's ${n%.go}.goerr"
    fi
    if [ "$rc" -ne 1 ]; then
        fail "errors/$n: exit $rc, want 1"; sed 's/^/    /' "$tmp/raw" | head -20
    elif ! cmp -s "$want" "$tmp/got"; then
        fail "errors/$n: errors differ from ${n%.go}.err"
        diff "$want" "$tmp/got" | sed 's/^/    /' | head -20
    else
        pass "errors/$n"
    fi
done

[ "$fails" -eq 0 ]
