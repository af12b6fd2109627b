/*
 * runq.c — run queues, after Go's proc.go: each P has a 256-slot ring and a runnext slot,
 * and there is one global queue under the sched lock.
 *
 * The ring is single-producer (the owner stores runqtail) and multi-consumer (the owner and
 * stealers advance runqhead with CAS). Slots are read and written with relaxed atomics: a
 * stealer may read a slot the owner is overwriting, but then its CAS on runqhead fails and
 * the value is discarded — the same benign race Go has, made explicit for ThreadSanitizer.
 * runnext is taken by CAS, so the owner and a stealer never both get it (INV-ONE-PLACE).
 * When no other OS thread can consume from the ring (the virtual engine, or a single P) the
 * owner uses plain loads and stores instead of CAS: on this kind of VM an atomic
 * read-modify-write costs about 7 ns, as much as the rest of a goroutine switch.
 */
#include "rt_internal.h"

#define HALF (RT_RUNQ_SIZE / 2)

bool rt__runq_empty(const rt_p *p)
{
    for (;;) { /* a consistent snapshot: tail unchanged across the reads */
        uint32_t h = ld_acq(&p->runqhead);
        uint32_t t = ld_acq(&p->runqtail);
        rt_g *next = ld_acq(&p->runnext);
        if (ld_acq(&p->runqtail) == t)
            return h == t && next == NULL;
    }
}

/* putslow moves half the full ring plus g to the global queue; false if a stealer raced us. */
static bool putslow(rt_sched *s, rt_p *p, rt_g *g, uint32_t h, uint32_t t)
{
    rt_g *batch[HALF + 1];
    rt_assert_internal(t - h == RT_RUNQ_SIZE);
    for (uint32_t i = 0; i < HALF; i++)
        batch[i] = ld_rlx(&p->runq[(h + i) % RT_RUNQ_SIZE]);
    if (!cas_acqrel(&p->runqhead, &h, h + HALF))
        return false;
    batch[HALF] = g;
    for (int i = 0; i < HALF; i++)
        batch[i]->schedlink = batch[i + 1];
    rt__lock(&s->lock);
    rt__globrunq_put_batch(s, batch[0], batch[HALF], HALF + 1);
    rt__unlock(&s->lock);
    return true;
}

void rt__runq_put(rt_sched *s, rt_p *p, rt_g *g, bool next)
{
    if (next) { /* kick the old runnext to the ring */
        rt_g *old = ld_acq(&p->runnext);
        if (s->single_thread)
            st_rel(&p->runnext, g);
        else
            while (!cas_acqrel(&p->runnext, &old, g))
                ;
        if (!old)
            return;
        g = old;
    }
    for (;;) {
        uint32_t h = ld_acq(&p->runqhead);
        uint32_t t = p->runqtail;
        if (t - h < RT_RUNQ_SIZE) {
            st_rlx(&p->runq[t % RT_RUNQ_SIZE], g);
            st_rel(&p->runqtail, t + 1);
            return;
        }
        if (putslow(s, p, g, h, t))
            return;
    }
}

rt_g *rt__runq_get(rt_sched *s, rt_p *p, bool *inherit)
{
    if (s->single_thread)
        return rt__runq_get_solo(p, inherit);
    rt_g *next = ld_acq(&p->runnext);
    if (next && cas_acqrel(&p->runnext, &next, NULL)) {
        *inherit = true;
        return next;
    }
    *inherit = false;
    for (;;) {
        uint32_t h = ld_acq(&p->runqhead);
        uint32_t t = p->runqtail;
        if (t == h)
            return NULL;
        rt_g *g = ld_rlx(&p->runq[h % RT_RUNQ_SIZE]);
        if (cas_acqrel(&p->runqhead, &h, h + 1))
            return g;
    }
}

/* grab takes half (rounded up) of victim's ring, or its runnext when asked and the ring is
   empty, into batch; returns how many. */
static uint32_t grab(rt_p *victim, rt_g **batch, bool steal_runnext)
{
    for (;;) {
        uint32_t h = ld_acq(&victim->runqhead);
        uint32_t t = ld_acq(&victim->runqtail);
        uint32_t n = t - h;
        n -= n / 2;
        if (n == 0) {
            rt_g *next = steal_runnext ? ld_acq(&victim->runnext) : NULL;
            if (next && cas_acqrel(&victim->runnext, &next, NULL)) {
                batch[0] = next;
                return 1;
            }
            return 0;
        }
        if (n > HALF)
            continue; /* read h and t at different times; retry */
        for (uint32_t i = 0; i < n; i++)
            batch[i] = ld_rlx(&victim->runq[(h + i) % RT_RUNQ_SIZE]);
        if (cas_acqrel(&victim->runqhead, &h, h + n))
            return n;
    }
}

rt_g *rt__runq_steal(rt_p *p, rt_p *victim, bool steal_runnext)
{
    rt_g *batch[HALF];
    uint32_t n = grab(victim, batch, steal_runnext);
    if (n == 0)
        return NULL;
    uint32_t t = p->runqtail; /* our ring is empty when we steal, so the rest fits */
    for (uint32_t i = 0; i + 1 < n; i++)
        st_rlx(&p->runq[(t + i) % RT_RUNQ_SIZE], batch[i]);
    st_rel(&p->runqtail, t + n - 1);
    return batch[n - 1];
}

/* ---------------------------------------------------------------- global queue */

void rt__globrunq_put_batch(rt_sched *s, rt_g *head, rt_g *tail, int n)
{
    tail->schedlink = NULL;
    if (s->runq_tail)
        s->runq_tail->schedlink = head;
    else
        s->runq_head = head;
    s->runq_tail = tail;
    st_rel(&s->runq_size, s->runq_size + n);
}

void rt__globrunq_put(rt_sched *s, rt_g *g)
{
    rt__lock(&s->lock);
    rt__globrunq_put_batch(s, g, g, 1);
    rt__unlock(&s->lock);
}

/* rt__globrunq_get takes a fair share of the global queue (Go's globrunqget): one to run,
   the rest onto p's ring. */
rt_g *rt__globrunq_get(rt_sched *s, rt_p *p, int max)
{
    int n = s->runq_size;
    if (n == 0)
        return NULL;
    if (n > n / s->nprocs + 1)
        n = n / s->nprocs + 1;
    if (max > 0 && n > max)
        n = max;
    if (n > HALF)
        n = HALF;
    st_rel(&s->runq_size, s->runq_size - n);
    rt_g *g = s->runq_head;
    s->runq_head = g->schedlink;
    while (--n > 0) {
        rt_g *x = s->runq_head;
        s->runq_head = x->schedlink;
        rt__runq_put(s, p, x, false);
    }
    if (!s->runq_head)
        s->runq_tail = NULL;
    return g;
}
