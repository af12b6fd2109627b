/*
 * check_gc.c — the heap allocator: Go 1.19's size classes, allocation from per-P caches in
 * both engines, large objects, interior-pointer lookup, fixed addresses, counters, and the
 * heap cap. Runtime tests run in both engines (loop index = engine).
 */
#include "gc/gc_internal.h"
#include "tests/testutil.h"
#include <stdlib.h>

/* ---------------------------------------------------------------- size classes */

/* Objects per span and tail waste of classes 1..67, from Go's sizeclasses.go (the reference
   table in go119-runtime.md §2.2). The class table in gc/sizeclass.c holds only sizes and
   pages; these columns are derived there and checked here. */
static const struct {
    int objs, tail;
} go_classes[68] = {
    {0, 0},     {1024, 0}, {512, 0}, {341, 8}, {256, 0}, {170, 32}, {128, 0}, {102, 32},
    {85, 32},   {73, 16},  {64, 0},  {56, 128}, {51, 32}, {46, 96}, {42, 128}, {39, 80},
    {36, 128},  {34, 32},  {32, 0},  {28, 128}, {25, 192}, {23, 96}, {21, 128}, {19, 288},
    {18, 128},  {17, 32},  {16, 0},  {14, 128}, {12, 512}, {11, 448}, {10, 512}, {9, 128},
    {8, 0},     {7, 128},  {6, 512}, {11, 896}, {5, 512}, {9, 256}, {4, 0}, {7, 256},
    {3, 128},   {8, 0},    {5, 384}, {7, 384}, {2, 0}, {5, 256}, {3, 256}, {4, 0},
    {5, 128},   {6, 256},  {7, 768}, {1, 0}, {6, 512}, {5, 512}, {4, 0}, {3, 128},
    {2, 0},     {3, 256},  {4, 0},   {1, 0}, {4, 0}, {3, 128}, {2, 0}, {3, 256},
    {1, 0},     {3, 128},  {2, 0},   {1, 0},
};

START_TEST(test_size_classes_match_go)
{
    for (int c = 1; c < GC_NUM_CLASSES; c++) {
        size_t span = (size_t)gc_class_pages(c) * GC_PAGE_BYTES;
        ck_assert_msg((int)gc_class_objects(c) == go_classes[c].objs, "class %d objs", c);
        ck_assert_msg((int)(span - gc_class_objects(c) * gc_class_size(c)) == go_classes[c].tail,
                      "class %d tail", c);
        ck_assert_uint_gt(gc_class_size(c), gc_class_size(c - 1));
    }
    ck_assert_uint_eq(gc_class_size(GC_NUM_CLASSES - 1), GC_MAX_SMALL);
    ck_assert_uint_eq(gc_class_size(0), 0);
    ck_assert_uint_eq(gc_class_size(GC_NUM_CLASSES), 0);
}
END_TEST

START_TEST(test_size_to_class_is_smallest_fit)
{
    for (size_t n = 1; n <= GC_MAX_SMALL; n++) {
        int c = gc_size_class(n);
        ck_assert_msg(c > 0 && gc_class_size(c) >= n, "size %zu -> class %d", n, c);
        ck_assert_msg(c == 1 || gc_class_size(c - 1) < n, "size %zu: class %d not smallest", n, c);
        ck_assert_uint_eq(gc_roundup_size(n), gc_class_size(c));
    }
    ck_assert_int_eq(gc_size_class(GC_MAX_SMALL + 1), 0);
    ck_assert_uint_eq(gc_roundup_size(GC_MAX_SMALL + 1), GC_MAX_SMALL + GC_PAGE_BYTES);
    ck_assert_uint_eq(gc_roundup_size(100000), 13 * GC_PAGE_BYTES);
}
END_TEST

/* ---------------------------------------------------------------- allocation */

typedef struct node {
    struct node *next;     /* word 0: pointer */
    struct node *other;    /* word 1: pointer */
    uint64_t value;
    uint64_t pad;
} node;
static const uint8_t node_mask[] = {0x3}; /* next, other: words 0 and 1 */
static const gc_type node_t = {32, 16, node_mask, "main.node"};
static const gc_type bytes_t = {1, 0, NULL, "uint8"};

typedef struct alloc_env {
    gc_heap *h;
    rt_waitgroup wg;
    long bad;
    void *objs[4][500];
    size_t sizes[4][500];
} alloc_env;

