/*
 * cycle.c — the cycle (reference §3): gc__start (sweep termination: finish sweeping, take
 * the stack snapshot, start the pacer's cycle, turn the barrier on, enable marking — with
 * the world stopped), gc__mark_done (termination detection with a ragged barrier that
 * flushes every P's barrier buffer and gray objects, then mark termination with the world
 * stopped: the dijkstra rescan, checkmark, the pacer's update, the flip to sweeping), and
 * runtime.GC (gc_collect). Every stop's work is charged inside it, so pauses last as long
 * as their modelled work in the virtual engine.
 */
#include "gc/gc_internal.h"

#define FORCE_GC_PERIOD_NS (120ll * 1000 * 1000 * 1000) /* Go's forcegcperiod: 2 minutes */

enum { STW_SWEEP_TERM = RT_STW_FIRST_FREE, STW_MARK_TERM };

bool gc__trigger_test(gc_heap *h, gc_trigger_kind kind, uint32_t n)
{
    if (gc__phase(h) != GC_OFF)
        return false;
    switch (kind) {
    case GC_TRIGGER_HEAP: {
        uint64_t goal, trigger;
        gc__pacer_inputs(h);
        rt_lock(&h->lk);
        trigger = gc__pacer_trigger(&h->pacer, &goal);
        rt_unlock(&h->lk);
        return ld_acq(&h->pacer.heap_live) >= trigger;
    }
    case GC_TRIGGER_TIME: /* only after a first cycle, as Go's last_gc_nanotime != 0 */
        return ld_acq(&h->num_gc) > 0 && rt_now() - ld_acq(&h->last_gc_ns) > FORCE_GC_PERIOD_NS;
    case GC_TRIGGER_CYCLE:
    case GC_TRIGGER_STRESS:
        return (int32_t)(n - ld_acq(&h->cycles)) > 0;
    }
    return false;
}

/* ---------------------------------------------------------------- sweep termination */

static void stw_begin(gc_heap *h, int reason, const char *name, rt_stw_info *info, int kind)
{
    gc__trace(h, h->ev_stw_start, (uint64_t)kind, 0, name);
    rt_stw_stop(reason, name, info);
}

static int64_t stw_end(gc_heap *h, rt_stw_info *info)
{
    rt_stw_start(info);
    gc__trace(h, h->ev_stw_done, 0, 0, NULL);
    h->rec.pause_ns += info->pause_ns;
    return info->pause_ns;
}

/* start_stopped is sweep termination's work with the world stopped (gcStart 9–16). */
static void start_stopped(gc_heap *h, gc_trigger_kind kind)
{
    int64_t ns = gc__sweep_finish(h) + h->cost[GC_COST_SWEEP_TERM]; /* nobody sweeps now */
    xadd(&h->cycles, 1);
    st_rel(&h->stress_next, ld_acq(&h->allocs) + h->cfg.stress_every);
    gc__roots_prepare(h);
    st_rel(&h->bytes_marked, 0);
    st_rel(&h->heap_scan_work, 0);
    st_rel(&h->stack_scan_work, 0);
    st_rel(&h->globals_scan_work, 0);
    st_rel(&h->bg_credit, 0);
    for (int p = 0; p < rt_sched_nprocs(h->s); p++)
        st_rel(&gc__p(h, p)->fractional_ns, 0);
    rt_lock(&h->lk);
    gc__pacer_start_cycle(&h->pacer, rt_now(), rt_sched_nprocs(h->s), kind == GC_TRIGGER_TIME);
    st_rel(&h->dedicated_needed, (int64_t)h->pacer.dedicated);
    rt_unlock(&h->lk);
    st_rel(&h->idle_workers, 0);
    st_rel(&h->phase, GC_MARK);
    st_rel(&h->wb_enabled, (uint32_t)(h->cfg.barrier != GC_BARRIER_NONE));
    if (h->cfg.barrier == GC_BARRIER_YUASA) { /* the snapshot: every stack, now */
        gc_work *w = &gc__cur_p(h)->work;
        gc__mark_stacks_stopped(h, w);
        ns += gc__work_charge_ns(h, w);
    }
    st_rel(&h->black_enabled, 1);
    rt_charge(ns);
}

