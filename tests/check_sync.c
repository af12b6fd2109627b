/*
 * check_sync.c — Mutex, RWMutex, WaitGroup, channels, select, timers. Both engines.
 */
#include "tests/check_suites.h"
#include "tests/testutil.h"

/* ---------------------------------------------------------------- Mutex */

typedef struct mu_env {
    rt_mutex mu;
    rt_waitgroup wg;
    long inside, max_inside;   /* goroutines in the critical section */
    long count;
} mu_env;

static void mu_worker(void *arg)
{
    mu_env *e = arg;
    for (int i = 0; i < 200; i++) {
        rt_mutex_lock(&e->mu);
        long in = atomic_inc(&e->inside);
        if (in > e->max_inside)
            e->max_inside = in;
        long c = e->count;
        rt_work(2 * US); /* a safe point inside the critical section */
        e->count = c + 1;
        __atomic_sub_fetch(&e->inside, 1, __ATOMIC_SEQ_CST);
        rt_mutex_unlock(&e->mu);
    }
    rt_waitgroup_done(&e->wg);
}

static void mu_main(void *arg)
{
    mu_env *e = arg;
    rt_waitgroup_add(&e->wg, 8);
    for (int i = 0; i < 8; i++)
        rt_go(mu_worker, e);
    rt_waitgroup_wait(&e->wg);
}

START_TEST(test_mutex_excludes)
{
    mu_env e = {0};
    run(ENGINE(_i), 4, mu_main, &e);
    ck_assert_int_eq(e.count, 8 * 200);
    ck_assert_int_eq(e.max_inside, 1);
}
END_TEST

static void unlock_unlocked(void *arg)
{
    rt_mutex mu = {0};
    (void)arg;
    rt_mutex_unlock(&mu);
}

START_TEST(test_mutex_unlock_of_unlocked_is_fatal)
{
    run_opts o = {.engine = ENGINE(_i)};
    char msg[256];
    ck_assert_int_eq(run_with(&o, unlock_unlocked, NULL, msg, sizeof msg), 2);
    ck_assert_str_eq(msg, "sync: unlock of unlocked mutex");
}
END_TEST

static void trylock_main(void *arg)
{
    rt_mutex mu = {0};
    int *ok = arg;
    ok[0] = rt_mutex_trylock(&mu);
    ok[1] = rt_mutex_trylock(&mu);
    rt_mutex_unlock(&mu);
}

START_TEST(test_mutex_trylock)
{
    int ok[2];
    run(ENGINE(_i), 1, trylock_main, ok);
    ck_assert_int_eq(ok[0], 1);
    ck_assert_int_eq(ok[1], 0);
}
END_TEST

/* ---------------------------------------------------------------- RWMutex */

typedef struct rw_env {
    rt_rwmutex rw;
    rt_waitgroup wg;
    long readers, max_readers, writers, bad;
} rw_env;

static void rw_reader(void *arg)
{
    rw_env *e = arg;
    for (int i = 0; i < 50; i++) {
        rt_rwmutex_rlock(&e->rw);
        long r = atomic_inc(&e->readers);
        if (r > atomic_get(&e->max_readers))
            atomic_put(&e->max_readers, r);
        if (atomic_get(&e->writers))
            atomic_inc(&e->bad);
        rt_work(20 * US);
        __atomic_sub_fetch(&e->readers, 1, __ATOMIC_SEQ_CST);
        rt_rwmutex_runlock(&e->rw);
    }
    rt_waitgroup_done(&e->wg);
}

static void rw_writer(void *arg)
{
    rw_env *e = arg;
    for (int i = 0; i < 20; i++) {
        rt_rwmutex_lock(&e->rw);
        if (atomic_inc(&e->writers) != 1 || atomic_get(&e->readers))
            atomic_inc(&e->bad);
        rt_work(10 * US);
        __atomic_sub_fetch(&e->writers, 1, __ATOMIC_SEQ_CST);
        rt_rwmutex_unlock(&e->rw);
        rt_work(30 * US);
    }
    rt_waitgroup_done(&e->wg);
}

static void rw_main(void *arg)
{
    rw_env *e = arg;
    rt_waitgroup_add(&e->wg, 6);
    for (int i = 0; i < 4; i++)
        rt_go(rw_reader, e);
    for (int i = 0; i < 2; i++)
        rt_go(rw_writer, e);
    rt_waitgroup_wait(&e->wg);
}

START_TEST(test_rwmutex_readers_share_writers_exclude)
{
    rw_env e = {0};
    run(ENGINE(_i), 4, rw_main, &e);
    ck_assert_int_eq(e.bad, 0);
    if (ENGINE(_i) == RT_ENGINE_VIRTUAL)
        ck_assert_int_gt(e.max_readers, 1);
}
END_TEST

