/*
 * vengine.c — the virtual engine: every P simulated on the calling OS thread, each with its
 * own clock; deterministic for a given seed and build.
 *
 * 1. A goroutine runs until a charge point (rt_charge). The charge advances its P's clock;
 *    charges longer than the preempt slice are cut into slices (Go >= 1.14 async preemption),
 *    each a safe point, unless async preemption is off.
 * 2. At each safe point the P honours its signals (STW, ragged barrier, end of run), is
 *    preempted after a 10 ms time slice, and yields if another active P has a lower clock
 *    (ties by P id) or a timer is due: then the lowest such P's suspended goroutine is resumed
 *    directly, or the engine loop on g0 takes over.
 * 3. The engine loop fires due timers and runs Ps that have no goroutine: it looks for work
 *    for them (local, global, steal, hooks) or lets them go idle. When no P is active, time
 *    jumps to the next timer; with no timer either, the program is deadlocked.
 *
 * The active set is a binary heap of Ps by (clock, id) (INV-P-ACTIVE). Nothing here reads the
 * wall clock; all randomness comes from the seed's streams.
 */
#include "rt_internal.h"
#include <limits.h>
#include <stddef.h>
#include <stdio.h>

/* ---------------------------------------------------------------- the active heap */

static inline bool before(const rt_p *a, const rt_p *b)
{
    return a->clock < b->clock || (a->clock == b->clock && a->id < b->id);
}

static bool p_before(const void *x, const void *y) { return before(x, y); }

/* The heap never holds more than nprocs Ps and is sized for them: pushes cannot fail. */
static void heap_push(rt_sched *s, rt_p *p)
{
    rt_assert(p->heap_index < 0); /* INV-P-ACTIVE: at most once in the heap */
    rt__minheap_push(&s->active, p);
}
static rt_p *heap_pop(rt_sched *s) { return rt__minheap_pop(&s->active); }
static inline rt_p *heap_top(const rt_sched *s) { return rt__minheap_top(&s->active); }

/* ---------------------------------------------------------------- engine operations */

/* v_now is the P's clock; timer callbacks see their timer's own time. */
static int64_t v_now(const rt_m *m)
{
    if (m->in_timer)
        return m->timer_when;
    return m->p ? m->p->clock : 0;
}

/* activate makes an idle P look for work from time now. */
static void activate(rt_m *m, rt_p *p, int64_t now, bool spinning)
{
    rt_sched *s = m->s;
    p->status = RT_P_RUNNING;
    if (p->clock < now)
        p->clock = now;
    st_rel(&s->npidle, s->npidle - 1);
    p->spinning = spinning;
    s->nmspinning += spinning;
    heap_push(s, p);
    rt_p *saved = m->p;
    m->p = p;
    RT_TRACE(m, RT_EV_P_START, 0, 0, 0, 0, NULL);
    m->p = saved;
}

/* earliest_idle returns the idle P with the lowest clock (ties by id), or NULL: the one
   that can take new work soonest. */
static rt_p *earliest_idle(rt_sched *s)
{
    rt_p *best = NULL;
    for (int i = 0; i < s->nprocs; i++) {
        rt_p *p = &s->ps[i];
        if (p->status == RT_P_IDLE && (!best || before(p, best)))
            best = p;
    }
    return best;
}

static void v_wakep(rt_sched *s, int64_t now)
{
    if (s->nmspinning > 0 || s->npidle == 0 || s->gcwaiting)
        return;
    rt_p *p = earliest_idle(s);
    if (p)
        activate(&s->ms[0], p, now, true);
}

/* must_yield reports whether another P or a timer comes before p. */
static inline bool must_yield(const rt_sched *s, const rt_p *p)
{
    rt_p *top = heap_top(s);
    return (top && before(top, p)) || s->timers_next <= p->clock;
}

/* yield suspends the current G on its P (still RUNNING) and runs whatever comes first. */
static void yield(rt_m *m)
{
    rt_sched *s = m->s;
    rt_p *p = m->p;
    heap_push(s, p);
    rt_p *top = heap_top(s);
    if (s->timers_next <= top->clock || !top->curg) {
        rt__switch_to_g0(m);
        return;
    }
    heap_pop(s);
    if (top == p)
        return;
    m->p = top;
    rt__switch_to(m, top->curg);
}

/* safepoint: the current G is at a safe point. A P resumed after yielding is still at
   that safe point, so it looks at its signals again before charging any further. */
static void safepoint(rt_m *m)
{
    rt_sched *s = m->s;
    for (;;) { /* whatever resumes us (preemption, a yield) leaves us at this safe point */
        if (ld_rlx(&m->p->signal) && rt__handle_signals(m))
            continue;
        rt_p *p = m->p;
        if (p->clock - p->slice_start >= s->timeslice_ns && !rt__preempt_off(s, p)) {
            rt__preempt_current(m);
            continue;
        }
        if (!must_yield(s, p))
            return;
        yield(m);
    }
}

static void v_charge(rt_m *m, int64_t ns)
{
    int64_t slice = m->s->cfg.no_async_preempt ? INT64_MAX : m->s->preempt_slice_ns;
    if (ns < 0)
        ns = 0;
    do {
        int64_t step = ns < slice ? ns : slice;
        m->p->clock += step;
        ns -= step;
        safepoint(m);
    } while (ns > 0);
}

/* leave: the current P has no G on the fast path; the engine loop looks further for it. */
static void v_leave(rt_m *m)
{
    heap_push(m->s, m->p);
    rt__switch_to_g0(m);
}

