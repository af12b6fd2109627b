/*
 * workers.c — background mark workers (Go's gcBgMarkWorker): one parked goroutine per P,
 * handed to the scheduler by its hooks. At every scheduling decision (find_work, before the
 * run queues) a P takes a dedicated worker while dedicated slots remain, else a fractional
 * one while its share of mark time is under the fractional goal; a P about to go idle takes
 * an idle worker (idle_work) while idle slots remain. The split is Go's 25 % rule
 * (gc__worker_split in pacer.c). The find_work hook also wakes the forced-GC helper after
 * two minutes without a cycle; the safe-point hook lets a running goroutine scan its own
 * stack for a marker waiting on it (roots.c).
 */
#include "gc/gc_internal.h"


static bool pool_commit(rt_g *g, void *arg)
{
    gc_heap *h = arg;
    rt_lock(&h->worker_lk);
    h->worker_pool[h->nworker_pool++] = g;
    rt_unlock(&h->worker_lk);
    return true;
}

static rt_g *pool_pop(gc_heap *h)
{
    rt_lock(&h->worker_lk);
    rt_g *g = h->nworker_pool ? h->worker_pool[--h->nworker_pool] : NULL;
    rt_unlock(&h->worker_lk);
    return g;
}

static bool dec_if_positive(int64_t *v)
{
    int64_t x = ld_acq(v);
    while (x > 0)
        if (__atomic_compare_exchange_n(v, &x, x - 1, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            return true;
    return false;
}

static const gc_drain_mode drain_of[] = {
    [GC_WORKER_DEDICATED] = GC_DRAIN_DEDICATED,
    [GC_WORKER_FRACTIONAL] = GC_DRAIN_FRACTIONAL,
    [GC_WORKER_IDLE] = GC_DRAIN_IDLE,
};
static const char *const mode_names[] = {"", "GC (dedicated)", "GC (fractional)", "GC (idle)"};

/* worker_stop accounts a worker's run (Go's markWorkerStop). */
static void worker_stop(gc_heap *h, gc_worker_mode mode, int p, int64_t ns, int64_t work)
{
    rt_lock(&h->lk);
    if (mode == GC_WORKER_DEDICATED)
        h->pacer.dedicated_ns += ns;
    else if (mode == GC_WORKER_FRACTIONAL) {
        h->pacer.fractional_ns += ns;
        xadd(&gc__p(h, p)->fractional_ns, ns); /* read unlocked by that P's workers */
    } else
        h->pacer.idle_ns += ns;
    rt_unlock(&h->lk);
    xadd(&h->worker_work_total, (uint64_t)work);
    if (mode == GC_WORKER_DEDICATED)
        xadd(&h->dedicated_needed, 1);
    else if (mode == GC_WORKER_IDLE)
        xadd(&h->idle_workers, -1);
}

static void worker_main(void *arg)
{
    gc_heap *h = arg;
    rt_set_system();
    for (;;) {
        rt_park(pool_commit, h, h->wait_worker);
        int p = rt_p_id();
        gc_worker_mode mode = h->worker_mode[p];
        int64_t start = rt_now();
        gc__trace(h, h->ev_worker_start, (uint64_t)mode, 0, mode_names[mode]);
        xadd(&h->active_markers, 1);
        rt_set_preemptible(mode != GC_WORKER_DEDICATED);
        int64_t work = gc__drain(h, drain_of[mode], 0);
        rt_set_preemptible(true);
        worker_stop(h, mode, p, rt_now() - start, work);
        gc__trace(h, h->ev_worker_done, (uint64_t)mode, 0, NULL);
        if (xadd(&h->active_markers, -1) == 0 && !gc__mark_work_available(h))
            gc__mark_done(h);
    }
}

/* work_for reports whether P p could mark now (Go's gcMarkWorkAvailable(p)). */
static bool work_for(gc_heap *h, int p)
{
    return ld_acq(&h->black_enabled) && !h->cfg.manual_mark &&
           (gc__p(h, p)->work.n || gc__mark_work_available(h));
}

/* fractional_ok: P p's fractional worker time is under the goal (findRunnableGCWorker). */
static bool fractional_ok(gc_heap *h, int p)
{
    double goal = h->pacer.fractional_goal;
    if (goal == 0)
        return false;
    int64_t delta = rt_now() - h->pacer.mark_start_ns;
    return delta <= 0 || (double)ld_acq(&gc__p(h, p)->fractional_ns) / (double)delta <= goal;
}

static rt_g *forcegc_due(gc_heap *h)
{
    if (!ld_acq(&h->forcegc_g) || h->pacer.gogc < 0 || gc__phase(h) != GC_OFF ||
        !gc__trigger_test(h, GC_TRIGGER_TIME, 0))
        return NULL;
    rt_lock(&h->forcegc_lk);
    rt_g *g = h->forcegc_g;
    st_rel(&h->forcegc_g, NULL);
    rt_unlock(&h->forcegc_lk);
    return g;
}

static rt_g *find_work(rt_sched *s, int p, void *arg)
{
    (void)s;
    gc_heap *h = arg;
    rt_g *g = forcegc_due(h);
    if (g || !work_for(h, p))
        return g;
    gc_worker_mode mode;
    if (dec_if_positive(&h->dedicated_needed))
        mode = GC_WORKER_DEDICATED;
    else if (fractional_ok(h, p))
        mode = GC_WORKER_FRACTIONAL;
    else
        return NULL;
    if (!(g = pool_pop(h))) {
        if (mode == GC_WORKER_DEDICATED)
            xadd(&h->dedicated_needed, 1);
        return NULL;
    }
    h->worker_mode[p] = mode;
    return g;
}

static rt_g *idle_work(rt_sched *s, int p, void *arg)
{
    (void)s;
    gc_heap *h = arg;
    if (!work_for(h, p))
        return NULL;
    int32_t n = ld_acq(&h->idle_workers);
    do {
        if (n >= h->pacer.max_idle)
            return NULL;
    } while (!__atomic_compare_exchange_n(&h->idle_workers, &n, n + 1, false, __ATOMIC_ACQ_REL,
                                          __ATOMIC_ACQUIRE));
    rt_g *g = pool_pop(h);
    if (!g) {
        xadd(&h->idle_workers, -1);
        return NULL;
    }
    h->worker_mode[p] = GC_WORKER_IDLE;
    return g;
}

static void safepoint(rt_sched *s, int p, void *arg)
{
    (void)s;
    (void)p;
    gc__self_scan_hook(arg);
}

bool gc__workers_install(gc_heap *h)
{
    rt_sched *s = h->s;
    h->hooks = rt_sched_set_find_work_hook(s, find_work, h) &&
               rt_sched_set_idle_work_hook(s, idle_work, h) &&
               rt_sched_set_safepoint_hook(s, safepoint, h) &&
               rt_sched_set_handoff_hook(s, gc__handoff, h);
    if (!h->hooks) /* another heap owns this runtime: take back what we set */
        gc__workers_uninstall(h);
    return h->hooks;
}

void gc__workers_uninstall(gc_heap *h)
{
    rt_sched *s = h->s;
    if (rt_sched_set_find_work_hook(s, find_work, h)) /* succeeds only where we own it */
        rt_sched_set_find_work_hook(s, NULL, NULL);
    if (rt_sched_set_idle_work_hook(s, idle_work, h))
        rt_sched_set_idle_work_hook(s, NULL, NULL);
    if (rt_sched_set_safepoint_hook(s, safepoint, h))
        rt_sched_set_safepoint_hook(s, NULL, NULL);
    if (rt_sched_set_handoff_hook(s, gc__handoff, h))
        rt_sched_set_handoff_hook(s, NULL, NULL);
}

/* ---------------------------------------------------------------- forced GC */

static bool forcegc_commit(rt_g *g, void *arg)
{
    gc_heap *h = arg;
    rt_lock(&h->forcegc_lk);
    st_rel(&h->forcegc_g, g);
    rt_unlock(&h->forcegc_lk);
    return true;
}

static void forcegc_main(void *arg)
{
    gc_heap *h = arg;
    rt_set_system();
    for (;;) {
        rt_park(forcegc_commit, h, h->wait_forcegc);
        if (h->cfg.gctrace)
            fprintf(h->cfg.log, "GC forced\n");
        gc__start(h, GC_TRIGGER_TIME, 0);
    }
}

void gc__workers_start(gc_heap *h)
{
    if (h->workers_started)
        return;
    h->workers_started = true;
    for (int p = 0; p < rt_sched_nprocs(h->s); p++)
        if (!rt_go(worker_main, h))
            rt_throw("gc: cannot start a mark worker");
    if (!rt_go(forcegc_main, h))
        rt_throw("gc: cannot start the forced-GC helper");
    gc__bgsweep_start(h);
}

/* gc__enlist_worker gets a worker onto new global work (Go's enlistWorker): while a
   dedicated slot is unfilled, a running P is preempted so it reschedules and takes it.
   (Go 1.19 leaves waking an idle P out here, issue 19112.) */
void gc__enlist_worker(gc_heap *h)
{
    if (!ld_acq(&h->black_enabled) || h->cfg.manual_mark || !rt_self() ||
        ld_acq(&h->dedicated_needed) <= 0)
        return;
    int n = rt_sched_nprocs(h->s), self = rt_p_id();
    if (n < 2)
        return;
    int p = (int)(__atomic_fetch_add(&h->enlist_next, 1, __ATOMIC_RELAXED) % (uint32_t)n);
    rt_p_request_preempt(h->s, p == self ? (p + 1) % n : p);
}