void gc__start(gc_heap *h, gc_trigger_kind kind, uint32_t n)
{
    if (!rt_self() || rt_self_sched() != h->s)
        return;
    int64_t ns = 0;
    while (gc__trigger_test(h, kind, n) && gc__sweep_one(h, &ns)) { /* off the stop */
        rt_charge(ns);
        ns = 0;
    }
    rt_mutex_lock(&h->start_mu);
    if (!gc__trigger_test(h, kind, n)) {
        rt_mutex_unlock(&h->start_mu);
        return;
    }
    gc__workers_start(h);
    rt_mutex_lock(&h->cycle_mu); /* the last cycle may still be finishing */
    h->rec = (gc_cycle_rec){
        .t_sweep_term = rt_now(),
        .heap0 = ld_acq(&h->pacer.heap_live),
        .user_forced = kind == GC_TRIGGER_CYCLE,
        .procs = rt_sched_nprocs(h->s),
    };
    gc__trace(h, h->ev_gc_start, ld_acq(&h->cycles) + 1, 0, NULL);
    rt_stw_info info;
    stw_begin(h, STW_SWEEP_TERM, "GC sweep termination", &info, 1);
    start_stopped(h, kind);
    h->rec.stw1_ns = stw_end(h, &info);
    h->rec.t_mark = info.end_ns;
    if (!h->cfg.manual_mark) {
        for (int p = 0; p < rt_sched_nprocs(h->s); p++) /* each P considers a worker */
            if (p != rt_p_id())
                rt_p_request_preempt(h->s, p);
        rt_wake_idle_p(); /* and an idle one wakes for it (Go's wakep at start the world) */
    }
    rt_mutex_unlock(&h->start_mu);
}

/* ---------------------------------------------------------------- mark termination */

static void flush_p(int p, void *arg)
{
    gc_heap *h = ((void **)arg)[0];
    bool *flushed = ((void **)arg)[1];
    gc_p *pp = gc__p(h, p);
    gc__wbuf_flush(h, &pp->wb, &pp->work);
    bool moved = gc__work_dispose(h, &pp->work);
    if (moved || pp->work.flushed)
        __atomic_store_n(flushed, true, __ATOMIC_RELAXED);
    pp->work.flushed = false;
}

static bool marking_finished(gc_heap *h)
{
    return gc__phase(h) == GC_MARK && ld_acq(&h->active_markers) == 0 &&
           !gc__mark_work_available(h);
}

/* flush_all_stopped flushes every P's buffer and gray stack with the world stopped and
   reports whether any work surfaced (Go issue 27993's check). */
static bool flush_all_stopped(gc_heap *h)
{
    bool found = false;
    for (int p = 0; p < rt_sched_nprocs(h->s); p++) {
        gc_p *pp = gc__p(h, p);
        gc__wbuf_flush(h, &pp->wb, &pp->work);
        found |= gc__work_dispose(h, &pp->work);
        pp->work.flushed = false;
    }
    return found || !marking_finished(h);
}

static void fold_cpu(gc_heap *h, const gc_pacer *c)
{
    int procs = h->rec.procs;
    double cpu = (double)(h->rec.stw1_ns + h->rec.stw2_ns) * procs + (double)c->assist_ns +
                 (double)c->dedicated_ns + (double)c->fractional_ns;
    h->gc_cpu_ns += cpu;
    int64_t now = rt_now();
    h->gc_cpu_fraction = now > 0 ? h->gc_cpu_ns / ((double)now * procs) : 0;
    h->assist_ns_total += c->assist_ns;
    h->dedicated_ns_total += c->dedicated_ns;
    h->fractional_ns_total += c->fractional_ns;
    h->idle_ns_total += c->idle_ns;
}