static void runlock_unlocked(void *arg)
{
    rt_rwmutex rw = {0};
    (void)arg;
    rt_rwmutex_runlock(&rw);
}

START_TEST(test_rwmutex_runlock_of_unlocked_is_fatal)
{
    run_opts o = {.engine = ENGINE(_i)};
    char msg[256];
    ck_assert_int_eq(run_with(&o, runlock_unlocked, NULL, msg, sizeof msg), 2);
    ck_assert_str_eq(msg, "sync: RUnlock of unlocked RWMutex");
}
END_TEST

/* ---------------------------------------------------------------- WaitGroup */

static void wg_negative(void *arg)
{
    rt_waitgroup wg = {0};
    rt_err *r = arg;
    r[0] = rt_waitgroup_add(&wg, 1);
    r[1] = rt_waitgroup_done(&wg);
    r[2] = rt_waitgroup_done(&wg);
    rt_waitgroup_wait(&wg); /* counter still 0: returns at once */
}

START_TEST(test_waitgroup_negative_counter)
{
    rt_err r[3];
    run(ENGINE(_i), 1, wg_negative, r);
    ck_assert_int_eq(r[0], RT_OK);
    ck_assert_int_eq(r[1], RT_OK);
    ck_assert_int_eq(r[2], RT_ENEGWG);
    ck_assert_str_eq(rt_strerror(RT_ENEGWG), "sync: negative WaitGroup counter");
}
END_TEST

/* ---------------------------------------------------------------- channels */

typedef struct chan_env {
    rt_chan *c;
    int64_t got[100];
    int n;
    rt_waitgroup wg;
} chan_env;

static void producer(void *arg)
{
    chan_env *e = arg;
    for (int64_t i = 0; i < 100; i++)
        ck_assert_int_eq(rt_chan_send(e->c, &i), RT_OK);
    rt_chan_close(e->c);
}

static void consume_main(void *arg)
{
    chan_env *e = arg;
    rt_go(producer, e);
    int64_t v;
    while (rt_chan_recv(e->c, &v))
        e->got[e->n++] = v;
}

START_TEST(test_chan_delivers_in_order_then_closes)
{
    for (size_t cap = 0; cap <= 7; cap += 7) {
        chan_env e = {.c = rt_chan_new(sizeof(int64_t), cap)};
        run(ENGINE(_i), 2, consume_main, &e);
        ck_assert_int_eq(e.n, 100);
        for (int i = 0; i < 100; i++)
            ck_assert_int_eq(e.got[i], i);
        rt_chan_free(e.c);
    }
}
END_TEST

static void chan_errors(void *arg)
{
    int *r = arg;
    rt_chan *c = rt_chan_new(sizeof(int), 2);
    int v = 7, w = -1;
    r[0] = rt_chan_cap(c) == 2;
    rt_chan_send(c, &v);
    r[1] = rt_chan_len(c) == 1;
    r[2] = rt_chan_close(c) == RT_OK;
    r[3] = rt_chan_send(c, &v) == RT_ECLOSED;
    r[4] = rt_chan_recv(c, &w) && w == 7; /* buffered values survive close */
    r[5] = !rt_chan_recv(c, &w) && w == 0; /* then the zero value, ok = false */
    r[6] = rt_chan_close(c) == RT_ECLOSECLOSED;
    r[7] = rt_chan_close(NULL) == RT_ENILCHAN;
    rt_chan_free(c);
}

START_TEST(test_chan_closed_errors)
{
    int r[8] = {0};
    run(ENGINE(_i), 1, chan_errors, r);
    for (int i = 0; i < 8; i++)
        ck_assert_msg(r[i], "check %d failed", i);
}
END_TEST

typedef struct blocked_env {
    rt_chan *c;
    rt_err send_result;
    rt_waitgroup wg;
} blocked_env;

static void blocked_sender(void *arg)
{
    blocked_env *e = arg;
    int v = 1;
    e->send_result = rt_chan_send(e->c, &v);
    rt_waitgroup_done(&e->wg);
}

static void close_wakes_sender(void *arg)
{
    blocked_env *e = arg;
    rt_waitgroup_add(&e->wg, 1);
    rt_go(blocked_sender, e);
    rt_sleep(MS);
    rt_chan_close(e->c);
    rt_waitgroup_wait(&e->wg);
}

START_TEST(test_close_wakes_blocked_sender_with_error)
{
    blocked_env e = {.c = rt_chan_new(sizeof(int), 0)};
    run(ENGINE(_i), 2, close_wakes_sender, &e);
    ck_assert_int_eq(e.send_result, RT_ECLOSED);
    rt_chan_free(e.c);
}
END_TEST

/* ---------------------------------------------------------------- select */

