/*
 * sched.c — scheduling decisions shared by both engines, after Go's proc.go.
 *
 * A goroutine that stops running on its P (parks, yields, is preempted, exits) calls
 * rt__schedule on its own stack. The fast path finds the next G for the same P without
 * leaving that stack (runnext, the local ring, the global queue, timers) and switches to it
 * directly: one context switch per goroutine switch, where Go pays two (through g0). Only
 * when the P must look further (steal, sleep, stop for the world, leave the run) does it
 * switch to the engine on g0 — the OS thread's own stack — which is engine-specific
 * (vengine.c, tengine.c).
 *
 * Because the leaving G's registers are saved only by the switch itself, what must happen to
 * it afterwards — release the lock of the wait queue it joined, join a run queue, go to the
 * free list — is recorded in m->after and done by the next context (INV-SAVED-FIRST).
 *
 * Rejected: running every scheduling decision on g0 as Go does. It doubles the switches per
 * goroutine switch (the `switch` benchmark would go from ~8 to ~16 ns) and buys nothing here,
 * because our scheduler code needs no special stack.
 */
#include "rt_internal.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if GORSIM_ASAN
#include <sanitizer/common_interface_defs.h>
#endif
#if GORSIM_TSAN
#include <sanitizer/tsan_interface.h>
#endif

__thread rt_m *rt__tls_m;

/* ---------------------------------------------------------------- sanitizer fibers */

void rt__fiber_new(rt_g *g)
{
#if GORSIM_TSAN
    if (!g->tsan_fiber)
        g->tsan_fiber = __tsan_create_fiber(0);
#else
    (void)g;
#endif
}

void rt__fiber_free(rt_g *g)
{
#if GORSIM_TSAN
    if (g->tsan_fiber && g->s && g->s->ran && ld_acq(&g->s->done)) {
        __tsan_destroy_fiber(g->tsan_fiber);
        g->tsan_fiber = NULL;
    }
#else
    (void)g;
#endif
}

void rt__m_fiber_init(rt_m *m)
{
#if GORSIM_TSAN
    m->tsan_g0 = __tsan_get_current_fiber();
#else
    (void)m;
#endif
}

/* ctx_switch saves the current context in from and resumes to, telling the sanitizers.
   from_fake is the leaving context's ASan fake-stack slot (NULL when it dies). */
static inline void ctx_switch(rt_ctx *from, void **from_fake, rt_ctx *to, void *to_lo,
                              size_t to_size, void *to_tsan)
{
#if GORSIM_ASAN
    __sanitizer_start_switch_fiber(from_fake, to_lo, to_size);
#else
    (void)from_fake, (void)to_lo, (void)to_size;
#endif
#if GORSIM_TSAN
    __tsan_switch_to_fiber(to_tsan, 0);
#else
    (void)to_tsan;
#endif
    rt__ctx_switch(from, to);
}

/* rt__fiber_arrived finishes a switch in the context that was resumed; my_fake is the value
   its own ctx_switch saved (NULL for a goroutine's first arrival). The first switch out of
   g0 teaches us g0's stack bounds, which ASan needs for every later switch back to it. */
void rt__fiber_arrived(void *my_fake)
{
#if GORSIM_ASAN
    const void *lo;
    size_t size;
    __sanitizer_finish_switch_fiber(my_fake, &lo, &size);
    rt_m *m = rt__m();
    if (m->leaving_g0) {
        m->leaving_g0 = false;
        if (!m->g0_lo) {
            m->g0_lo = (void *)lo;
            m->g0_size = size;
        }
    }
#else
    (void)my_fake;
#endif
}

rt_m *rt__m(void) { return rt__tls_m; }

/* advance charges scheduler bookkeeping to the P without making it a safe point. */
static inline void advance(rt_m *m, int id)
{
    if (m->s->is_virtual)
        m->p->clock += m->s->cost[id];
}

/* new_slice starts a time slice on p. The threads engine needs no clock reading here:
   sysmon watches schedtick instead (Go's retake). */
static inline void new_slice(rt_m *m, rt_p *p)
{
    st_rlx(&p->schedtick, p->schedtick + 1);
    if (m->s->is_virtual)
        p->slice_start = p->clock;
}

