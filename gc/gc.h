/*
 * gc.h — gorsim's heap: Go 1.19's allocator (size classes, spans, per-P caches, central
 * lists, large objects) on 64 MiB arenas, with a type descriptor for every object so that
 * heap scanning can be precise. This is what maps/ and sim/ may include from gc/.
 *
 * The collector is Go 1.19's (reference go119-runtime.md §3–§7): sweep termination (stop
 * the world) → concurrent tri-colour mark by background workers (Go's 25 % rule) and mark
 * assists, with a selectable write barrier → ragged barrier and mark termination (stop the
 * world) → concurrent sweep (a background sweeper and proportional sweeping in allocation).
 * Cycles are started by the pacer (GOGC, GOMEMLIMIT), by gc_collect (runtime.GC), by the
 * two-minute forced GC, and in stress mode every N allocations.
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
#include <stdio.h>

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

/* The write barrier (DESIGN.md §5). Each is correct as designed except none, which exists
   to show what the barrier prevents: the checkmark verifier reports what it loses. */
typedef enum gc_barrier {
    GC_BARRIER_HYBRID,   /* Go's (≥1.8): shade the old value and the new one; no rescan */
    GC_BARRIER_DIJKSTRA, /* insertion: shade the new value; stacks rescanned at mark
                            termination, with the world stopped (Go ≤1.7) */
    GC_BARRIER_YUASA,    /* deletion: shade the old value; stacks scanned at mark start,
                            with the world stopped (a snapshot) */
    GC_BARRIER_NONE      /* no barrier: the mutator can hide objects from the collector */
} gc_barrier;
GORSIM_API const char *gc_barrier_name(gc_barrier b);
GORSIM_API bool gc_barrier_parse(const char *name, gc_barrier *out);

#define GC_GOGC_OFF (-1)  /* GOGC=off */

typedef struct gc_config {
    size_t max_heap_bytes;  /* hard cap on arena memory; 0 = 64 GiB. Exceeding it is
                               "fatal error: out of memory" */
    int gogc;               /* GOGC percent (100), or GC_GOGC_OFF */
    int64_t memory_limit;   /* GOMEMLIMIT in bytes; INT64_MAX (default): none */
    gc_barrier barrier;     /* GC_BARRIER_HYBRID */
    int gctrace;            /* 1: one line per cycle in Go's GODEBUG=gctrace=1 format */
    FILE *log;              /* gctrace lines and checkmark reports; NULL: stderr */
    bool checkmark;         /* verify every mark with a stop-the-world re-mark (gccheckmark=1) */
    uint64_t stress_every;  /* start a cycle every N allocations (0: off) */
    bool no_assists;        /* mutators never assist (an ablation; Go always assists) */
    bool manual_mark;       /* no mark workers or assists: a test drives marking through the
                               internal stepping calls (gc_internal.h) */
} gc_config;

/* gc_config_init fills c with Go's defaults (GOGC=100, no memory limit, hybrid barrier). */
GORSIM_API void gc_config_init(gc_config *c);

/* gc_heap_new makes a heap for runtime s (before rt_sched_run: it takes per-P and per-G
   slots and the scheduler's work and safe-point hooks); cfg NULL: defaults. NULL with
   errno set on failure. */
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
   t's pointer mask); gc_root_remove unregisters it. Both refuse (false, errno EBUSY) while
   the collector marks: register before the heap is used, or between cycles. EINVAL: a bad
   type; ENOENT: not registered. */
GORSIM_API bool gc_root_add(gc_heap *h, void *addr, const gc_type *t);
GORSIM_API bool gc_root_remove(gc_heap *h, void *addr);

/* A precise root frame: n slots that belong to the current goroutine (the scenario
   interpreter's frames); with ptr set, only the slots whose ptr byte is nonzero hold
   pointers (the others are scalars, never scanned), else every slot is a pointer slot.
   Frames nest: push on entry, pop on return (LIFO). The owner may change slots, ptr and
   n while it runs; the collector reads them only while the goroutine is stopped. */
typedef struct gc_frame {
    struct gc_frame *prev;  /* set by gc_frame_push */
    void **slots;
    size_t n;
    const uint8_t *ptr;     /* NULL: all pointers */
} gc_frame;
GORSIM_API void gc_frame_push(gc_heap *h, gc_frame *f);
GORSIM_API void gc_frame_pop(gc_heap *h, gc_frame *f);

/* Besides these, every goroutine's C stack is scanned conservatively from its saved stack
   pointer, so pointers held in C locals keep their objects alive (the one deliberate
   difference from Go, whose stack maps are precise); so are a goroutine's start argument
   (rt_go) and the elements buffered in channels. */

/* ---------------------------------------------------------------- collection */

/* gc_collect is runtime.GC(): it waits for a cycle in progress to finish marking, runs a
   full cycle (counted as forced), and helps sweep until the heap is swept. */
GORSIM_API void gc_collect(gc_heap *h);