/* term_stopped is mark termination's work with the world stopped (gcMarkTermination). */
static void term_stopped(gc_heap *h)
{
    int64_t ns = h->cost[GC_COST_MARK_TERM];
    gc_work *w = &gc__cur_p(h)->work;
    if (h->cfg.barrier == GC_BARRIER_DIJKSTRA) { /* stacks were never protected: rescan */
        gc__mark_stacks_stopped(h, w);
        gc__drain_all(h, w);
        ns += gc__work_charge_ns(h, w);
    }
    st_rel(&h->black_enabled, 0);
    st_rel(&h->phase, GC_MARKTERM);
    h->rec.heap1 = ld_acq(&h->pacer.heap_live);
    for (int p = 0; p < rt_sched_nprocs(h->s); p++) {
        gc_p *pp = gc__p(h, p);
        pp->wb.n = 0; /* all black already */
        gc__work_dispose(h, &pp->work);
    }
    if (h->cfg.checkmark)
        xadd(&h->checkmark_lost, gc__checkmark(h));
    rt_lock(&h->lk);
    gc_pacer *c = &h->pacer;
    c->heap_scan_work = ld_acq(&h->heap_scan_work);
    c->stack_scan_work = ld_acq(&h->stack_scan_work);
    c->globals_scan_work = ld_acq(&h->globals_scan_work);
    gc__pacer_end_cycle(c, rt_now(), h->rec.procs);
    h->rec.heap2 = ld_acq(&h->bytes_marked);
    gc__pacer_reset_live(c, h->rec.heap2);
    rt_unlock(&h->lk);
    st_rel(&h->phase, GC_OFF);
    st_rel(&h->wb_enabled, 0);
    gc__sweep_begin(h);
    rt_lock(&h->lk);
    gc__pacer_commit(c, false);
    uint64_t goal, trigger = gc__pacer_trigger(c, &goal);
    rt_unlock(&h->lk);
    gc__sweep_pace(h, trigger);
    gc__trace(h, h->ev_gc_done, 0, 0, NULL);
    gc__trace(h, h->ev_heap_goal, goal, 0, NULL);
    rt_charge(ns);
}

/* record_cycle completes the cycle's stats once the world runs (Go's pause ring etc.). */
static void record_cycle(gc_heap *h)
{
    rt_lock(&h->lk);
    uint32_t k = h->num_gc % 256;
    h->pause_ns[k] = (uint64_t)h->rec.pause_ns;
    h->pause_end[k] = (uint64_t)h->rec.t_end;
    h->pause_total_ns += (uint64_t)h->rec.pause_ns;
    st_rel(&h->last_gc_ns, h->rec.t_end);
    fold_cpu(h, &h->pacer);
    h->num_forced_gc += h->rec.user_forced;
    st_rel(&h->num_gc, h->num_gc + 1);
    rt_unlock(&h->lk);
}

/* terminate stops the world for mark termination; false if work surfaced and marking
   must go on (the world restarted, the pause counted). */
static bool terminate(gc_heap *h)
{
    rt_stw_info info;
    h->rec.t_mark_term = rt_now();
    stw_begin(h, STW_MARK_TERM, "GC mark termination", &info, 0);
    if (flush_all_stopped(h)) {
        stw_end(h, &info);
        return false;
    }
    term_stopped(h);
    h->rec.stw2_ns = stw_end(h, &info);
    h->rec.t_end = info.end_ns;
    record_cycle(h);
    return true;
}

void gc__mark_done(gc_heap *h)
{
    rt_mutex_lock(&h->done_mu);
    for (;;) {
        if (!marking_finished(h))
            break;
        bool flushed = false;
        void *arg[2] = {h, &flushed};
        rt_ragged_barrier(flush_p, arg);
        if (__atomic_load_n(&flushed, __ATOMIC_RELAXED) || !marking_finished(h)) {
            gc__enlist_worker(h); /* gray objects surfaced: on the global list now */
            continue;
        }
        if (!terminate(h)) {
            gc__enlist_worker(h);
            continue;
        }
        gc__assists_wake_all(h);
        gc__wake_all(&h->mark_waiters);
        gc__bgsweep_wake(h);
        if (h->cfg.gctrace)
            gc__gctrace_print(h);
        rt_mutex_unlock(&h->cycle_mu);
        break;
    }
    rt_mutex_unlock(&h->done_mu);
}

