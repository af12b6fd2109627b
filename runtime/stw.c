/*
 * stw.c — stopping the world and ragged barriers (Go's stopTheWorldWithSema and forEachP).
 *
 * Stop: the caller takes worldsema (INV-WORLD), marks gcwaiting, takes idle Ps straight to
 * GCSTOP and signals RT_SIG_STW to the running ones; each stops at its next safe point (a
 * charge point or a scheduling decision). The time from the request to the last stop is the
 * time to safe point; it is long when a goroutine is inside a long uninterruptible charge
 * (virtual engine with async preemption off) or a call-free loop. Start restarts them all.
 * Ragged barrier: each P runs a function at its next safe point (the caller runs it for
 * idle Ps), and Ps go on at once; the caller waits for the last.
 */
#include "rt_internal.h"

/* owner_begin makes the caller the owner (lock held): its P is not preemptible until
   owner_end, so it cannot move to another P while the others wait on it. */
static void owner_begin(rt_sched *s, rt_m *m)
{
    st_rel(&s->owner_p, m->p);
    s->owner_m = m;
    s->stop_max_ns = s->eng->now(m);
    st_rel(&s->owner_released, 0);
}

static void owner_end(rt_sched *s)
{
    st_rel(&s->owner_p, NULL);
    s->owner_m = NULL;
}


void rt__stw_stopped_one(rt_sched *s, int64_t when)
{
    if (when > s->stop_max_ns)
        s->stop_max_ns = when;
    if (--s->stopwait == 0)
        s->eng->owner_resume(s, s->stop_max_ns);
}

void rt_stw_stop(int reason, const char *name, rt_stw_info *info)
{
    rt_mutex_lock(&rt__m()->s->worldsema);
    rt_m *m = rt__m();
    rt_sched *s = m->s;
    info->reason = reason;
    info->start_ns = s->eng->now(m);
    RT_TRACE(m, RT_EV_STW_BEGIN, m->curg->id, (uint64_t)reason, 0, 0, name);
    rt__lock(&s->lock);
    owner_begin(s, m);
    st_rel(&s->gcwaiting, 1);
    s->stopwait = s->nprocs - 1;
    for (int i = 0; i < s->nprocs; i++) {
        rt_p *q = &s->ps[i];
        if (q == m->p)
            continue;
        if (q->status == RT_P_IDLE) {
            if (!s->is_virtual) {
                for (int j = 0; j < s->npidle_list; j++)
                    if (s->pidle[j] == q)
                        s->pidle[j] = s->pidle[--s->npidle_list];
            }
            st_rel(&s->npidle, s->npidle - 1);
            q->status = RT_P_GCSTOP;
            q->stopped_idle = true;
            s->stopwait--;
        } else {
            or_rel(&q->signal, RT_SIG_STW);
        }
    }
    bool wait = s->stopwait > 0;
    rt__unlock(&s->lock);
    if (wait)
        s->eng->owner_wait(m);
    m = rt__m();
    int64_t now = s->eng->now(m);
    info->stopped_ns = s->stop_max_ns > now ? s->stop_max_ns : now;
    if (s->is_virtual && m->p->clock < info->stopped_ns)
        m->p->clock = info->stopped_ns;
    info->ttsp_ns = info->stopped_ns - info->start_ns;
    rt_assert_expensive(rt__sched_verify(s)); /* the queues are quiescent now */
    rt_charge_cost(RT_COST_STW_P, s->nprocs - 1);
}

void rt_stw_start(rt_stw_info *info)
{
    rt_m *m = rt__m();
    rt_sched *s = m->s;
    info->end_ns = s->eng->now(m);
    info->pause_ns = info->end_ns - info->start_ns;
    rt__lock(&s->lock);
    st_rel(&s->gcwaiting, 0);
    for (int i = 0; i < s->nprocs; i++)
        and_rel(&s->ps[i].signal, ~(uint32_t)RT_SIG_STW);
    s->eng->restart(s, info->end_ns);
    owner_end(s);
    rt__unlock(&s->lock);
    RT_TRACE(m, RT_EV_STW_END, m->curg->id, (uint64_t)info->reason, (uint64_t)info->ttsp_ns,
             (uint64_t)info->pause_ns, NULL);
    if (ld_acq(&s->runq_size) > 0)
        s->eng->wakep(s, info->end_ns);
    rt_mutex_unlock(&s->worldsema);
}

