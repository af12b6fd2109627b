/*
 * bench_map.c — the classic map's benchmarks (`gorsim bench map`), with the shapes of
 * bench/go's: make + n int64->int64 inserts of keys 0..n-1 without a hint and with hint n
 * (after a runtime.GC, collector on, as Go's), and n lookups of present keys.
 */
#include "config.h"
#include "sim/bench.h"
#include "sim/stats.h"

static const gc_type int64_type = {8, 0, NULL, "int64"};

static bool int64_map(bench_ctx *bc, map_type *t)
{
    return map_type_init(t, bc->mc, &int64_type, MAP_KEY_MEM, &int64_type);
}

static hmap *fill(const map_type *t, int64_t hint, long long n)
{
    hmap *m = hmap_make(t, hint);
    for (int64_t i = 0; i < n; i++)
        hmap_store(t, m, &i, &i);
    return m;
}

static void insert(bench_ctx *bc, int64_t hint)
{
    map_type t;
    if (!int64_map(bc, &t))
        rt_fatal("bench: map type");
    gc_collect(bc->h); /* start from a swept heap, as the Go side does */
    double t0 = sim_mono_ns();
    hmap *m = fill(&t, hint, bc->n);
    bc->value = (sim_mono_ns() - t0) / (double)bc->n;
    if (hmap_len(m) != bc->n)
        rt_fatal("bench: %lld entries after %lld inserts", (long long)hmap_len(m), bc->n);
}

void sim_bench_map_insert_nohint_main(void *arg) { insert(arg, 0); }
void sim_bench_map_insert_hint_main(void *arg)
{
    bench_ctx *bc = arg;
    insert(bc, bc->n);
}

void sim_bench_map_lookup_main(void *arg)
{
    bench_ctx *bc = arg;
    map_type t;
    if (!int64_map(bc, &t))
        rt_fatal("bench: map type");
    hmap *m = fill(&t, 0, bc->n);
    gc_collect(bc->h);
    int64_t sum = 0;
    double t0 = sim_mono_ns();
    for (int64_t i = 0; i < bc->n; i++) {
        const int64_t *v = hmap_access(&t, m, &i);
        sum += *v;
    }
    bc->value = (sim_mono_ns() - t0) / (double)bc->n;
    if (sum != (int64_t)bc->n * (bc->n - 1) / 2)
        rt_fatal("bench: lookups summed %lld", (long long)sum);
}
