/*
 * timer.c — timers: one min-heap per runtime ordered by (when, seq), under timers_lock.
 * Callbacks run in scheduler context (virtual: the engine loop; threads: an M looking for
 * work), without the lock, and must not block. Ties fire in start order, so the virtual
 * engine fires them identically in every run. sleep arms its timer in the commit of
 * rt_park, after the sleeper's context is saved (INV-SAVED-FIRST).
 */
#include "rt_internal.h"
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>

static bool t_before(const void *x, const void *y)
{
    const rt_timer *a = x, *b = y;
    return a->when < b->when || (a->when == b->when && (int32_t)(a->seq - b->seq) < 0);
}

static void publish_next(rt_sched *s)
{
    rt_timer *t = rt__minheap_top(&s->timers);
    st_rel(&s->timers_next, t ? t->when : INT64_MAX);
}

void rt__timers_init(rt_sched *s)
{
    rt__minheap_init(&s->timers, t_before, offsetof(rt_timer, heap_index));
    s->timers_next = INT64_MAX;
}

static void after_fire(void *arg);

/* rt__timers_destroy frees the heap and the runtime's own pending time.After records (a
   run can end before they fire); other timers belong to their callers. */
void rt__timers_destroy(rt_sched *s)
{
    for (int i = 0; i < s->timers.n; i++) {
        rt_timer *t = s->timers.a[i];
        if (t->fn == after_fire)
            free(t); /* the rt_timer is the first member of its after_timer */
    }
    rt__minheap_destroy(&s->timers);
}

bool rt__timers_pending(rt_sched *s) { return rt__timers_next(s) != INT64_MAX; }

void rt_timer_start(rt_timer *t, int64_t when, rt_func fn, void *arg)
{
    rt_m *m = rt__m();
    rt_sched *s = m->s;
    if (when > INT64_MAX - 1)
        when = INT64_MAX - 1; /* INT64_MAX means "no timer" */
    rt__lock(&s->timers_lock);
    if (rt__minheap_contains(&s->timers, t))
        rt__minheap_remove(&s->timers, t);
    t->when = when;
    t->fn = fn;
    t->arg = arg;
    t->seq = s->timer_seq++;
    if (!rt__minheap_push(&s->timers, t))
        rt_throw("out of memory growing the timer heap");
    bool earliest = rt__minheap_top(&s->timers) == t;
    publish_next(s);
    rt__unlock(&s->timers_lock);
    if (earliest)
        s->eng->timers_changed(s);
}

bool rt_timer_stop(rt_timer *t)
{
    rt_sched *s = rt__m()->s;
    rt__lock(&s->timers_lock);
    bool pending = rt__minheap_contains(&s->timers, t);
    if (pending)
        rt__minheap_remove(&s->timers, t);
    publish_next(s);
    rt__unlock(&s->timers_lock);
    return pending;
}

/* A fired timer's callback, copied under the lock: once the lock is dropped the timer may
   be re-armed (with another callback) by any goroutine. */
typedef struct fired {
    rt_func fn;
    void *arg;
    int64_t when;
} fired;

/* pop_due removes the earliest timer if it is due at now and copies out its callback. */
static bool pop_due(rt_sched *s, int64_t now, fired *out)
{
    rt__lock(&s->timers_lock);
    rt_timer *t = rt__minheap_top(&s->timers);
    bool due = t && t->when <= now;
    if (due) {
        rt__minheap_remove(&s->timers, t);
        *out = (fired){t->fn, t->arg, t->when};
        publish_next(s);
    }
    rt__unlock(&s->timers_lock);
    return due;
}

int rt__timers_run(rt_m *m, int64_t now)
{
    int n = 0;
    bool was = m->in_timer;
    m->in_timer = true;
    for (fired f; pop_due(m->s, now, &f); n++) {
        m->timer_when = f.when;
        f.fn(f.arg);
    }
    m->in_timer = was;
    return n;
}

/* rt__deadline returns now + ns, saturated below INT64_MAX (which means "no timer"), as Go
   saturates a duration that overflows. */
int64_t rt__deadline(int64_t now, int64_t ns)
{
    if (ns <= 0)
        return now;
    return ns >= INT64_MAX - 1 - now ? INT64_MAX - 1 : now + ns;
}

/* ---------------------------------------------------------------- sleep and After */

static void wake_sleeper(void *arg) { rt_ready((rt_g *)arg); }

static bool arm_sleep(rt_g *g, void *arg)
{
    (void)arg;
    rt_timer_start(&g->sleep_timer, g->sleep_timer.when, wake_sleeper, g);
    return true;
}

void rt_sleep(int64_t ns)
{
    rt_charge_cost(RT_COST_TIMER, 1);
    if (ns <= 0)
        return;
    rt_g *g = rt_self();
    g->sleep_timer.when = rt__deadline(rt_now(), ns);
    rt_park(arm_sleep, NULL, RT_WAIT_SLEEP);
}

typedef struct after_timer {
    rt_timer t; /* first: rt__timers_destroy frees pending ones through it */
    rt_chan *c;
} after_timer;

static void after_fire(void *arg)
{
    after_timer *a = arg;
    int64_t now = rt_now();
    rt__chan_send_nb(a->c, &now); /* buffered with room: never blocks */
    free(a);
}

rt_chan *rt_after(int64_t ns)
{
    rt_chan *c = rt_chan_new(sizeof(int64_t), 1);
    after_timer *a = calloc(1, sizeof *a);
    if (!c || !a)
        rt_throw("out of memory in time.After");
    a->c = c;
    a->t.heap_index = -1;
    rt_charge_cost(RT_COST_TIMER, 1);
    rt_timer_start(&a->t, rt__deadline(rt_now(), ns), after_fire, a);
    return c;
}
