#!/bin/sh
# cross_aarch64.sh — the runtime on aarch64, under qemu-user: builds runtime/ (with the
# aarch64 assembly context switch) and two programs with aarch64-linux-gnu-gcc, runs a
# workload in both engines and the stack-overflow path. Skipped (77) without the tools:
# apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user
set -u
src=${top_srcdir:-.}
cc=aarch64-linux-gnu-gcc
qemu=qemu-aarch64
if ! command -v $cc >/dev/null 2>&1 || ! command -v $qemu >/dev/null 2>&1; then
    echo "SKIP: $cc or $qemu not installed"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#define GORSIM_CTX_UCONTEXT 0\n#define GORSIM_DEBUG 2\n#define PACKAGE_VERSION "cross"\n' >"$tmp/config.h"
runtime=$(ls "$src"/runtime/*.c | grep -v ctx_ucontext.c)
build() { # build OUT MAIN.c
    $cc -O2 -static -I"$tmp" -I"$src" -DGORSIM_BUILDING -o "$tmp/$1" $runtime \
        "$src/runtime/ctx_aarch64.S" "$2" -lpthread 2>"$tmp/$1.log" || {
        echo "FAIL: building $1"; cat "$tmp/$1.log"; exit 1; }
}
build workload "$src/tests/xarch_workload.c"
build crasher "$src/tests/crasher.c"
fails=0
if $qemu "$tmp/workload"; then echo "PASS: aarch64 workload"; else echo "FAIL: aarch64 workload"; fails=1; fi
for e in virtual threads; do
    $qemu "$tmp/crasher" overflow $e >"$tmp/out" 2>&1
    rc=$?
    if [ $rc -eq 2 ] && grep -q "^fatal error: stack overflow" "$tmp/out"; then
        echo "PASS: aarch64 stack overflow ($e)"
    else
        echo "FAIL: aarch64 stack overflow ($e): exit $rc"; cat "$tmp/out"; fails=1
    fi
done
exit $fails
