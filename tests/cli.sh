#!/bin/sh
# cli.sh — the gorsim command line and the fatal-error paths, from the outside: exit
# statuses, messages, --help, JSON keys, and byte-identical output of the virtual engine.
set -u
b=${top_builddir:-.}
gorsim="$b/gorsim"
crasher="$b/tests/crasher"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; fails=$((fails + 1)); }

# expect NAME STATUS PATTERN CMD...: CMD exits with STATUS and its output matches PATTERN
expect() {
    name=$1 want=$2 pat=$3
    shift 3
    "$@" >"$tmp/out" 2>&1
    got=$?
    if [ "$got" -ne "$want" ]; then
        fail "$name: exit $got, want $want"; sed 's/^/    /' "$tmp/out" | head -20
    elif ! grep -q -e "$pat" "$tmp/out"; then
        fail "$name: output lacks '$pat'"; sed 's/^/    /' "$tmp/out" | head -20
    else
        pass "$name"
    fi
}

expect "help" 0 "usage: gorsim <command>" "$gorsim" help
expect "no command" 1 "usage: gorsim <command>" "$gorsim"
expect "unknown command" 1 "unknown command 'frobnicate'" "$gorsim" frobnicate
expect "version" 0 "context switch: " "$gorsim" version
expect "bench --help" 0 "ucontext_switch_ns" "$gorsim" bench --help
expect "bench no name" 1 "missing benchmark name" "$gorsim" bench
expect "bench unknown" 1 "unknown benchmark 'nope'" "$gorsim" bench nope
expect "bench bad runs" 1 "--runs takes an integer from 1 to 64" "$gorsim" bench switch --runs 0
expect "bench bad option" 1 "unknown option '--fast'" "$gorsim" bench switch --fast
expect "bench missing value" 1 "--procs takes" "$gorsim" bench switch --procs
expect "demo --help" 0 "NAME:" "$gorsim" demo --help
expect "demo unknown" 1 "unknown demo 'x'" "$gorsim" demo x
expect "demo bad engine" 1 "--engine takes virtual or threads" "$gorsim" demo preempt --engine fast
expect "costs" 0 "sched.switch" "$gorsim" costs

printf 'chan.op = 10\nsched.swtich = 5\n' >"$tmp/bad.cost"
expect "costs bad file" 1 "bad.cost:2: unknown cost name: sched.swtich = 5" \
    "$gorsim" costs --cost-model "$tmp/bad.cost"
expect "costs missing file" 1 "nofile.cost: No such file" \
    "$gorsim" costs --cost-model "$tmp/nofile.cost"

# Benchmarks: JSON keys (tiny sizes; the figures themselves are measured by `make bench`).
expect "bench switch json" 0 '"switch_ns": .*"ucontext_switch_ns": .*"speedup": ' \
    "$gorsim" bench switch --json --runs 1 -n 1000 --no-go
expect "bench spawn json" 0 '"spawn_ns": ' "$gorsim" bench spawn --json --runs 1 -n 1000 --no-go
expect "bench chan json" 0 '"chan_ns": ' "$gorsim" bench chan --json --runs 1 -n 1000 --no-go
if command -v go >/dev/null 2>&1; then
    expect "bench spawn vs go" 0 '"go_spawn_ns": .*"ratio_vs_go": ' \
        "$gorsim" bench spawn --json --runs 1 -n 1000
    expect "bench chan vs go" 0 '"go_chan_ns": .*"ratio_vs_go": ' \
        "$gorsim" bench chan --json --runs 1 -n 1000
else
    echo "SKIP: bench vs go (go not on PATH)"
fi

# The flagship demo: the virtual engine gives byte-identical output run after run, and
# without async preemption the time to safe point is the rest of the 50 ms loop.
"$gorsim" demo preempt >"$tmp/d1" 2>&1 && "$gorsim" demo preempt --procs 4 --seed 1 >"$tmp/d2" 2>&1
if cmp -s "$tmp/d1" "$tmp/d2"; then pass "demo deterministic"; else fail "demo deterministic"; fi
if grep -q "no async preemption (1.13) *49\.0[0-9]* ms" "$tmp/d1"; then pass "demo ttsp"; else
    fail "demo ttsp"; cat "$tmp/d1"; fi
expect "demo threads" 0 "async preemption" "$gorsim" demo preempt --engine threads

# Fatal errors of the simulated program: Go's wording, exit status 2, both engines.
for e in virtual threads; do
    expect "overflow $e" 2 "^fatal error: stack overflow" "$crasher" overflow $e
    expect "overflow names goroutine $e" 2 "^goroutine 1 \[running\]:" "$crasher" overflow $e
    expect "deadlock $e" 2 "^fatal error: all goroutines are asleep - deadlock!" "$crasher" deadlock $e
    expect "deadlock lists goroutines $e" 2 "^goroutine 1 \[chan receive\]:" "$crasher" deadlock $e
    expect "unlock $e" 2 "^fatal error: sync: unlock of unlocked mutex" "$crasher" unlock $e
done

[ "$fails" -eq 0 ] && echo "cli.sh: all passed" || echo "cli.sh: $fails failed"
[ "$fails" -eq 0 ]