/* ready_time is when a G readied now may run: the P's clock in the virtual engine
   (INV-CAUSAL); the threads engine has no use for it and skips the clock read. */
static inline int64_t ready_time(rt_m *m) { return m->s->is_virtual ? m->p->clock : 0; }


/* ---------------------------------------------------------------- switching */

static void check_canary(rt_g *g)
{
    if (unlikely(!rt__stack_canary_ok(&g->stack)))
        rt__stack_overflow(g);
}

/* start_running makes runnable g the running G of p (INV-CAUSAL, time slice, trace). */
static inline void start_running(rt_m *m, rt_p *p, rt_g *g, bool inherit)
{
    if (m->s->is_virtual && p->clock < g->ready_at)
        p->clock = g->ready_at; /* INV-CAUSAL */
    if (!inherit)
        new_slice(m, p);
    if (!m->s->single_thread) /* INV-ON-CPU: wait out a stack scan of g */
        for (uint32_t zero = 0; !cas_acqrel(&g->cpu_lock, &zero, 1); zero = 0)
            rt__cpu_relax();
    rt__g_set_status(g, RT_G_RUNNING);
    st_rel(&p->curg, g);
    RT_TRACE(m, RT_EV_G_START, g->id, 0, 0, 0, NULL);
}

/* switch_g_to_g switches from goroutine from to goroutine to on m; returns when from runs
   again, maybe on another M, after that M's pending post-switch action. */
static inline void switch_g_to_g(rt_m *m, rt_g *from, rt_g *to)
{
    check_canary(from);
    m->curg = to;
    bool dying = m->after == RT_AFTER_FREE && m->after_g == from;
    ctx_switch(&from->ctx, dying ? NULL : &from->asan_fake, &to->ctx, to->stack.lo,
               (size_t)(to->stack.hi - to->stack.lo), to->tsan_fiber);
    rt__fiber_arrived(from->asan_fake);
    if (!m->s->single_thread) /* only then can a G resume on another M */
        m = rt__m();
    if (m->after != RT_AFTER_NONE)
        rt__after_switch(m);
}

void rt__switch_to(rt_m *m, rt_g *to)
{
    rt_g *from = m->curg;
    if (from) {
        switch_g_to_g(m, from, to);
        return;
    }
    m->curg = to;
    m->leaving_g0 = true;
    ctx_switch(&m->g0, &m->asan_fake_g0, &to->ctx, to->stack.lo,
               (size_t)(to->stack.hi - to->stack.lo), to->tsan_fiber);
    rt__fiber_arrived(rt__m()->asan_fake_g0);
    rt__after_switch(rt__m());
}

void rt__switch_to_g0(rt_m *m)
{
    rt_g *from = m->curg;
    rt_assert(from != NULL);
    check_canary(from);
    m->curg = NULL;
    bool dying = m->after == RT_AFTER_FREE && m->after_g == from;
    ctx_switch(&from->ctx, dying ? NULL : &from->asan_fake, &m->g0, m->g0_lo, m->g0_size,
               m->tsan_g0);
    rt__fiber_arrived(from->asan_fake);
    rt__after_switch(rt__m());
}

void rt__after_switch(rt_m *m)
{
    rt_after_kind k = m->after;
    if (k == RT_AFTER_NONE)
        return;
    rt_g *g = m->after_g;
    m->after = RT_AFTER_NONE;
    m->after_g = NULL;
    if (k == RT_AFTER_RUNQ_LOCAL || k == RT_AFTER_RUNQ_GLOBAL) {
        g->ready_at = ready_time(m);
        rt__g_set_status(g, RT_G_RUNNABLE);
    }
    /* INV-ON-CPU: g's context is saved and its status no longer says running (a stack
       scan that takes the lock next reads both); only now may others reach it */
    if (!m->s->single_thread)
        st_rel(&g->cpu_lock, 0);
    switch (k) {
    case RT_AFTER_PARK:
        if (m->after_commit && !m->after_commit(g, m->after_arg))
            rt__ready_at(m, g, ready_time(m), true);
        break;
    case RT_AFTER_RUNQ_LOCAL: /* as Go's Gosched and preemption: no wakep */
    case RT_AFTER_RUNQ_GLOBAL:
        if (k == RT_AFTER_RUNQ_LOCAL)
            rt__runq_put(m->s, m->p, g, false);
        else
            rt__globrunq_put(m->s, g);
        break;
    case RT_AFTER_FREE:
        rt__g_free(m->s, m->p, g);
        break;
    case RT_AFTER_NONE:
        break;
    }
}

