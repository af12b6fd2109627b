/*
 * chan.c — channels and select, after Go's chan.go and select.go.
 *
 * A channel is a ring buffer of cap elements plus two wait queues of sudogs, under one
 * internal lock. A sender that finds a waiting receiver copies straight into the receiver's
 * slot (and the reverse), so an unbuffered channel never touches the buffer. A select waits
 * with one sudog per case on every channel; the first waker claims the goroutine by CAS on
 * select_done, and wakers that lose the race skip that sudog. Channels are locked in address
 * order, so two selects never deadlock; the case is chosen uniformly among the ready ones
 * by the P's random stream.
 *
 * Go panics on a send to or close of a closed channel; here those return rt_err codes and
 * the caller (the scenario interpreter) raises the panic.
 */
#include "rt_internal.h"
#include <stdlib.h>
#include <string.h>

struct rt_chan {
    uint32_t lk;
    int closed;
    struct rt_chan *all_next, *all_prev; /* every live channel (allchans_lk) */
    size_t elemsize, cap;
    size_t qcount, sendx, recvx;   /* ring state, guarded by lk */
    rt_waitq recvq, sendq;
    char buf[];
};

/* Every live channel, for collectors (their buffers are roots). */
static uint32_t allchans_lk;
static rt_chan *allchans;

rt_chan *rt_chan_new(size_t elem_bytes, size_t cap)
{
    if (elem_bytes && cap > (SIZE_MAX - sizeof(rt_chan)) / elem_bytes)
        return NULL;
    rt_chan *c = calloc(1, sizeof *c + elem_bytes * cap);
    if (!c)
        return NULL;
    c->elemsize = elem_bytes;
    c->cap = cap;
    if (cap && elem_bytes) { /* only a buffer can hold anything */
        rt__lock(&allchans_lk);
        c->all_next = allchans;
        if (allchans)
            allchans->all_prev = c;
        allchans = c;
        rt__unlock(&allchans_lk);
    }
    return c;
}

void rt_chan_free(rt_chan *c)
{
    if (c && c->cap && c->elemsize) {
        rt__lock(&allchans_lk);
        if (c->all_prev)
            c->all_prev->all_next = c->all_next;
        else
            allchans = c->all_next;
        if (c->all_next)
            c->all_next->all_prev = c->all_prev;
        rt__unlock(&allchans_lk);
    }
    free(c);
}

void rt_chan_foreach_buffered(void (*fn)(const void *p, size_t n, void *arg), void *arg)
{
    rt__lock(&allchans_lk);
    for (rt_chan *c = allchans; c; c = c->all_next) {
        rt__lock(&c->lk);
        for (size_t k = 0, i = c->recvx; k < c->qcount; k++, i = (i + 1) % c->cap)
            fn(c->buf + i * c->elemsize, c->elemsize, arg);
        rt__unlock(&c->lk);
    }
    rt__unlock(&allchans_lk);
}
size_t rt_chan_cap(const rt_chan *c) { return c ? c->cap : 0; }

size_t rt_chan_len(rt_chan *c)
{
    if (!c)
        return 0;
    rt__lock(&c->lk);
    size_t n = c->qcount;
    rt__unlock(&c->lk);
    return n;
}

static inline void *slot(rt_chan *c, size_t i) { return c->buf + i * c->elemsize; }

static void copy_elem(rt_chan *c, void *dst, const void *src)
{
    if (dst && c->elemsize) {
        rt_m *m;
        if (src && (m = rt__m()) && m->s->handoff) /* the collector may scan neither end */
            m->s->handoff(m->s->handoff_arg, src, c->elemsize);
        if (src)
            memcpy(dst, src, c->elemsize);
        else
            memset(dst, 0, c->elemsize);
    }
}

/* dequeue pops the first waiter that can still be woken: a select waiter only if this
   waker wins its select_done claim. */
static rt_sudog *dequeue(rt_waitq *q)
{
    for (rt_sudog *sg; (sg = rt__waitq_pop(q));) {
        uint32_t zero = 0;
        if (sg->is_select && !cas_acqrel(&sg->g->select_done, &zero, 1))
            continue;
        return sg;
    }
    return NULL;
}

/* wake finishes a hand-off to sg's goroutine; the channel lock has been released. */
static void wake(rt_sudog *sg)
{
    sg->g->param = sg;
    rt_ready(sg->g);
}

/* try_send does what a send can do without blocking; lock held. Returns RT_OK when sent,
   RT_ECLOSED on a closed channel, RT_ERR_COUNT when it would block; *woken is a receiver
   to wake after unlocking. */
static rt_err try_send(rt_chan *c, const void *elem, rt_sudog **woken)
{
    *woken = NULL;
    if (c->closed)
        return RT_ECLOSED;
    rt_sudog *sg = dequeue(&c->recvq);
    if (sg) {
        copy_elem(c, sg->elem, elem);
        sg->success = true;
        *woken = sg;
        return RT_OK;
    }
    if (c->qcount < c->cap) {
        copy_elem(c, slot(c, c->sendx), elem);
        c->sendx = (c->sendx + 1) % c->cap;
        c->qcount++;
        return RT_OK;
    }
    return RT_ERR_COUNT;
}

