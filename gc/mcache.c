/*
 * mcache.c — the per-P allocation cache (Go's mcache): the current span of every span
 * class, used by the goroutines of one P at a time and so without locks. Allocation takes
 * the next free slot of the current span; a full span goes back to its central list and a
 * new one is cached (Go's refill).
 */
#include "gc/gc_internal.h"
#include <stdlib.h>

gc_mcache *gc__mcache_new(void) { return calloc(1, sizeof(gc_mcache)); }

void gc__mcache_release(gc_heap *h, gc_mcache *c)
{
    for (int i = 0; i < GC_NUM_SPAN_CLASSES; i++)
        if (c->alloc[i]) {
            gc__central_uncache(h, c->alloc[i]);
            c->alloc[i] = NULL;
        }
}

void *gc__mcache_alloc(gc_heap *h, gc_mcache *c, int spanclass, gc_span **span, uint32_t *slot)
{
    gc_span *s = c->alloc[spanclass];
    int64_t i = s ? gc__span_next_free(s) : -1;
    while (i < 0) { /* refill */
        if (s)
            gc__central_uncache(h, s);
        s = c->alloc[spanclass] = gc__central_cache(h, spanclass);
        if (!s)
            return NULL;
        i = gc__span_next_free(s);
    }
    *span = s;
    *slot = (uint32_t)i;
    return (void *)(s->start + (uintptr_t)i * s->elemsize);
}
