/*
 * gc_internal.h — gc/'s structures and cross-file functions; for gc/ sources and the gc
 * tests only.
 *
 * Files: sizeclass.c the class table; arena.c address space, page allocation and the page
 * map; span.c spans and their allocation bits; central.c the per-class span lists; mcache.c
 * the per-P caches and the small-object path; heap.c the heap, large objects, lookup, stats;
 * roots.c globals, frames and goroutine stacks; mark.c shading and scanning; sweep.c
 * freeing unmarked objects; collect.c the (for now stop-the-world) collection.
 *
 * Invariants (cited by name elsewhere):
 *  INV-PAGEMAP   every page of an in-use span maps to that span, every other page to NULL.
 *  INV-ONE-HOME  a span with free slots is either cached by exactly one mcache or on its
 *                class's central partial list; a span without free slots is cached or on
 *                the full list; never two places.
 *  INV-MARKED    after marking, every object reachable from a root has its mark bit set
 *                (the mark bit of slot i is mark_bits bit i); sweep frees exactly the
 *                allocated objects whose mark bit is clear.
 *  INV-ALLOCBITS bit i of alloc_bits is set iff slot i holds an allocated object;
 *                alloc_count is their number; slots below freeindex are all allocated or
 *                were skipped as allocated (Go's nextFreeIndex contract).
 */
#ifndef GORSIM_GC_INTERNAL_H
#define GORSIM_GC_INTERNAL_H

#include "config.h"
#include "gc/gc.h"
#include "runtime/rt_debug.h"
#include <stdbool.h>
#include <stdint.h>

#define GC_PAGES_PER_ARENA (GC_ARENA_BYTES / GC_PAGE_BYTES)  /* 8192 */
#define GC_NUM_SPAN_CLASSES (2 * GC_NUM_CLASSES)               /* x {scan, noscan} */

/* spanclass = 2 * size class + noscan, as Go's makeSpanClass. */
static inline int gc__span_class(int cls, bool noscan) { return 2 * cls + (noscan ? 1 : 0); }

typedef enum gc_span_state {
    GC_SPAN_CACHED,          /* an mcache's current span for its class */
    GC_SPAN_PARTIAL,         /* on its central partial list */
    GC_SPAN_FULL,            /* on its central full list */
    GC_SPAN_LARGE            /* one large object */
} gc_span_state;

typedef struct gc_span {
    uintptr_t start;         /* first byte */
    size_t npages;
    size_t elemsize;         /* slot size; npages * page for a large object */
    uint32_t nelems;         /* slots */
    uint32_t freeindex;      /* next slot to look at (INV-ALLOCBITS) */
    uint64_t alloc_cache;    /* ~alloc_bits of the 64 slots from freeindex & ~63, shifted
                                so bit 0 is freeindex (Go's allocCache) */
    uint32_t alloc_count;    /* allocated slots */
    int cls;                 /* size class, 0 for large */
    int spanclass;
    bool noscan;
    gc_span_state state;
    uint64_t *alloc_bits;    /* nelems bits */
    uint64_t *mark_bits;     /* nelems bits; the collector's */
    const gc_type **types;   /* per slot: element type (NULL: noscan bytes) */
    uint32_t *counts;        /* per slot: element count */
    struct gc_span *next, *prev; /* central list links */
} gc_span;

/* ---------------------------------------------------------------- arena.c */

typedef struct gc_arena {
    char *base;                              /* GC_ARENA_BYTES, committed lazily */
    gc_span *spans[GC_PAGES_PER_ARENA];      /* the page map (INV-PAGEMAP) */
    uint64_t used[GC_PAGES_PER_ARENA / 64];  /* page in-use bits */
    size_t free_pages;
    size_t first_free;                       /* no free page below this index */
} gc_arena;

typedef struct gc_pages {
    char *region;            /* one reservation for every arena: lookup is arithmetic */
    size_t region_bytes;
    gc_arena **arenas;       /* region_bytes / GC_ARENA_BYTES slots, NULL until used */
    size_t narenas;          /* arenas made usable so far (in order) */
    size_t max_arenas;
} gc_pages;

int gc__pages_init(gc_pages *pg, size_t max_bytes);
void gc__pages_destroy(gc_pages *pg);
/* gc__pages_alloc finds npages contiguous free pages, maps them to span and returns their
   address, or 0 when the cap is reached. Caller holds the heap lock. */
uintptr_t gc__pages_alloc(gc_pages *pg, size_t npages, gc_span *span);
/* gc__pages_free returns a span's pages (INV-PAGEMAP); heap lock held. */
void gc__pages_free(gc_pages *pg, uintptr_t start, size_t npages);
/* gc__span_of returns the span owning address p, or NULL (INV-PAGEMAP). Lock-free: the
   page map entries of in-use spans do not change while their objects are reachable. */
gc_span *gc__span_of(const gc_pages *pg, uintptr_t p);

/* ---------------------------------------------------------------- span.c */