typedef struct allocator {
    alloc_env *e;
    int idx;
} allocator;

static size_t size_for(int i) { return 1 + (size_t)(i * 97) % 3000; }

static void allocate_many(void *arg)
{
    allocator *a = arg;
    alloc_env *e = a->e;
    for (int i = 0; i < 500; i++) {
        size_t n = size_for(i);
        unsigned char *p = i % 2 ? gc_alloc_array(e->h, &bytes_t, n) : gc_alloc(e->h, &node_t);
        size_t size = i % 2 ? n : node_t.size;
        long bad = 0;
        for (size_t k = 0; k < size; k++)
            bad += p[k] != 0; /* zeroed */
        __atomic_add_fetch(&e->bad, bad, __ATOMIC_SEQ_CST);
        memset(p, a->idx + 1, size);
        e->objs[a->idx][i] = p;
        e->sizes[a->idx][i] = size;
        if (i % 50 == 0)
            rt_gosched(); /* interleave the allocators */
    }
    rt_waitgroup_done(&e->wg);
}

static void alloc_main(void *arg)
{
    alloc_env *e = arg;
    allocator as[4];
    rt_waitgroup_add(&e->wg, 4);
    for (int i = 0; i < 4; i++) {
        as[i] = (allocator){e, i};
        rt_go(allocate_many, &as[i]);
    }
    rt_waitgroup_wait(&e->wg);
}

/* alignment returns Go's guaranteed alignment of a slot: the largest power of two dividing
   the class size, at most the page size. */
static uintptr_t alignment(size_t slot)
{
    uintptr_t a = slot & -slot;
    return a > GC_PAGE_BYTES ? GC_PAGE_BYTES : a;
}

START_TEST(test_alloc_from_per_p_caches)
{
    rt_sched *s = new_sched(ENGINE(_i), 2);
    alloc_env *e = calloc(1, sizeof *e);
    e->h = gc_heap_new(s, NULL);
    ck_assert_ptr_nonnull(e->h);
    ck_assert_int_eq(rt_sched_run(s, alloc_main, e), 0);
    ck_assert_int_eq(e->bad, 0);
    size_t total = 0;
    for (int g = 0; g < 4; g++)
        for (int i = 0; i < 500; i++) {
            unsigned char *p = e->objs[g][i];
            size_t size = e->sizes[g][i];
            gc_object o;
            ck_assert(gc_find_object(e->h, p + size - 1, &o)); /* interior pointer */
            ck_assert_ptr_eq(o.base, p);
            ck_assert_uint_eq(o.size, gc_roundup_size(size));
            ck_assert_uint_eq((uintptr_t)p % alignment(o.size), 0);
            ck_assert_int_eq(o.noscan, i % 2 == 1);
            ck_assert_ptr_eq(o.type, i % 2 ? &bytes_t : &node_t);
            ck_assert_uint_eq(o.count, i % 2 ? size : 1);
            for (size_t k = 0; k < size; k++) /* nobody else wrote into it: no overlap */
                ck_assert_int_eq(p[k], g + 1);
            total += o.size;
        }
    gc_stats st;
    gc_read_stats(e->h, &st);
    ck_assert_uint_eq(st.mallocs, 2000);
    ck_assert_uint_eq(st.total_alloc, total);
    ck_assert_uint_eq(st.heap_objects, 2000);
    ck_assert_uint_ge(st.heap_inuse, total);
    ck_assert_uint_eq(st.heap_sys % GC_ARENA_BYTES, 0);
    for (int c = 0; c < GC_NUM_SPAN_CLASSES; c++) /* INV-ALLOCBITS on every span */
        for (int ix = 0; ix < 2; ix++)
            for (gc_span *sp = e->h->central[c].full[ix]; sp; sp = sp->next)
                ck_assert(gc__span_verify(sp));
    ck_assert(gc_verify(e->h));
    gc_heap_free(e->h);
    rt_sched_free(s);
    free(e);
}
END_TEST

/* ---------------------------------------------------------------- large, zero, lookup */

typedef struct large_env {
    gc_heap *h;
    char *big, *small;
    void *zero1, *zero2;
    int outside;
    node **huge;           /* larger than an arena: its pages cross arena boundaries */
    bool huge_kept;
} large_env;

