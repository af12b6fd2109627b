/*
 * mark.c — shading, scanning and draining. An object is shaded by setting its mark bit
 * (atomically: several Ps mark at once) and, if it may hold pointers, pushing it on a gray
 * stack; draining pops gray objects and shades what their pointer words point to, through
 * the slot's type (precise). Heap words are read with relaxed atomic loads: mutators store
 * into them concurrently through gc_write_ptr, and the barrier covers what a load misses.
 */
#include "gc/gc_internal.h"

enum {
    CREDIT_SLACK = 2000,     /* scan work between charges and credit flushes (gcCreditSlack) */
    BATCH_OBJECTS = 256      /* gray objects between checks, at most */
};

static inline bool shade(gc_heap *h, gc_work *w, uintptr_t p, bool precise)
{
    if (p < 4096)
        return false;
    gc_span *s = gc__span_of(&h->pages, p);
    if (!s)
        return false;
    size_t i = gc__slot_of(s, p);
    if (i >= s->nelems || (!precise && !gc__bit(s->alloc_bits, i)) ||
        !gc__set_bit_in(s->mark_bits, i, h->shared))
        return false;
    w->marked++;
    w->bytes_marked += s->elemsize;
    if (!s->noscan) {
        uintptr_t obj = s->start + i * s->elemsize;
        __builtin_prefetch((const void *)obj); /* it is scanned soon, likely here (Go's) */
        __builtin_prefetch(&s->slots[i]);    /* and its type looked up */
        gc__work_put(h, w, obj);
    }
    return true;
}

bool gc__shade(gc_heap *h, gc_work *w, uintptr_t p) { return shade(h, w, p, false); }

/* scan_typed shades the pointer words of count objects of type t at p (precise). */
static void scan_typed(gc_heap *h, gc_work *w, const char *p, const gc_type *t, size_t count)
{
    size_t words = t->ptrdata / GC_WORD_BYTES;
    w->scanned_words += words * count;
    w->heap_scan += (count - 1) * t->size + t->ptrdata;
    for (size_t e = 0; e < count; e++, p += t->size)
        for (size_t i = 0; i < words; i++)
            if (t->ptrmask[i / 8] >> (i % 8) & 1)
                shade(h, w, ld_rlx((const uintptr_t *)(p + i * GC_WORD_BYTES)), true);
}

void gc__scan_object(gc_heap *h, gc_work *w, const char *p, const gc_type *t, size_t count)
{
    if (gc_type_has_pointers(t) && count)
        scan_typed(h, w, p, t, count);
}

/* scan_gray scans one gray object. */
static void scan_gray(gc_heap *h, gc_work *w, uintptr_t obj)
{
    gc_span *s = gc__span_of(&h->pages, obj);
    size_t i = gc__slot_of(s, obj);
    gc__scan_object(h, w, (const char *)obj, gc__slot_type(s, i), gc__slot_count(s, i));
}

/* Conservative: reads whole stacks, including bytes ASan keeps as red zones, and words
   other goroutines may write meanwhile (a sudog on a parked goroutine's stack): a racing
   word is either value, and both are covered (ARCHITECTURE.md, "conservative stacks"). */
__attribute__((no_sanitize_address, no_sanitize("thread"))) void gc__scan_range(gc_heap *h, gc_work *w,
                                                         const void *lo, const void *hi)
{
    uintptr_t a = ((uintptr_t)lo + GC_WORD_BYTES - 1) & ~(uintptr_t)(GC_WORD_BYTES - 1);
    for (; a + GC_WORD_BYTES <= (uintptr_t)hi; a += GC_WORD_BYTES) {
        w->scanned_words++;
        gc__shade(h, w, *(const uintptr_t *)a);
    }
}

/* scan_some scans gray objects of w until it has done work units of scan work or objects
   of them, or w runs dry; returns the work done. The next few objects wait in a small FIFO
   after being prefetched, so each is in cache when its turn comes (the gray stack alone is
   LIFO: the object pushed last is scanned next, before a prefetch could land). Objects
   still in the FIFO at the end go back to w. */