/* gc_set_gogc and gc_set_memory_limit are debug.SetGCPercent and debug.SetMemoryLimit:
   they return the previous value and recompute the heap goal (GC_GOGC_OFF: no GOGC goal;
   a negative limit only reads the current one; INT64_MAX: no limit). */
GORSIM_API int gc_set_gogc(gc_heap *h, int gogc);
GORSIM_API int64_t gc_set_memory_limit(gc_heap *h, int64_t limit);

/* ---------------------------------------------------------------- pointer stores */

/* Every store of a heap pointer into the heap or a registered global must go through
   gc_write_ptr (the compiler's write barrier in Go); stores into a goroutine's own frames
   and C locals need none. The inline test is one load; the barrier runs only while marking.
   The first field of a heap is its barrier flag, read here. */
GORSIM_API void gc_write_ptr_slow(gc_heap *h, void **slot, void *ptr);
static inline void gc_write_ptr(gc_heap *h, void *slot, void *ptr)
{
    if (__builtin_expect(__atomic_load_n((const uint32_t *)h, __ATOMIC_RELAXED) != 0, 0))
        gc_write_ptr_slow(h, (void **)slot, ptr);
    else
        __atomic_store_n((void **)slot, ptr, __ATOMIC_RELAXED);
}
/* gc_typed_copy copies count objects of type t from src to dst (Go's typedmemmove and
   typedslicecopy: one bulk barrier over the pointer words, then the copy); gc_typed_clear
   zeroes count objects of type t at p (typedmemclr: the old pointers are shaded). */
GORSIM_API void gc_typed_copy(gc_heap *h, const gc_type *t, void *dst, const void *src,
                              size_t count);
GORSIM_API void gc_typed_clear(gc_heap *h, const gc_type *t, void *p, size_t count);
/* gc_read_ptr loads a pointer the collector may be scanning (a plain load in Go). */
static inline void *gc_read_ptr(const void *slot)
{
    return __atomic_load_n((void *const *)slot, __ATOMIC_RELAXED);
}

/* gc_verify reports whether the heap's structures are consistent (its invariants, see
   gc_internal.h), printing the first problem found to stderr. World stopped, or no
   goroutine running. */
GORSIM_API bool gc_verify(gc_heap *h);

/* MemStats-like counters (Go's field names in comments). Times are engine time. */
typedef struct gc_stats {
    uint64_t heap_alloc;    /* HeapAlloc: bytes of allocated objects (falls as sweeping frees) */
    uint64_t heap_inuse;    /* HeapInuse: bytes in in-use spans */
    uint64_t heap_sys;      /* HeapSys: bytes of arena address space made usable */
    uint64_t heap_objects;  /* HeapObjects */
    uint64_t mallocs;       /* Mallocs: cumulative objects allocated */
    uint64_t frees;         /* Frees: cumulative objects freed */
    uint64_t total_alloc;   /* TotalAlloc: cumulative bytes allocated */
    uint64_t next_gc;       /* NextGC: the heap goal */
    uint64_t last_gc;       /* LastGC: engine ns of the last mark termination */
    uint32_t num_gc;        /* NumGC: completed cycles */
    uint32_t num_forced_gc; /* NumForcedGC: of which started by gc_collect */
    uint64_t pause_total_ns;/* PauseTotalNs */
    uint64_t pause_ns[256]; /* PauseNs: newest at [(num_gc + 255) % 256] */
    uint64_t pause_end[256];/* PauseEnd: engine ns (Go: Unix ns) */
    double gc_cpu_fraction; /* GCCPUFraction: GC CPU / (GOMAXPROCS x time) since start */
    /* beyond MemStats: what the collector did, for reports and tests */
    uint64_t assist_ns;     /* cumulative mark-assist time */
    uint64_t assist_work;   /* cumulative scan work (bytes) done by assists */
    uint64_t worker_work;   /* cumulative scan work done by background workers */
    uint64_t dedicated_ns, fractional_ns, idle_ns; /* cumulative worker time by kind */
    uint64_t wb_entries;    /* write-barrier buffer entries recorded */
    uint64_t checkmark_lost;/* reachable objects checkmark found unmarked */
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
    X(GC_COST_MARK, "gc.mark_object", 24, "shade one object")                        \
    X(GC_COST_SCAN_WORD, "gc.scan_word", 2, "scan one word of an object or stack")   \
    X(GC_COST_SWEEP_SPAN, "gc.sweep_span", 100, "sweep one span")                    \
    X(GC_COST_FREE, "gc.free_object", 8, "free one object in a sweep")               \
    X(GC_COST_WB, "gc.write_barrier", 4, "record one pointer in the write-barrier buffer")\
    X(GC_COST_ROOT_JOB, "gc.root_job", 200, "claim and set up one root job (a stack)")\
    X(GC_COST_SWEEP_TERM, "gc.sweep_termination", 20000,                              \
      "fixed work of the sweep-termination stop (Go 1.19 at 1 P: ~22 us)")            \
    X(GC_COST_MARK_TERM, "gc.mark_termination", 18000,                                \
      "fixed work of the mark-termination stop (Go 1.19 at 1 P: ~19 us)")
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