enum { HUGE_N = 10 * 1000 * 1000 }; /* 80 MB of pointers */
static const uint8_t huge_mask[] = {0x1};
static const gc_type huge_elem_t = {8, 8, huge_mask, "*main.node"};

static void large_main(void *arg)
{
    large_env *e = arg;
    e->big = gc_alloc_noscan(e->h, 100000);
    e->small = gc_alloc_noscan(e->h, 24);
    e->zero1 = gc_alloc_noscan(e->h, 0);
    e->zero2 = gc_alloc_array(e->h, &node_t, 0);
    static char not_heap;
    gc_object o;
    e->outside = gc_find_object(e->h, &not_heap, &o) + gc_find_object(e->h, NULL, &o);
}

static void huge_main(void *arg)
{
    large_env *e = arg;
    gc_object o;
    /* an object of more than one arena: its last element keeps a node alive through a
       collection (marking scans across the arena boundary) */
    node **huge = gc_alloc_array(e->h, &huge_elem_t, HUGE_N);
    node *n = gc_alloc(e->h, &node_t);
    n->value = 4242;
    gc_write_ptr(e->h, &huge[HUGE_N - 1], n);
    n = NULL;
    gc_collect(e->h);
    e->huge_kept = huge[HUGE_N - 1]->value == 4242 &&
                   gc_find_object(e->h, huge[HUGE_N - 1], &o) && o.base == huge[HUGE_N - 1];
    e->huge = huge;
}

START_TEST(test_large_objects_and_lookup)
{
    rt_sched *s = new_sched(ENGINE(_i), 1);
    large_env e = {0};
    e.h = gc_heap_new(s, NULL);
    ck_assert_int_eq(rt_sched_run(s, large_main, &e), 0);
    gc_object o;
    ck_assert((uintptr_t)e.big % GC_PAGE_BYTES == 0);
    ck_assert(gc_find_object(e.h, e.big + 99999, &o));
    ck_assert_ptr_eq(o.base, e.big);
    ck_assert_int_eq(o.size_class, 0);
    ck_assert_uint_eq(o.size, 13 * GC_PAGE_BYTES);
    ck_assert(!gc_find_object(e.h, e.big + 13 * GC_PAGE_BYTES, &o) ||
              o.base != e.big); /* one past the end is not the big object */
    ck_assert(gc_find_object(e.h, e.small, &o));
    ck_assert(!gc_find_object(e.h, e.small + 24, &o)); /* the next, unallocated slot */
    ck_assert_ptr_eq(e.zero1, e.zero2); /* zero-size objects share one address */
    ck_assert_int_eq(e.outside, 0);
    ck_assert(gc_verify(e.h));
    gc_heap_free(e.h);
    rt_sched_free(s);
}
END_TEST

START_TEST(test_objects_larger_than_an_arena)
{
    rt_sched *s = new_sched(ENGINE(_i), 1);
    large_env e = {0};
    e.h = gc_heap_new(s, NULL);
    ck_assert_int_eq(rt_sched_run(s, huge_main, &e), 0);
    gc_object o;
    ck_assert(e.huge_kept);
    ck_assert(gc_find_object(e.h, (char *)(e.huge + HUGE_N) - 1, &o));
    ck_assert_ptr_eq(o.base, e.huge);
    ck_assert_uint_gt(o.size, GC_ARENA_BYTES);
    ck_assert(gc_verify(e.h));
    gc_heap_free(e.h);
    rt_sched_free(s);
}
END_TEST

/* ---------------------------------------------------------------- fixed addresses */

static void first_object(void *arg)
{
    void **out = arg;
    gc_heap *h = out[1];
    out[0] = gc_alloc(h, &node_t);
}

START_TEST(test_layout_is_reproducible)
{
    void *first[2];
    for (int k = 0; k < 2; k++) {
        rt_config cfg;
        rt_config_init(&cfg);
        rt_sched *s = rt_sched_new(&cfg);
        void *io[2] = {NULL, gc_heap_new(s, NULL)};
        ck_assert_int_eq(rt_sched_run(s, first_object, io), 0);
        first[k] = io[0];
        gc_heap_free(io[1]);
        rt_sched_free(s);
    }
    ck_assert_ptr_eq(first[0], first[1]);
#if !GORSIM_TSAN && !GORSIM_ASAN /* their shadow memory covers Go's hint */
    ck_assert_ptr_eq(first[0], (void *)0xc000000000ull); /* Go's arena hint, when free */
#endif
}
END_TEST

