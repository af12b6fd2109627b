/*
 * sweep.c — freeing what marking left white (INV-MARKED). Mark termination flips the sweep
 * generation, so every span becomes unswept (gc__sweep_begin); from then on spans are swept
 * one at a time by whoever takes them off an unswept list: the background sweeper
 * goroutine, an allocation that needs a span of its class (central.c), proportional
 * sweeping charged to allocation (gc__sweep_credit, Go's deductSweepCredit), and at the
 * latest the next cycle's sweep termination (gc__sweep_finish). Sweeping a span clears
 * and frees its unmarked allocated slots (so allocation hands out zeroed memory), clears
 * its mark bits, and returns it to the heap if it is empty.
 */
#include "gc/gc_internal.h"
#include <string.h>

/* zero_run clears slots [i, j) of s: their memory (allocation hands out zeroed memory) and
   their records. */
static void zero_run(gc_span *s, uint32_t i, uint32_t j)
{
    memset((void *)(s->start + (uintptr_t)i * s->elemsize), 0, (size_t)(j - i) * s->elemsize);
    memset(&s->slots[i], 0, (size_t)(j - i) * sizeof *s->slots);
}

/* sweep_slots frees the unmarked objects of s and resets its mark bits, a word of 64 slots
   at a time; returns how many it freed. A span left empty is cleared whole (its pages go
   back to the heap, zeroed); otherwise each run of freed slots is. */
static uint64_t sweep_slots(gc_span *s)
{
    size_t words = (s->nelems + 63) / 64;
    uint64_t freed = 0;
    for (size_t w = 0; w < words; w++)
        freed += (uint64_t)__builtin_popcountll(s->alloc_bits[w] & ~s->mark_bits[w]);
    bool empty = freed == s->alloc_count;
    for (size_t w = 0; w < words && freed; w++) {
        uint64_t gone = s->alloc_bits[w] & ~s->mark_bits[w];
        if (!gone)
            continue;
        st_rel(&s->alloc_bits[w], s->alloc_bits[w] & ~gone);
        while (gone && !empty) { /* each run of consecutive freed slots */
            unsigned lo = (unsigned)__builtin_ctzll(gone);
            uint64_t rest = ~(gone >> lo); /* zero bits: the run; all ones past the top */
            unsigned len = rest ? (unsigned)__builtin_ctzll(rest) : 64 - lo;
            zero_run(s, (uint32_t)(w * 64 + lo), (uint32_t)(w * 64 + lo + len));
            gone = lo + len >= 64 ? 0 : gone & ~(((1ull << len) - 1) << lo);
        }
    }
    if (empty) /* its pages go back to the heap, which hands out zeroed pages */
        rt_sys_zero((void *)s->start, s->npages * GC_PAGE_BYTES);
    s->alloc_count -= (uint32_t)freed;
    memset(s->mark_bits, 0, words * sizeof *s->mark_bits);
    gc__span_reset_cache(s);
    return freed;
}

static void release_pages(gc_heap *h, gc_span *s)
{
    rt_lock(&h->lk);
    gc__pages_free(&h->pages, s->start, s->npages);
    h->heap_inuse -= s->npages * GC_PAGE_BYTES;
    rt_unlock(&h->lk);
    gc__span_free(s);
}

bool gc__sweep_span(gc_heap *h, gc_span *s, int64_t *ns)
{
    uint64_t bytes, freed;
    size_t npages = s->npages;
    if (s->cls == 0) { /* a large object: kept whole or freed whole */
        freed = !gc__bit(s->mark_bits, 0);
        bytes = freed ? s->elemsize : 0;
        s->mark_bits[0] = 0;
        if (freed)
            rt_sys_zero((void *)s->start, s->elemsize);
    } else {
        freed = sweep_slots(s);
        bytes = freed * s->elemsize;
    }
    xadd(&h->frees, freed);
    xadd(&h->freed_bytes, bytes);
    xadd(&h->pages_swept, npages);
    *ns += h->cost[GC_COST_SWEEP_SPAN] + (int64_t)freed * h->cost[GC_COST_FREE];
    bool empty = s->cls == 0 ? freed : s->alloc_count == 0;
    if (empty)
        release_pages(h, s);
    xadd(&h->sweepers, -1);
    return empty;
}

static gc_span *pop_unswept_large(gc_heap *h)
{
    rt_lock(&h->lk);
    gc_span **list = &h->large[1 - gc__swept_ix(h->sweepgen)];
    gc_span *s = *list;
    if (s) {
        gc__list_remove(list, s);
        s->state = GC_SPAN_SWEEPING;
        xadd(&h->sweepers, 1);
    }
    rt_unlock(&h->lk);
    return s;
}