/* ---------------------------------------------------------------- finding work */

/* hooked takes the parked goroutine a work hook offers and makes it runnable here. */
static rt_g *hooked(rt_m *m, rt_g *g)
{
    rt_assert(rt__g_status(g) == RT_G_WAITING); /* parked, on no queue (INV-ONE-PLACE) */
    g->ready_at = ready_time(m);
    g->wait_reason = RT_WAIT_NONE;
    rt__g_set_status(g, RT_G_RUNNABLE);
    return g;
}

/* run_due_timers fires the timers that are due (threads engine). */
static void run_due_timers(rt_m *m)
{
    int64_t now = m->s->eng->now(m);
    if (rt__timers_next(m->s) <= now)
        rt__timers_run(m, now);
}

rt_g *rt__find_local(rt_m *m, bool *inherit)
{
    rt_sched *s = m->s;
    rt_p *p = m->p;
    rt_g *g;
    *inherit = false;
    /* Go's checkTimers, first (the virtual engine fires timers itself). Never with a
       post-switch action pending: a callback may need the lock its commit releases. */
    if (!s->is_virtual && rt__timers_pending(s) && m->after == RT_AFTER_NONE)
        run_due_timers(m);
    if (s->find_work && (g = s->find_work(s, p->id, s->find_work_arg)))
        return hooked(m, g);
    if (p->schedtick % 61 == 0 && ld_acq(&s->runq_size) > 0) { /* fairness, as Go */
        rt__lock(&s->lock);
        g = rt__globrunq_get(s, p, 1);
        rt__unlock(&s->lock);
        if (g)
            return g;
    }
    if ((g = rt__runq_get(s, p, inherit)))
        return g;
    if (ld_acq(&s->runq_size) > 0) {
        rt__lock(&s->lock);
        g = rt__globrunq_get(s, p, 0);
        rt__unlock(&s->lock);
        if (g)
            return g;
    }
    return NULL;
}

/* steal_work tries four rounds over the other Ps from a random start (Go's stealWork); the
   last round may take runnext from a P that is not running a G. */
static rt_g *steal_work(rt_m *m)
{
    rt_sched *s = m->s;
    rt_p *p = m->p;
    int n = s->nprocs;
    for (int round = 0; round < 4 && n > 1; round++) {
        bool last = round == 3;
        int start = (int)rt_rng_uintn(&p->rng, (uint64_t)n);
        for (int i = 0; i < n; i++) {
            rt_p *v = &s->ps[(start + i) % n];
            if (v == p || rt__runq_empty(v))
                continue;
            rt_g *g = rt__runq_steal(p, v, last && ld_acq(&v->curg) == NULL);
            if (g) {
                advance(m, RT_COST_STEAL);
                return g;
            }
        }
        if (ld_acq(&s->gcwaiting))
            return NULL;
    }
    return NULL;
}

rt_g *rt__find_runnable(rt_m *m, bool *inherit)
{
    rt_sched *s = m->s;
    advance(m, RT_COST_FIND);
    rt_g *g = rt__find_local(m, inherit);
    if (!g && (g = steal_work(m)))
        *inherit = false;
    if (!g && s->idle_work && (g = s->idle_work(s, m->p->id, s->idle_work_arg)))
        *inherit = false;
    return g;
}

void rt__execute(rt_m *m, rt_g *g, bool inherit)
{
    start_running(m, m->p, g, inherit);
    rt__switch_to(m, g);
}

/* timers_due_with_action reports whether timers are due while the leaving G's post-switch
   action is pending: then the P goes through g0, which does the action, then the timers. */
static bool timers_due_with_action(rt_m *m)
{
    rt_sched *s = m->s;
    return !s->is_virtual && m->after != RT_AFTER_NONE && rt__timers_pending(s) &&
           rt__timers_next(s) <= s->eng->now(m);
}

/* resume_self keeps the yielding G running with a fresh time slice: with nothing else to
   run it would come straight back from the global queue. */
