#!/bin/sh
# scenarios_go.sh — scenarios are Go programs: a few run under real Go (scenarios/gorun.sh,
# with scenarios/gosim providing package sim) and under `gorsim run`, and their outputs
# must be identical. Skipped (exit 77) when go is not on PATH.
set -u
b=${top_builddir:-.}
s=${top_srcdir:-.}
gorsim="$b/gorsim"
command -v go >/dev/null 2>&1 || { echo "SKIP: go is not on PATH"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
for name in closures maps structs strings goroutines channels params; do
    f="$s/tests/scenarios/$name.go"
    if ! sh "$s/scenarios/gorun.sh" "$f" >"$tmp/go" 2>"$tmp/goerr"; then
        echo "FAIL: $name: go run failed"; head -5 "$tmp/goerr"; fails=$((fails + 1)); continue
    fi
    "$gorsim" run "$f" >"$tmp/gorsim" 2>"$tmp/gorsimerr"
    if cmp -s "$tmp/go" "$tmp/gorsim"; then
        echo "PASS: $name: gorsim run prints what go run prints"
    else
        echo "FAIL: $name: outputs differ"; diff "$tmp/go" "$tmp/gorsim" | head -10
        fails=$((fails + 1))
    fi
done
echo "scenarios_go.sh: $fails failure(s)"
[ "$fails" -eq 0 ]