static void v_owner_wait(rt_m *m)
{
    if (ld_acq(&m->s->owner_released))
        return; /* the others finished while the owner was still charging */
    m->p->vwaiting = true;
    rt__switch_to_g0(m);
}

static void v_owner_resume(rt_sched *s, int64_t when)
{
    rt_p *p = ld_acq(&s->owner_p);
    st_rel(&s->owner_released, 1);
    if (!p->vwaiting)
        return;
    if (p->clock < when)
        p->clock = when;
    p->vwaiting = false;
    heap_push(s, p);
}

static void v_stop_self(rt_m *m) { rt__switch_to_g0(m); }

static void v_restart(rt_sched *s, int64_t now)
{
    for (int i = 0; i < s->nprocs; i++) {
        rt_p *p = &s->ps[i];
        if (p->status != RT_P_GCSTOP)
            continue;
        if (p->clock < now)
            p->clock = now;
        if (p->stopped_idle && !p->curg && rt__runq_empty(p)) {
            p->status = RT_P_IDLE;
            st_rel(&s->npidle, s->npidle + 1);
        } else {
            p->status = RT_P_RUNNING;
            heap_push(s, p);
        }
        p->stopped_idle = false;
    }
}

static void v_timers_changed(rt_sched *s) { (void)s; }

static void v_work(rt_m *m, int64_t ns) { v_charge(m, ns); }

/* ---------------------------------------------------------------- the engine loop */

/* fire_timers runs the timers due at when, the earliest timer time and the engine's
   present, on the idle P that can start soonest (activated at when), else on the active P
   that comes first. Callbacks see when as the time, and what they make runnable may not
   run before it (INV-CAUSAL). */
static void fire_timers(rt_m *m, int64_t when)
{
    rt_sched *s = m->s;
    rt_p *target = earliest_idle(s);
    if (target && !s->gcwaiting)
        activate(m, target, when, false);
    else if (!(target = heap_top(s))) /* none active or idle: the world is stopped */
        target = ld_acq(&s->owner_p) ? ld_acq(&s->owner_p) : &s->ps[0];
    m->p = target;
    rt__timers_run(m, when);
}

/* run_p gives a P without a goroutine its turn: signals, then work or idleness. */
static void run_p(rt_m *m, rt_p *p)
{
    rt_sched *s = m->s;
    uint32_t sig = ld_acq(&p->signal);
    if (p->spinning) {
        p->spinning = false;
        s->nmspinning--;
    }
    if (sig & RT_SIG_HOOK)
        rt__run_safepoint_hook(m, p);
    if (sig & RT_SIG_SAFEPOINT)
        rt__run_safepoint_fn(m, p);
    if (sig & RT_SIG_STW) {
        and_rel(&p->signal, ~(uint32_t)RT_SIG_STW);
        p->status = RT_P_GCSTOP;
        rt__stw_stopped_one(s, p->clock);
        return;
    }
    bool inherit;
    rt_g *g = rt__find_runnable(m, &inherit);
    if (g) {
        rt__execute(m, g, inherit);
        return;
    }
    p->status = RT_P_IDLE;
    st_rel(&s->npidle, s->npidle + 1);
    RT_TRACE(m, RT_EV_P_STOP, 0, 0, 0, 0, NULL);
}

static void deadlock(rt_m *m)
{
    rt_sched *s = m->s;
    rt__fatal_record(s, "all goroutines are asleep - deadlock!");
    rt__end_run(s, 2);
}

static void engine_loop(rt_m *m)
{
    rt_sched *s = m->s;
    while (!ld_acq(&s->done)) {
        rt_p *top = heap_top(s);
        int64_t tnext = s->timers_next;
        if (tnext != INT64_MAX && (!top || tnext <= top->clock)) {
            fire_timers(m, tnext);
            continue;
        }
        if (!top) {
            deadlock(m);
            break;
        }
        heap_pop(s);
        m->p = top;
        if (top->curg)
            rt__switch_to(m, top->curg);
        else
            run_p(m, top);
    }
}

static int v_run(rt_sched *s)
{
    rt_m *m = &s->ms[0];
    rt_m *saved = rt__tls_m;
    rt__minheap_init(&s->active, p_before, offsetof(rt_p, heap_index));
    for (int i = 0; i < s->nprocs; i++)
        s->ps[i].heap_index = -1;
    if (!rt__minheap_reserve(&s->active, s->nprocs))
        rt_throw("out of memory for the active-P heap");
    rt__tls_m = m;
    rt__stack_thread_init(m);
    rt__m_fiber_init(m);
    st_rel(&s->npidle, s->nprocs - 1);
    heap_push(s, &s->ps[0]);
    m->p = &s->ps[0];
    RT_TRACE(m, RT_EV_P_START, 0, 0, 0, 0, NULL);
    RT_TRACE(m, RT_EV_G_CREATE, 0, s->main_g->id, 0, 0, NULL);
    engine_loop(m);
    int64_t end = 0;
    for (int i = 0; i < s->nprocs; i++)
        if (s->ps[i].clock > end)
            end = s->ps[i].clock;
    if (s->end_ns < end && s->exit_code != 0)
        s->end_ns = end;
    rt__stack_thread_destroy(m);
    rt__minheap_destroy(&s->active);
    rt__tls_m = saved;
    return s->exit_code;
}

const rt_engine_ops rt__virtual_engine = {
    .run = v_run,
    .now = v_now,
    .charge = v_charge,
    .work = v_work,
    .leave = v_leave,
    .wakep = v_wakep,
    .owner_wait = v_owner_wait,
    .owner_resume = v_owner_resume,
    .stop_self = v_stop_self,
    .restart = v_restart,
    .timers_changed = v_timers_changed,
};
