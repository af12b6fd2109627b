/*
 * bench_gc.c — the heap's benchmarks (`gorsim bench alloc`, `gorsim bench mark`), with the
 * same shapes as bench/go's: allocation of small pointerful objects with the collector on,
 * and single-worker mark throughput on binary trees and linked lists.
 */
#include "config.h"
#include "sim/bench.h"
#include "sim/stats.h"

typedef struct tnode {
    struct tnode *left, *right;
    int64_t a, b;
} tnode;
static const uint8_t two_ptrs[] = {0x3};
static const gc_type tnode_t = {sizeof(tnode), 16, two_ptrs, "main.tnode"};

typedef struct lnode {
    struct lnode *next;
    int64_t a, b, c;
} lnode;
static const uint8_t one_ptr[] = {0x1};
static const gc_type lnode_t = {sizeof(lnode), 8, one_ptr, "main.lnode"};
static const gc_type ptr_t = {8, 8, one_ptr, "*main.tnode"};

static void *sink;

void sim_bench_alloc_main(void *arg)
{
    bench_ctx *bc = arg;
    gc_heap *h = bc->h;
    if (!gc_root_add(h, &sink, &ptr_t))
        rt_fatal("out of memory");
    for (int i = 0; i < 10000; i++) /* warm the caches and the first cycle's state */
        gc_write_ptr(h, &sink, gc_alloc(h, &tnode_t));
    double t0 = sim_mono_ns();
    for (long long i = 0; i < bc->n; i++)
        gc_write_ptr(h, &sink, gc_alloc(h, &tnode_t));
    bc->value = (sim_mono_ns() - t0) / (double)bc->n;
    gc_root_remove(h, &sink);
    sink = NULL;
}

double sim_bench_mark_shape_bytes(long long n) { return (double)n * 32.0 * 2; }

static tnode *tree(gc_heap *h, long long n)
{
    if (n <= 0)
        return NULL;
    tnode *t = gc_alloc(h, &tnode_t);
    long long left = (n - 1) / 2;
    gc_write_ptr(h, &t->left, tree(h, left));
    gc_write_ptr(h, &t->right, tree(h, n - 1 - left));
    return t;
}

static struct {
    tnode *tree;
    lnode *list;
} shape;
static const uint8_t shape_mask[] = {0x3};
static const gc_type shape_t = {16, 16, shape_mask, "main.shape"};

static uint64_t mark_ns(const gc_stats *st)
{
    return st->assist_ns + st->dedicated_ns + st->fractional_ns + st->idle_ns;
}

void sim_bench_mark_main(void *arg)
{
    bench_ctx *bc = arg;
    gc_heap *h = bc->h;
    if (!gc_root_add(h, &shape, &shape_t))
        rt_fatal("out of memory");
    gc_write_ptr(h, &shape.tree, tree(h, bc->n));
    for (long long i = 0; i < bc->n; i++) {
        lnode *l = gc_alloc(h, &lnode_t);
        gc_write_ptr(h, &l->next, shape.list);
        gc_write_ptr(h, &shape.list, l);
    }
    gc_collect(h); /* warm-up, as the Go side does */
    gc_stats a, b;
    gc_read_stats(h, &a);
    gc_collect(h);
    gc_read_stats(h, &b);
    double ns = (double)(mark_ns(&b) - mark_ns(&a));
    bc->value = ns > 0 ? sim_bench_mark_shape_bytes(bc->n) / 1e6 / (ns / 1e9) : -1;
    gc_root_remove(h, &shape);
    shape.tree = NULL;
    shape.list = NULL;
}