static void resume_self(rt_m *m, rt_g *self)
{
    rt_p *p = m->p;
    m->after = RT_AFTER_NONE;
    m->after_g = NULL;
    new_slice(m, p);
    rt__g_set_status(self, RT_G_RUNNING);
    st_rel(&p->curg, self);
    RT_TRACE(m, RT_EV_G_START, self->id, 0, 0, 0, NULL);
}

void rt__schedule(rt_m *m)
{
    rt_p *p = m->p;
    rt_g *self = m->curg;
    st_rel(&p->curg, NULL);
    advance(m, RT_COST_SWITCH);
    if (ld_acq(&p->signal) & RT_SIG_HOOK) /* a scheduling decision is a safe point */
        rt__run_safepoint_hook(m, p);
    if (!(ld_acq(&p->signal) & (RT_SIG_STW | RT_SIG_SAFEPOINT | RT_SIG_DONE)) &&
        !timers_due_with_action(m)) {
        bool inherit;
        rt_g *g = rt__find_local(m, &inherit);
        if (g == self) {
            resume_self(m, self);
            return;
        }
        if (g) {
            rt__execute(m, g, inherit);
            return;
        }
        if ((m->after == RT_AFTER_RUNQ_LOCAL || m->after == RT_AFTER_RUNQ_GLOBAL) &&
            m->after_g == self) {
            resume_self(m, self);
            return;
        }
    }
    m->s->eng->leave(m);
}

void rt__ready_at(rt_m *m, rt_g *g, int64_t when, bool next)
{
    rt_assert(rt__g_status(g) != RT_G_RUNNABLE); /* INV-ONE-PLACE: not queued twice */
    g->ready_at = when;
    g->wait_reason = RT_WAIT_NONE;
    rt__g_set_status(g, RT_G_RUNNABLE);
    rt__runq_put(m->s, m->p, g, next);
    m->s->eng->wakep(m->s, when);
}

bool rt__handle_signals(rt_m *m)
{
    rt_p *p = m->p;
    uint32_t sig = ld_acq(&p->signal);
    if (sig & RT_SIG_DONE)
        rt__switch_to_g0(m); /* the run is over: this G is abandoned where it stands */
    if (sig & RT_SIG_HOOK)
        rt__run_safepoint_hook(m, p);
    if (sig & RT_SIG_SAFEPOINT)
        rt__run_safepoint_fn(m, p);
    if (sig & RT_SIG_STW)
        rt__stop_at_safepoint(m);
    m = rt__m();
    p = m->p;
    if (ld_acq(&p->signal) & RT_SIG_PREEMPT) {
        and_rel(&p->signal, ~(uint32_t)RT_SIG_PREEMPT);
        if (!rt__preempt_off(m->s, p)) {
            rt__preempt_current(m);
            return true;
        }
    }
    return false;
}

void rt__run_safepoint_hook(rt_m *m, rt_p *p)
{
    and_rel(&p->signal, ~(uint32_t)RT_SIG_HOOK);
    if (m->s->sp_hook)
        m->s->sp_hook(m->s, p->id, m->s->sp_hook_arg);
}

void rt_p_request_safepoint(rt_sched *s, int p_id)
{
    rt_assert(p_id >= 0 && p_id < s->nprocs);
    or_rel(&s->ps[p_id].signal, RT_SIG_HOOK);
}

bool rt_wake_idle_p(void)
{
    rt_m *m = rt__m();
    rt_assert(m && m->p);
    if (ld_acq(&m->s->npidle) == 0)
        return false;
    m->s->eng->wakep(m->s, ready_time(m));
    return true;
}

void rt_p_request_preempt(rt_sched *s, int p_id)
{
    rt_assert(p_id >= 0 && p_id < s->nprocs);
    or_rel(&s->ps[p_id].signal, RT_SIG_PREEMPT);
}

void rt__preempt_current(rt_m *m)
{
    rt_g *g = m->curg;
    RT_TRACE(m, RT_EV_G_STOP, g->id, RT_STOP_PREEMPT, 0, 0, NULL);
    m->after = RT_AFTER_RUNQ_GLOBAL;
    m->after_g = g;
    rt__schedule(m);
}

