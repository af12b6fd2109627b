#!/bin/sh
# scenarios.sh — `gorsim run` over the scenario corpus (tests/scenarios/*.go, one language
# feature area each, and tests/scenarios/gorsim/*.go), in both engines: stdout must be byte-identical to NAME.out (what
# Go 1.19 printed), the exit status NAME.exit (0 when absent), and for a failing
# scenario the first line of stderr must be NAME.err (Go's "panic: ..." or "fatal error:
# ..."). NAME.params holds -p settings (name=value words). Then the virtual engine's
# determinism: the same scenario, seed and build give byte-identical output, gctrace
# included, and another seed is allowed to differ.
set -u
b=${top_builddir:-.}
s=${top_srcdir:-.}
gorsim="$b/gorsim"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
# Channels and sync primitives live in host memory that heap objects point to, and the
# collector has no finalizers yet to free it: LeakSanitizer would report them at exit
# (ARCHITECTURE.md, departures). Everything else ASan checks stays on.
ASAN_OPTIONS="detect_leaks=0 ${ASAN_OPTIONS:-}"
export ASAN_OPTIONS
pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; fails=$((fails + 1)); }

run_one() { # run_one ENGINE FILE
    engine=$1 f=$2
    base=${f%.go}
    name=$(basename "$base")
    want=0
    [ -f "$base.exit" ] && want=$(cat "$base.exit")
    set --
    if [ -f "$base.params" ]; then
        for kv in $(cat "$base.params"); do set -- "$@" -p "$kv"; done
    fi
    # a scenario that races on purpose (EXPECTED-FATAL: Go's concurrent map writes) runs
    # under ThreadSanitizer with the map layer's accesses suppressed, as maps_misuse.sh
    if grep -q "EXPECTED-FATAL" "$f"; then
        TSAN_OPTIONS="suppressions=$s/tests/tsan_race_scenarios.supp ${TSAN_OPTIONS:-}" \
            "$gorsim" run --engine "$engine" "$f" "$@" >"$tmp/out" 2>"$tmp/err"
    else
        "$gorsim" run --engine "$engine" "$f" "$@" >"$tmp/out" 2>"$tmp/err"
    fi
    got=$?
    if [ "$got" -ne "$want" ]; then
        fail "$name ($engine): exit $got, want $want"
        head -5 "$tmp/err" | sed 's/^/    /'
    elif ! cmp -s "$tmp/out" "$base.out"; then
        fail "$name ($engine): output differs from Go's"
        diff "$tmp/out" "$base.out" | head -10 | sed 's/^/    /'
    elif [ -f "$base.err" ] && [ "$(head -1 "$tmp/err")" != "$(head -1 "$base.err")" ]; then
        fail "$name ($engine): stderr starts '$(head -1 "$tmp/err")', want '$(head -1 "$base.err")'"
    else
        pass "$name ($engine)"
    fi
}

# In a sanitizer build the threads engine's collector scans C stacks (conservatively)
# whose frames and registers hold more stale words, so a scenario that checks a value it
# dropped is freed by runtime.GC (marked PRECISE-FREE) is not compared there.
sanitized=false
"$gorsim" version | grep -q sanitizers && sanitized=true
for engine in virtual threads; do
    # tests/scenarios/gorsim/: the language's extensions beyond Go 1.19 (expected output
    # written from Go's semantics, as go 1.19 cannot run them)
    for f in "$s"/tests/scenarios/*.go "$s"/tests/scenarios/gorsim/*.go; do
        if $sanitized && [ "$engine" = threads ] && grep -q "PRECISE-FREE" "$f"; then
            echo "SKIP: $(basename "$f" .go) (threads, sanitizer build): conservative C stacks"
            continue
        fi
        run_one "$engine" "$f"
    done
done

# determinism: two runs of a scenario with goroutines, channels, maps and collections
det="$s/tests/scenarios/gc_stress.go"
"$gorsim" run --gctrace --procs 4 --seed 7 "$det" >"$tmp/a" 2>&1
"$gorsim" run --gctrace --procs 4 --seed 7 "$det" >"$tmp/b" 2>&1
if cmp -s "$tmp/a" "$tmp/b" && grep -q "^gc 1 @" "$tmp/a"; then
    pass "virtual engine: same seed, byte-identical output (gctrace included)"
else
    fail "virtual engine: two runs with seed 7 differ (or no gctrace)"
    diff "$tmp/a" "$tmp/b" | head -10
fi

echo "scenarios.sh: $fails failure(s)"
[ "$fails" -eq 0 ]
