/*
 * tengine.c — the threads engine: one OS thread (M) per P, wall-clock time.
 *
 * Each M owns its P for the whole run. It runs goroutines until its P finds nothing on the
 * fast path (sched.c); then, on g0, it steals, runs timers, and finally parks its P on the
 * idle list and sleeps on its note until woken (wakep) or until the next timer is due.
 * Charge points only test the P's signal word: work is real, so nothing is added to a
 * clock. sysmon, a thread of its own, preempts goroutines that have run a whole time slice
 * (same schedtick for 10 ms, as Go's retake), and wakes an idle P for overdue timers. It
 * backs off from 20 us to 10 ms sleeps while there is nothing to do, so an idle run spins
 * nowhere.
 *
 * Lost wake-ups are avoided as in Go: a P goes idle under the sched lock after a last look
 * at the global queue, then looks at every run queue once more after giving up spinning.
 */
#include "rt_internal.h"
#include <limits.h>
#include <stdlib.h>

static int64_t t_now(const rt_m *m) { return rt__mono_ns() - m->s->mono0; }

static void t_charge(rt_m *m, int64_t ns)
{
    (void)ns;
    if (unlikely(ld_rlx(&m->p->signal)))
        rt__handle_signals(m);
}

/* t_work spins for ns of wall time, a safe point every preempt slice (none at all without
   async preemption: the call-free loop of Go <= 1.13). */
static void t_work(rt_m *m, int64_t ns)
{
    rt_sched *s = m->s;
    int64_t end = rt__mono_ns() + (ns > 0 ? ns : 0);
    bool sliced = !s->cfg.no_async_preempt;
    int64_t next = rt__mono_ns() + s->preempt_slice_ns;
    for (int64_t now = rt__mono_ns(); now < end; now = rt__mono_ns()) {
        if (sliced && now >= next) {
            t_charge(rt__m(), 0);
            next = rt__mono_ns() + s->preempt_slice_ns;
        }
    }
    t_charge(rt__m(), 0);
}

static void t_leave(rt_m *m) { rt__switch_to_g0(m); }

/* pidle_take removes p from the idle list; lock held. */
static void pidle_take(rt_sched *s, rt_p *p)
{
    for (int i = 0; i < s->npidle_list; i++)
        if (s->pidle[i] == p) {
            s->pidle[i] = s->pidle[--s->npidle_list];
            st_rel(&s->npidle, s->npidle - 1);
            return;
        }
}

static void pidle_put(rt_sched *s, rt_p *p)
{
    p->status = RT_P_IDLE;
    s->pidle[s->npidle_list++] = p;
    st_rel(&s->npidle, s->npidle + 1);
}

static void t_wakep(rt_sched *s, int64_t now)
{
    (void)now;
    int32_t zero = 0;
    if (s->nprocs == 1)
        return;
    /* Pairs with the fence in go_idle: our run-queue store before their nmspinning
       decrement, or their decrement before our load (a store-load pattern). */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (ld_acq(&s->npidle) == 0 || ld_acq(&s->nmspinning) != 0 || ld_acq(&s->gcwaiting))
        return;
    if (!cas_acqrel(&s->nmspinning, &zero, 1))
        return;
    rt__lock(&s->lock);
    rt_p *p = s->npidle_list && !s->gcwaiting ? s->pidle[s->npidle_list - 1] : NULL;
    if (p) {
        pidle_take(s, p);
        p->status = RT_P_RUNNING;
        st_rel(&p->m->spinning, true);
    }
    rt__unlock(&s->lock);
    if (p)
        rt__note_wake(&p->m->note);
    else
        xadd(&s->nmspinning, -1);
}

static void t_timers_changed(rt_sched *s)
{
    /* An idle M may sleep past the new earliest timer: wake one to recompute its deadline. */
    rt__lock(&s->lock);
    rt_m *m = s->npidle_list ? s->pidle[s->npidle_list - 1]->m : NULL;
    rt__unlock(&s->lock);
    if (m)
        rt__note_wake(&m->note);
}

static void owner_wait_released(rt_m *m)
{
    while (!ld_acq(&m->s->owner_released) && !ld_acq(&m->s->done))
        rt__note_sleep(&m->note, -1);
}

static void t_owner_wait(rt_m *m) { owner_wait_released(m); }

static void t_owner_resume(rt_sched *s, int64_t when)
{
    (void)when;
    st_rel(&s->owner_released, 1);
    rt__note_wake(&s->owner_m->note);
}

