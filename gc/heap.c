/*
 * heap.c — the heap: creation (one mcache per P, in a runtime P slot), the public
 * allocation calls (Go's mallocgc: small objects through the P's mcache, large objects of
 * their own pages), pointer-to-object lookup, and the counters.
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

static void resolve_costs(gc_heap *h)
{
    for (int i = 0; i < GC_COST_COUNT; i++)
        if (!rt_sched_cost_get(h->s, cost_defaults[i].name, &h->cost[i]))
            h->cost[i] = cost_defaults[i].ns;
}

gc_heap *gc_heap_new(rt_sched *s, const gc_config *cfg)
{
    gc_heap *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->s = s;
    if (cfg)
        h->cfg = *cfg;
    if (!h->cfg.max_heap_bytes)
        h->cfg.max_heap_bytes = DEFAULT_MAX_HEAP;
    h->slot = rt_p_slot_new(s);
    h->gslot = rt_g_slot_new(s);
    if (h->slot < 0 || h->gslot < 0 || gc__pages_init(&h->pages, h->cfg.max_heap_bytes) != 0) {
        int err = h->slot < 0 || h->gslot < 0 ? EBUSY : ENOMEM;
        free(h);
        errno = err;
        return NULL;
    }
    resolve_costs(h);
    for (int p = 0; p < rt_sched_nprocs(s); p++) {
        gc_mcache *c = gc__mcache_new();
        if (!c) {
            gc_heap_free(h);
            errno = ENOMEM;
            return NULL;
        }
        *rt_p_slot(s, p, h->slot) = c;
    }
    return h;
}

/* free_spans frees every span once, from its first page (INV-PAGEMAP). */
static void free_spans(gc_heap *h)
{
    for (size_t k = 0; k < h->pages.narenas; k++) {
        gc_arena *a = h->pages.arenas[k];
        for (size_t i = 0; i < GC_PAGES_PER_ARENA; i++) {
            gc_span *s = a->spans[i];
            if (!s)
                continue;
            i += s->npages - 1; /* its other pages map to it too: skip them */
            gc__span_free(s);
        }
    }
}

void gc_heap_free(gc_heap *h)
{
    if (!h)
        return;
    for (int p = 0; p < rt_sched_nprocs(h->s); p++) {
        gc_mcache **c = (gc_mcache **)rt_p_slot(h->s, p, h->slot);
        free(*c);
        *c = NULL;
    }
    free_spans(h);
    gc__pages_destroy(&h->pages);
    free(h->roots);
    free(h);
}

gc_mcache *gc__mcache_of_current_p(gc_heap *h)
{
    if (rt_self_sched() != h->s)
        rt_throw("gc: allocation outside a goroutine of the heap's runtime");
    return *rt_p_slot(h->s, rt_p_id(), h->slot);
}

void gc__out_of_memory(gc_heap *h)
{
    (void)h;
    rt_fatal("out of memory");
}

/* alloc_large gives a large object its own span (Go's allocLarge). */
static void *alloc_large(gc_heap *h, size_t size, bool noscan, gc_span **out)
{
    size_t npages = (size + GC_PAGE_BYTES - 1) / GC_PAGE_BYTES;
    gc_span *s = gc__span_new(0, noscan, npages);
    if (!s)
        gc__out_of_memory(h);
    rt_lock(&h->lk);
    s->start = gc__pages_alloc(&h->pages, npages, s);
    if (s->start) {
        h->heap_inuse += npages * GC_PAGE_BYTES;
        h->large_mallocs++;
        h->large_bytes += npages * GC_PAGE_BYTES;
        s->state = GC_SPAN_LARGE;
        gc__list_push(&h->large, s);
    }
    rt_unlock(&h->lk);
    if (!s->start) {
        gc__span_free(s);
        gc__out_of_memory(h);
    }
    gc__span_next_free(s); /* its one slot */
    *out = s;
    return (void *)s->start;
}