/* ---------------------------------------------------------------- the cap */

static void exhaust(void *arg)
{
    gc_heap *h = arg;
    for (int i = 0; i < 200; i++)
        gc_alloc_noscan(h, 1 << 20);
}


/* With the collector on, 200 MiB of garbage fits in a 64 MiB heap: the pacer starts
   cycles as the heap grows and the sweeps hand the memory back. */
START_TEST(test_garbage_is_collected_under_the_cap)
{
    rt_sched *s = new_sched(ENGINE(_i), 1);
    gc_config gcfg;
    gc_config_init(&gcfg);
    gcfg.max_heap_bytes = 64u << 20;
    gc_heap *h = gc_heap_new(s, &gcfg);
    ck_assert_int_eq(rt_sched_run(s, exhaust, h), 0);
    gc_stats st;
    gc_read_stats(h, &st);
    ck_assert_uint_ge(st.num_gc, 10);
    ck_assert_uint_eq(st.num_forced_gc, 0);
    ck_assert_uint_ge(st.frees, 150);
    ck_assert(gc_verify(h));
    gc_heap_free(h);
    rt_sched_free(s);
}
END_TEST

START_TEST(test_heap_cap_is_out_of_memory)
{
    rt_sched *s = new_sched(ENGINE(_i), 1);
    gc_config gcfg;
    gc_config_init(&gcfg);
    gcfg.max_heap_bytes = 64u << 20;
    gcfg.gogc = GC_GOGC_OFF; /* nothing collects the garbage */
    gc_heap *h = gc_heap_new(s, &gcfg);
    ck_assert_int_eq(rt_sched_run(s, exhaust, h), 2);
    ck_assert_str_eq(rt_sched_fatal_message(s), "out of memory");
    gc_stats st;
    gc_read_stats(h, &st);
    ck_assert_uint_le(st.heap_inuse, 64u << 20);
    ck_assert_uint_eq(st.heap_sys, 64u << 20);
    ck_assert(gc_verify(h));
    gc_heap_free(h);
    rt_sched_free(s);
}
END_TEST

/* ---------------------------------------------------------------- collection */


static const uint8_t ptr_mask[] = {0x1};
static const gc_type ptr_t = {8, 8, ptr_mask, "*main.node"};

enum { CHAIN = 100, GARBAGE = 1000 };

typedef struct collect_env {
    gc_heap *h;
    node *global;              /* a registered root */
    rt_chan *park;             /* where the stack holder waits */
    rt_waitgroup ready, done, done_garbage;
    uintptr_t *garbage;        /* malloc'd (not a root), addresses XOR-hidden */
    long reused;
    uint64_t frees_after_first;
    uint64_t inuse_before, inuse_after;
    long chain_ok, frame_ok, stack_ok;
} collect_env;

static const uintptr_t HIDE = 0x5a5a5a5a5a5a5a5aull;

static node *new_node(gc_heap *h, uint64_t v)
{
    node *n = gc_alloc(h, &node_t);
    n->value = v;
    return n;
}

/* hold_on_stack keeps its node only in a C local while it waits: a conservative root. */
static void hold_on_stack(void *arg)
{
    collect_env *e = arg;
    node *volatile mine = new_node(e->h, 4242);
    rt_waitgroup_done(&e->ready);
    rt_chan_recv(e->park, NULL);
    e->stack_ok = mine->value == 4242;
    rt_waitgroup_done(&e->done);
}

/* make_garbage allocates nodes nothing refers to once it returns (its stack is dead). */
static void make_garbage(void *arg)
{
    collect_env *e = arg;
    for (int i = 0; i < GARBAGE; i++)
        e->garbage[i] = (uintptr_t)new_node(e->h, (uint64_t)i) ^ HIDE;
    rt_waitgroup_done(&e->done_garbage);
}

