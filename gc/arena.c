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
    rt_sys_hugepage(a->base, GC_ARENA_BYTES); /* as Go's sysUsed does for heap memory */
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

static void give_back(gc_arena *a, size_t first, size_t npages)
{
    for (size_t i = first; i < first + npages; i++) {
        a->used[i / 64] &= ~(1ull << (i % 64));
        __atomic_store_n(&a->spans[i], NULL, __ATOMIC_RELEASE);
    }
    a->free_pages += npages;
    if (first < a->first_free)
        a->first_free = first;
}

/* for_pages applies fn to the per-arena pieces of the global page run [g, g + npages):
   arenas are consecutive in the reservation, so a run may cross their boundaries. */
static void for_pages(gc_pages *pg, size_t g, size_t npages, gc_span *span, bool alloc)
{
    while (npages) {
        gc_arena *a = pg->arenas[g / GC_PAGES_PER_ARENA];
        size_t i = g % GC_PAGES_PER_ARENA, n = GC_PAGES_PER_ARENA - i;
        n = n < npages ? n : npages;
        if (alloc)
            take(a, i, n, span);
        else
            give_back(a, i, n);
        g += n;
        npages -= n;
    }
}

/* find_spanning returns the first global page index of npages free pages, the run allowed
   to cross arenas (objects near or above an arena's size); new arenas are made at the end
   as needed. (size_t)-1 when the cap is reached. */
static size_t find_spanning(gc_pages *pg, size_t npages)
{
    size_t run = 0, start = 0;
    for (size_t g = 0;; g++) {
        size_t k = g / GC_PAGES_PER_ARENA;
        if (k == pg->narenas && !grow(pg))
            return (size_t)-1;
        gc_arena *a = pg->arenas[k];
        if (g % GC_PAGES_PER_ARENA == 0 && a->free_pages == 0) { /* skip a full arena */
            run = 0;
            g += GC_PAGES_PER_ARENA - 1;
            continue;
        }
        if (page_used(a, g % GC_PAGES_PER_ARENA)) {
            run = 0;
            continue;
        }
        if (run++ == 0)
            start = g;
        if (run == npages)
            return start;
    }
}

uintptr_t gc__pages_alloc(gc_pages *pg, size_t npages, gc_span *span)
{
    if (npages == 0 || npages > pg->max_arenas * GC_PAGES_PER_ARENA)
        return 0;
    size_t g;
    if (npages > GC_PAGES_PER_ARENA / 2) { /* large: may cross arenas */
        if ((g = find_spanning(pg, npages)) == (size_t)-1)
            return 0;
    } else {
        for (size_t k = 0;; k++) {
            gc_arena *a = k < pg->narenas ? pg->arenas[k] : grow(pg);
            if (!a)
                return 0;
            long first = a->free_pages < npages ? -1 : find_run(a, npages);
            if (first >= 0) {
                g = k * GC_PAGES_PER_ARENA + (size_t)first;
                break;
            }
        }
    }
    /* the span is complete before the page map publishes it */
    span->start = (uintptr_t)pg->region + g * GC_PAGE_BYTES;
    for_pages(pg, g, npages, span, true);
    return span->start;
}

void gc__pages_free(gc_pages *pg, uintptr_t start, size_t npages)
{
    for_pages(pg, (start - (uintptr_t)pg->region) / GC_PAGE_BYTES, npages, NULL, false);
}

void gc__pages_each_span(gc_pages *pg, void (*fn)(gc_span *s, void *arg), void *arg)
{
    size_t total = pg->narenas * GC_PAGES_PER_ARENA;
    for (size_t g = 0; g < total; g++) {
        gc_span *s = pg->arenas[g / GC_PAGES_PER_ARENA]->spans[g % GC_PAGES_PER_ARENA];
        if (!s)
            continue;
        g += s->npages - 1; /* its other pages map to it too (fn may free it: read first) */
        fn(s, arg);
    }
}
