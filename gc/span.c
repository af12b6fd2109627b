/*
 * span.c — spans: a run of pages holding equal slots of one span class, or one large
 * object, with allocation and mark bits per slot and a record of each slot's type.
 * Free slots are found as Go's nextFreeFast does: alloc_cache holds the complement of the
 * allocation bits for a 64-slot window, so the next free slot is a count of trailing zeros.
 */
#include "gc/gc_internal.h"
#include <stdlib.h>

gc_span *gc__span_new(int cls, bool noscan, size_t npages)
{
    gc_span *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->cls = cls;
    s->noscan = noscan;
    s->spanclass = gc__span_class(cls, noscan);
    s->npages = npages;
    s->elemsize = cls ? gc_class_size(cls) : npages * GC_PAGE_BYTES;
    s->nelems = cls ? (uint32_t)gc_class_objects(cls) : 1;
    s->divmul = (uint32_t)(((1ull << 32) + s->elemsize - 1) / s->elemsize);
    size_t words = (s->nelems + 63) / 64;
    s->alloc_bits = calloc(words, sizeof *s->alloc_bits);
    s->mark_bits = calloc(words, sizeof *s->mark_bits);
    s->slots = calloc(s->nelems, sizeof *s->slots);
    if (!s->alloc_bits || !s->mark_bits || !s->slots) {
        gc__span_free(s);
        return NULL;
    }
    s->alloc_cache = ~0ull; /* everything free */
    return s;
}

void gc__span_free(gc_span *s)
{
    if (!s)
        return;
    free(s->alloc_bits);
    free(s->mark_bits);
    free(s->check_bits);
    free(s->slots);
    free(s);
}

/* refill_cache loads the 64-slot window holding freeindex (Go's refillAllocCache). */
static void refill_cache(gc_span *s)
{
    uint32_t base = s->freeindex & ~63u;
    s->alloc_cache = ~ld_rlx(&s->alloc_bits[base / 64]) >> (s->freeindex - base);
}

void gc__span_reset_cache(gc_span *s)
{
    s->freeindex = 0;
    refill_cache(s);
}

int64_t gc__span_next_free(gc_span *s)
{
    while (s->freeindex < s->nelems) {
        if (s->alloc_cache == 0) { /* no free slot left in this window: next window */
            s->freeindex = (s->freeindex | 63u) + 1;
            if (s->freeindex < s->nelems)
                refill_cache(s);
            continue;
        }
        unsigned tz = (unsigned)__builtin_ctzll(s->alloc_cache);
        uint32_t i = s->freeindex + tz;
        if (i >= s->nelems)
            break;
        s->alloc_count++; /* the bit is published by the allocator (INV-BLACK) */
        s->freeindex = i + 1;
        s->alloc_cache = tz + 1 < 64 ? s->alloc_cache >> (tz + 1) : 0;
        if (s->freeindex % 64 == 0 && s->freeindex < s->nelems)
            refill_cache(s);
        return i;
    }
    s->freeindex = s->nelems;
    return -1;
}

/* gc__span_verify reports whether alloc_count matches the bits (INV-ALLOCBITS). */
bool gc__span_verify(const gc_span *s)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < s->nelems; i++)
        n += gc__bit(s->alloc_bits, i);
    return n == s->alloc_count && s->freeindex <= s->nelems;
}