static void collect_main(void *arg)
{
    collect_env *e = arg;
    /* a chain from the global root, each node also pointing back at the head */
    for (int i = 0; i < CHAIN; i++) {
        node *n = new_node(e->h, (uint64_t)i);
        gc_write_ptr(e->h, &n->next, e->global);
        gc_write_ptr(e->h, &n->other, n->next ? n->next->other : n);
        gc_write_ptr(e->h, &e->global, n);
    }
    node *framed = new_node(e->h, 777);
    gc_frame f = {.slots = (void **)&framed, .n = 1};
    gc_frame_push(e->h, &f);
    framed = (node *)((uintptr_t)framed); /* only the frame slot needs to keep it */
    rt_waitgroup_add(&e->ready, 1);
    rt_waitgroup_add(&e->done, 1);
    rt_waitgroup_add(&e->done_garbage, 1);
    rt_go(hold_on_stack, e);
    rt_go(make_garbage, e);
    rt_waitgroup_wait(&e->ready);
    rt_waitgroup_wait(&e->done_garbage);
    while (rt_num_goroutine(rt_self_sched()) > 2) /* until make_garbage's stack is dead */
        rt_sleep(10 * US);
    gc_stats before;
    gc_read_stats(e->h, &before);
    e->inuse_before = before.heap_inuse;
    for (int cycle = 0; cycle < 5; cycle++) {
        gc_collect(e->h);
        if (cycle == 0) {
            gc_stats st;
            gc_read_stats(e->h, &st);
            e->frees_after_first = st.frees;
        }
    }
    long i = CHAIN - 1;
    for (node *n = e->global; n; n = n->next, i--)
        e->chain_ok += n->value == (uint64_t)i && n->other->value == 0;
    e->frame_ok = framed->value == 777;
    gc_frame_pop(e->h, &f);
    for (int k = 0; k < GARBAGE; k++) { /* freed slots are handed out again */
        uintptr_t p = (uintptr_t)new_node(e->h, 1);
        for (int j = 0; j < GARBAGE; j++)
            if ((e->garbage[j] ^ HIDE) == p) {
                e->reused++;
                break;
            }
    }
    gc_stats after;
    gc_read_stats(e->h, &after);
    e->inuse_after = after.heap_inuse;
    rt_chan_close(e->park);
    rt_waitgroup_wait(&e->done);
}

/* The collection tests run four ways: each engine (_i % 2), plain and under stress mode
   with checkmark (_i / 2: a cycle every 100 allocations, each mark verified). */
#define STRESSED(i) ((i) / 2 != 0)
static gc_heap *collect_heap(rt_sched *s, int i)
{
    gc_config c;
    gc_config_init(&c);
    if (STRESSED(i)) {
        c.stress_every = 100;
        c.checkmark = true;
    }
    gc_heap *h = gc_heap_new(s, &c);
    ck_assert_ptr_nonnull(h);
    return h;
}

START_TEST(test_collect_keeps_roots_frees_garbage)
{
    rt_sched *s = new_sched(ENGINE(_i % 2), 2);
    collect_env *e = calloc(1, sizeof *e);
    e->h = collect_heap(s, _i);
    e->park = rt_chan_new(0, 0);
    e->garbage = calloc(GARBAGE, sizeof *e->garbage);
    ck_assert(gc_root_add(e->h, &e->global, &ptr_t));
    ck_assert_int_eq(rt_sched_run(s, collect_main, e), 0);
    ck_assert_int_eq(e->chain_ok, CHAIN);  /* global root and heap pointers */
    ck_assert_int_eq(e->frame_ok, 1);      /* precise frame */
    ck_assert_int_eq(e->stack_ok, 1);      /* conservative stack */
    ck_assert_uint_eq(e->frees_after_first, GARBAGE);
    /* the same number of nodes again fits in the memory the garbage left: no growth, and
       most land exactly where garbage was (the rest in never-used slots of kept spans) —
       without cycles of its own in between: under stress, sweeping interleaves */
    if (!STRESSED(_i)) {
        ck_assert_uint_le(e->inuse_after, e->inuse_before);
        ck_assert_int_ge(e->reused, GARBAGE / 2);
    }
    gc_stats st;
    gc_read_stats(e->h, &st);
    if (STRESSED(_i))
        ck_assert_uint_gt(st.num_gc, 5);
    else
        ck_assert_uint_eq(st.num_gc, 5);
    ck_assert_uint_eq(st.checkmark_lost, 0);
    ck_assert_uint_eq(st.heap_objects, st.mallocs - st.frees);
    ck_assert(gc_verify(e->h));
    gc_heap_free(e->h);
    rt_sched_free(s);
    rt_chan_free(e->park);
    free(e->garbage);
    free(e);
}
END_TEST

/* Large objects: kept while reachable, their pages returned when not. The garbage is made
   by goroutines that have exited before each collection: a dead stack is not scanned, while
   a live frame may still hold a stale copy of a dropped pointer (conservative scanning). */
