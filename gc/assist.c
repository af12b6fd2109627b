/*
 * assist.c — mark assists (reference §5.9): a goroutine that allocates while marking runs
 * up a debt in bytes (its credit goes negative) and pays it in scan work at the pacer's
 * assist ratio: first from the credit background workers banked, then by marking itself
 * (at least 64 KiB of work, to build credit), and when no work is left by parking until a
 * worker's credit pays it or marking ends.
 */
#include "gc/gc_internal.h"

#define OVER_ASSIST_WORK 65536 /* gcOverAssistWork */

int64_t gc__assist_credit_add(gc_heap *h, rt_g *g, int64_t delta)
{
    void **slot = rt_g_slot(g, h->gslot_assist);
    int64_t v = (int64_t)(intptr_t)*slot + delta;
    *slot = (void *)(intptr_t)v;
    return v;
}

void gc__assist_credit_set(gc_heap *h, rt_g *g, int64_t v)
{
    *rt_g_slot(g, h->gslot_assist) = (void *)(intptr_t)v;
}

static void ratios(gc_heap *h, double *work_per_byte, double *bytes_per_work)
{
    rt_lock(&h->lk);
    *work_per_byte = h->pacer.assist_work_per_byte;
    *bytes_per_work = h->pacer.assist_bytes_per_work;
    rt_unlock(&h->lk);
}

/* steal takes banked background credit; returns the scan work still to do. */
static int64_t steal(gc_heap *h, rt_g *g, int64_t work, int64_t debt, double bytes_per_work)
{
    int64_t bank = ld_acq(&h->bg_credit);
    if (bank <= 0)
        return work;
    int64_t stolen = bank < work ? bank : work;
    xadd(&h->bg_credit, -stolen);
    if (stolen == work) {
        gc__assist_credit_add(h, g, debt);
        return 0;
    }
    gc__assist_credit_add(h, g, 1 + (int64_t)(bytes_per_work * (double)stolen));
    return work - stolen;
}

static bool park_commit(rt_g *g, void *arg)
{
    (void)g;
    rt_unlock(&((gc_heap *)arg)->assist_lk);
    return true;
}

/* park_assist queues the caller until credit or the end of mark wakes it; false (retry)
   if credit appeared meanwhile (Go's gcParkAssist). */
static bool park_assist(gc_heap *h)
{
    gc_waiter w = {rt_self(), NULL};
    rt_lock(&h->assist_lk);
    if (!ld_acq(&h->black_enabled) || ld_acq(&h->bg_credit) > 0) {
        rt_unlock(&h->assist_lk);
        return false;
    }
    if (h->assist_tail)
        h->assist_tail->next = &w;
    else
        st_rel(&h->assist_head, &w);
    h->assist_tail = &w;
    if (ld_acq(&h->bg_credit) > 0) { /* banked by a flush that saw no queue: take it back
                                        out and retry (Go's gcParkAssist re-checks) */
        gc_waiter **pp = (gc_waiter **)&h->assist_head;
        gc_waiter *prev = NULL;
        while (*pp != &w) {
            prev = *pp;
            pp = &(*pp)->next;
        }
        if (prev)
            prev->next = NULL;
        else
            st_rel(&h->assist_head, NULL);
        h->assist_tail = prev;
        rt_unlock(&h->assist_lk);
        return false;
    }
    rt_park(park_commit, h, h->wait_assist);
    return true;
}

/* assist_work drains up to work and credits the goroutine (Go's gcAssistAlloc1). */
static void assist_work(gc_heap *h, rt_g *g, int64_t work, double bytes_per_work)
{
    int64_t start = rt_now();
    xadd(&h->active_markers, 1);
    int64_t done = gc__drain(h, GC_DRAIN_ASSIST, work);
    gc__assist_credit_add(h, g, 1 + (int64_t)(bytes_per_work * (double)done));
    int64_t ns = rt_now() - start;
    rt_lock(&h->lk);
    h->pacer.assist_ns += ns;
    rt_unlock(&h->lk);
    xadd(&h->assist_work_total, (uint64_t)done);
    if (xadd(&h->active_markers, -1) == 0 && !gc__mark_work_available(h))
        gc__mark_done(h);
}

void gc__assist(gc_heap *h)
{
    rt_g *g = rt_self();
    bool traced = false;
    for (;;) {
        int64_t debt = -gc__assist_credit_add(h, g, 0);
        if (debt <= 0 || !ld_acq(&h->black_enabled))
            break;
        double per_byte, per_work;
        ratios(h, &per_byte, &per_work);
        int64_t work = (int64_t)(per_byte * (double)debt);
        if (work < OVER_ASSIST_WORK) {
            work = OVER_ASSIST_WORK;
            debt = (int64_t)(per_work * (double)work);
        }
        if (!(work = steal(h, g, work, debt, per_work)))
            break;
        if (!traced)
            gc__trace(h, h->ev_assist_start, 0, 0, NULL);
        traced = true;
        assist_work(h, g, work, per_work);
        if (gc__assist_credit_add(h, g, 0) >= 0 || !ld_acq(&h->black_enabled))
            break;
        if (park_assist(h))
            break; /* woken with the debt paid, or at the end of mark */
    }
    if (traced)
        gc__trace(h, h->ev_assist_done, 0, 0, NULL);
}

void gc__flush_bg_credit(gc_heap *h, int64_t work)
{
    double per_byte, per_work;
    if (!ld_acq(&h->assist_head)) { /* nobody waits: bank it (a racy check, as Go's) */
        xadd(&h->bg_credit, work);
        return;
    }
    ratios(h, &per_byte, &per_work);
    rt_lock(&h->assist_lk);
    int64_t bytes = (int64_t)(per_work * (double)work);
    while (h->assist_head && bytes > 0) {
        gc_waiter *w = h->assist_head;
        int64_t credit = gc__assist_credit_add(h, w->g, 0);
        if (bytes + credit >= 0) { /* paid: ready it */
            bytes += credit;
            gc__assist_credit_set(h, w->g, 0);
            st_rel(&h->assist_head, w->next);
            if (!w->next)
                h->assist_tail = NULL;
            rt_ready_back(w->g); /* not runnext: it must not ride the worker's priority */
        } else { /* partly paid: to the back of the queue */
            gc__assist_credit_add(h, w->g, bytes);
            bytes = 0;
            if (w->next) {
                st_rel(&h->assist_head, w->next);
                w->next = NULL;
                h->assist_tail->next = w;
                h->assist_tail = w;
            }
        }
    }
    if (bytes > 0)
        xadd(&h->bg_credit, (int64_t)(per_byte * (double)bytes));
    rt_unlock(&h->assist_lk);
}

void gc__assists_wake_all(gc_heap *h)
{
    rt_lock(&h->assist_lk);
    gc_waiter *w = h->assist_head;
    st_rel(&h->assist_head, NULL);
    h->assist_tail = NULL;
    rt_unlock(&h->assist_lk);
    while (w) {
        gc_waiter *next = w->next;
        rt_ready(w->g);
        w = next;
    }
}
