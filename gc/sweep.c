/*
 * sweep.c — freeing what marking left white (INV-MARKED): in every span, allocated slots
 * without a mark bit are cleared (so allocation hands out zeroed memory) and become free;
 * mark bits are reset for the next cycle; spans left empty give their pages back, and the
 * rest go to the central list their free slots call for. Large objects are freed whole.
 * For now the whole heap is swept with the world stopped; Go sweeps concurrently and
 * lazily (the background sweeper and proportional sweeping come with the concurrent cycle).
 */
#include "gc/gc_internal.h"
#include <string.h>

/* sweep_slots frees the unmarked objects of s and resets its mark bits. */
static void sweep_slots(gc_heap *h, gc_span *s)
{
    for (uint32_t i = 0; i < s->nelems; i++) {
        if (!gc__bit(s->alloc_bits, i) || gc__bit(s->mark_bits, i))
            continue;
        memset((void *)(s->start + (uintptr_t)i * s->elemsize), 0, s->elemsize);
        s->alloc_bits[i / 64] &= ~(1ull << (i % 64));
        s->types[i] = NULL;
        s->counts[i] = 0;
        s->alloc_count--;
        h->frees++;
        h->freed_bytes += s->elemsize;
    }
    memset(s->mark_bits, 0, (s->nelems + 63) / 64 * sizeof *s->mark_bits);
    gc__span_reset_cache(s);
}

static void release_span(gc_heap *h, gc_span *s)
{
    gc__pages_free(&h->pages, s->start, s->npages);
    h->heap_inuse -= s->npages * GC_PAGE_BYTES;
    gc__span_free(s);
}

static void sweep_class(gc_heap *h, gc_central *c)
{
    gc_span *all[2] = {c->partial, c->full};
    c->partial = c->full = NULL;
    for (int k = 0; k < 2; k++)
        for (gc_span *s = all[k], *next; s; s = next) {
            next = s->next;
            s->next = s->prev = NULL;
            sweep_slots(h, s);
            if (s->alloc_count == 0) {
                release_span(h, s);
                continue;
            }
            bool full = s->alloc_count == s->nelems;
            s->state = full ? GC_SPAN_FULL : GC_SPAN_PARTIAL;
            gc__list_push(full ? &c->full : &c->partial, s);
        }
}

static void sweep_large(gc_heap *h)
{
    for (gc_span *s = h->large, *next; s; s = next) {
        next = s->next;
        if (gc__bit(s->mark_bits, 0)) {
            s->mark_bits[0] = 0;
            continue;
        }
        gc__list_remove(&h->large, s);
        h->frees++;
        h->freed_bytes += s->elemsize;
        release_span(h, s);
    }
}

/* gc__sweep_all returns the nanoseconds of work it did (charged by the caller, outside
   the lock). */
int64_t gc__sweep_all(gc_heap *h)
{
    uint64_t spans = 0, frees_before = h->frees;
    for (int c = 0; c < GC_NUM_SPAN_CLASSES; c++)
        for (int k = 0; k < 2; k++)
            for (gc_span *s = k ? h->central[c].full : h->central[c].partial; s; s = s->next)
                spans++;
    for (gc_span *s = h->large; s; s = s->next)
        spans++;
    rt_lock(&h->lk);
    for (int c = 0; c < GC_NUM_SPAN_CLASSES; c++)
        sweep_class(h, &h->central[c]);
    sweep_large(h);
    uint64_t freed = h->frees - frees_before;
    rt_unlock(&h->lk);
    return (int64_t)spans * h->cost[GC_COST_SWEEP_SPAN] + (int64_t)freed * h->cost[GC_COST_FREE];
}
