/*
 * arena.c — the heap's address space: one reservation (PROT_NONE, committed by the kernel
 * on first touch) at Go's arena hint 0xc000000000 when it is free, so the same run puts
 * objects at the same addresses and a conservative scan sees the same words; 64 MiB arenas
 * are made usable in order; pages are handed out first-fit; the page map records the span
 * of every in-use page (INV-PAGEMAP). Rejected: Go's radix-tree page allocator — first-fit
 * over a bitmap is simple and fast enough for simulated heaps of a few GiB; revisit if
 * page allocation shows in profiles.
 */
#include "gc/gc_internal.h"
#include <stdlib.h>
#include <string.h>

#define ARENA_HINT ((uintptr_t)0xc000000000ull) /* Go's first arena hint on linux/amd64 */

int gc__pages_init(gc_pages *pg, size_t max_bytes)
{
    memset(pg, 0, sizeof *pg);
    pg->max_arenas = (max_bytes + GC_ARENA_BYTES - 1) / GC_ARENA_BYTES;
    if (pg->max_arenas == 0)
        pg->max_arenas = 1;
    pg->region_bytes = pg->max_arenas * GC_ARENA_BYTES;
    pg->arenas = calloc(pg->max_arenas, sizeof *pg->arenas);
    pg->region = pg->arenas ? rt_sys_reserve(pg->region_bytes, ARENA_HINT) : NULL;
    if (!pg->region) {
        free(pg->arenas);
        return -1;
    }
    return 0;
}

void gc__pages_destroy(gc_pages *pg)
{
    for (size_t i = 0; i < pg->narenas; i++)
        free(pg->arenas[i]);
    free(pg->arenas);
    rt_sys_free(pg->region, pg->region_bytes);
    memset(pg, 0, sizeof *pg);
}

static gc_arena *grow(gc_pages *pg)
{
    if (pg->narenas == pg->max_arenas)
        return NULL;
    gc_arena *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->base = pg->region + pg->narenas * GC_ARENA_BYTES;
    if (!rt_sys_map(a->base, GC_ARENA_BYTES)) {
        free(a);
        return NULL;
    }
    a->free_pages = GC_PAGES_PER_ARENA;
    pg->arenas[pg->narenas] = a;
    __atomic_store_n(&pg->narenas, pg->narenas + 1, __ATOMIC_RELEASE); /* for gc__span_of */
    return a;
}

static inline bool page_used(const gc_arena *a, size_t i) { return gc__bit(a->used, i); }

/* find_run returns the first index of npages free pages in a at or after its first free
   page, or -1. */
static long find_run(const gc_arena *a, size_t npages)
{
    size_t run = 0;
    for (size_t i = a->first_free; i < GC_PAGES_PER_ARENA; i++) {
        if (page_used(a, i))
            run = 0;
        else if (++run == npages)
            return (long)(i + 1 - npages);
    }
    return -1;
}

static void take(gc_arena *a, size_t first, size_t npages, gc_span *span)
{
    for (size_t i = first; i < first + npages; i++) {
        a->used[i / 64] |= 1ull << (i % 64);
        __atomic_store_n(&a->spans[i], span, __ATOMIC_RELEASE); /* read lock-free */
    }
    a->free_pages -= npages;
    while (a->first_free < GC_PAGES_PER_ARENA && page_used(a, a->first_free))
        a->first_free++;
}

uintptr_t gc__pages_alloc(gc_pages *pg, size_t npages, gc_span *span)
{
    if (npages == 0 || npages > GC_PAGES_PER_ARENA)
        return 0; /* objects above one arena are refused (the cap is per arena here) */
    for (size_t k = 0;; k++) {
        gc_arena *a = k < pg->narenas ? pg->arenas[k] : grow(pg);
        if (!a)
            return 0;
        if (a->free_pages < npages)
            continue;
        long first = find_run(a, npages);
        if (first >= 0) { /* the span is complete before the page map publishes it */
            span->start = (uintptr_t)a->base + (size_t)first * GC_PAGE_BYTES;
            take(a, (size_t)first, npages, span);
            return span->start;
        }
    }
}

void gc__pages_free(gc_pages *pg, uintptr_t start, size_t npages)
{
    uintptr_t off = start - (uintptr_t)pg->region;
    gc_arena *a = pg->arenas[off / GC_ARENA_BYTES];
    size_t first = off % GC_ARENA_BYTES / GC_PAGE_BYTES;
    for (size_t i = first; i < first + npages; i++) {
        a->used[i / 64] &= ~(1ull << (i % 64));
        __atomic_store_n(&a->spans[i], NULL, __ATOMIC_RELEASE);
    }
    a->free_pages += npages;
    if (first < a->first_free)
        a->first_free = first;
}
