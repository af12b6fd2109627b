/*
 * g.c — goroutines: creation (with reuse of dead Gs and their stacks, as Go's gfget/gfput),
 * the entry trampoline, exit, iteration and the accessors upper layers use.
 */
#include "rt_internal.h"
#include <stdlib.h>
#include <string.h>

static const char *const g_status_names[] = {"runnable", "running", "waiting", "dead"};

const char *rt_g_status_name(rt_g_status st)
{
    return (unsigned)st < sizeof g_status_names / sizeof *g_status_names ? g_status_names[st]
                                                                        : "?";
}

/* The first code a new goroutine runs: finish the switch that started it, run, exit. */
static void g_entry(void)
{
    rt__fiber_arrived(NULL);
    rt_m *m = rt__m();
    rt__after_switch(m);
    rt_g *g = m->curg;
    g->fn(g->arg);
    rt__goexit0(rt__m());
}

static bool allgs_add(rt_sched *s, rt_g *g)
{
    if (s->nallgs == s->capallgs) {
        size_t cap = s->capallgs ? s->capallgs * 2 : 64;
        rt_g **a = realloc(s->allgs, cap * sizeof *a);
        if (!a)
            return false;
        s->allgs = a;
        s->capallgs = cap;
    }
    s->allgs[s->nallgs++] = g;
    return true;
}

/* gfget takes a dead G from p's free list, refilling it from the global list. */
static rt_g *gfget(rt_sched *s, rt_p *p)
{
    if (!p->gfree && ld_acq(&s->gfree)) {
        rt__lock(&s->lock);
        while (p->ngfree < RT_GFREE_MAX / 2 && s->gfree) {
            rt_g *g = s->gfree;
            st_rel(&s->gfree, g->schedlink);
            s->ngfree--;
            g->schedlink = p->gfree;
            p->gfree = g;
            p->ngfree++;
        }
        rt__unlock(&s->lock);
    }
    rt_g *g = p->gfree;
    if (g) {
        p->gfree = g->schedlink;
        p->ngfree--;
    }
    return g;
}

static rt_g *g_alloc(rt_sched *s)
{
    rt_g *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    if (rt__stack_alloc(&s->stacks, &g->stack) != 0) {
        free(g);
        return NULL;
    }
    g->s = s;
    g->sleep_timer.heap_index = -1;
    rt__g_set_status(g, RT_G_DEAD);
    rt__lock(&s->lock);
    bool ok = allgs_add(s, g);
    rt__unlock(&s->lock);
    if (!ok)
        rt_throw("out of memory recording goroutine");
    return g;
}

/* next_goid takes an id from p's cache, refilled 16 at a time (Go's _GoidCacheBatch) so
   goroutine creation needs no shared atomic. */
static uint64_t next_goid(rt_sched *s, rt_p *p)
{
    enum { BATCH = 16 };
    if (!p)
        return xadd(&s->next_goid, 1);
    if (p->goid_next == p->goid_end) {
        p->goid_next = xadd(&s->next_goid, BATCH) - BATCH + 1;
        p->goid_end = p->goid_next + BATCH;
    }
    return p->goid_next++;
}

rt_g *rt__g_new(rt_sched *s, rt_p *p, rt_func fn, void *arg, uint64_t parent)
{
    rt_g *g = p ? gfget(s, p) : NULL;
    if (!g && !(g = g_alloc(s)))
        return NULL;
    g->id = next_goid(s, p);
    g->parent_id = parent;
    g->fn = fn;
    g->arg = arg;
    g->wait_reason = RT_WAIT_NONE;
    g->param = NULL;
    g->select_done = 0;
    g->nopreempt = false;
    g->system = false;
    memset(g->slots, 0, sizeof g->slots);
    rt__ctx_make(&g->ctx, g->stack.lo, (size_t)(g->stack.hi - g->stack.lo), g_entry);
    rt__fiber_new(g);
    return g;
}

void rt__g_free(rt_sched *s, rt_p *p, rt_g *g)
{
    rt__fiber_free(g);
    g->schedlink = p->gfree;
    p->gfree = g;
    if (++p->ngfree < RT_GFREE_MAX)
        return;
    rt__lock(&s->lock); /* spill half to the global list */
    while (p->ngfree > RT_GFREE_MAX / 2) {
        rt_g *x = p->gfree;
        p->gfree = x->schedlink;
        p->ngfree--;
        x->schedlink = s->gfree;
        st_rel(&s->gfree, x);
        s->ngfree++;
    }
    rt__unlock(&s->lock);
}

void rt__g_destroy_all(rt_sched *s)
{
    for (size_t i = 0; i < s->nallgs; i++) {
        rt__fiber_free(s->allgs[i]);
        free(s->allgs[i]);
    }
    free(s->allgs);
    s->allgs = NULL;
    s->nallgs = s->capallgs = 0;
}

/* ---------------------------------------------------------------- public API */