static void large_garbage(void *arg) { gc_alloc_noscan(arg, 200000); }

static void large_cycle(void *arg)
{
    gc_heap *h = arg;
    char *keep = gc_alloc_noscan(h, 200000);
    keep[199999] = 7;
    for (int i = 0; i < 50; i++) { /* 50 x 200 KB of garbage, each freed by the next cycle */
        rt_go(large_garbage, h);
        while (rt_num_goroutine(rt_self_sched()) > 1)
            rt_sleep(10 * US);
        gc_collect(h);
    }
    gc_stats st;
    gc_read_stats(h, &st);
    ck_assert_int_eq(keep[199999], 7);
    ck_assert_uint_eq(st.frees, 50);
    ck_assert_uint_lt(st.heap_inuse, 3 * 200000 + 64 * GC_PAGE_BYTES);
}

START_TEST(test_collect_frees_large_objects)
{
    rt_sched *s = new_sched(ENGINE(_i % 2), 1);
    gc_heap *h = collect_heap(s, _i);
    ck_assert_int_eq(rt_sched_run(s, large_cycle, h), 0);
    ck_assert(gc_verify(h));
    gc_heap_free(h);
    rt_sched_free(s);
}
END_TEST

/* ---------------------------------------------------------------- virtual time */

typedef struct cost_env {
    gc_heap *h;
    int64_t alloc_ns, small_gc_ns, big_gc_ns;
    node *keep;
} cost_env;

static void cost_main(void *arg)
{
    cost_env *e = arg;
    int64_t t0 = rt_now();
    for (int i = 0; i < 1000; i++)
        gc_alloc(e->h, &node_t);
    e->alloc_ns = rt_now() - t0;
    t0 = rt_now();
    gc_collect(e->h); /* nothing live */
    e->small_gc_ns = rt_now() - t0;
    for (int i = 0; i < 5000; i++) { /* a live list of 5000 nodes */
        node *n = gc_alloc(e->h, &node_t);
        n->next = e->keep;
        e->keep = n;
    }
    t0 = rt_now();
    gc_collect(e->h);
    e->big_gc_ns = rt_now() - t0;
}

START_TEST(test_virtual_time_charges_heap_work)
{
    rt_cost_model *cm = rt_cost_model_new();
    ck_assert(gc_register_costs(cm));
    ck_assert(gc_register_costs(cm)); /* idempotent */
    ck_assert_int_eq(rt_cost_set(cm, "gc.alloc", 100), RT_OK);
    rt_config cfg;
    rt_config_init(&cfg);
    cfg.costs = cm;
    rt_sched *s = rt_sched_new(&cfg);
    cost_env e = {0};
    e.h = gc_heap_new(s, NULL);
    ck_assert(gc_root_add(e.h, &e.keep, &ptr_t));
    ck_assert_int_eq(rt_sched_run(s, cost_main, &e), 0);
    /* 1000 objects at the file's 100 ns, plus 4 span refills (256 per span) at 300 ns */
    ck_assert_int_eq(e.alloc_ns, 1000 * 100 + 4 * 300);
    /* a collection lasts as long as its work: 5000 live nodes cost more than none */
    ck_assert_int_gt(e.big_gc_ns, e.small_gc_ns + 5000 * 15);
    gc_heap_free(e.h);
    rt_sched_free(s);
    rt_cost_model_free(cm);
}
END_TEST

/* The verifier must also fail: break each invariant by hand and see it caught. */
static void one_alloc(void *arg)
{
    gc_alloc(arg, &node_t);
    gc_alloc_noscan(arg, 100000);
}