static void select_default(void *arg)
{
    int *r = arg;
    rt_chan *a = rt_chan_new(sizeof(int), 0), *b = rt_chan_new(sizeof(int), 1);
    int v = 0;
    rt_select_case cs[2] = {{a, RT_SELECT_RECV, &v, false}, {b, RT_SELECT_RECV, &v, false}};
    r[0] = rt_select(cs, 2, true, NULL); /* nothing ready */
    int x = 42;
    rt_chan_send(b, &x);
    r[1] = rt_select(cs, 2, true, NULL); /* b ready */
    r[2] = v;
    rt_select_case send = {b, RT_SELECT_SEND, &x, false};
    r[3] = rt_select(&send, 1, true, NULL); /* room in b */
    r[4] = rt_select(&send, 1, true, NULL); /* full: default */
    rt_chan_free(a);
    rt_chan_free(b);
}

START_TEST(test_select_with_default)
{
    int r[5];
    run(ENGINE(_i), 1, select_default, r);
    ck_assert_int_eq(r[0], -1);
    ck_assert_int_eq(r[1], 1);
    ck_assert_int_eq(r[2], 42);
    ck_assert_int_eq(r[3], 0);
    ck_assert_int_eq(r[4], -1);
}
END_TEST

typedef struct sel_env {
    rt_chan *a, *b;
    int counts[2];
} sel_env;

static void select_fair(void *arg)
{
    sel_env *e = arg;
    int x = 1;
    for (int i = 0; i < 2000; i++) {
        rt_chan_send(e->a, &x);
        rt_chan_send(e->b, &x);
        rt_select_case cs[2] = {{e->a, RT_SELECT_RECV, NULL, false},
                                {e->b, RT_SELECT_RECV, NULL, false}};
        e->counts[rt_select(cs, 2, false, NULL)]++;
        rt_chan_recv(cs[0].ok ? e->b : e->a, NULL); /* drain the other */
    }
}

START_TEST(test_select_chooses_uniformly_among_ready)
{
    sel_env e = {rt_chan_new(sizeof(int), 1), rt_chan_new(sizeof(int), 1), {0}};
    run(ENGINE(_i), 1, select_fair, &e);
    ck_assert_int_eq(e.counts[0] + e.counts[1], 2000);
    ck_assert_msg(e.counts[0] > 850 && e.counts[1] > 850, "%d/%d", e.counts[0], e.counts[1]);
    rt_chan_free(e.a);
    rt_chan_free(e.b);
}
END_TEST

typedef struct selblock_env {
    rt_chan *a, *b, *c;
    int chosen[3];
    int vals[3];
} selblock_env;

static void late_sender(void *arg)
{
    selblock_env *e = arg;
    int v = 5;
    rt_sleep(2 * MS);
    rt_chan_send(e->b, &v);
    rt_sleep(2 * MS);
    rt_chan_close(e->c);
}

static void select_blocks(void *arg)
{
    selblock_env *e = arg;
    rt_go(late_sender, e);
    for (int k = 0; k < 2; k++) {
        int v = -1;
        rt_select_case cs[3] = {{e->a, RT_SELECT_RECV, &v, false},
                                {e->b, RT_SELECT_RECV, &v, false},
                                {e->c, RT_SELECT_RECV, &v, false}};
        e->chosen[k] = rt_select(cs, 3, false, NULL);
        e->vals[k] = v;
        if (e->chosen[k] == 2)
            e->vals[2] = cs[2].ok;
    }
}

START_TEST(test_select_blocks_until_a_case_is_ready)
{
    selblock_env e = {rt_chan_new(sizeof(int), 0), rt_chan_new(sizeof(int), 0),
                      rt_chan_new(sizeof(int), 0), {0}, {0}};
    run(ENGINE(_i), 2, select_blocks, &e);
    ck_assert_int_eq(e.chosen[0], 1);
    ck_assert_int_eq(e.vals[0], 5);
    ck_assert_int_eq(e.chosen[1], 2); /* closed: receives the zero value, ok = false */
    ck_assert_int_eq(e.vals[1], 0);
    ck_assert_int_eq(e.vals[2], 0);
    rt_chan_free(e.a);
    rt_chan_free(e.b);
    rt_chan_free(e.c);
}
END_TEST

static void select_nothing(void *arg)
{
    (void)arg;
    rt_select(NULL, 0, false, NULL);
}

START_TEST(test_empty_select_blocks_forever)
{
    run_opts o = {.engine = ENGINE(_i)};
    char msg[256];
    ck_assert_int_eq(run_with(&o, select_nothing, NULL, msg, sizeof msg), 2);
    ck_assert_str_eq(msg, "all goroutines are asleep - deadlock!");
}
END_TEST

/* ---------------------------------------------------------------- timers */

static void after_main(void *arg)
{
    int64_t *r = arg;
    int64_t t0 = rt_now();
    rt_chan *c = rt_after(3 * MS);
    rt_chan_recv(c, &r[1]);
    r[0] = rt_now() - t0;
    r[1] -= t0;
    rt_chan_free(c);
}

