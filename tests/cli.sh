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
expect "bench alloc json" 0 '"alloc_ns": ' "$gorsim" bench alloc --json --runs 1 -n 1000 --no-go
expect "bench mark json" 0 '"mark_mb_per_s": .*"bench_procs": 1' \
    "$gorsim" bench mark --json --runs 1 -n 20000 --procs 2 --no-go
expect "bench map json" 0 \
    '"insert_nohint_ns": .*"insert_hint_ns": .*"lookup_ns": .*"slowdown_nohint": ' \
    "$gorsim" bench map --json --runs 1 -n 20000 --no-go
expect "bench maplookup alone" 0 '^{"lookup_ns": [0-9.]*, "engine"' \
    "$gorsim" bench maplookup --json --runs 1 -n 1000 --no-go
expect "bench map table" 0 'slowdown of no hint' "$gorsim" bench map --runs 1 -n 1000 --no-go
if command -v go >/dev/null 2>&1; then
    expect "bench spawn vs go" 0 '"go_spawn_ns": .*"ratio_vs_go": ' \
        "$gorsim" bench spawn --json --runs 1 -n 1000
    expect "bench chan vs go" 0 '"go_chan_ns": .*"ratio_vs_go": ' \
        "$gorsim" bench chan --json --runs 1 -n 1000
    expect "bench mark vs go" 0 '"go_mark_mb_per_s": .*"ratio_vs_go": ' \
        "$gorsim" bench mark --json --runs 1 -n 20000
    expect "bench map vs go" 0 '"insert_nohint_ns": .*"go_insert_nohint_ns": .*"ratio_vs_go_nohint": .*"go_insert_hint_ns": .*"go_lookup_ns": .*"slowdown_nohint": .*"go_slowdown_nohint": ' \
        "$gorsim" bench map --json --runs 1 -n 20000
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

# The collector's demo: Go's gctrace format (the pattern is written from Go 1.19's print
# statement in gcMarkTermination; with go on PATH a real Go's lines must match it too),
# byte-identical output in the virtual engine, and options only it takes.
GCTRACE_RE='^gc [0-9]+ @[0-9]+\.[0-9]{3}s [0-9]+%: [0-9.]+\+[0-9.]+\+[0-9.]+ ms clock, [0-9.]+\+[0-9.]+/[0-9.]+/[0-9.]+\+[0-9.]+ ms cpu, [0-9]+->[0-9]+->[0-9]+ MB, [0-9]+ MB goal, [0-9]+ MB stacks, [0-9]+ MB globals, [0-9]+ P( \(forced\))?$'
gctrace_ok() { # FILE: at least 3 gctrace lines, all in Go's format
    n=$(grep -c '^gc [0-9]' "$1"); bad=$(grep '^gc [0-9]' "$1" | grep -Evc "$GCTRACE_RE")
    [ "$n" -ge 3 ] && [ "$bad" -eq 0 ]
}
"$gorsim" demo gc >"$tmp/g1" 2>&1 && "$gorsim" demo gc --procs 1 --seed 1 >"$tmp/g2" 2>&1
if gctrace_ok "$tmp/g1"; then pass "demo gc gctrace format"; else fail "demo gc gctrace format"; cat "$tmp/g1"; fi
if cmp -s "$tmp/g1" "$tmp/g2"; then pass "demo gc deterministic"; else fail "demo gc deterministic"; fi
expect "demo gc summary" 0 "mark CPU .* assists [0-9]* %" "$gorsim" demo gc --procs 2
expect "demo gc dijkstra" 0 "barrier dijkstra" "$gorsim" demo gc --barrier dijkstra --checkmark
expect "demo gc gogc off" 0 "GOGC off" "$gorsim" demo gc --gogc off
expect "demo gc threads" 0 "^gc 3 " "$gorsim" demo gc --engine threads --procs 2
expect "demo gc bad barrier" 1 "--barrier takes hybrid, dijkstra, yuasa or none" \
    "$gorsim" demo gc --barrier fast
expect "demo gc bad gogc" 1 "--gogc takes an integer from 0 to 100000, or off" \
    "$gorsim" demo gc --gogc -5
expect "demo preempt gc option" 1 "apply to demo gc" "$gorsim" demo preempt --checkmark
if command -v go >/dev/null 2>&1 && [ -f "${top_srcdir:-.}/bench/go/main.go" ]; then
    if (cd "${top_srcdir:-.}/bench/go" && go build -o "$tmp/gobench" .) >"$tmp/gobuild" 2>&1 &&
        GODEBUG=gctrace=1 "$tmp/gobench" -bench markchild -n 200000 -runs 3 2>"$tmp/gotrace" &&
        gctrace_ok "$tmp/gotrace"; then
        pass "Go 1.19's own gctrace lines match the pattern"
    else
        fail "Go 1.19's own gctrace lines match the pattern"; cat "$tmp/gobuild" "$tmp/gotrace"
    fi
else
    echo "SKIP: Go's gctrace vs the pattern (go not on PATH)"
fi

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
