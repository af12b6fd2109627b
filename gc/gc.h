/*
 * gc.h — gorsim's heap: Go 1.19's allocator (size classes, spans, per-P caches, central
 * lists, large objects) on 64 MiB arenas, with a type descriptor for every object so that
 * heap scanning can be precise. This is what maps/ and sim/ may include from gc/.
 *
 * Status: the allocator, roots, precise marking and sweeping, as a stop-the-world
 * collection (gc_collect). The concurrent cycle (mark workers, write barriers, assists,
 * pacer, background sweep, verifier, gctrace) is built on these next.
 *
 * Layout, after Go (reference go119-runtime.md §2):
 *   arena   64 MiB of address space reserved at a fixed address (Go's hint, 0xc000000000,
 *           so runs are reproducible), carved into 8 KiB pages; a page map gives the span
 *           of every page, so any interior pointer finds its object.
 *   span    a run of pages holding objects of one span class (size class x scan/noscan), or
 *           one large object; allocation and mark bits per object.
 *   mcache  per P (a runtime P slot): the current span of each span class; no locks.
 *   central per span class: spans with free objects and full spans, under a lock.
 *
 * Allocation must happen on a goroutine of the runtime the heap was made for (it uses the
 * current P's cache). Memory comes back zeroed.
 */
#ifndef GORSIM_GC_H
#define GORSIM_GC_H

#include "runtime/rt.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GC_PAGE_BYTES 8192u                     /* Go's _PageSize */
#define GC_MAX_SMALL 32768u                     /* Go's _MaxSmallSize */
#define GC_NUM_CLASSES 68                       /* class 0 = large */
#define GC_ARENA_BYTES (64u * 1024u * 1024u)    /* heapArenaBytes on 64-bit Linux */
#define GC_WORD_BYTES 8u

/*
 * A type descriptor: what the collector needs to scan an object precisely. ptrmask has one
 * bit per word of the first ptrdata bytes (bit i of byte i/8 set: word i holds a pointer);
 * ptrdata = 0 (and ptrmask NULL) is a pointer-free ("noscan") type. Descriptors are owned
 * by the caller and must outlive the heap.
 */
typedef struct gc_type {
    size_t size;            /* bytes, > 0 */
    size_t ptrdata;         /* bytes from the start that may hold pointers (word multiple) */
    const uint8_t *ptrmask; /* one bit per word of ptrdata */
    const char *name;       /* for traces and verifier reports */
} gc_type;

/* gc_type_has_pointers reports whether objects of type t may hold pointers. */
static inline bool gc_type_has_pointers(const gc_type *t) { return t && t->ptrdata > 0; }

typedef struct gc_heap gc_heap;

typedef struct gc_config {
    size_t max_heap_bytes;  /* hard cap on arena memory; 0 = 64 GiB. Exceeding it is
                               "fatal error: out of memory" */
} gc_config;

/* gc_heap_new makes a heap for runtime s (before rt_sched_run: it takes a per-P slot).
   NULL with errno set on failure. */
GORSIM_API gc_heap *gc_heap_new(rt_sched *s, const gc_config *cfg);
/* gc_heap_free releases the heap and all its arenas (not while its runtime runs). */
GORSIM_API void gc_heap_free(gc_heap *h);

/* gc_alloc returns a zeroed object of type t (Go's newobject). */
GORSIM_API void *gc_alloc(gc_heap *h, const gc_type *t);
/* gc_alloc_array returns a zeroed array of n objects of type t (Go's newarray);
   "fatal error: out of memory" on size overflow, as Go panics. */
GORSIM_API void *gc_alloc_array(gc_heap *h, const gc_type *t, size_t n);
/* gc_alloc_noscan returns bytes of zeroed pointer-free memory. */
GORSIM_API void *gc_alloc_noscan(gc_heap *h, size_t bytes);

/* What a pointer into the heap points into. */
typedef struct gc_object {
    void *base;             /* start of the object */
    size_t size;            /* its slot size (size class, or pages for a large object) */
    const gc_type *type;    /* element type (NULL for noscan memory) */
    size_t count;           /* number of elements of type (1 unless an array) */
    int size_class;         /* 0 for large objects */
    bool noscan;
} gc_object;

/* gc_find_object reports whether p points into an allocated heap object (interior pointers
   included) and describes it. */
GORSIM_API bool gc_find_object(gc_heap *h, const void *p, gc_object *out);

/* ---------------------------------------------------------------- roots */

