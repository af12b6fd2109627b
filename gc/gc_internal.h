/*
 * gc_internal.h — gc/'s structures and cross-file functions; for gc/ sources and the gc
 * tests only.
 *
 * Files: sizeclass.c the class table; arena.c address space, page allocation and the page
 * map; span.c spans and their bits; central.c the per-class span lists (swept/unswept);
 * mcache.c the per-P caches and the small-object path; heap.c the heap, allocation
 * (allocate-black, assists, triggers), lookup; stats.c MemStats; roots.c globals, frames,
 * stacks and root jobs; workbuf.c per-P gray stacks and the global list; mark.c shading,
 * scanning, draining; barrier.c write barriers and their buffers; workers.c background mark
 * workers and the scheduler hooks; assist.c mark assists and background credit; pacer.c
 * Go 1.19's pacer (pure arithmetic); cycle.c the cycle's phases and runtime.GC; sweep.c
 * sweeping (lazy, proportional, background); checkmark.c the verifier's re-mark;
 * gctrace.c the gctrace line; verify.c the heap-invariant walker.
 *
 * Invariants (cited by name elsewhere):
 *  INV-PAGEMAP   every page of an in-use span maps to that span, every other page to NULL.
 *  INV-ONE-HOME  a span is cached by exactly one mcache, or on exactly one central list
 *                (partial or full, swept or unswept, by sweepgen), or on one large list, or
 *                held by the one sweeper sweeping it; never two places.
 *  INV-MARKED    at mark termination every object reachable from a root (globals, frames,
 *                stacks) has its mark bit set (the barrier keeps the weak tri-colour
 *                invariant during mark); sweep frees exactly the allocated objects whose
 *                mark bit is clear, and clears the bits.
 *  INV-ALLOCBITS bit i of alloc_bits is set iff slot i holds an allocated object;
 *                alloc_count is their number; slots below freeindex are all allocated or
 *                were skipped as allocated (Go's nextFreeIndex contract).
 *  INV-SWEPT     while marking (phase != GC_OFF) every span is swept: marking starts only
 *                after sweep termination has swept the rest, and mark bits are clear
 *                outside a cycle except on objects allocated black.
 *  INV-BLACK     an object allocated while phase != GC_OFF is marked before its allocation
 *                bit is published (so a marker seeing the allocation sees the mark).
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

#define ld_acq(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define ld_rlx(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define st_rel(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define st_rlx(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define xadd(p, v) __atomic_add_fetch((p), (v), __ATOMIC_ACQ_REL)

/* spanclass = 2 * size class + noscan, as Go's makeSpanClass. */
static inline int gc__span_class(int cls, bool noscan) { return 2 * cls + (noscan ? 1 : 0); }

typedef enum gc_span_state {
    GC_SPAN_CACHED,          /* an mcache's current span for its class */
    GC_SPAN_PARTIAL,         /* on a central partial list */
    GC_SPAN_FULL,            /* on a central full list */
    GC_SPAN_LARGE,           /* one large object, on a large list */
    GC_SPAN_SWEEPING         /* taken off its list by the one sweeping it */
} gc_span_state;

/* What a slot holds: count elements of type (NULL: noscan bytes), in one word — the type
   pointer in the low 48 bits, the count (at most 32768 in a small slot) above; a large
   object's count is its span's. Go keeps a heap bitmap instead; a type per slot makes
   scanning precise without one, at one word per object. */
typedef uint64_t gc_slot;
#define GC_SLOT_PTR_BITS 48

