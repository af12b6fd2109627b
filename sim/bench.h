/*
 * bench.h — what `gorsim bench` runs: each benchmark is a main goroutine that measures n
 * operations and leaves its figure in a bench_ctx (bench.c drives them; bench_gc.c holds
 * the heap's).
 */
#ifndef GORSIM_SIM_BENCH_H
#define GORSIM_SIM_BENCH_H

#include "gorsim.h"

typedef struct bench_ctx {
    long long n;
    double value;         /* result of this run: ns per op, or MB/s for rates */
    gc_heap *h;           /* the benchmarks of the heap get one, made before the run */
    map_ctx *mc;          /* and those of maps a map context */
} bench_ctx;

/* alloc: n allocations of a 32-byte object with two pointers, each stored to a global (Go's
   `sink = &node{}`), collector on: ns per allocation. */
void sim_bench_alloc_main(void *arg);
/* mark: a binary tree and a linked list of n 32-byte nodes each, marked by one worker
   (GOMAXPROCS 1, runtime.GC with the caller waiting): MB of heap shape per second of
   mark CPU. */
void sim_bench_mark_main(void *arg);
/* The heap shape's bytes for n (both sides compute it the same way). */
double sim_bench_mark_shape_bytes(long long n);

/* map (bench_map.c): make + n int64->int64 inserts of keys 0..n-1, without a hint and
   with hint n, after a runtime.GC; and n lookups of present keys: ns per operation. */
void sim_bench_map_insert_nohint_main(void *arg);
void sim_bench_map_insert_hint_main(void *arg);
void sim_bench_map_lookup_main(void *arg);

#endif