/* gc_root_add registers a global of type t at addr as a root (scanned precisely through
   t's pointer mask); gc_root_remove unregisters it. Register before the heap is used. */
GORSIM_API bool gc_root_add(gc_heap *h, void *addr, const gc_type *t);
GORSIM_API void gc_root_remove(gc_heap *h, void *addr);

/* A precise root frame: n pointer slots that belong to the current goroutine (the scenario
   interpreter's frames). Frames nest: push on entry, pop on return (LIFO). */
typedef struct gc_frame {
    struct gc_frame *prev;  /* set by gc_frame_push */
    void **slots;
    size_t n;
} gc_frame;
GORSIM_API void gc_frame_push(gc_heap *h, gc_frame *f);
GORSIM_API void gc_frame_pop(gc_heap *h, gc_frame *f);

/* Besides these, every goroutine's C stack is scanned conservatively from its saved stack
   pointer, so pointers held in C locals keep their objects alive (the one deliberate
   difference from Go, whose stack maps are precise). */

/* ---------------------------------------------------------------- collection */

/* gc_collect runs a full collection and sweeps the heap before returning (runtime.GC()).
   For now it runs with the world stopped throughout; the concurrent cycle replaces it. */
GORSIM_API void gc_collect(gc_heap *h);

/* gc_verify reports whether the heap's structures are consistent (its invariants, see
   gc_internal.h), printing the first problem found to stderr. World stopped, or no
   goroutine running. */
GORSIM_API bool gc_verify(gc_heap *h);

/* MemStats-like counters (a subset now; the collector adds the rest). */
typedef struct gc_stats {
    uint64_t heap_alloc;    /* bytes of allocated heap objects (slot sizes) */
    uint64_t heap_inuse;    /* bytes in in-use spans */
    uint64_t heap_sys;      /* bytes of arena address space reserved */
    uint64_t heap_objects;  /* allocated objects */
    uint64_t mallocs;       /* cumulative count of objects allocated */
    uint64_t frees;         /* cumulative count freed */
    uint64_t total_alloc;   /* cumulative bytes allocated */
    uint32_t num_gc;        /* completed collections */
    uint32_t num_forced_gc; /* of which forced (gc_collect: runtime.GC) */
    uint64_t pause_total_ns;/* all stop-the-world pauses, engine time */
    uint64_t pause_ns[256]; /* recent pauses: the newest at [(num_gc + 255) % 256], as Go */
    uint64_t pause_end[256];/* engine time each ended (Go: Unix ns) */
} gc_stats;
GORSIM_API void gc_read_stats(gc_heap *h, gc_stats *out);

/* ---------------------------------------------------------------- virtual time */

/* The heap's cost-model entries (nanoseconds, charged in the virtual engine). Register them
   on the model before rt_sched_new so a cost file can set them; a heap on a runtime whose
   model lacks them uses these defaults. */
#define GC_COSTS(X)                                                                  \
    X(GC_COST_ALLOC, "gc.alloc", 12, "allocate one small object from the P's cache") \
    X(GC_COST_REFILL, "gc.alloc_refill", 300, "take a new span for a P's cache")     \
    X(GC_COST_LARGE_PAGE, "gc.alloc_large_page", 60, "per page of a large object")   \
    X(GC_COST_MARK, "gc.mark_object", 15, "shade one object")                        \
    X(GC_COST_SCAN_WORD, "gc.scan_word", 1, "scan one word of an object or stack")   \
    X(GC_COST_SWEEP_SPAN, "gc.sweep_span", 100, "sweep one span")                    \
    X(GC_COST_FREE, "gc.free_object", 8, "free one object in a sweep")
#define GC_COST_ENUM(id, name, ns, doc) id,
enum { GC_COSTS(GC_COST_ENUM) GC_COST_COUNT };
#undef GC_COST_ENUM
/* gc_register_costs adds the heap's entries to cm (idempotent); false if out of memory. */
GORSIM_API bool gc_register_costs(rt_cost_model *cm);

/* Size classes (Go 1.19's table). */
GORSIM_API int gc_size_class(size_t size);       /* 0 for size > GC_MAX_SMALL */
GORSIM_API size_t gc_class_size(int cls);
GORSIM_API int gc_class_pages(int cls);
GORSIM_API size_t gc_class_objects(int cls);
/* gc_roundup_size returns the slot size an allocation of size gets (Go's roundupsize). */
GORSIM_API size_t gc_roundup_size(size_t size);

#ifdef __cplusplus
}
#endif
#endif