void rt__end_run(rt_sched *s, int code)
{
    uint32_t zero = 0;
    if (!cas_acqrel(&s->done, &zero, 1))
        return;
    s->exit_code = code;
    for (int i = 0; i < s->nprocs; i++)
        or_rel(&s->ps[i].signal, RT_SIG_DONE);
    if (!s->is_virtual) {
        for (int i = 0; i < s->nprocs; i++)
            rt__note_wake(&s->ms[i].note);
        rt__note_wake(&s->sysmon_note);
    }
}

/* ---------------------------------------------------------------- goroutine API */

void rt_park(rt_park_commit commit, void *arg, int reason)
{
    rt_m *m = rt__m();
    rt_g *g = m->curg;
    rt_assert(g != NULL);
    g->wait_reason = reason;
    rt__g_set_status(g, RT_G_WAITING);
    RT_TRACE(m, RT_EV_G_BLOCK, g->id, (uint64_t)reason, 0, 0, NULL);
    m->after = RT_AFTER_PARK;
    m->after_g = g;
    m->after_commit = commit;
    m->after_arg = arg;
    rt__schedule(m);
}

static void ready(rt_g *g, bool next)
{
    rt_m *m = rt__m();
    uint64_t waker = m->in_timer || !m->curg ? 0 : m->curg->id;
    RT_TRACE(m, RT_EV_G_UNBLOCK, g->id, waker, 0, 0, NULL);
    rt__ready_at(m, g, m->in_timer ? m->timer_when : ready_time(m), next);
}

void rt_ready(rt_g *g) { ready(g, true); }
void rt_ready_back(rt_g *g) { ready(g, false); }

/* yield_fast reports whether a yield may take the fast path: one thread, nothing the
   general path would do first (hooks, tracing, signals, the 1-in-61 global-queue check,
   timers the threads engine would run here). */
static inline bool yield_fast(const rt_sched *s, const rt_p *p)
{
    return s->single_thread && !s->find_work && !s->sink && !ld_rlx(&p->signal) &&
           (p->schedtick % 61 != 0 || ld_rlx(&s->runq_size) == 0) &&
           (s->is_virtual || ld_rlx(&s->timers_next) == INT64_MAX);
}

void rt_gosched(void)
{
    rt_m *m = rt__m();
    rt_sched *s = m->s;
    rt_g *g = m->curg;
    rt_p *p = m->p;
    if (likely(yield_fast(s, p))) {
        /* The general path below, specialised: with one thread the yielding G may join
           the ring before its context is saved (INV-SAVED-FIRST holds trivially). */
        bool inherit;
        rt_g *next = rt__runq_get_solo(p, &inherit);
        if (!next)
            return; /* nothing else is runnable: Go would requeue g and pick it again */
        g->ready_at = ready_time(m);
        rt__g_set_status(g, RT_G_RUNNABLE);
        if (!rt__runq_put_solo(p, g))
            rt__runq_put(s, p, g, false);
        advance(m, RT_COST_SWITCH);
        start_running(m, p, next, inherit);
        switch_g_to_g(m, g, next);
        return;
    }
    RT_TRACE(m, RT_EV_G_STOP, g->id, RT_STOP_YIELD, 0, 0, NULL);
    if (s->single_thread) {
        g->ready_at = ready_time(m);
        rt__g_set_status(g, RT_G_RUNNABLE);
        rt__runq_put(s, p, g, false);
    } else {
        m->after = RT_AFTER_RUNQ_LOCAL;
        m->after_g = g;
    }
    rt__schedule(m);
}

void rt__goexit0(rt_m *m)
{
    rt_sched *s = m->s;
    rt_g *g = m->curg;
    RT_TRACE(m, RT_EV_G_STOP, g->id, RT_STOP_EXIT, 0, 0, NULL);
    rt__g_set_status(g, RT_G_DEAD);
    advance(m, RT_COST_EXIT);
    if (g == s->main_g) {
        s->end_ns = s->eng->now(m);
        rt__end_run(s, 0);
    }
    m->after = RT_AFTER_FREE;
    m->after_g = g;
    rt__schedule(m);
    rt_throw("dead goroutine %llu resumed", (unsigned long long)g->id);
}

void rt_goexit(void) { rt__goexit0(rt__m()); }