static void push_swept_large(gc_heap *h, gc_span *s)
{
    rt_lock(&h->lk);
    s->state = GC_SPAN_LARGE;
    gc__list_push(&h->large[gc__swept_ix(h->sweepgen)], s);
    rt_unlock(&h->lk);
}

bool gc__sweep_one(gc_heap *h, int64_t *ns)
{
    for (int c = 0; c < GC_NUM_SPAN_CLASSES; c++) {
        if (c / 2 == 0)
            continue; /* class 0 spans are large objects, on their own lists */
        gc_span *s = gc__central_pop_unswept(h, c);
        if (!s)
            continue;
        if (!gc__sweep_span(h, s, ns))
            gc__central_push_swept(h, s);
        return true;
    }
    gc_span *s = pop_unswept_large(h);
    if (s) {
        if (!gc__sweep_span(h, s, ns))
            push_swept_large(h, s);
        return true;
    }
    if (!ld_acq(&h->sweepers)) /* Go waits for active sweepers too */
        st_rel(&h->sweep_done, 1);
    return false;
}

int64_t gc__sweep_finish(gc_heap *h)
{
    int64_t ns = 0;
    while (gc__sweep_one(h, &ns))
        ;
    return ns;
}

void gc__sweep_begin(gc_heap *h)
{
    rt_lock(&h->lk);
    st_rel(&h->sweepgen, h->sweepgen + 2); /* every span is now unswept */
    uint64_t pages = h->heap_inuse / GC_PAGE_BYTES;
    rt_unlock(&h->lk);
    gc__release_mcaches(h, true);
    st_rel(&h->pages_swept, 0);
    st_rel(&h->pages_unswept, pages);
    st_rel(&h->sweep_done, 0);
}

void gc__sweep_pace(gc_heap *h, uint64_t trigger)
{
    uint64_t live = ld_acq(&h->pacer.heap_live);
    int64_t distance = (int64_t)trigger - (int64_t)live - (1 << 20);
    if (distance < (int64_t)GC_PAGE_BYTES)
        distance = GC_PAGE_BYTES;
    int64_t pages = (int64_t)ld_acq(&h->pages_unswept) - (int64_t)ld_acq(&h->pages_swept);
    h->sweep_pages_per_byte = pages <= 0 ? 0 : (double)pages / (double)distance;
    h->sweep_live_basis = live;
    h->sweep_pages_basis = ld_acq(&h->pages_swept);
}

void gc__sweep_credit(gc_heap *h, uint64_t span_bytes)
{
    double per_byte = h->sweep_pages_per_byte;
    if (per_byte == 0 || ld_acq(&h->sweep_done))
        return;
    uint64_t live = ld_acq(&h->pacer.heap_live), grown = span_bytes;
    if (h->sweep_live_basis < live)
        grown += live - h->sweep_live_basis;
    int64_t target = (int64_t)(per_byte * (double)grown);
    int64_t ns = 0;
    uint64_t swept0 = ld_acq(&h->pages_swept), freed0 = ld_acq(&h->freed_bytes);
    bool traced = false;
    while (target > (int64_t)(ld_acq(&h->pages_swept) - h->sweep_pages_basis)) {
        if (!traced)
            gc__trace(h, h->ev_sweep_start, 0, 0, NULL);
        traced = true;
        if (!gc__sweep_one(h, &ns))
            break;
    }
    if (traced)
        gc__trace(h, h->ev_sweep_done, (ld_acq(&h->pages_swept) - swept0) * GC_PAGE_BYTES,
                  ld_acq(&h->freed_bytes) - freed0, NULL);
    gc__cur_p(h)->pending_ns += ns;
}

/* ---------------------------------------------------------------- the background sweeper */

static bool sweep_pending(gc_heap *h, uint32_t n)
{
    (void)n;
    return !ld_acq(&h->sweep_done);
}

static void bgsweep_main(void *arg)
{
    gc_heap *h = arg;
    rt_set_system();
    for (;;) {
        int64_t ns = 0;
        while (gc__sweep_one(h, &ns) || ld_acq(&h->sweepers)) { /* low priority: yield */
            rt_charge(ns);                                       /* after every span (Go's) */
            ns = 0;
            rt_gosched();
        }
        gc__wait(h, &h->sweep_waiters, sweep_pending, 0, h->wait_sweep);
    }
}

void gc__bgsweep_start(gc_heap *h)
{
    if (!rt_go(bgsweep_main, h))
        rt_throw("gc: cannot start the background sweeper");
}

void gc__bgsweep_wake(gc_heap *h) { gc__wake_all(&h->sweep_waiters); }