START_TEST(test_verify_catches_broken_invariants)
{
    rt_config cfg;
    rt_config_init(&cfg);
    rt_sched *s = rt_sched_new(&cfg);
    gc_heap *h = gc_heap_new(s, NULL);
    ck_assert_int_eq(rt_sched_run(s, one_alloc, h), 0);
    ck_assert(gc_verify(h));
    gc_mcache *c = &gc__p(h, 0)->mcache;
    gc_span *sp = c->alloc[gc__span_class(gc_size_class(32), false)];
    sp->alloc_count++; /* INV-ALLOCBITS */
    ck_assert(!gc_verify(h));
    sp->alloc_count--;
    sp->state = GC_SPAN_FULL; /* INV-ONE-HOME */
    ck_assert(!gc_verify(h));
    sp->state = GC_SPAN_CACHED;
    h->heap_inuse += GC_PAGE_BYTES; /* accounting */
    ck_assert(!gc_verify(h));
    h->heap_inuse -= GC_PAGE_BYTES;
    gc_span **list = &h->large[gc__swept_ix(h->sweepgen)];
    gc_span *large = *list; /* INV-PAGEMAP: a span nobody owns */
    ck_assert_ptr_nonnull(large);
    *list = NULL;
    ck_assert(!gc_verify(h));
    *list = large;
    ck_assert(gc_verify(h));
    gc_heap_free(h);
    rt_sched_free(s);
}
END_TEST

/* Pauses are recorded as Go's MemStats records them: a ring of 256, newest at
   (NumGC + 255) % 256, and their total. */
typedef struct pause_env {
    gc_heap *h;
    node *keep;
    int64_t spans[3];
} pause_env;

static void pause_main(void *arg)
{
    pause_env *e = arg;
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < 1000 * (k + 1); i++) { /* more live data each cycle */
            node *n = gc_alloc(e->h, &node_t);
            n->next = e->keep;
            e->keep = n;
        }
        int64_t t0 = rt_now();
        gc_collect(e->h);
        e->spans[k] = rt_now() - t0;
    }
}

START_TEST(test_pauses_are_recorded_as_memstats)
{
    rt_sched *s = new_sched(ENGINE(_i), 2);
    pause_env e = {0};
    e.h = gc_heap_new(s, NULL);
    ck_assert(gc_root_add(e.h, &e.keep, &ptr_t));
    ck_assert_int_eq(rt_sched_run(s, pause_main, &e), 0);
    gc_stats st;
    gc_read_stats(e.h, &st);
    ck_assert_uint_eq(st.num_gc, 3);
    ck_assert_uint_eq(st.num_forced_gc, 3);
    ck_assert_uint_eq(st.pause_total_ns, st.pause_ns[0] + st.pause_ns[1] + st.pause_ns[2]);
    ck_assert_uint_eq(st.pause_ns[(st.num_gc + 255) % 256], st.pause_ns[2]); /* newest */
    ck_assert_uint_eq(st.pause_ns[3], 0);
    for (int k = 0; k < 3; k++) {
        ck_assert_uint_gt(st.pause_ns[k], 0);
        ck_assert_uint_le(st.pause_ns[k], (uint64_t)e.spans[k]); /* within the call */
    }
    ck_assert_uint_gt(st.pause_end[1], st.pause_end[0]);
    ck_assert_uint_gt(st.pause_end[2], st.pause_end[1]);
    if (ENGINE(_i) == RT_ENGINE_VIRTUAL) { /* marking is concurrent: the cycle grows with
                                              what is live, the pauses do not */
        ck_assert_int_gt(e.spans[2] - e.spans[0], 20000);
        ck_assert_uint_le(st.pause_ns[2], st.pause_ns[0] + 1000);
    }
    ck_assert(gc_verify(e.h));
    gc_heap_free(e.h);
    rt_sched_free(s);
}
END_TEST

static Suite *gc_suite(void)
{
    Suite *s = suite_create("gc");
    TCase *tc = tcase_create("sizeclass");
    tcase_add_test(tc, test_size_classes_match_go);
    tcase_add_test(tc, test_size_to_class_is_smallest_fit);
    suite_add_tcase(s, tc);
    tc = tcase_create("alloc");
    tcase_set_timeout(tc, 60);
    add_both(tc, test_alloc_from_per_p_caches);
    add_both(tc, test_large_objects_and_lookup);
    add_both(tc, test_objects_larger_than_an_arena);
    tcase_add_test(tc, test_layout_is_reproducible);
    add_both(tc, test_heap_cap_is_out_of_memory);
    add_both(tc, test_garbage_is_collected_under_the_cap);
    suite_add_tcase(s, tc);
    tc = tcase_create("collect");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_collect_keeps_roots_frees_garbage, 0, 4);
    tcase_add_loop_test(tc, test_collect_frees_large_objects, 0, 4);
    tcase_add_test(tc, test_virtual_time_charges_heap_work);
    tcase_add_test(tc, test_verify_catches_broken_invariants);
    add_both(tc, test_pauses_are_recorded_as_memstats);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(gc_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
