/*
 * heap.c — the heap: creation (per-P state in a runtime P slot, per-G state in G slots,
 * the scheduler hooks), the public allocation calls (Go's mallocgc: assist first, small
 * objects through the P's mcache, large objects of their own pages, black while marking,
 * the heap trigger tested when a span was taken), and pointer-to-object lookup.
 */
#include "gc/gc_internal.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX_HEAP (64ull << 30)

static const rt_cost_entry cost_defaults[GC_COST_COUNT] = {GC_COSTS(RT_COST_ENTRY)};

bool gc_register_costs(rt_cost_model *cm)
{
    return rt_cost_define_all(cm, cost_defaults, GC_COST_COUNT);
}

void gc_config_init(gc_config *c)
{
    memset(c, 0, sizeof *c);
    c->gogc = 100;
    c->memory_limit = INT64_MAX;
    c->barrier = GC_BARRIER_HYBRID;
}

static void resolve_costs(gc_heap *h)
{
    for (int i = 0; i < GC_COST_COUNT; i++)
        if (!rt_sched_cost_get(h->s, cost_defaults[i].name, &h->cost[i]))
            h->cost[i] = cost_defaults[i].ns;
}

/* define_names registers the heap's trace event kinds and wait reasons with the runtime. */
static bool define_names(gc_heap *h)
{
    rt_sched *s = h->s;
    struct { int *id; const char *name; } kinds[] = {
        {&h->ev_gc_start, "GCStart"},         {&h->ev_gc_done, "GCDone"},
        {&h->ev_stw_start, "GCSTWStart"},     {&h->ev_stw_done, "GCSTWDone"},
        {&h->ev_sweep_start, "GCSweepStart"}, {&h->ev_sweep_done, "GCSweepDone"},
        {&h->ev_heap_alloc, "HeapAlloc"},     {&h->ev_heap_goal, "HeapGoal"},
        {&h->ev_assist_start, "GCMarkAssistStart"}, {&h->ev_assist_done, "GCMarkAssistDone"},
        {&h->ev_worker_start, "GCWorkerStart"}, {&h->ev_worker_done, "GCWorkerDone"},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if ((*kinds[i].id = rt_trace_kind_define(s, kinds[i].name)) < 0)
            return false;
    struct { int *id; const char *name; } reasons[] = {
        {&h->wait_assist, "GC assist wait"},  {&h->wait_worker, "GC worker (idle)"},
        {&h->wait_sweep, "GC sweep wait"},    {&h->wait_gc, "GC wait"},
        {&h->wait_forcegc, "force gc (idle)"},
    };
    for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
        if ((*reasons[i].id = rt_wait_reason_define(s, reasons[i].name)) < 0)
            return false;
    return true;
}

static int setup(gc_heap *h)
{
    rt_sched *s = h->s;
    h->slot = rt_p_slot_new(s);
    h->gslot = rt_g_slot_new(s);
    h->gslot_assist = rt_g_slot_new(s);
    h->gslot_scan = rt_g_slot_new(s);
    if (h->slot < 0 || h->gslot < 0 || h->gslot_assist < 0 || h->gslot_scan < 0 ||
        !define_names(h))
        return EBUSY;
    if (gc__pages_init(&h->pages, h->cfg.max_heap_bytes) != 0)
        return ENOMEM;
    int n = rt_sched_nprocs(s);
    h->worker_mode = calloc((size_t)n, sizeof *h->worker_mode);
    h->worker_pool = calloc((size_t)n, sizeof *h->worker_pool);
    if (!h->worker_mode || !h->worker_pool)
        return ENOMEM;
    for (int p = 0; p < n; p++)
        if (!(*rt_p_slot(s, p, h->slot) = calloc(1, sizeof(gc_p))))
            return ENOMEM;
    return 0;
}

gc_heap *gc_heap_new(rt_sched *s, const gc_config *cfg)
{
    gc_heap *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->s = s;
    if (cfg)
        h->cfg = *cfg;
    else
        gc_config_init(&h->cfg);
    if (!h->cfg.max_heap_bytes)
        h->cfg.max_heap_bytes = DEFAULT_MAX_HEAP;
    if (h->cfg.memory_limit <= 0)
        h->cfg.memory_limit = INT64_MAX;
    if (!h->cfg.log)
        h->cfg.log = stderr;
    if ((unsigned)h->cfg.barrier > GC_BARRIER_NONE || h->cfg.gogc < GC_GOGC_OFF) {
        free(h);
        errno = EINVAL;
        return NULL;
    }
    h->slot = h->gslot = -1;
    int err = gc__workers_install(h) ? setup(h) : EBUSY; /* one heap per runtime */
    if (err) {
        gc_heap_free(h);
        errno = err;
        return NULL;
    }
    resolve_costs(h);
    h->shared = !rt_sched_single_thread(s);
    gc__pacer_init(&h->pacer, h->cfg.gogc, h->cfg.memory_limit);
    gc__pacer_commit(&h->pacer, true);
    st_rel(&h->sweep_done, 1);
    h->start_ns = -1;
    return h;
}

static void free_span(gc_span *s, void *arg)
{
    (void)arg;
    gc__span_free(s);
}

/* free_spans frees every span once (INV-PAGEMAP). */
static void free_spans(gc_heap *h) { gc__pages_each_span(&h->pages, free_span, NULL); }

void gc_heap_free(gc_heap *h)
{
    if (!h)
        return;
    if (h->hooks)
        gc__workers_uninstall(h);
    if (h->slot >= 0)
        for (int p = 0; p < rt_sched_nprocs(h->s); p++) {
            gc_p **pp = (gc_p **)rt_p_slot(h->s, p, h->slot);
            if (*pp)
                gc__work_destroy(&(*pp)->work);
            free(*pp);
            *pp = NULL;
        }
    free_spans(h);
    gc__pages_destroy(&h->pages);
    free(h->roots);
    free(h->root_gs);
    free(h->gwork);
    free(h->worker_mode);
    free(h->worker_pool);
    free(h);
}

/* cur_p is the caller's P's state; allocating outside the heap's goroutines is a bug. */
static gc_p *cur_p(gc_heap *h)
{
    gc_p *pp = gc__cur_p(h);
    if (!pp)
        rt_throw("gc: allocation outside a goroutine of the heap's runtime");
    return pp;
}


void gc__out_of_memory(gc_heap *h)
{
    (void)h;
    rt_fatal("out of memory");
}

void gc__trace(gc_heap *h, int kind, uint64_t a0, uint64_t a1, const char *str)
{
    (void)h;
    if (rt_trace_enabled())
        rt_trace_emit((uint32_t)kind, a0, a1, 0, str);
}

void gc__heap_live_add(gc_heap *h, int64_t delta)
{
    uint64_t live = __atomic_add_fetch(&h->pacer.heap_live, (uint64_t)delta, __ATOMIC_ACQ_REL);
    gc__trace(h, h->ev_heap_alloc, live, 0, NULL);
    if (ld_acq(&h->black_enabled)) {
        rt_lock(&h->lk);
        gc__pacer_revise(&h->pacer);
        rt_unlock(&h->lk);
    }
}

/* alloc_large gives a large object its own span (Go's allocLarge). */
static gc_span *alloc_large(gc_heap *h, size_t size, bool noscan)
{
    size_t npages = (size + GC_PAGE_BYTES - 1) / GC_PAGE_BYTES;
    gc__sweep_credit(h, npages * GC_PAGE_BYTES);
    gc_span *s = gc__span_new(0, noscan, npages);
    if (!s)
        gc__out_of_memory(h);
    rt_lock(&h->lk);
    bool got = gc__pages_alloc(&h->pages, npages, s) != 0; /* sets s->start */
    if (got) {
        h->heap_inuse += npages * GC_PAGE_BYTES;
        h->large_mallocs++;
        h->large_bytes += npages * GC_PAGE_BYTES;
        s->state = GC_SPAN_LARGE;
        gc__list_push(&h->large[gc__swept_ix(ld_acq(&h->sweepgen))], s);
        gc__span_next_free(s); /* its one slot, published by the caller */
    }
    rt_unlock(&h->lk);
    if (!got) {
        gc__span_free(s);
        gc__out_of_memory(h);
    }
    gc__heap_live_add(h, (int64_t)(npages * GC_PAGE_BYTES));
    return s;
}

/* count_small adds one object of elemsize to the P's counters (single writer: relaxed). */
static void count_small(gc_mcache *c, size_t elemsize)
{
    st_rlx(&c->mallocs, c->mallocs + 1);
    st_rlx(&c->alloc_bytes, c->alloc_bytes + elemsize);
}

/* assisting: allocation is charged to assist credit now (marking, assists not off). */
static bool assisting(gc_heap *h)
{
    return ld_acq(&h->black_enabled) && !h->cfg.no_assists && !h->cfg.manual_mark;
}

/* assist_first charges the allocation to the goroutine's assist credit and pays a debt
   (Go's deductAssistCredit) before anything of the P is touched: assisting may switch P. */
static void assist_first(gc_heap *h, size_t size)
{
    if (!assisting(h))
        return;
    if (gc__assist_credit_add(h, rt_self(), -(int64_t)size) < 0)
        gc__assist(h);
}

/* publish completes slot i of s: its type, black while marking, then its allocation bit
   (INV-BLACK). */
static void publish(gc_heap *h, gc_p *pp, gc_span *s, uint32_t i, const gc_type *t,
                    size_t count)
{
    gc__slot_set(s, i, t, count);
    if (gc__phase(h) != GC_OFF && gc__set_bit_in(s->mark_bits, i, h->shared))
        pp->work.bytes_marked += s->elemsize; /* Go's gcmarknewobject */
    uint64_t *word = &s->alloc_bits[i / 64]; /* only this P writes a cached span's bits */
    st_rel(word, ld_rlx(word) | 1ull << (i % 64));
    if (t && t->ptrdata)
        pp->scan_alloc += (count - 1) * t->size + t->ptrdata;
}

/* after_alloc is what follows a completed allocation: heapScan publication, stress mode,
   the trigger test, and the charge (a safe point, so last). */
static void after_alloc(gc_heap *h, gc_p *pp, bool refilled, int64_t cost)
{
    if (refilled && pp->scan_alloc) { /* Go's update: heapScan is frozen while marking */
        if (!ld_acq(&h->black_enabled))
            __atomic_add_fetch(&h->pacer.heap_scan, pp->scan_alloc, __ATOMIC_ACQ_REL);
        pp->scan_alloc = 0;
    }
    cost += pp->pending_ns;
    pp->pending_ns = 0;
    if (h->cfg.stress_every &&
        __atomic_add_fetch(&h->allocs, 1, __ATOMIC_RELAXED) >= ld_acq(&h->stress_next) &&
        gc__phase(h) == GC_OFF)
        gc__start(h, GC_TRIGGER_STRESS, ld_acq(&h->cycles) + 1);
    else if (refilled && gc__trigger_test(h, GC_TRIGGER_HEAP, 0))
        gc__start(h, GC_TRIGGER_HEAP, 0);
    rt_charge(cost);
}

/* check_type rejects a descriptor the scanner could not follow (a bug in the caller). */
static void check_type(const gc_type *t)
{
    if (!t || !t->size || t->ptrdata > t->size || t->ptrdata % GC_WORD_BYTES ||
        (t->ptrdata && !t->ptrmask))
        rt_throw("gc: bad type descriptor %s (size %zu, ptrdata %zu)",
                 t && t->name ? t->name : "(unnamed)", t ? t->size : 0, t ? t->ptrdata : 0);
}

static void *alloc(gc_heap *h, size_t size, const gc_type *t, size_t count)
{
    if (size == 0)
        return h->zerobase;
    if (size > h->cfg.max_heap_bytes) /* also keeps the page arithmetic from wrapping */
        gc__out_of_memory(h);
    gc_p *pp = cur_p(h);
    if (ld_acq(&h->black_enabled)) {
        assist_first(h, size);
        pp = cur_p(h); /* assisting may have moved us */
    }
    bool noscan = !gc_type_has_pointers(t), refilled = true;
    gc_span *s;
    uint32_t slot = 0;
    int64_t cost;
    if (size <= GC_MAX_SMALL) {
        int spc = gc__span_class(gc_size_class(size), noscan);
        if (!gc__mcache_alloc(h, &pp->mcache, spc, &s, &slot, &refilled))
            gc__out_of_memory(h);
        count_small(&pp->mcache, s->elemsize);
        cost = h->cost[GC_COST_ALLOC] + (refilled ? h->cost[GC_COST_REFILL] : 0);
    } else {
        s = alloc_large(h, size, noscan);
        cost = h->cost[GC_COST_LARGE_PAGE] * (int64_t)s->npages;
    }
    publish(h, pp, s, slot, t, count);
    if (assisting(h))
        gc__assist_credit_add(h, rt_self(), -(int64_t)(s->elemsize - size)); /* rounding */
    void *p = (void *)(s->start + (uintptr_t)slot * s->elemsize);
    after_alloc(h, pp, refilled, cost);
    return p;
}

void *gc_alloc(gc_heap *h, const gc_type *t)
{
    check_type(t);
    return alloc(h, t->size, t, 1);
}

void *gc_alloc_array(gc_heap *h, const gc_type *t, size_t n)
{
    check_type(t);
    if (n && t->size > SIZE_MAX / n)
        rt_fatal("out of memory"); /* Go: panic(plainError("runtime: allocation size out of range")) */
    return alloc(h, t->size * n, t, n);
}

void *gc_alloc_noscan(gc_heap *h, size_t bytes) { return alloc(h, bytes, NULL, 1); }

bool gc_find_object(gc_heap *h, const void *p, gc_object *out)
{
    gc_span *s = gc__span_of(&h->pages, (uintptr_t)p);
    if (!s)
        return false;
    size_t i = gc__slot_of(s, (uintptr_t)p);
    if (i >= s->nelems || !gc__bit(s->alloc_bits, i))
        return false;
    *out = (gc_object){
        .base = (void *)(s->start + i * s->elemsize),
        .size = s->elemsize,
        .type = gc__slot_type(s, i),
        .count = gc__slot_count(s, i),
        .size_class = s->cls,
        .noscan = s->noscan,
    };
    return true;
}

void gc__release_mcaches(gc_heap *h, bool unswept)
{
    for (int p = 0; p < rt_sched_nprocs(h->s); p++)
        gc__mcache_release(h, &gc__p(h, p)->mcache, unswept);
}

/* ---------------------------------------------------------------- waiting */

static bool wait_commit(rt_g *g, void *arg)
{
    (void)g;
    rt_unlock(&((gc_waiters *)arg)->lk);
    return true;
}

void gc__wait(gc_heap *h, gc_waiters *q, bool (*done)(gc_heap *h, uint32_t n), uint32_t n,
              int reason)
{
    gc_waiter w = {rt_self(), NULL};
    rt_lock(&q->lk);
    if (done(h, n)) {
        rt_unlock(&q->lk);
        return;
    }
    w.next = q->head;
    q->head = &w;
    rt_park(wait_commit, q, reason);
}

void gc__wake_all(gc_waiters *q)
{
    rt_lock(&q->lk);
    gc_waiter *w = q->head;
    q->head = NULL;
    rt_unlock(&q->lk);
    while (w) {
        gc_waiter *next = w->next; /* w lives on the waiter's stack: read first */
        rt_ready(w->g);
        w = next;
    }
}
