/*
 * sync.c — wait queues and the sync package: Mutex, RWMutex, WaitGroup.
 *
 * Each primitive guards its fields with an internal lock word and parks waiters with
 * rt_park(rt__unlock_commit, &lk), so the lock is released only once the waiter's context is
 * saved (INV-SAVED-FIRST). Charges happen before the internal lock is taken: a charge is a
 * safe point, and in the virtual engine another goroutine of the same thread could then spin
 * on a lock its own thread holds.
 *
 * Mutex follows Go's two modes: normally a woken waiter competes with newcomers (and is
 * re-queued at the front if it loses); a waiter that waited over 1 ms is handed the lock
 * directly (starvation mode). RWMutex lets a waiting writer block new readers, and a writer's
 * unlock admits every waiting reader, as Go's does. Misuse that Go throws on is rt_fatal.
 */
#include "rt_internal.h"

#define STARVATION_NS (1000 * 1000) /* Go's starvationThresholdNs */

void rt__waitq_push(rt_waitq *q, rt_sudog *sg)
{
    sg->next = NULL;
    sg->prev = q->tail;
    if (q->tail)
        q->tail->next = sg;
    else
        q->head = sg;
    q->tail = sg;
    sg->queued = true;
}

static void waitq_push_front(rt_waitq *q, rt_sudog *sg)
{
    sg->prev = NULL;
    sg->next = q->head;
    if (q->head)
        q->head->prev = sg;
    else
        q->tail = sg;
    q->head = sg;
    sg->queued = true;
}

void rt__waitq_remove(rt_waitq *q, rt_sudog *sg)
{
    if (!sg->queued)
        return;
    if (sg->prev)
        sg->prev->next = sg->next;
    else
        q->head = sg->next;
    if (sg->next)
        sg->next->prev = sg->prev;
    else
        q->tail = sg->prev;
    sg->next = sg->prev = NULL;
    sg->queued = false;
}

rt_sudog *rt__waitq_pop(rt_waitq *q)
{
    rt_sudog *sg = q->head;
    if (sg)
        rt__waitq_remove(q, sg);
    return sg;
}

bool rt__unlock_commit(rt_g *g, void *lockword)
{
    (void)g;
    rt__unlock(lockword);
    return true;
}

/* park_on queues a sudog for the caller on q (front or back) and parks; lk is held. */
static void park_on(rt_waitq *q, rt_sudog *sg, uint32_t *lk, bool front)
{
    sg->g = rt_self();
    sg->success = false;
    if (front)
        waitq_push_front(q, sg);
    else
        rt__waitq_push(q, sg);
    rt_park(rt__unlock_commit, lk, RT_WAIT_SEMACQUIRE);
}

/* wake_all readies every sudog of a detached chain (read next before each wake-up: the
   woken goroutine may return and reuse its frame at once). */
static void wake_chain(rt_sudog *sg)
{
    while (sg) {
        rt_sudog *next = sg->next;
        rt_ready(sg->g);
        sg = next;
    }
}

static rt_sudog *detach_all(rt_waitq *q)
{
    rt_sudog *head = q->head;
    for (rt_sudog *sg = head; sg; sg = sg->next)
        sg->queued = false;
    q->head = q->tail = NULL;
    return head;
}

/* ---------------------------------------------------------------- Mutex */

bool rt_mutex_trylock(rt_mutex *mu)
{
    rt_charge_cost(RT_COST_LOCK, 1);
    rt__lock(&mu->lk);
    bool ok = !mu->locked;
    mu->locked = 1;
    rt__unlock(&mu->lk);
    return ok;
}

void rt_mutex_lock(rt_mutex *mu)
{
    rt_charge_cost(RT_COST_LOCK, 1);
    rt__lock(&mu->lk);
    if (!mu->locked) {
        mu->locked = 1;
        rt__unlock(&mu->lk);
        return;
    }
    rt_sudog sg = {.t0 = rt_now()};
    bool front = false;
    for (;;) {
        park_on(&mu->waiters, &sg, &mu->lk, front);
        if (sg.success)
            return; /* handed off in starvation mode: we own it */
        rt__lock(&mu->lk);
        if (!mu->locked) {
            mu->locked = 1;
            rt__unlock(&mu->lk);
            return;
        }
        front = true; /* lost to a newcomer: wait at the front (Go's LIFO re-queue) */
    }
}

