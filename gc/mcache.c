/*
 * mcache.c — the per-P allocation cache (Go's mcache): the current span of every span
 * class, used by the goroutines of one P at a time and so without locks. Allocation takes
 * the next free slot of the current span; a full span goes back to its central list and a
 * new one is cached (Go's refill), which is when heap_live grows by the span's free bytes
 * and the P's scannable allocation is published to the pacer.
 */
#include "gc/gc_internal.h"

/* free_bytes is what caching s adds to heap_live (Go's refill: span bytes minus used). */
static int64_t free_bytes(const gc_span *s)
{
    return (int64_t)(s->npages * GC_PAGE_BYTES) - (int64_t)s->alloc_count * (int64_t)s->elemsize;
}

void gc__mcache_release(gc_heap *h, gc_mcache *c, bool unswept)
{
    int64_t unused = 0;
    for (int i = 0; i < GC_NUM_SPAN_CLASSES; i++)
        if (c->alloc[i]) {
            gc_span *s = c->alloc[i];
            unused += (int64_t)(s->nelems - s->alloc_count) * (int64_t)s->elemsize;
            gc__central_uncache(h, s, unswept);
            c->alloc[i] = NULL;
        }
    if (unused && !unswept) /* at the flip heap_live was just reset to what is marked: Go's
                               releaseAll leaves it alone for spans cached before it */
        gc__heap_live_add(h, -unused);
}

void *gc__mcache_alloc(gc_heap *h, gc_mcache *c, int spanclass, gc_span **span,
                       uint32_t *slot, bool *refilled)
{
    gc_span *s = c->alloc[spanclass];
    int64_t i = s ? gc__span_next_free(s) : -1;
    *refilled = false;
    while (i < 0) { /* refill */
        if (s)
            gc__central_uncache(h, s, false);
        s = c->alloc[spanclass] = gc__central_cache(h, spanclass);
        if (!s)
            return NULL;
        *refilled = true;
        gc__heap_live_add(h, free_bytes(s));
        i = gc__span_next_free(s);
    }
    *span = s;
    *slot = (uint32_t)i;
    return (void *)(s->start + (uintptr_t)i * s->elemsize);
}