enum { FIFO = 8 };
static int64_t scan_some(gc_heap *h, gc_work *w, int64_t work, int objects)
{
    uintptr_t q[FIFO];
    int head = 0, n = 0;
    int64_t done = 0;
    for (int k = 0; k < objects && done < work; k++) {
        while (n < FIFO) {
            uintptr_t obj = gc__work_get(h, w);
            if (!obj)
                break;
            __builtin_prefetch((const void *)obj);
            q[(head + n++) % FIFO] = obj;
        }
        if (!n)
            break;
        uintptr_t obj = q[head];
        head = (head + 1) % FIFO;
        n--;
        uint64_t before = w->heap_scan;
        scan_gray(h, w, obj);
        done += (int64_t)(w->heap_scan - before) + 1;
    }
    while (n--)
        gc__work_put(h, w, q[(head + n) % FIFO]);
    return done;
}

void gc__drain_all(gc_heap *h, gc_work *w)
{
    while (scan_some(h, w, INT64_MAX, INT32_MAX) > 0)
        ;
}

bool gc__mark_work_available(gc_heap *h)
{
    return ld_acq(&h->root_next) < h->root_jobs || !gc__work_global_empty(h);
}

/* should_stop reports whether a drain in mode leaves after its last batch. */
static bool should_stop(gc_heap *h, gc_p *pp, gc_drain_mode mode, int64_t start,
                        int64_t done, int64_t budget)
{
    switch (mode) {
    case GC_DRAIN_ASSIST:
        return done >= budget;
    case GC_DRAIN_IDLE:
        return rt_p_has_runnable();
    case GC_DRAIN_FRACTIONAL: {
        int64_t now = rt_now(), delta = now - h->pacer.mark_start_ns;
        double self = (double)(ld_acq(&pp->fractional_ns) + (now - start));
        return delta > 0 && self / (double)delta > 1.2 * h->pacer.fractional_goal;
    }
    case GC_DRAIN_DEDICATED:
        break;
    }
    return false;
}

/* batch does root jobs or gray objects on w until about CREDIT_SLACK of scan work; returns
   the work done, or -1 when there was nothing to do. */
static int64_t batch(gc_heap *h, gc_p *pp)
{
    gc_work *w = &pp->work;
    int64_t done = 0;
    for (;;) {
        done += scan_some(h, w, CREDIT_SLACK - done, BATCH_OBJECTS);
        if (done >= CREDIT_SLACK || w->n)
            return done;
        int64_t r = gc__root_job_next(h, w);
        if (r < 0) {
            if (pp->wb.n) { /* Go's gcDrain flushes the barrier buffer when out of work */
                gc__wbuf_flush(h, &pp->wb, w);
                continue;
            }
            return done ? done : -1;
        }
        return done + r + 1; /* we may be on another P now: the caller looks again */
    }
}

int64_t gc__drain(gc_heap *h, gc_drain_mode mode, int64_t budget)
{
    int64_t done = 0, start = rt_now();
    while (ld_acq(&h->black_enabled)) {
        if (h->shared && gc__work_balance(h, &gc__cur_p(h)->work))
            gc__enlist_worker(h);
        int64_t d = batch(h, gc__cur_p(h));
        gc_p *pp = gc__cur_p(h); /* again: a stack job may have moved us */
        if (d > 0)
            done += d;
        if (mode != GC_DRAIN_ASSIST && d > 0)
            gc__flush_bg_credit(h, d);
        if (pp->work.flushed && ld_acq(&h->dedicated_needed) > 0)
            gc__enlist_worker(h); /* it gave work to the global list */
        int64_t ns = gc__work_charge_ns(h, &pp->work);
        bool stop = d < 0 || should_stop(h, pp, mode, start, done, budget);
        rt_charge(ns);
        if (stop)
            break;
    }
    return done;
}
