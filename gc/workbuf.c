/*
 * workbuf.c — where gray objects wait (Go's gcWork and work.full): a stack per P, used
 * without locks by what runs on the P, and a global stack under a lock that Ps hand
 * surplus to and take batches from, so marking spreads over the Ps that mark. The
 * counters a gc_work accumulates (bytes marked, scan work) are folded into the cycle's
 * totals when it is disposed, as Go's dispose does.
 */
#include "gc/gc_internal.h"
#include <stdlib.h>

enum {
    LOCAL_MAX = 2048, /* past this a P hands half its gray objects to the global stack */
    BATCH = 256       /* objects taken from the global stack at a time */
};

static void reserve(uintptr_t **a, size_t *cap, size_t need)
{
    if (need <= *cap)
        return;
    size_t c = *cap ? *cap : 1024;
    while (c < need)
        c *= 2;
    uintptr_t *n = realloc(*a, c * sizeof *n);
    if (!n)
        rt_throw("gc: out of memory for the gray set");
    *a = n;
    *cap = c;
}

/* give moves n objects from the top of w to the global stack. */
static void give(gc_heap *h, gc_work *w, size_t n)
{
    rt_lock(&h->work_lk);
    reserve(&h->gwork, &h->capgwork, h->ngwork + n);
    for (size_t i = 0; i < n; i++)
        h->gwork[h->ngwork++] = w->a[--w->n];
    st_rel(&h->ngwork_pub, h->ngwork);
    rt_unlock(&h->work_lk);
    w->flushed = true;
}

void gc__work_put_slow(gc_heap *h, gc_work *w, uintptr_t obj)
{
    if (w->n == LOCAL_MAX)
        give(h, w, LOCAL_MAX / 2);
    reserve(&w->a, &w->cap, w->n + 1);
    w->a[w->n++] = obj;
}

uintptr_t gc__work_get_slow(gc_heap *h, gc_work *w)
{
    if (!ld_acq(&h->ngwork_pub))
        return 0;
    rt_lock(&h->work_lk);
    size_t n = h->ngwork < BATCH ? h->ngwork : BATCH;
    reserve(&w->a, &w->cap, n);
    for (size_t i = 0; i < n; i++)
        w->a[w->n++] = h->gwork[--h->ngwork];
    st_rel(&h->ngwork_pub, h->ngwork);
    rt_unlock(&h->work_lk);
    return w->n ? w->a[--w->n] : 0;
}

bool gc__work_global_empty(gc_heap *h) { return ld_acq(&h->ngwork_pub) == 0; }

bool gc__work_balance(gc_heap *h, gc_work *w)
{
    if (w->n <= 4 || !gc__work_global_empty(h))
        return false;
    give(h, w, w->n / 2);
    return true;
}

bool gc__work_dispose(gc_heap *h, gc_work *w)
{
    bool moved = w->n > 0;
    if (moved)
        give(h, w, w->n);
    if (w->bytes_marked)
        xadd(&h->bytes_marked, w->bytes_marked);
    if (w->heap_scan)
        xadd(&h->heap_scan_work, w->heap_scan);
    w->bytes_marked = w->heap_scan = 0;
    return moved;
}

int64_t gc__work_charge_ns(gc_heap *h, gc_work *w)
{
    int64_t ns = (int64_t)w->marked * h->cost[GC_COST_MARK] +
                 (int64_t)w->scanned_words * h->cost[GC_COST_SCAN_WORD] + w->extra_ns;
    w->marked = w->scanned_words = 0;
    w->extra_ns = 0;
    return ns;
}

void gc__work_destroy(gc_work *w)
{
    free(w->a);
    w->a = NULL;
    w->n = w->cap = 0;
}