void rt_mutex_unlock(rt_mutex *mu)
{
    rt_charge_cost(RT_COST_LOCK, 1);
    int64_t now = rt_now();
    rt__lock(&mu->lk);
    if (!mu->locked) {
        rt__unlock(&mu->lk);
        rt_fatal("sync: unlock of unlocked mutex");
    }
    rt_sudog *sg = rt__waitq_pop(&mu->waiters);
    mu->starving = sg && now - sg->t0 >= STARVATION_NS;
    if (sg && mu->starving)
        sg->success = true; /* stays locked: ownership passes to sg */
    else
        mu->locked = 0;
    rt__unlock(&mu->lk);
    if (sg)
        rt_ready(sg->g);
}

/* ---------------------------------------------------------------- RWMutex */

void rt_rwmutex_rlock(rt_rwmutex *rw)
{
    rt_charge_cost(RT_COST_LOCK, 1);
    rt__lock(&rw->lk);
    if (!rw->writer && rw->writers_waiting == 0) {
        rw->readers++;
        rt__unlock(&rw->lk);
        return;
    }
    rt_sudog sg = {0};
    park_on(&rw->rwait, &sg, &rw->lk, false); /* the writer's unlock counts us in */
}

void rt_rwmutex_runlock(rt_rwmutex *rw)
{
    rt_charge_cost(RT_COST_LOCK, 1);
    rt__lock(&rw->lk);
    if (rw->readers <= 0) {
        rt__unlock(&rw->lk);
        rt_fatal("sync: RUnlock of unlocked RWMutex");
    }
    rt_sudog *sg = NULL;
    if (--rw->readers == 0 && (sg = rt__waitq_pop(&rw->wwait))) {
        rw->writers_waiting--;
        rw->writer = 1;
    }
    rt__unlock(&rw->lk);
    if (sg)
        rt_ready(sg->g);
}

void rt_rwmutex_lock(rt_rwmutex *rw)
{
    rt_charge_cost(RT_COST_LOCK, 1);
    rt__lock(&rw->lk);
    if (!rw->writer && rw->readers == 0) {
        rw->writer = 1;
        rt__unlock(&rw->lk);
        return;
    }
    rw->writers_waiting++;
    rt_sudog sg = {0};
    park_on(&rw->wwait, &sg, &rw->lk, false); /* woken as the owner */
}

void rt_rwmutex_unlock(rt_rwmutex *rw)
{
    rt_charge_cost(RT_COST_LOCK, 1);
    rt__lock(&rw->lk);
    if (!rw->writer) {
        rt__unlock(&rw->lk);
        rt_fatal("sync: Unlock of unlocked RWMutex");
    }
    rw->writer = 0;
    rt_sudog *readers = detach_all(&rw->rwait), *w = NULL;
    for (rt_sudog *sg = readers; sg; sg = sg->next)
        rw->readers++;
    if (!readers && (w = rt__waitq_pop(&rw->wwait))) {
        rw->writers_waiting--;
        rw->writer = 1;
    }
    rt__unlock(&rw->lk);
    wake_chain(readers);
    if (w)
        rt_ready(w->g);
}

/* ---------------------------------------------------------------- WaitGroup */

rt_err rt_waitgroup_add(rt_waitgroup *wg, int64_t delta)
{
    rt_charge_cost(RT_COST_WG, 1);
    rt__lock(&wg->lk);
    wg->counter += delta;
    if (wg->counter < 0) {
        wg->counter -= delta;
        rt__unlock(&wg->lk);
        return RT_ENEGWG;
    }
    rt_sudog *waiters = wg->counter == 0 ? detach_all(&wg->waiters) : NULL;
    rt__unlock(&wg->lk);
    wake_chain(waiters);
    return RT_OK;
}

rt_err rt_waitgroup_done(rt_waitgroup *wg) { return rt_waitgroup_add(wg, -1); }

void rt_waitgroup_wait(rt_waitgroup *wg)
{
    rt_charge_cost(RT_COST_WG, 1);
    rt__lock(&wg->lk);
    if (wg->counter == 0) {
        rt__unlock(&wg->lk);
        return;
    }
    rt_sudog sg = {0};
    park_on(&wg->waiters, &sg, &wg->lk, false);
}