START_TEST(test_after_delivers_the_time)
{
    int64_t r[2];
    run(ENGINE(_i), 1, after_main, r);
    ck_assert_int_ge(r[0], 3 * MS);
    ck_assert_int_ge(r[1], 3 * MS);
    if (ENGINE(_i) == RT_ENGINE_VIRTUAL)
        ck_assert_int_lt(r[0], 3 * MS + 10 * US);
}
END_TEST

/* A timer already due when its receiver parks: the callback takes the channel lock that
   the parking goroutine's commit releases (a self-deadlock if the timer ran first). */
static void after_zero_main(void *arg)
{
    for (int i = 0; i < 300; i++) {
        rt_chan *c = rt_after(0);
        int64_t v;
        rt_chan_recv(c, &v);
        rt_chan_free(c);
    }
    *(int *)arg = 1;
}

START_TEST(test_due_timer_while_receiver_parks)
{
    for (int procs = 1; procs <= 2; procs++) {
        int done = 0;
        run(ENGINE(_i), procs, after_zero_main, &done);
        ck_assert_int_eq(done, 1);
    }
}
END_TEST

/* A sleep longer than the clock can count saturates instead of overflowing (Go's rule). */
typedef struct forever_env {
    rt_chan *after;
    int chosen;
} forever_env;

static void sleep_forever_main(void *arg)
{
    forever_env *e = arg;
    rt_chan *c = rt_chan_new(0, 0);
    e->after = rt_after(INT64_MAX); /* pending when the run ends: the runtime frees it */
    rt_select_case two[2] = {{c, RT_SELECT_RECV, NULL, false},
                             {e->after, RT_SELECT_RECV, NULL, false}};
    e->chosen = rt_select(two, 2, true, NULL); /* neither ready: -1, not the timer */
    rt_chan_free(c);
}

START_TEST(test_huge_durations_saturate)
{
    forever_env e = {0};
    run(ENGINE(_i), 1, sleep_forever_main, &e);
    ck_assert_int_eq(e.chosen, -1);
    rt_chan_free(e.after);
    ck_assert_int_eq(rt__deadline(100, INT64_MAX), INT64_MAX - 1);
    ck_assert_int_eq(rt__deadline(100, 5), 105);
    ck_assert_int_eq(rt__deadline(100, -5), 100);
}
END_TEST

static void timer_fn(void *arg) { atomic_inc(arg); }

static void timer_stop_main(void *arg)
{
    long *fired = arg;
    rt_timer a = {.heap_index = -1}, b = {.heap_index = -1};
    rt_timer_start(&a, rt_now() + MS, timer_fn, &fired[0]);
    rt_timer_start(&b, rt_now() + 2 * MS, timer_fn, &fired[1]);
    fired[2] = rt_timer_stop(&b);
    rt_sleep(5 * MS);
    fired[3] = rt_timer_stop(&a); /* already fired */
}

START_TEST(test_timer_stop)
{
    long fired[4] = {0};
    run(ENGINE(_i), 1, timer_stop_main, fired);
    ck_assert_int_eq(fired[0], 1);
    ck_assert_int_eq(fired[1], 0);
    ck_assert_int_eq(fired[2], 1);
    ck_assert_int_eq(fired[3], 0);
}
END_TEST

Suite *sync_suite(void)
{
    Suite *s = suite_create("sync");
    TCase *tc = tcase_create("mutex");
    tcase_set_timeout(tc, 60);
    add_both(tc, test_mutex_excludes);
    add_both(tc, test_mutex_unlock_of_unlocked_is_fatal);
    add_both(tc, test_mutex_trylock);
    add_both(tc, test_rwmutex_readers_share_writers_exclude);
    add_both(tc, test_rwmutex_runlock_of_unlocked_is_fatal);
    add_both(tc, test_waitgroup_negative_counter);
    suite_add_tcase(s, tc);

    tc = tcase_create("chan");
    tcase_set_timeout(tc, 60);
    add_both(tc, test_chan_delivers_in_order_then_closes);
    add_both(tc, test_chan_closed_errors);
    add_both(tc, test_close_wakes_blocked_sender_with_error);
    add_both(tc, test_select_with_default);
    add_both(tc, test_select_chooses_uniformly_among_ready);
    add_both(tc, test_select_blocks_until_a_case_is_ready);
    add_both(tc, test_empty_select_blocks_forever);
    suite_add_tcase(s, tc);

    tc = tcase_create("timer");
    tcase_set_timeout(tc, 60);
    add_both(tc, test_after_delivers_the_time);
    add_both(tc, test_timer_stop);
    add_both(tc, test_due_timer_while_receiver_parks);
    add_both(tc, test_huge_durations_saturate);
    suite_add_tcase(s, tc);
    return s;
}