static bool stopped(rt_m *m)
{
    rt__lock(&m->s->lock);
    bool st = m->p->status == RT_P_GCSTOP;
    rt__unlock(&m->s->lock);
    return st;
}

static void t_stop_self(rt_m *m)
{
    while (stopped(m) && !ld_acq(&m->s->done))
        rt__note_sleep(&m->note, -1);
}

static void t_restart(rt_sched *s, int64_t now)
{
    (void)now;
    for (int i = 0; i < s->nprocs; i++) {
        rt_p *p = &s->ps[i];
        if (p->status != RT_P_GCSTOP)
            continue;
        if (p->stopped_idle)
            pidle_put(s, p);
        else
            p->status = RT_P_RUNNING;
        p->stopped_idle = false;
        rt__note_wake(&p->m->note);
    }
}

/* ---------------------------------------------------------------- the M loop */

static bool any_work(rt_sched *s)
{
    if (ld_acq(&s->runq_size) > 0)
        return true;
    for (int i = 0; i < s->nprocs; i++)
        if (!rt__runq_empty(&s->ps[i]))
            return true;
    return false;
}

/* stop_spinning ends m's spinning; the exchange makes exactly one caller give back the
   count that t_wakep took, however a wake-up and a going-idle race. */
static void stop_spinning(rt_m *m)
{
    if (xchg(&m->spinning, false))
        xadd(&m->s->nmspinning, -1);
}

/* go_idle parks m's P; returns false if it should look again at once. */
static bool go_idle(rt_m *m)
{
    rt_sched *s = m->s;
    rt_p *p = m->p;
    rt__lock(&s->lock);
    if (s->gcwaiting || ld_acq(&p->signal) || s->runq_size > 0 || ld_acq(&s->done)) {
        rt__unlock(&s->lock);
        return false;
    }
    pidle_put(s, p);
    bool dead = s->npidle == s->nprocs && !rt__timers_pending(s);
    rt__unlock(&s->lock);
    if (dead) {
        rt__fatal_record(s, "all goroutines are asleep - deadlock!");
        rt__end_run(s, 2);
        return false;
    }
    stop_spinning(m);
    __atomic_thread_fence(__ATOMIC_SEQ_CST); /* see t_wakep */
    if (!any_work(s))
        return true;
    /* A G may have been queued between our look and pidle_put: take the P back, unless a
       stop-the-world took it meanwhile (then sleep until the restart, in acquire_p). */
    rt__lock(&s->lock);
    rt_p_status st = p->status;
    if (st == RT_P_IDLE) {
        pidle_take(s, p);
        p->status = RT_P_RUNNING;
    }
    rt__unlock(&s->lock);
    return st == RT_P_GCSTOP;
}

/* acquire_p makes m's P RUNNING again after a sleep: taking it off the idle list, or
   waiting while a stop-the-world holds it (an idle P is stopped without its M's help). */
static void acquire_p(rt_m *m)
{
    rt_sched *s = m->s;
    for (;;) {
        rt__lock(&s->lock);
        rt_p_status st = m->p->status;
        if (st == RT_P_IDLE) {
            pidle_take(s, m->p);
            m->p->status = RT_P_RUNNING;
        }
        rt__unlock(&s->lock);
        if (st != RT_P_GCSTOP || ld_acq(&s->done))
            return;
        rt__note_sleep(&m->note, -1); /* the restart wakes us */
    }
}

static void sleep_idle(rt_m *m)
{
    rt_sched *s = m->s;
    RT_TRACE(m, RT_EV_P_STOP, 0, 0, 0, 0, NULL);
    int64_t next = rt__timers_next(s);
    rt__note_sleep(&m->note, next == INT64_MAX ? -1 : s->mono0 + next);
    acquire_p(m);
    RT_TRACE(m, RT_EV_P_START, 0, 0, 0, 0, NULL);
}

static rt_g *findrunnable(rt_m *m, bool *inherit)
{
    rt_sched *s = m->s;
    for (;;) {
        rt_p *p = m->p;
        uint32_t sig = ld_acq(&p->signal);
        if (ld_acq(&s->done))
            return NULL;
        if (sig & RT_SIG_HOOK)
            rt__run_safepoint_hook(m, p);
        if (sig & RT_SIG_SAFEPOINT)
            rt__run_safepoint_fn(m, p);
        if (sig & RT_SIG_STW) {
            rt__stop_at_safepoint(m);
            continue;
        }
        and_rel(&p->signal, ~(uint32_t)RT_SIG_PREEMPT);
        rt_g *g = rt__find_runnable(m, inherit);
        if (g) {
            if (ld_acq(&m->spinning)) {
                stop_spinning(m);
                t_wakep(s, 0); /* we were the last spinner: let another look (Go's resetspinning) */
            }
            return g;
        }
        if (go_idle(m))
            sleep_idle(m);
    }
}