rt_g *rt_go(rt_func fn, void *arg)
{
    rt_m *m = rt__m();
    rt_sched *s = m->s;
    rt_g *g = rt__g_new(s, m->p, fn, arg, m->curg ? m->curg->id : 0);
    if (!g)
        rt_fatal("runtime: cannot allocate goroutine stack (out of memory)");
    RT_TRACE(m, RT_EV_G_CREATE, m->curg ? m->curg->id : 0, g->id, 0, 0, NULL);
    if (s->handoff)
        s->handoff(s->handoff_arg, &arg, sizeof arg);
    rt__ready_at(m, g, s->eng->now(m), true);
    rt_charge_cost(RT_COST_SPAWN, 1);
    return g;
}

rt_g *rt_self(void)
{
    rt_m *m = rt__m();
    return m ? m->curg : NULL;
}

rt_sched *rt_self_sched(void)
{
    rt_m *m = rt__m();
    return m ? m->s : NULL;
}

uint64_t rt_g_id(const rt_g *g) { return g->id; }
rt_g_status rt_g_status_of(const rt_g *g) { return rt__g_status(g); }
int rt_g_wait_reason(const rt_g *g) { return g->wait_reason; }

int rt_p_id(void)
{
    rt_m *m = rt__m();
    return m && m->p ? m->p->id : -1;
}

/* stopped_on_p reports whether running g sits on a P stopped for the world (threads engine:
   its stack pointer was recorded when it stopped). */
static bool stopped_on_p(const rt_sched *s, const rt_g *g)
{
    for (int i = 0; i < s->nprocs; i++)
        if (ld_acq(&s->ps[i].curg) == g)
            return s->ps[i].status == RT_P_GCSTOP;
    return false;
}

void rt_g_stack(const rt_g *g, rt_stack_info *out)
{
    out->lo = g->stack.lo;
    out->hi = g->stack.hi;
    out->guarded = g->stack.guarded;
    out->arg = g->arg;
    rt_m *m = rt__m();
    bool saved = rt__g_status(g) != RT_G_RUNNING ||
                 (m && m->curg != g && (g->s->is_virtual || stopped_on_p(g->s, g)));
    out->sp = saved ? g->ctx.sp : NULL;
}

void rt_g_foreach(rt_sched *s, void (*fn)(rt_g *g, void *arg), void *arg)
{
    rt__lock(&s->lock); /* allgs may grow from other Ms (threads engine) */
    for (size_t i = 0; i < s->nallgs; i++) {
        rt_g *g = s->allgs[i];
        rt_g_status st = rt__g_status(g);
        if (st != RT_G_DEAD)
            fn(g, arg);
    }
    rt__unlock(&s->lock);
}

static void count_one(rt_g *g, void *arg)
{
    *(int *)arg += !g->system;
}

int rt_num_goroutine(rt_sched *s)
{
    int n = 0;
    rt_g_foreach(s, count_one, &n);
    return n;
}

int rt_p_slot_new(rt_sched *s) { return s->np_slots < RT_NSLOTS ? s->np_slots++ : -1; }
int rt_g_slot_new(rt_sched *s) { return s->ng_slots < RT_NSLOTS ? s->ng_slots++ : -1; }

void **rt_p_slot(rt_sched *s, int p_id, int slot)
{
    rt_assert(p_id >= 0 && p_id < s->nprocs && slot >= 0 && slot < s->np_slots);
    return &s->ps[p_id].slots[slot];
}

void *rt_cur_p_slot(const rt_sched *s, int slot)
{
    rt_m *m = rt__m();
    if (!m || m->s != s || !m->p || !m->curg)
        return NULL;
    return m->p->slots[slot];
}

void **rt_g_slot(rt_g *g, int slot)
{
    rt_assert(slot >= 0 && slot < g->s->ng_slots);
    return &g->slots[slot];
}

rt_suspend rt_g_suspend(rt_g *g)
{
    rt_sched *s = g->s;
    if (rt__g_status(g) == RT_G_DEAD)
        return RT_SUSPEND_DEAD;
    if (g == rt_self())
        return RT_SUSPEND_RUNNING;
    if (s->single_thread) /* every other G is switched out, its context saved */
        return RT_SUSPENDED;
    uint32_t zero = 0;
    if (!cas_acqrel(&g->cpu_lock, &zero, 1)) /* INV-ON-CPU */
        return RT_SUSPEND_RUNNING;
    if (rt__g_status(g) == RT_G_DEAD) {
        st_rel(&g->cpu_lock, 0);
        return RT_SUSPEND_DEAD;
    }
    return RT_SUSPENDED;
}

void rt_g_resume(rt_g *g)
{
    if (!g->s->single_thread)
        st_rel(&g->cpu_lock, 0);
}

void rt_set_preemptible(bool on)
{
    rt_m *m = rt__m();
    rt_assert(m && m->curg);
    m->curg->nopreempt = !on;
}

void rt_set_system(void)
{
    rt_m *m = rt__m();
    rt_assert(m && m->curg);
    m->curg->system = true;
}

bool rt_p_has_runnable(void)
{
    rt_m *m = rt__m();
    return m && m->p && (!rt__runq_empty(m->p) || ld_acq(&m->s->runq_size) > 0);
}