void rt_stw_run(int reason, const char *name, rt_func fn, void *arg, rt_stw_info *info)
{
    rt_stw_stop(reason, name, info);
    fn(arg);
    rt_stw_start(info);
}

/* record_sp saves, for a collector's stack scan, where a goroutine stops without switching
   out (threads engine): this frame lies below its caller's, whose callee-saved registers
   __builtin_unwind_init spilled there. */
static __attribute__((noinline)) void record_sp(rt_g *g)
{
    g->ctx.sp = __builtin_frame_address(0);
}

void rt__stop_at_safepoint(rt_m *m)
{
    rt_sched *s = m->s;
    rt_p *p = m->p;
    if (!s->is_virtual && m->curg) { /* before the stop is announced (INV-SAVED-FIRST) */
        __builtin_unwind_init();
        record_sp(m->curg);
    }
    rt__lock(&s->lock);
    and_rel(&p->signal, ~(uint32_t)RT_SIG_STW);
    if (!ld_acq(&s->gcwaiting) || p->status == RT_P_GCSTOP) {
        rt__unlock(&s->lock);
        return;
    }
    p->status = RT_P_GCSTOP;
    rt__stw_stopped_one(s, s->eng->now(m));
    rt__unlock(&s->lock);
    s->eng->stop_self(m);
}

/* ---------------------------------------------------------------- ragged barrier */

void rt__run_safepoint_fn(rt_m *m, rt_p *p)
{
    rt_sched *s = m->s;
    and_rel(&p->signal, ~(uint32_t)RT_SIG_SAFEPOINT);
    rt__lock(&s->lock); /* the barrier's function, read where its owner writes it */
    void (*fn)(int, void *) = s->sp_fn;
    void *arg = s->sp_arg;
    rt__unlock(&s->lock);
    if (!fn)
        return; /* no barrier in progress: nothing was asked of this P */
    fn(p->id, arg);
    if (s->is_virtual)
        p->clock += s->cost[RT_COST_SAFEPOINT];
    rt__lock(&s->lock);
    int64_t now = s->eng->now(m);
    if (now > s->stop_max_ns)
        s->stop_max_ns = now;
    if (--s->sp_wait == 0)
        s->eng->owner_resume(s, s->stop_max_ns);
    rt__unlock(&s->lock);
}

void rt_ragged_barrier(void (*fn)(int p_id, void *arg), void *arg)
{
    rt_mutex_lock(&rt__m()->s->worldsema);
    rt_m *m = rt__m();
    rt_sched *s = m->s;
    rt__lock(&s->lock);
    owner_begin(s, m);
    s->sp_fn = fn;
    s->sp_arg = arg;
    s->sp_wait = s->nprocs - 1;
    int ran_for_idle = 0;
    for (int i = 0; i < s->nprocs; i++) {
        rt_p *q = &s->ps[i];
        if (q == m->p)
            continue;
        if (q->status == RT_P_IDLE) { /* idle Ps cannot run it: the caller does */
            fn(q->id, arg);
            s->sp_wait--;
            ran_for_idle++;
        } else {
            or_rel(&q->signal, RT_SIG_SAFEPOINT);
        }
    }
    bool wait = s->sp_wait > 0;
    rt__unlock(&s->lock);
    fn(m->p->id, arg);
    if (wait)
        s->eng->owner_wait(m);
    m = rt__m();
    if (s->is_virtual && m->p->clock < s->stop_max_ns)
        m->p->clock = s->stop_max_ns;
    rt__lock(&s->lock);
    s->sp_fn = NULL;
    owner_end(s);
    rt__unlock(&s->lock);
    rt_charge_cost(RT_COST_SAFEPOINT, 1 + ran_for_idle);
    rt_mutex_unlock(&s->worldsema);
}