int64_t rt_now(void)
{
    rt_m *m = rt__m();
    return m ? m->s->eng->now(m) : 0;
}

/* rt_charge is on every hot path of the layers above (each allocation, each map
   operation): it reads the M straight from TLS (nothing switches before the use) and, in
   the threads engine, only tests the P's safe-point requests inline. */
void rt_charge(int64_t ns)
{
    rt_m *m = rt__tls_m;
    if (m->s->is_virtual)
        m->s->eng->charge(m, ns);
    else if (__builtin_expect(ld_rlx(&m->p->signal) != 0, 0))
        rt__handle_signals(m);
}

void rt_charge_cost(int id, int64_t units)
{
    rt_m *m = rt__m();
    rt_assert(id >= 0 && id < m->s->ncost); /* an id from rt_cost_define on this model */
    m->s->eng->charge(m, m->s->cost[id] * units);
}

void rt_work(int64_t ns)
{
    rt_m *m = rt__m();
    m->s->eng->work(m, ns);
}

/* ---------------------------------------------------------------- lifecycle */

static const char *const engine_names[] = {"virtual", "threads"};

const char *rt_engine_name(rt_engine_kind k) { return engine_names[k == RT_ENGINE_THREADS]; }

bool rt_engine_parse(const char *name, rt_engine_kind *k)
{
    for (int i = 0; i < 2; i++)
        if (strcmp(name, engine_names[i]) == 0) {
            *k = i ? RT_ENGINE_THREADS : RT_ENGINE_VIRTUAL;
            return true;
        }
    return false;
}

void rt_config_init(rt_config *c)
{
    memset(c, 0, sizeof *c);
    c->engine = RT_ENGINE_VIRTUAL;
    c->nprocs = 1;
    c->seed = 1;
    c->stack_bytes = RT_DEFAULT_STACK_BYTES;
    c->timeslice_ns = 10 * 1000 * 1000;
    c->preempt_slice_ns = 10 * 1000;
}

static void init_p(rt_sched *s, rt_p *p, int id)
{
    char name[32];
    p->id = id;
    p->status = RT_P_IDLE;
    p->heap_index = -1;
    snprintf(name, sizeof name, "sched.p%d", id);
    rt_rng_init(&p->rng, s->cfg.seed, name);
}

static int init_ms(rt_sched *s)
{
    int nm = s->is_virtual ? 1 : s->nprocs;
    s->ms = calloc((size_t)nm, sizeof *s->ms);
    if (!s->ms)
        return -1;
    for (int i = 0; i < nm; i++) {
        s->ms[i].s = s;
        s->ms[i].id = i;
        rt__note_init(&s->ms[i].note);
        if (!s->is_virtual) {
            s->ms[i].p = &s->ps[i];
            s->ps[i].m = &s->ms[i];
        }
    }
    rt__note_init(&s->sysmon_note);
    return 0;
}

rt_sched *rt_sched_new(const rt_config *cfg)
{
    rt_config def;
    if (!cfg) {
        rt_config_init(&def);
        cfg = &def;
    }
    int np = cfg->nprocs ? cfg->nprocs : 1;
    size_t stack = cfg->stack_bytes;
    if (np < 1 || np > RT_MAX_PROCS || cfg->timeslice_ns < 0 || cfg->preempt_slice_ns < 0 ||
        (stack && (stack < RT_MIN_STACK_BYTES || stack > RT_MAX_STACK_BYTES))) {
        errno = EINVAL;
        return NULL;
    }
    rt_sched *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->cfg = *cfg;
    s->nprocs = np;
    s->is_virtual = cfg->engine == RT_ENGINE_VIRTUAL;
    s->single_thread = s->is_virtual || np == 1;
    s->eng = s->is_virtual ? &rt__virtual_engine : &rt__threads_engine;
    s->timeslice_ns = cfg->timeslice_ns ? cfg->timeslice_ns : 10 * 1000 * 1000;
    s->preempt_slice_ns = cfg->preempt_slice_ns ? cfg->preempt_slice_ns : 10 * 1000;
    s->ps = calloc((size_t)np, sizeof *s->ps);
    s->pidle = calloc((size_t)np, sizeof *s->pidle);
    s->costs = cfg->costs ? rt__cost_model_copy(cfg->costs) : rt_cost_model_new();
    if (!s->ps || !s->pidle || !s->costs)
        goto fail;
    s->cost = rt__cost_table(s->costs);
    s->ncost = rt_cost_count(s->costs);
    if (!s->cost)
        goto fail;
    for (int i = 0; i < np; i++)
        init_p(s, &s->ps[i], i);
    if (init_ms(s) != 0)
        goto fail;
    rt__stack_pool_init(&s->stacks, cfg->stack_bytes ? cfg->stack_bytes : RT_DEFAULT_STACK_BYTES);
    rt__timers_init(s);
    rt__trace_init(s);
    return s;
fail:
    rt_sched_free(s);
    errno = ENOMEM;
    return NULL;
}