/* ---------------------------------------------------------------- runtime.GC */

static bool marked(gc_heap *h, uint32_t n)
{
    rt_lock(&h->lk);
    bool done = h->num_gc >= n;
    rt_unlock(&h->lk);
    return done;
}

/* wait_mark waits until cycle n's mark termination (Go's gcWaitOnMark). */
static void wait_mark(gc_heap *h, uint32_t n)
{
    if (ld_acq(&h->cycles) >= n && !marked(h, n))
        gc__wait(h, &h->mark_waiters, marked, n, h->wait_gc);
}

void gc_collect(gc_heap *h)
{
    if (!rt_self() || rt_self_sched() != h->s)
        rt_throw("gc: gc_collect outside a goroutine of the heap's runtime");
    uint32_t n = ld_acq(&h->cycles);
    wait_mark(h, n);
    if (h->cfg.manual_mark) {
        gc__test_mark_begin(h);
        gc__test_drain(h);
        gc__test_mark_finish(h);
    } else {
        gc__start(h, GC_TRIGGER_CYCLE, n + 1);
        wait_mark(h, n + 1);
    }
    int64_t ns = 0; /* help sweep, until no span is left unswept or being swept */
    while (ld_acq(&h->cycles) == n + 1 && (gc__sweep_one(h, &ns) || ld_acq(&h->sweepers))) {
        if (!ns)
            rt_gosched(); /* someone else holds the last spans */
        rt_charge(ns);
        ns = 0;
    }
}

int gc_set_gogc(gc_heap *h, int gogc)
{
    rt_lock(&h->lk);
    int old = (int)h->pacer.gogc;
    gc__pacer_set_gogc(&h->pacer, gogc);
    h->cfg.gogc = gogc;
    gc__pacer_commit(&h->pacer, ld_acq(&h->sweep_done));
    if (ld_acq(&h->black_enabled))
        gc__pacer_revise(&h->pacer);
    rt_unlock(&h->lk);
    return old;
}

int64_t gc_set_memory_limit(gc_heap *h, int64_t limit)
{
    rt_lock(&h->lk);
    int64_t old = h->pacer.memory_limit;
    if (limit >= 0) { /* a negative limit only asks, as debug.SetMemoryLimit */
        h->pacer.memory_limit = limit;
        gc__pacer_commit(&h->pacer, ld_acq(&h->sweep_done));
        if (ld_acq(&h->black_enabled))
            gc__pacer_revise(&h->pacer);
    }
    rt_unlock(&h->lk);
    return old;
}

/* ---------------------------------------------------------------- test stepping */

void gc__test_mark_begin(gc_heap *h) { gc__start(h, GC_TRIGGER_CYCLE, ld_acq(&h->cycles) + 1); }

void gc__test_scan_stack(gc_heap *h, rt_g *g)
{
    gc_p *pp = gc__cur_p(h);
    gc__scan_stack_job(h, &pp->work, g);
    rt_charge(gc__work_charge_ns(h, &pp->work));
}

void gc__test_scan_globals(gc_heap *h)
{
    gc_p *pp = gc__cur_p(h);
    gc__mark_globals(h, &pp->work);
    rt_charge(gc__work_charge_ns(h, &pp->work));
}

void gc__test_drain_gray(gc_heap *h)
{
    gc_p *pp = gc__cur_p(h);
    gc__drain_all(h, &pp->work);
    rt_charge(gc__work_charge_ns(h, &pp->work));
}

void gc__test_drain(gc_heap *h)
{
    gc_p *pp = gc__cur_p(h);
    while (gc__root_job_next(h, &pp->work) >= 0)
        ;
    gc__drain_all(h, &pp->work);
    rt_charge(gc__work_charge_ns(h, &pp->work));
}

void gc__test_mark_finish(gc_heap *h)
{
    while (gc__phase(h) == GC_MARK) { /* a ragged barrier may surface more: drain it */
        gc__test_drain(h);
        gc__mark_done(h);
    }
}