gc_span *gc__span_new(int cls, bool noscan, size_t npages);
void gc__span_free(gc_span *s);
/* gc__span_reset_cache restarts the search for free slots from slot 0 (after a sweep). */
void gc__span_reset_cache(gc_span *s);
/* gc__span_next_free returns a free slot index and marks it allocated, or -1 when full. */
int64_t gc__span_next_free(gc_span *s);
static inline bool gc__bit(const uint64_t *bits, size_t i) { return bits[i / 64] >> (i % 64) & 1; }
bool gc__span_verify(const gc_span *s);

/* ---------------------------------------------------------------- central.c */

typedef struct gc_central {
    uint32_t lk;             /* rt's internal lock word */
    gc_span *partial;        /* spans with free slots (INV-ONE-HOME) */
    gc_span *full;
} gc_central;

/* gc__central_cache takes a span with free slots for spanclass, growing the heap if none;
   NULL when the heap cap is reached. */
gc_span *gc__central_cache(gc_heap *h, int spanclass);
/* gc__central_uncache returns an mcache's span to its partial or full list. */
void gc__central_uncache(gc_heap *h, gc_span *s);
void gc__list_push(gc_span **list, gc_span *s);
void gc__list_remove(gc_span **list, gc_span *s);

/* ---------------------------------------------------------------- mcache.c */

typedef struct gc_mcache {
    gc_span *alloc[GC_NUM_SPAN_CLASSES];  /* current span per span class */
    uint64_t mallocs;        /* owner-written, read relaxed by gc_read_stats */
    uint64_t alloc_bytes;
} gc_mcache;

gc_mcache *gc__mcache_new(void);
void gc__mcache_release(gc_heap *h, gc_mcache *c);
/* gc__mcache_alloc takes one slot of spanclass; NULL when the heap cap is reached. */
void *gc__mcache_alloc(gc_heap *h, gc_mcache *c, int spanclass, gc_span **span, uint32_t *slot);

/* ---------------------------------------------------------------- roots.c, mark.c */

typedef struct gc_root {
    void *addr;
    const gc_type *type;
} gc_root;

/* The gray set: objects marked but not yet scanned; and the work done, for charging. */
typedef struct gc_work {
    uintptr_t *a;
    size_t n, cap;
    uint64_t marked, scanned_words; /* objects shaded, words scanned */
} gc_work;

/* gc__shade marks the object p points into (if any) and queues it for scanning if it can
   hold pointers; returns whether it was newly marked. */
bool gc__shade(gc_heap *h, gc_work *w, uintptr_t p);
/* gc__scan_object shades the pointers of count objects of type t at p (precise). */
void gc__scan_object(gc_heap *h, gc_work *w, const char *p, const gc_type *t, size_t count);
/* gc__drain scans gray objects until none is left. */
void gc__drain(gc_heap *h, gc_work *w);
/* gc__scan_range shades every word of [lo, hi) that points into the heap (conservative). */
void gc__scan_range(gc_heap *h, gc_work *w, const void *lo, const void *hi);
/* gc__mark_roots shades globals, frames and every goroutine's stack. World stopped. */
void gc__mark_roots(gc_heap *h, gc_work *w);
void gc__work_destroy(gc_work *w);

/* ---------------------------------------------------------------- sweep.c */

/* gc__sweep_all frees every unmarked object and resets mark bits (INV-MARKED), returning
   empty spans' pages to the arenas. World stopped, mcaches released. */
int64_t gc__sweep_all(gc_heap *h); /* returns the ns of work done */

/* ---------------------------------------------------------------- heap.c */

struct gc_heap {
    rt_sched *s;
    int slot;                /* rt P slot holding each P's gc_mcache */
    gc_config cfg;
    uint32_t lk;             /* heap lock: page allocation, large objects */
    gc_pages pages;
    gc_central central[GC_NUM_SPAN_CLASSES];
    uint64_t heap_inuse;     /* guarded by lk */
    uint64_t large_mallocs, large_bytes; /* guarded by lk */
    uint64_t frees, freed_bytes;                        /* guarded by lk */
    gc_span *large;          /* large spans in use (linked by next/prev); guarded by lk */
    gc_root *roots;          /* registered globals; guarded by lk */
    size_t nroots, caproots;
    int gslot;               /* rt G slot holding each goroutine's innermost gc_frame */
    int64_t cost[GC_COST_COUNT]; /* ns, from the runtime's model or the defaults */
    uint32_t num_gc, num_forced_gc;     /* guarded by lk */
    uint64_t pause_total_ns;             /* guarded by lk */
    uint64_t pause_ns[256], pause_end[256];
    char zerobase[8];        /* the address of every zero-size object, as Go's zerobase */
};

gc_mcache *gc__mcache_of_current_p(gc_heap *h);
/* gc__release_mcaches hands every P's cached spans back to the central lists (Go's
   releaseAll before a sweep). World stopped. */
void gc__release_mcaches(gc_heap *h);
_Noreturn void gc__out_of_memory(gc_heap *h);

#endif