void rt_sched_free(rt_sched *s)
{
    if (!s)
        return;
    rt__timers_destroy(s); /* first: a pending timer may live in a G (a run ended by a fatal
                              error while a goroutine slept) */
    rt__g_destroy_all(s);
    rt__stack_pool_destroy(&s->stacks);
    if (s->ms) {
        int nm = s->is_virtual ? 1 : s->nprocs;
        for (int i = 0; i < nm; i++)
            rt__note_destroy(&s->ms[i].note);
        rt__note_destroy(&s->sysmon_note);
    }
    free(s->ms);
    free(s->ps);
    free(s->pidle);
    free(s->cost);
    rt_cost_model_free(s->costs);
    free(s);
}

int rt_sched_run(rt_sched *s, rt_func main_fn, void *arg)
{
    if (s->ran) {
        errno = EINVAL;
        return -1;
    }
    s->ran = true;
    rt_g *g = rt__g_new(s, NULL, main_fn, arg, 0);
    if (!g) {
        rt__fatal_record(s, "runtime: cannot allocate the main goroutine's stack");
        return 2;
    }
    s->main_g = g;
    s->ps[0].status = RT_P_RUNNING;
    rt__g_set_status(g, RT_G_RUNNABLE);
    rt__runq_put(s, &s->ps[0], g, true);
    return s->eng->run(s);
}

bool rt_sched_cost_get(const rt_sched *s, const char *name, int64_t *ns)
{
    int id = rt_cost_lookup(s->costs, name);
    if (id >= 0)
        *ns = s->cost[id];
    return id >= 0;
}

const char *rt_sched_fatal_message(const rt_sched *s)
{
    return s->fatal_msg[0] ? s->fatal_msg : NULL;
}

int rt_sched_nprocs(const rt_sched *s) { return s->nprocs; }
rt_engine_kind rt_sched_engine(const rt_sched *s) { return s->cfg.engine; }
bool rt_sched_single_thread(const rt_sched *s) { return s->single_thread; }
uint64_t rt_sched_seed(const rt_sched *s) { return s->cfg.seed; }
int64_t rt_sched_end_ns(const rt_sched *s) { return s->end_ns; }

/* set_hook installs fn/arg unless another hook holds the place (one owner per hook). */
#define SET_HOOK(s, field, argfield, fn, arg)                                  \
    do {                                                                       \
        if ((fn) && (s)->field && ((s)->field != (fn) || (s)->argfield != (arg))) \
            return false;                                                      \
        (s)->field = (fn);                                                     \
        (s)->argfield = (arg);                                                 \
        return true;                                                           \
    } while (0)

bool rt_sched_set_find_work_hook(rt_sched *s, rt_find_work_hook fn, void *arg)
{
    SET_HOOK(s, find_work, find_work_arg, fn, arg);
}

bool rt_sched_set_idle_work_hook(rt_sched *s, rt_find_work_hook fn, void *arg)
{
    SET_HOOK(s, idle_work, idle_work_arg, fn, arg);
}

bool rt_sched_set_safepoint_hook(rt_sched *s, rt_safepoint_hook fn, void *arg)
{
    SET_HOOK(s, sp_hook, sp_hook_arg, fn, arg);
}

bool rt_sched_set_handoff_hook(rt_sched *s, rt_handoff_hook fn, void *arg)
{
    SET_HOOK(s, handoff, handoff_arg, fn, arg);
}

const char *rt_ctx_backend(void) { return rt__ctx_backend_name(); }
const char *rt_version(void) { return PACKAGE_VERSION; }