/* try_recv: 1 received a value, 0 closed and drained (zero value), -1 would block. */
static int try_recv(rt_chan *c, void *elem, rt_sudog **woken)
{
    *woken = NULL;
    rt_sudog *sg = dequeue(&c->sendq);
    if (sg) {
        if (c->cap == 0) {
            copy_elem(c, elem, sg->elem);
        } else { /* full buffer: take the head, the sender's value goes to the tail */
            copy_elem(c, elem, slot(c, c->recvx));
            copy_elem(c, slot(c, c->recvx), sg->elem);
            c->recvx = (c->recvx + 1) % c->cap;
            c->sendx = c->recvx;
        }
        sg->success = true;
        *woken = sg;
        return 1;
    }
    if (c->qcount > 0) {
        copy_elem(c, elem, slot(c, c->recvx));
        copy_elem(c, slot(c, c->recvx), NULL);
        c->recvx = (c->recvx + 1) % c->cap;
        c->qcount--;
        return 1;
    }
    if (c->closed) {
        copy_elem(c, elem, NULL);
        return 0;
    }
    return -1;
}

static void block_forever(int reason)
{
    rt_park(NULL, NULL, reason);
    rt_throw("goroutine blocked forever was woken");
}

rt_err rt_chan_send(rt_chan *c, const void *elem)
{
    if (!c)
        block_forever(RT_WAIT_CHAN_SEND_NIL);
    rt_charge_cost(RT_COST_CHAN, 1);
    rt_sudog *woken;
    rt__lock(&c->lk);
    rt_err r = try_send(c, elem, &woken);
    if (r != RT_ERR_COUNT) {
        rt__unlock(&c->lk);
        if (woken)
            wake(woken);
        return r;
    }
    rt_sudog sg = {.g = rt_self(), .elem = (void *)elem, .c = c};
    rt__waitq_push(&c->sendq, &sg);
    rt_park(rt__unlock_commit, &c->lk, RT_WAIT_CHAN_SEND);
    return sg.success ? RT_OK : RT_ECLOSED;
}

bool rt__chan_send_nb(rt_chan *c, const void *elem)
{
    rt_sudog *woken;
    rt__lock(&c->lk);
    rt_err r = try_send(c, elem, &woken);
    rt__unlock(&c->lk);
    if (woken)
        wake(woken);
    return r == RT_OK;
}

bool rt_chan_recv(rt_chan *c, void *elem)
{
    if (!c)
        block_forever(RT_WAIT_CHAN_RECV_NIL);
    rt_charge_cost(RT_COST_CHAN, 1);
    rt_sudog *woken;
    rt__lock(&c->lk);
    int r = try_recv(c, elem, &woken);
    if (r >= 0) {
        rt__unlock(&c->lk);
        if (woken)
            wake(woken);
        return r == 1;
    }
    rt_sudog sg = {.g = rt_self(), .elem = elem, .c = c};
    rt__waitq_push(&c->recvq, &sg);
    rt_park(rt__unlock_commit, &c->lk, RT_WAIT_CHAN_RECV);
    return sg.success;
}

rt_err rt_chan_close(rt_chan *c)
{
    if (!c)
        return RT_ENILCHAN;
    rt_charge_cost(RT_COST_CHAN, 1);
    rt__lock(&c->lk);
    if (c->closed) {
        rt__unlock(&c->lk);
        return RT_ECLOSECLOSED;
    }
    c->closed = 1;
    rt_sudog *list = NULL, *sg;
    while ((sg = dequeue(&c->recvq))) { /* receivers get the zero value, ok = false */
        copy_elem(c, sg->elem, NULL);
        sg->success = false;
        sg->next = list; /* detached from the queue: reuse the link for our list */
        list = sg;
    }
    while ((sg = dequeue(&c->sendq))) { /* senders will report RT_ECLOSED */
        sg->success = false;
        sg->next = list;
        list = sg;
    }
    rt__unlock(&c->lk);
    while (list) {
        rt_sudog *next = list->next;
        wake(list);
        list = next;
    }
    return RT_OK;
}

/* ---------------------------------------------------------------- select */

#define SELECT_STACK_CASES 16

typedef struct select_state {
    rt_select_case *cases;
    int n;
    rt_chan **order;   /* distinct non-nil channels, by address: the lock order */
    int norder;
    int *poll;         /* case indices in random order */
    rt_sudog *sgs;
} select_state;

static int cmp_chan(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t) * (rt_chan *const *)a, y = (uintptr_t) * (rt_chan *const *)b;
    return x < y ? -1 : x > y;
}