/* count_small adds one object of elemsize to the P's counters (single writer: relaxed). */
static void count_small(gc_mcache *c, size_t elemsize)
{
    __atomic_store_n(&c->mallocs, c->mallocs + 1, __ATOMIC_RELAXED);
    __atomic_store_n(&c->alloc_bytes, c->alloc_bytes + elemsize, __ATOMIC_RELAXED);
}

/* alloc is Go's mallocgc without the concurrent collector's parts (assists, allocate-black,
   the trigger), which come with it. Fresh pages are zero and the sweep clears the slots it
   frees, so allocation never needs to. */
static void *alloc(gc_heap *h, size_t size, const gc_type *t, size_t count)
{
    if (size == 0)
        return h->zerobase;
    bool noscan = !gc_type_has_pointers(t);
    gc_span *s;
    uint32_t slot = 0;
    void *p;
    int64_t cost;
    if (size <= GC_MAX_SMALL) {
        gc_mcache *c = gc__mcache_of_current_p(h);
        int spc = gc__span_class(gc_size_class(size), noscan);
        gc_span *before = c->alloc[spc];
        if (!(p = gc__mcache_alloc(h, c, spc, &s, &slot)))
            gc__out_of_memory(h);
        count_small(c, s->elemsize);
        cost = h->cost[GC_COST_ALLOC] + (s != before ? h->cost[GC_COST_REFILL] : 0);
    } else {
        p = alloc_large(h, size, noscan, &s);
        cost = h->cost[GC_COST_LARGE_PAGE] * (int64_t)s->npages;
    }
    s->types[slot] = t;
    s->counts[slot] = (uint32_t)count;
    rt_charge(cost); /* a safe point: only once the object is complete */
    return p;
}

void *gc_alloc(gc_heap *h, const gc_type *t) { return alloc(h, t->size, t, 1); }

void *gc_alloc_array(gc_heap *h, const gc_type *t, size_t n)
{
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
    size_t i = ((uintptr_t)p - s->start) / s->elemsize;
    if (i >= s->nelems || !gc__bit(s->alloc_bits, i))
        return false;
    *out = (gc_object){
        .base = (void *)(s->start + i * s->elemsize),
        .size = s->elemsize,
        .type = s->types[i],
        .count = s->counts[i],
        .size_class = s->cls,
        .noscan = s->noscan,
    };
    return true;
}

void gc_read_stats(gc_heap *h, gc_stats *out)
{
    memset(out, 0, sizeof *out);
    for (int p = 0; p < rt_sched_nprocs(h->s); p++) {
        gc_mcache *c = *rt_p_slot(h->s, p, h->slot);
        out->mallocs += __atomic_load_n(&c->mallocs, __ATOMIC_RELAXED);
        out->total_alloc += __atomic_load_n(&c->alloc_bytes, __ATOMIC_RELAXED);
    }
    rt_lock(&h->lk);
    out->mallocs += h->large_mallocs;
    out->total_alloc += h->large_bytes;
    out->heap_inuse = h->heap_inuse;
    out->heap_sys = (uint64_t)h->pages.narenas * GC_ARENA_BYTES;
    out->frees = h->frees;
    out->heap_alloc = out->total_alloc - h->freed_bytes;
    out->num_gc = h->num_gc;
    out->num_forced_gc = h->num_forced_gc;
    out->pause_total_ns = h->pause_total_ns;
    memcpy(out->pause_ns, h->pause_ns, sizeof out->pause_ns);
    memcpy(out->pause_end, h->pause_end, sizeof out->pause_end);
    rt_unlock(&h->lk);
    out->heap_objects = out->mallocs - out->frees;
}

void gc__release_mcaches(gc_heap *h)
{
    for (int p = 0; p < rt_sched_nprocs(h->s); p++)
        gc__mcache_release(h, *rt_p_slot(h->s, p, h->slot));
}