static void mloop(rt_m *m)
{
    for (;;) {
        bool inherit;
        rt_g *g = findrunnable(m, &inherit);
        if (!g)
            return;
        rt__execute(m, g, inherit);
    }
}

static void *mstart(void *arg)
{
    rt_m *m = arg;
    rt__tls_m = m;
    rt__stack_thread_init(m);
    rt__m_fiber_init(m);
    sleep_idle(m); /* our P starts on the idle list (t_run): wait until it has work */
    mloop(m);
    rt__stack_thread_destroy(m);
    rt__tls_m = NULL;
    return NULL;
}

/* ---------------------------------------------------------------- sysmon */

static void retake(rt_sched *s, int64_t now, bool *acted)
{
    for (int i = 0; i < s->nprocs; i++) {
        rt_p *p = &s->ps[i];
        uint32_t tick = ld_rlx(&p->schedtick);
        if (!ld_acq(&p->curg) || p->sysmon_tick != tick) {
            p->sysmon_tick = tick;
            p->sysmon_when = now;
        } else if (now - p->sysmon_when >= s->timeslice_ns) {
            or_rel(&p->signal, RT_SIG_PREEMPT);
            p->sysmon_when = now;
            *acted = true;
        }
    }
}

static void *sysmon(void *arg)
{
    rt_sched *s = arg;
    int64_t delay = 20 * 1000;
    int idle_rounds = 0;
    while (!ld_acq(&s->sysmon_stop)) {
        rt__note_sleep(&s->sysmon_note, rt__mono_ns() + delay);
        int64_t now = rt__mono_ns() - s->mono0;
        bool acted = false;
        retake(s, now, &acted);
        if (rt__timers_next(s) <= now && ld_acq(&s->npidle) > 0) {
            t_timers_changed(s);
            acted = true;
        }
        idle_rounds = acted ? 0 : idle_rounds + 1;
        delay = idle_rounds > 50 ? (delay * 2 > 10000000 ? 10000000 : delay * 2) : 20 * 1000;
    }
    return NULL;
}

static int t_run(rt_sched *s)
{
    s->mono0 = rt__mono_ns();
    for (int i = 1; i < s->nprocs; i++)
        pidle_put(s, &s->ps[i]);
    rt_m *m0 = &s->ms[0];
    rt_m *saved = rt__tls_m;
    rt__tls_m = m0;
    RT_TRACE(m0, RT_EV_P_START, 0, 0, 0, 0, NULL);
    RT_TRACE(m0, RT_EV_G_CREATE, 0, s->main_g->id, 0, 0, NULL);
    int started = 1;
    bool sysmon_ok = pthread_create(&s->sysmon, NULL, sysmon, s) == 0;
    for (; started < s->nprocs; started++)
        if (pthread_create(&s->ms[started].thread, NULL, mstart, &s->ms[started]) != 0)
            break;
    if (started < s->nprocs) {
        rt__fatal_record(s, "runtime: cannot create OS thread");
        rt__end_run(s, 2);
    }
    rt__stack_thread_init(m0);
    rt__m_fiber_init(m0);
    mloop(m0);
    for (int i = 1; i < started; i++)
        pthread_join(s->ms[i].thread, NULL);
    st_rel(&s->sysmon_stop, 1);
    rt__note_wake(&s->sysmon_note);
    if (sysmon_ok)
        pthread_join(s->sysmon, NULL);
    if (!s->end_ns)
        s->end_ns = t_now(m0);
    rt__stack_thread_destroy(m0);
    rt__tls_m = saved;
    return s->exit_code;
}

const rt_engine_ops rt__threads_engine = {
    .run = t_run,
    .now = t_now,
    .charge = t_charge,
    .work = t_work,
    .leave = t_leave,
    .wakep = t_wakep,
    .owner_wait = t_owner_wait,
    .owner_resume = t_owner_resume,
    .stop_self = t_stop_self,
    .restart = t_restart,
    .timers_changed = t_timers_changed,
};