static void sel_lock(select_state *st)
{
    for (int i = 0; i < st->norder; i++)
        rt__lock(&st->order[i]->lk);
}

static void sel_unlock(select_state *st)
{
    for (int i = st->norder; i-- > 0;)
        rt__unlock(&st->order[i]->lk);
}

static bool sel_unlock_commit(rt_g *g, void *arg)
{
    (void)g;
    sel_unlock(arg);
    return true;
}

static void sel_prepare(select_state *st)
{
    rt_p *p = rt__m()->p;
    st->norder = 0;
    for (int i = 0; i < st->n; i++) { /* Fisher-Yates insertion: a uniform poll order */
        int j = (int)rt_rng_uintn(&p->rng, (uint64_t)i + 1);
        st->poll[i] = st->poll[j];
        st->poll[j] = i;
        if (st->cases[i].c)
            st->order[st->norder++] = st->cases[i].c;
    }
    qsort(st->order, (size_t)st->norder, sizeof *st->order, cmp_chan);
    int k = 0;
    for (int i = 0; i < st->norder; i++)
        if (k == 0 || st->order[k - 1] != st->order[i])
            st->order[k++] = st->order[i];
    st->norder = k;
}

/* sel_poll tries every case once in poll order; locks held. Returns the case done or -1. */
static int sel_poll(select_state *st, rt_err *err, rt_sudog **woken)
{
    for (int k = 0; k < st->n; k++) {
        int i = st->poll[k];
        rt_select_case *cs = &st->cases[i];
        if (!cs->c)
            continue;
        if (cs->dir == RT_SELECT_SEND) {
            rt_err r = try_send(cs->c, cs->elem, woken);
            if (r == RT_ERR_COUNT)
                continue;
            *err = r;
            return i;
        }
        int r = try_recv(cs->c, cs->elem, woken);
        if (r >= 0) {
            cs->ok = r == 1;
            return i;
        }
    }
    return -1;
}

/* sel_wait queues a sudog per case, parks, and returns the case that completed. */
static int sel_wait(select_state *st, rt_err *err)
{
    rt_g *g = rt_self();
    st_rel(&g->select_done, 0);
    g->param = NULL;
    for (int i = 0; i < st->n; i++) {
        rt_select_case *cs = &st->cases[i];
        rt_sudog *sg = &st->sgs[i];
        *sg = (rt_sudog){.g = g, .elem = cs->elem, .c = cs->c, .case_index = i, .is_select = true};
        if (cs->c)
            rt__waitq_push(cs->dir == RT_SELECT_SEND ? &cs->c->sendq : &cs->c->recvq, sg);
    }
    rt_park(sel_unlock_commit, st, RT_WAIT_SELECT);
    rt_sudog *won = g->param;
    sel_lock(st);
    for (int i = 0; i < st->n; i++) {
        rt_select_case *cs = &st->cases[i];
        if (cs->c && &st->sgs[i] != won)
            rt__waitq_remove(cs->dir == RT_SELECT_SEND ? &cs->c->sendq : &cs->c->recvq,
                             &st->sgs[i]);
    }
    sel_unlock(st);
    rt_select_case *cs = &st->cases[won->case_index];
    if (cs->dir == RT_SELECT_SEND)
        *err = won->success ? RT_OK : RT_ECLOSED;
    else
        cs->ok = won->success;
    return won->case_index;
}

int rt_select(rt_select_case *cases, int n, bool has_default, rt_err *err)
{
    rt_err dummy;
    if (!err)
        err = &dummy;
    *err = RT_OK;
    if (n <= 0 && !has_default)
        block_forever(RT_WAIT_SELECT_NO_CASES);
    rt_charge_cost(RT_COST_SELECT, n > 0 ? n : 1);
    rt_chan *order_s[SELECT_STACK_CASES];
    int poll_s[SELECT_STACK_CASES];
    rt_sudog sgs_s[SELECT_STACK_CASES];
    bool big = n > SELECT_STACK_CASES;
    select_state st = {cases, n, order_s, 0, poll_s, sgs_s};
    if (big) {
        st.order = malloc((size_t)n * sizeof *st.order);
        st.poll = malloc((size_t)n * sizeof *st.poll);
        st.sgs = malloc((size_t)n * sizeof *st.sgs);
        if (!st.order || !st.poll || !st.sgs)
            rt_throw("out of memory in select");
    }
    sel_prepare(&st);
    if (st.norder == 0 && !has_default)
        block_forever(RT_WAIT_SELECT_NO_CASES);
    rt_sudog *woken = NULL;
    sel_lock(&st);
    int chosen = sel_poll(&st, err, &woken);
    if (chosen >= 0 || has_default) {
        sel_unlock(&st);
        if (woken)
            wake(woken);
    } else {
        chosen = sel_wait(&st, err);
    }
    if (big) {
        free(st.order);
        free(st.poll);
        free(st.sgs);
    }
    return chosen;
}