typedef struct gc_span {
    uintptr_t start;         /* first byte */
    size_t npages;
    size_t elemsize;         /* slot size; npages * page for a large object */
    uint32_t nelems;         /* slots */
    uint32_t divmul;         /* ceil(2^32 / elemsize): slot = offset * divmul >> 32 (Go's
                                divMagic; exact for offsets within a span) */
    uint32_t freeindex;      /* next slot to look at (INV-ALLOCBITS) */
    uint64_t alloc_cache;    /* ~alloc_bits of the 64 slots from freeindex & ~63, shifted
                                so bit 0 is freeindex (Go's allocCache) */
    uint32_t alloc_count;    /* allocated slots */
    int cls;                 /* size class, 0 for large */
    int spanclass;
    bool noscan;
    gc_span_state state;
    uint64_t *alloc_bits;    /* nelems bits; words read atomically by markers */
    uint64_t *mark_bits;     /* nelems bits; set atomically (INV-MARKED, INV-BLACK) */
    uint64_t *check_bits;    /* checkmark's own mark bits, NULL unless it runs */
    gc_slot *slots;          /* per slot: what it holds */
    size_t large_count;      /* a large object's element count */
    struct gc_span *next, *prev; /* list links */
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
/* gc__pages_alloc finds npages contiguous free pages, sets span->start, maps them to span
   (publishing it to lock-free readers) and returns their address, or 0 when the cap is
   reached. Caller holds the heap lock. */
uintptr_t gc__pages_alloc(gc_pages *pg, size_t npages, gc_span *span);
/* gc__pages_free returns a span's pages (INV-PAGEMAP); heap lock held. */
void gc__pages_free(gc_pages *pg, uintptr_t start, size_t npages);
/* gc__pages_each_span calls fn once for every in-use span (at its first page; a large
   span may cross arenas). World stopped or heap lock held. */
void gc__pages_each_span(gc_pages *pg, void (*fn)(gc_span *s, void *arg), void *arg);
/* gc__span_of returns the span owning address p, or NULL (INV-PAGEMAP). Lock-free: the
   page map entries of in-use spans do not change while their objects are reachable. */
static inline gc_span *gc__span_of(const gc_pages *pg, uintptr_t p)
{
    uintptr_t off = p - (uintptr_t)pg->region;
    size_t n = __atomic_load_n(&pg->narenas, __ATOMIC_ACQUIRE);
    if (p < (uintptr_t)pg->region || off >= n * (uintptr_t)GC_ARENA_BYTES)
        return NULL;
    gc_arena *a = pg->arenas[off / GC_ARENA_BYTES];
    return __atomic_load_n(&a->spans[off % GC_ARENA_BYTES / GC_PAGE_BYTES], __ATOMIC_ACQUIRE);
}

/* ---------------------------------------------------------------- span.c */

gc_span *gc__span_new(int cls, bool noscan, size_t npages);
void gc__span_free(gc_span *s);
/* gc__span_reset_cache restarts the search for free slots from slot 0 (after a sweep). */
void gc__span_reset_cache(gc_span *s);
/* gc__span_next_free returns a free slot index (not yet published as allocated: see
   gc__span_publish), or -1 when full. */
int64_t gc__span_next_free(gc_span *s);
static inline bool gc__bit(const uint64_t *bits, size_t i)
{
    return ld_acq(&bits[i / 64]) >> (i % 64) & 1;
}
/* gc__set_bit_in sets bit i and reports whether it was clear: atomically when markers on
   several threads race (shared), with a plain read and write when one thread runs every
   goroutine. */
static inline bool gc__set_bit_in(uint64_t *bits, size_t i, bool shared)
{
    uint64_t m = 1ull << (i % 64), w = ld_rlx(&bits[i / 64]);
    if (w & m)
        return false;
    if (!shared) {
        st_rlx(&bits[i / 64], w | m);
        return true;
    }
    return !(__atomic_fetch_or(&bits[i / 64], m, __ATOMIC_ACQ_REL) & m);
}
bool gc__span_verify(const gc_span *s);
static inline void gc__slot_set(gc_span *s, size_t i, const gc_type *t, size_t count)
{
    rt_assert((uintptr_t)t >> GC_SLOT_PTR_BITS == 0);
    if (!s->cls)
        s->large_count = count;
    s->slots[i] = (uint64_t)(uintptr_t)t | (s->cls ? (uint64_t)count << GC_SLOT_PTR_BITS : 0);
}
static inline const gc_type *gc__slot_type(const gc_span *s, size_t i)
{
    return (const gc_type *)(uintptr_t)(s->slots[i] & ((1ull << GC_SLOT_PTR_BITS) - 1));
}
static inline size_t gc__slot_count(const gc_span *s, size_t i)
{
    return s->cls ? (size_t)(s->slots[i] >> GC_SLOT_PTR_BITS) : s->large_count;
}
/* gc__slot_of returns the index of the slot holding address p of span s. */
static inline size_t gc__slot_of(const gc_span *s, uintptr_t p)
{
    return s->cls ? (size_t)(((uint64_t)(p - s->start) * s->divmul) >> 32) : 0;
}

/* ---------------------------------------------------------------- central.c */

/* Go's mcentral: partial[k] and full[k] hold swept spans when k == sweepgen/2 % 2 and
   unswept ones otherwise; sweep termination flips them by adding 2 to the sweepgen. */
typedef struct gc_central {
    uint32_t lk;             /* rt's internal lock word */
    gc_span *partial[2];     /* spans with free slots (INV-ONE-HOME) */
    gc_span *full[2];
} gc_central;

static inline int gc__swept_ix(uint32_t sweepgen) { return (int)(sweepgen / 2 % 2); }

/* gc__central_cache takes a swept span with free slots for spanclass, sweeping unswept ones
   or growing the heap if none; NULL when the heap cap is reached. */
gc_span *gc__central_cache(gc_heap *h, int spanclass);
/* gc__central_uncache returns an mcache's span to its (swept, or with unswept: unswept)
   partial or full list. */
void gc__central_uncache(gc_heap *h, gc_span *s, bool unswept);
/* gc__central_pop_unswept takes one unswept span of spanclass off its lists, or NULL. */
gc_span *gc__central_pop_unswept(gc_heap *h, int spanclass);
/* gc__central_push_swept files a swept span by its free slots. */
void gc__central_push_swept(gc_heap *h, gc_span *s);
void gc__list_push(gc_span **list, gc_span *s);
void gc__list_remove(gc_span **list, gc_span *s);

/* ---------------------------------------------------------------- mcache.c */

typedef struct gc_mcache {
    gc_span *alloc[GC_NUM_SPAN_CLASSES];  /* current span per span class */
    uint64_t mallocs;        /* owner-written, read relaxed by gc_read_stats */
    uint64_t alloc_bytes;
} gc_mcache;

void gc__mcache_release(gc_heap *h, gc_mcache *c, bool unswept);
/* gc__mcache_alloc takes one slot of spanclass; NULL when the heap cap is reached.
   *refilled tells whether a new span was taken (a trigger check point). */
void *gc__mcache_alloc(gc_heap *h, gc_mcache *c, int spanclass, gc_span **span,
                       uint32_t *slot, bool *refilled);

/* ---------------------------------------------------------------- workbuf.c */

/* A gray stack and the work done into it (Go's gcWork). One per P, used by whatever runs on
   the P between safe points; scanners that run inside a safe point use their own and flush
   it (gc__work_dispose). */
typedef struct gc_work {
    uintptr_t *a;
    size_t n, cap;
    uint64_t marked;         /* objects shaded (cost) */
    uint64_t scanned_words;  /* words scanned (cost) */
    uint64_t bytes_marked;   /* to fold into the cycle's total */
    uint64_t heap_scan;      /* heap scan work (bytes), to fold in */
    int64_t extra_ns;        /* other modelled work (root jobs, barrier entries) */
    bool flushed;            /* gave work to the global list since the last ragged barrier */
} gc_work;

void gc__work_put_slow(gc_heap *h, gc_work *w, uintptr_t obj);
static inline void gc__work_put(gc_heap *h, gc_work *w, uintptr_t obj)
{
    if (__builtin_expect(w->n < w->cap && w->n < 2048, 1))
        w->a[w->n++] = obj;
    else
        gc__work_put_slow(h, w, obj);
}
/* gc__work_get pops a gray object, refilling from the global list; 0 when there is none. */
uintptr_t gc__work_get_slow(gc_heap *h, gc_work *w);
static inline uintptr_t gc__work_get(gc_heap *h, gc_work *w)
{
    return __builtin_expect(w->n > 0, 1) ? w->a[--w->n] : gc__work_get_slow(h, w);
}
/* gc__work_dispose moves w's gray objects to the global list and folds its counters into
   the cycle's; reports whether it moved any. */
bool gc__work_dispose(gc_heap *h, gc_work *w);
bool gc__work_global_empty(gc_heap *h);
/* gc__work_balance hands half of w to the global list when that is empty and w holds more
   than 4 objects (Go's balance), so idle markers find work; reports whether it did. */
bool gc__work_balance(gc_heap *h, gc_work *w);
void gc__work_destroy(gc_work *w);
/* gc__work_charge_ns returns the modelled cost of w's work since the last call and resets
   its cost counters. */
int64_t gc__work_charge_ns(gc_heap *h, gc_work *w);

/* ---------------------------------------------------------------- mark.c */

/* gc__shade marks the object p points into (if any) and queues it for scanning if it can
   hold pointers; returns whether it was newly marked. A word from a conservative scan may
   point at a free slot, which is left alone (heap words scanned through their types
   always point at objects, and skip that check). */
bool gc__shade(gc_heap *h, gc_work *w, uintptr_t p);
/* gc__scan_object shades the pointers of count objects of type t at p (precise). */
void gc__scan_object(gc_heap *h, gc_work *w, const char *p, const gc_type *t, size_t count);
/* gc__scan_range shades every word of [lo, hi) that points into the heap (conservative). */
void gc__scan_range(gc_heap *h, gc_work *w, const void *lo, const void *hi);
/* gc__drain_all scans until no gray object is left anywhere (world stopped, or tests). */
void gc__drain_all(gc_heap *h, gc_work *w);

/* How a marker drains (Go's gcDrain flags). */
typedef enum gc_drain_mode {
    GC_DRAIN_DEDICATED,      /* until no work */
    GC_DRAIN_FRACTIONAL,     /* until no work or over its utilization goal */
    GC_DRAIN_IDLE,           /* until no work or other work for the P */
    GC_DRAIN_ASSIST          /* until a budget of scan work is done */
} gc_drain_mode;
/* gc__drain does root jobs then gray objects on the current P's gc_work, charging its cost
   every batch (a safe point). Returns the scan work done (bytes). */
int64_t gc__drain(gc_heap *h, gc_drain_mode mode, int64_t budget);
/* gc__mark_work_available: root jobs left, or gray objects on the global list. */
bool gc__mark_work_available(gc_heap *h);

/* ---------------------------------------------------------------- roots.c */

typedef struct gc_root {
    void *addr;
    const gc_type *type;
} gc_root;

/* Per-G scan state word in a G slot: cycle << 2 | state. A goroutine is in the cycle's
   stack snapshot iff its word carries the cycle. */
enum { GC_STACK_UNSCANNED = 1, GC_STACK_SCANNING = 2, GC_STACK_DONE = 3 };

/* gc__roots_prepare snapshots the goroutines for stack jobs and counts root jobs (world
   stopped). */
void gc__roots_prepare(gc_heap *h);
/* gc__root_job_next claims and runs one root job and returns its scan work (bytes); -1
   when none is left. A global's job shades into w; a stack job may yield the processor
   while it waits for its goroutine, so it shades into a gray stack of its own, handed to
   the global list: after it, w may belong to another P than the caller's. */
int64_t gc__root_job_next(gc_heap *h, gc_work *w);
/* gc__mark_globals shades the registered globals. */
void gc__mark_globals(gc_heap *h, gc_work *w);
/* gc__mark_channels shades what channel buffers hold (conservatively: C memory). */
void gc__mark_channels(gc_heap *h, gc_work *w);
/* gc__scan_frames shades the slots of g's precise frames. */
void gc__scan_frames(gc_heap *h, gc_work *w, rt_g *g);
/* gc__mark_stacks_stopped scans every goroutine's stack and frames (world stopped). */
void gc__mark_stacks_stopped(gc_heap *h, gc_work *w);
/* gc__scan_stack_job scans goroutine g for this cycle if it still needs it: suspending it,
   or from its own safe point if it runs; returns when g's stack is done, with the bytes
   this call scanned. */
uint64_t gc__scan_stack_job(gc_heap *h, gc_work *w, rt_g *g);
/* gc__self_scan_hook: the safe-point hook's part: the current goroutine scans itself if a
   marker is waiting for it. */
void gc__self_scan_hook(gc_heap *h);

/* ---------------------------------------------------------------- barrier.c */

#define GC_WBUF_ENTRIES 256   /* Go's wbBufEntries (x 2 pointers) */
typedef struct gc_wbuf {
    uint32_t n;
    uintptr_t e[2 * GC_WBUF_ENTRIES];
} gc_wbuf;
/* gc__wbuf_flush shades the buffer's pointers into w and empties it (Go's wbBufFlush1). */
void gc__wbuf_flush(gc_heap *h, gc_wbuf *b, gc_work *w);
/* gc__handoff is the runtime's hand-off hook: while marking, every word of a value moved
   between goroutines (a start argument, a channel element) that points into the heap is
   shaded, whatever the barrier (but none). */
void gc__handoff(void *heap, const void *p, size_t n);

/* ---------------------------------------------------------------- per P */

typedef enum gc_worker_mode { GC_WORKER_NONE, GC_WORKER_DEDICATED, GC_WORKER_FRACTIONAL,
                              GC_WORKER_IDLE } gc_worker_mode;

/* The collector's per-P state, in a runtime P slot. Used by the goroutine running on the
   P between safe points, by the ragged barrier at one, and by anyone while the P is idle
   or the world stopped. */
typedef struct gc_p {
    gc_mcache mcache;
    gc_work work;
    gc_wbuf wb;
    int64_t fractional_ns;   /* this cycle's fractional worker time on this P; atomic (a
                                worker that moved on adds it while another runs here) */
    int64_t assist_ns;       /* this cycle's assist time on this P (folded at termination) */
    uint64_t scan_alloc;     /* scannable bytes allocated since the last flush (heapScan) */
    int64_t pending_ns;      /* work done inside an allocation, charged at its end */
} gc_p;

static inline gc_p *gc__p(gc_heap *h, int p_id);

/* ---------------------------------------------------------------- workers.c */

bool gc__workers_install(gc_heap *h);      /* the scheduler hooks; false: another heap's */
void gc__workers_uninstall(gc_heap *h);    /* removes those of them that are ours */
void gc__workers_start(gc_heap *h);        /* one parked worker per P (first cycle) */
void gc__enlist_worker(gc_heap *h);        /* new global work: get a worker onto it */
/* gc__worker_split computes Go's dedicated workers and fractional goal for procs Ps. */
void gc__worker_split(int procs, int *dedicated, double *fractional);

/* ---------------------------------------------------------------- assist.c */

typedef struct gc_waiter {
    rt_g *g;
    struct gc_waiter *next;
} gc_waiter;

/* gc__assist pays the current goroutine's debt (credit < 0) by scanning, stealing
   background credit, or waiting for it (Go's gcAssistAlloc). */
void gc__assist(gc_heap *h);
/* gc__flush_bg_credit gives scan work done by a worker to waiting assists, then to the
   bank (Go's gcFlushBgCredit). */
void gc__flush_bg_credit(gc_heap *h, int64_t work);
/* gc__assists_wake_all readies every parked assist (end of mark). */
void gc__assists_wake_all(gc_heap *h);
/* gc__assist_credit_add adds delta to g's assist credit (bytes; negative: debt) and returns
   it; gc__assist_credit_set overwrites it. Only g itself, or anyone with the world stopped. */
int64_t gc__assist_credit_add(gc_heap *h, rt_g *g, int64_t delta);
void gc__assist_credit_set(gc_heap *h, rt_g *g, int64_t v);

/* ---------------------------------------------------------------- pacer.c */

/* Go 1.19's gcControllerState, the parts the pacer computes with (mgcpacer.go). Pure
   arithmetic on this struct: the cycle code feeds it and reads goals back. */
typedef struct gc_pacer {
    int64_t gogc;            /* GOGC, -1 off */
    int64_t memory_limit;    /* bytes */
    uint64_t heap_minimum;   /* 4 MiB x GOGC/100 */
    uint64_t heap_live, heap_scan, heap_marked;
    uint64_t last_heap_scan, last_stack_scan, max_stack_scan, globals_scan;
    uint64_t heap_scan_work, stack_scan_work, globals_scan_work; /* this cycle */
    uint64_t triggered;      /* heap_live at the cycle's trigger; UINT64_MAX outside */
    uint64_t gc_percent_goal, sweep_dist_min_trigger, runway, last_heap_goal;
    uint64_t mapped_ready, heap_free, heap_alloc; /* for the memory-limit goal */
    double cons_mark, pi_integral;
    double assist_work_per_byte, assist_bytes_per_work;
    int dedicated;           /* dedicated workers this cycle */
    double fractional_goal;  /* fractional utilization goal per P */
    int max_idle;            /* idle workers allowed */
    int64_t mark_start_ns, assist_ns, dedicated_ns, fractional_ns, idle_ns;
} gc_pacer;

void gc__pacer_init(gc_pacer *c, int gogc, int64_t memory_limit);
void gc__pacer_set_gogc(gc_pacer *c, int gogc);
/* commit: the goal after a mark (and on GOGC/limit changes) — Go's commit(isSweepDone). */
void gc__pacer_commit(gc_pacer *c, bool sweep_done);
uint64_t gc__pacer_heap_goal(const gc_pacer *c);
uint64_t gc__pacer_memory_limit_goal(const gc_pacer *c);
/* trigger returns the heap-live trigger and stores the goal. */
uint64_t gc__pacer_trigger(const gc_pacer *c, uint64_t *goal);
void gc__pacer_start_cycle(gc_pacer *c, int64_t now, int procs, bool time_trigger);
void gc__pacer_revise(gc_pacer *c);
/* end_cycle updates cons/mark (Go's endCycle); returns false on a controller reset. */
bool gc__pacer_end_cycle(gc_pacer *c, int64_t now, int procs);
void gc__pacer_reset_live(gc_pacer *c, uint64_t bytes_marked);
/* gc__pacer_inputs refreshes the memory-limit goal's inputs from the heap (stats.c). */
void gc__pacer_inputs(gc_heap *h);

/* ---------------------------------------------------------------- sweep.c */

/* gc__sweep_span frees s's unmarked objects and clears its mark bits (INV-MARKED); s is
   held by the caller (off every list). Returns true if s was empty and its pages were
   returned (then s is gone), and adds the work's cost to *ns. */
bool gc__sweep_span(gc_heap *h, gc_span *s, int64_t *ns);
/* gc__sweep_one sweeps one unswept span; false when none is left. Adds cost to *ns. */
bool gc__sweep_one(gc_heap *h, int64_t *ns);
/* gc__sweep_finish sweeps everything left (sweep termination, world stopped). */
int64_t gc__sweep_finish(gc_heap *h);
/* gc__sweep_begin flips the sweep generation and files every span as unswept (mark
   termination, world stopped). */
void gc__sweep_begin(gc_heap *h);
/* gc__sweep_credit sweeps in proportion to allocation (Go's deductSweepCredit). */
void gc__sweep_credit(gc_heap *h, uint64_t span_bytes);
void gc__sweep_pace(gc_heap *h, uint64_t trigger);
void gc__bgsweep_start(gc_heap *h);
void gc__bgsweep_wake(gc_heap *h);

/* ---------------------------------------------------------------- cycle.c */

typedef enum gc_phase { GC_OFF, GC_MARK, GC_MARKTERM } gc_phase;
typedef enum gc_trigger_kind {
    GC_TRIGGER_HEAP,         /* heap_live reached the trigger */
    GC_TRIGGER_TIME,         /* two minutes without a cycle */
    GC_TRIGGER_CYCLE,        /* runtime.GC: start cycle n (forced) */
    GC_TRIGGER_STRESS        /* stress mode: start cycle n (not forced) */
} gc_trigger_kind;

/* gc__start starts a cycle if the trigger holds (Go's gcStart); n is the cycle number for
   GC_TRIGGER_CYCLE. */
void gc__start(gc_heap *h, gc_trigger_kind kind, uint32_t n);
bool gc__trigger_test(gc_heap *h, gc_trigger_kind kind, uint32_t n);
/* gc__mark_done: termination detection and mark termination (Go's gcMarkDone). */
void gc__mark_done(gc_heap *h);

/* Test stepping (gc_config.manual_mark): start a cycle and stop before marking; scan one
   goroutine's stack; drain everything; finish (ragged barrier, mark termination, sweep
   setup). The world runs in between, so a test can interleave mutator steps. */
void gc__test_mark_begin(gc_heap *h);
void gc__test_scan_stack(gc_heap *h, rt_g *g);
void gc__test_scan_globals(gc_heap *h);
void gc__test_drain_gray(gc_heap *h);  /* gray objects only, no root jobs */
void gc__test_drain(gc_heap *h);       /* root jobs left, then gray objects */
void gc__test_mark_finish(gc_heap *h);

/* ---------------------------------------------------------------- checkmark.c */

/* gc__checkmark re-marks from the roots with the world stopped and reports every reachable
   object left unmarked, with a root path; returns their number. */
uint64_t gc__checkmark(gc_heap *h);

/* ---------------------------------------------------------------- gctrace.c */

/* gc__fmt_ns_as_ms formats ns as Go's fmtNSAsMS does; returns buf. */
char *gc__fmt_ns_as_ms(char *buf, size_t len, uint64_t ns);
void gc__gctrace_print(gc_heap *h);

/* ---------------------------------------------------------------- heap.c */

/* A list of parked goroutines (runtime.GC waiters, the sweeper). */
typedef struct gc_waiters {
    uint32_t lk;
    gc_waiter *head;
} gc_waiters;
/* gc__wait parks the caller on q unless done(h, n) holds (checked under q's lock). */
void gc__wait(gc_heap *h, gc_waiters *q, bool (*done)(gc_heap *h, uint32_t n), uint32_t n,
              int reason);
void gc__wake_all(gc_waiters *q);

/* One cycle's record: what gctrace prints and the pacer learns. */
typedef struct gc_cycle_rec {
    int64_t t_sweep_term, t_mark, t_mark_term, t_end;
    int64_t pause_ns;        /* every stop this cycle */
    int64_t stw1_ns, stw2_ns;
    uint64_t heap0, heap1, heap2;
    bool user_forced;
    int procs;
} gc_cycle_rec;

struct gc_heap {
    uint32_t wb_enabled;     /* first: gc_write_ptr's inline test reads it */
    uint32_t phase;          /* gc_phase; atomic */
    uint32_t black_enabled;  /* workers and assists may mark (Go's gcBlackenEnabled) */
    uint32_t sweepgen;       /* += 2 at each mark termination */
    rt_sched *s;
    int slot;                /* rt P slot holding each P's gc_p */
    int gslot;               /* rt G slot: the goroutine's innermost gc_frame */
    int gslot_assist;        /* rt G slot: assist credit (bytes, as intptr) */
    int gslot_scan;          /* rt G slot: stack scan state (cycle << 2 | state) */
    gc_config cfg;
    int64_t cost[GC_COST_COUNT]; /* ns, from the runtime's model or the defaults */
    bool shared;             /* goroutines run on several threads: mark bits need atomics */
    int64_t start_ns;        /* engine time of the heap's first use (gctrace's @) */

    uint32_t lk;             /* heap lock: pages, large objects, roots, stats */
    gc_pages pages;
    gc_central central[GC_NUM_SPAN_CLASSES];
    gc_span *large[2];       /* large spans, swept/unswept by sweepgen; guarded by lk */
    uint64_t heap_inuse;     /* guarded by lk */
    uint64_t large_mallocs, large_bytes; /* guarded by lk */
    uint64_t frees, freed_bytes;         /* atomic */
    gc_root *roots;          /* registered globals; guarded by lk */
    size_t nroots, caproots;
    char zerobase[8];        /* the address of every zero-size object, as Go's zerobase */

    /* the cycle */
    rt_mutex start_mu;       /* one gc__start at a time (Go's startSema) */
    rt_mutex cycle_mu;       /* held from a cycle's start to the end of its termination,
                                gctrace line included (Go's gcsema); h->rec is its */
    rt_mutex done_mu;        /* one gc__mark_done at a time (markDoneSema) */
    uint32_t cycles;         /* cycles started (Go's work.cycles); atomic */
    uint32_t num_gc, num_forced_gc;     /* written under lk; num_gc read atomically */
    int64_t active_markers;  /* workers and assists draining now; atomic */
    uint64_t allocs;         /* for stress mode; atomic */
    uint64_t stress_next;    /* stress mode: start a cycle at this many allocations */
    gc_cycle_rec rec;
    gc_pacer pacer;          /* guarded by lk (read racily for the assist ratio) */
    uint64_t bytes_marked;   /* this cycle; atomic */
    uint64_t heap_scan_work, stack_scan_work, globals_scan_work; /* this cycle; atomic */
    uint64_t alloc_black;    /* bytes allocated black this cycle; atomic */
    int64_t assist_ns_total, dedicated_ns_total, fractional_ns_total, idle_ns_total;
    uint64_t assist_work_total, worker_work_total, wb_entries, checkmark_lost; /* atomic */
    double gc_cpu_ns;        /* cumulative GC CPU for GCCPUFraction */
    double gc_cpu_fraction;
    uint64_t pause_total_ns; /* guarded by lk */
    uint64_t pause_ns[256], pause_end[256];
    int64_t last_gc_ns;      /* atomic (the forced-GC test reads it unlocked) */
    gc_waiters mark_waiters; /* runtime.GC callers waiting for a mark termination */
    gc_waiters sweep_waiters;/* the background sweeper */

    /* root jobs (roots.c) */
    uint32_t root_next, root_jobs;     /* atomic counter over [0, root_jobs) */
    rt_g **root_gs;          /* the cycle's stack snapshot */
    size_t nroot_gs, cap_root_gs;

    /* gray objects beyond the per-P stacks (workbuf.c) */
    uint32_t work_lk;
    uintptr_t *gwork;
    size_t ngwork, capgwork;
    uint64_t ngwork_pub;     /* ngwork, read without the lock; atomic */

    /* workers (workers.c) */
    uint32_t worker_lk;
    rt_g **worker_pool;      /* parked workers */
    int nworker_pool, nworkers;
    int64_t dedicated_needed;/* atomic */
    int32_t idle_workers;    /* running idle workers; atomic */
    gc_worker_mode *worker_mode; /* per P: the mode of the worker it runs */
    bool workers_started;
    bool hooks;              /* the scheduler's hooks are this heap's */
    uint32_t enlist_next;    /* round-robin choice of a P to preempt; atomic */
    rt_g *forcegc_g;         /* parked forced-GC helper, or NULL */
    uint32_t forcegc_lk;

    /* assists (assist.c) */
    int64_t bg_credit;       /* scan work banked by workers; atomic */
    uint32_t assist_lk;
    gc_waiter *assist_head, *assist_tail;

    /* sweeping (sweep.c) */
    uint64_t pages_unswept;  /* pages left to sweep this cycle; atomic */
    uint64_t pages_swept;    /* atomic */
    double sweep_pages_per_byte;
    uint64_t sweep_live_basis, sweep_pages_basis;
    uint32_t sweep_done;     /* atomic: nothing unswept and nobody sweeping */
    int32_t sweepers;        /* spans taken off a list and not yet swept; atomic */
    rt_g *bgsweep_g;
    bool bgsweep_started;

    /* trace kinds (trace.c part of cycle.c) */
    int ev_gc_start, ev_gc_done, ev_stw_start, ev_stw_done, ev_sweep_start, ev_sweep_done,
        ev_heap_alloc, ev_heap_goal, ev_assist_start, ev_assist_done, ev_worker_start,
        ev_worker_done;
    int wait_assist, wait_worker, wait_sweep, wait_gc, wait_forcegc;
};

static inline gc_p *gc__p(gc_heap *h, int p_id) { return *rt_p_slot(h->s, p_id, h->slot); }
static inline gc_p *gc__cur_p(gc_heap *h) { return rt_cur_p_slot(h->s, h->slot); }
static inline gc_phase gc__phase(const gc_heap *h) { return (gc_phase)ld_acq(&h->phase); }

/* gc__release_mcaches hands every P's cached spans back to the central lists (Go's
   releaseAll before a sweep). World stopped. */
void gc__release_mcaches(gc_heap *h, bool unswept);
_Noreturn void gc__out_of_memory(gc_heap *h);
/* gc__heap_live_add adjusts the pacer's heap_live (and emits the trace counter). */
void gc__heap_live_add(gc_heap *h, int64_t delta);
void gc__trace(gc_heap *h, int kind, uint64_t a0, uint64_t a1, const char *str);

#endif
