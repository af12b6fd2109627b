/*
 * check_sched.c — goroutines and the scheduler: creation, yielding, run queues, stealing,
 * preemption, virtual time, deadlock, scale (100 000 goroutines, 64 Ps), stacks and slots.
 * Each test runs in both engines (loop index = engine) unless its name says virtual.
 */
#include "tests/check_suites.h"
#include "tests/testutil.h"
#include <stdlib.h>

/* ---------------------------------------------------------------- every goroutine runs */

typedef struct counter_env {
    long count;
    rt_waitgroup wg;
    int n;
} counter_env;

static void count_once(void *arg)
{
    counter_env *e = arg;
    atomic_inc(&e->count);
    rt_waitgroup_done(&e->wg);
}

static void spawn_many(void *arg)
{
    counter_env *e = arg;
    rt_waitgroup_add(&e->wg, e->n);
    for (int i = 0; i < e->n; i++)
        rt_go(count_once, e); /* 1000 without yielding: the 256-slot ring overflows */
    rt_waitgroup_wait(&e->wg);
}

START_TEST(test_go_runs_every_goroutine)
{
    for (int procs = 1; procs <= 4; procs *= 2) {
        counter_env e = {.n = 1000};
        run(ENGINE(_i), procs, spawn_many, &e);
        ck_assert_int_eq(e.count, 1000);
    }
}
END_TEST

/* ---------------------------------------------------------------- main ends the program */

static void block_forever(void *arg)
{
    rt_chan *c = arg;
    rt_chan_recv(c, NULL);
}

typedef struct early_env {
    rt_chan *c;
    int live;
} early_env;

static void main_returns_early(void *arg)
{
    early_env *e = arg;
    e->c = rt_chan_new(0, 0);
    for (int i = 0; i < 10; i++)
        rt_go(block_forever, e->c);
    rt_gosched();
    e->live = rt_num_goroutine(rt_self_sched());
}

START_TEST(test_main_return_ends_program)
{
    early_env e = {0};
    run(ENGINE(_i), 2, main_returns_early, &e);
    ck_assert_int_eq(e.live, 11); /* main + 10 blocked: the run still ended */
    rt_chan_free(e.c);
}
END_TEST

/* ---------------------------------------------------------------- Gosched alternates */

typedef struct log_env {
    char buf[64];
    long n;
    rt_waitgroup wg;
} log_env;

typedef struct logger {
    log_env *e;
    char c;
} logger;

static void log_and_yield(void *arg)
{
    logger *l = arg;
    for (int i = 0; i < 4; i++) {
        l->e->buf[atomic_inc(&l->e->n) - 1] = l->c;
        rt_gosched();
    }
    rt_waitgroup_done(&l->e->wg);
}

static void alternate_main(void *arg)
{
    log_env *e = arg;
    logger a = {e, 'a'}, b = {e, 'b'};
    rt_waitgroup_add(&e->wg, 2);
    rt_go(log_and_yield, &a);
    rt_go(log_and_yield, &b);
    rt_waitgroup_wait(&e->wg);
}

START_TEST(test_gosched_alternates_on_one_p)
{
    log_env e = {0};
    run(ENGINE(_i), 1, alternate_main, &e);
    /* b was created last, so it sits in runnext and runs first (Go's runnext rule) */
    ck_assert_str_eq(e.buf, "babababa");
}
END_TEST

/* ---------------------------------------------------------------- work spreads over Ps */

typedef struct spread_env {
    long ran_on[RT_MAX_PROCS];
    rt_waitgroup wg;
} spread_env;

static void work_and_note(void *arg)
{
    spread_env *e = arg;
    /* virtual: deterministic and cheap; threads: long enough (128 ms on one P) that idle
       Ms get a CPU and steal even on a loaded machine */
    rt_work(rt_sched_engine(rt_self_sched()) == RT_ENGINE_VIRTUAL ? 200 * US : 2 * MS);
    atomic_inc(&e->ran_on[rt_p_id()]);
    rt_waitgroup_done(&e->wg);
}

static void spread_main(void *arg)
{
    spread_env *e = arg;
    rt_waitgroup_add(&e->wg, 64);
    for (int i = 0; i < 64; i++)
        rt_go(work_and_note, e);
    rt_waitgroup_wait(&e->wg);
}

START_TEST(test_idle_ps_steal_work)
{
    spread_env e = {0};
    run(ENGINE(_i), 4, spread_main, &e);
    int used = 0;
    for (int p = 0; p < 4; p++)
        used += e.ran_on[p] > 0;
    ck_assert_msg(used >= 2, "all 64 goroutines ran on %d P", used);
}
END_TEST

/* ---------------------------------------------------------------- preemption */

typedef struct preempt_env {
    long loop_done;       /* 1 once the long loop ended */
    long other_ran_first; /* 1 if the other goroutine ran while the loop was still going */
    int64_t other_at;
    rt_waitgroup wg;
} preempt_env;

static void long_loop(void *arg)
{
    preempt_env *e = arg;
    rt_work(60 * MS);
    atomic_put(&e->loop_done, 1);
    rt_waitgroup_done(&e->wg);
}

static void other(void *arg)
{
    preempt_env *e = arg;
    e->other_at = rt_now();
    atomic_put(&e->other_ran_first, !atomic_get(&e->loop_done));
    rt_waitgroup_done(&e->wg);
}

static void preempt_main(void *arg)
{
    preempt_env *e = arg;
    rt_waitgroup_add(&e->wg, 2);
    rt_go(long_loop, e);
    rt_gosched();       /* the loop starts */
    rt_go(other, e);    /* runnable behind it on the only P */
    rt_waitgroup_wait(&e->wg);
}

START_TEST(test_timeslice_preempts_long_loop)
{
    preempt_env e = {0};
    run(ENGINE(_i), 1, preempt_main, &e);
    ck_assert_int_eq(e.other_ran_first, 1);
    if (ENGINE(_i) == RT_ENGINE_VIRTUAL) /* preempted at its 10 ms slice, to the us */
        ck_assert_msg(e.other_at >= 10 * MS && e.other_at < 11 * MS, "ran at %lld",
                      (long long)e.other_at);
}
END_TEST

START_TEST(test_virtual_no_async_preempt_runs_charge_whole)
{
    preempt_env e = {0};
    run_opts o = {.engine = RT_ENGINE_VIRTUAL, .procs = 1, .no_async_preempt = true};
    ck_assert_int_eq(run_with(&o, preempt_main, &e, NULL, 0), 0);
    /* One uninterruptible 60 ms charge: the other goroutine waits all of it (it then runs
       as the loop is preempted at the end of its overlong slice). */
    ck_assert_msg(e.other_at >= 60 * MS && e.other_at < 61 * MS, "ran at %lld",
                  (long long)e.other_at);
}
END_TEST

/* ---------------------------------------------------------------- virtual time */

typedef struct par_env {
    rt_waitgroup wg;
    int64_t end;
} par_env;

static void ten_ms(void *arg)
{
    rt_work(10 * MS);
    rt_waitgroup_done(&((par_env *)arg)->wg);
}

static void par_main(void *arg)
{
    par_env *e = arg;
    rt_waitgroup_add(&e->wg, 4);
    for (int i = 0; i < 4; i++)
        rt_go(ten_ms, e);
    rt_waitgroup_wait(&e->wg);
    e->end = rt_now();
}

START_TEST(test_virtual_ps_run_in_parallel)
{
    par_env one = {0}, four = {0};
    run(RT_ENGINE_VIRTUAL, 1, par_main, &one);
    run(RT_ENGINE_VIRTUAL, 4, par_main, &four);
    ck_assert_msg(one.end >= 40 * MS && one.end < 41 * MS, "1 P: %lld", (long long)one.end);
    ck_assert_msg(four.end >= 10 * MS && four.end < 11 * MS, "4 P: %lld", (long long)four.end);
}
END_TEST

static void sleep_an_hour(void *arg)
{
    rt_sleep(3600LL * 1000 * MS);
    *(int64_t *)arg = rt_now();
}

START_TEST(test_virtual_time_jumps_to_next_timer)
{
    int64_t woke = 0;
    double t0 = rt__mono_ns();
    run(RT_ENGINE_VIRTUAL, 2, sleep_an_hour, &woke);
    ck_assert_int_ge(woke, 3600LL * 1000 * MS);
    ck_assert_int_lt(woke, 3600LL * 1000 * MS + MS);
    ck_assert_msg(rt__mono_ns() - t0 < 1e9, "virtual sleep took wall time");
}
END_TEST

/* A goroutine made of overlong charges is preempted at each one's end and resumes itself
   when nothing else is on its P; it must still give way to lower clocks and due timers. */
static void hog(void *arg)
{
    (void)arg;
    for (;;)
        rt_charge(20 * MS);
}

static void hog_main(void *arg)
{
    rt_go(hog, NULL);
    rt_sleep(US);
    for (int i = 0; i < 5; i++)
        rt_charge(US);
    *(int64_t *)arg = rt_now();
}

START_TEST(test_virtual_overlong_charges_do_not_starve_others)
{
    for (int async = 0; async < 2; async++) {
        int64_t done_at = -1;
        run_opts o = {.engine = RT_ENGINE_VIRTUAL, .procs = 2, .no_async_preempt = !async};
        ck_assert_int_eq(run_with(&o, hog_main, &done_at, NULL, 0), 0);
        ck_assert_msg(done_at > 0 && done_at < MS, "main done at %lld", (long long)done_at);
    }
}
END_TEST

/* A timer fires at its own time even when the idle P that takes its work is "ahead". */
typedef struct after_env {
    rt_chan *u;
    int64_t due, seen_at, value;
} after_env;

static void poll_after(void *arg)
{
    after_env *e = arg;
    while (rt_chan_len(e->u) == 0)
        rt_charge(10);
    e->seen_at = rt_now();
    rt_chan_recv(e->u, &e->value);
}

static void early_main(void *arg)
{
    after_env *e = arg;
    e->u = rt_chan_new(sizeof(int64_t), 1); /* set before the poller can look at it */
    rt_go(poll_after, e);
    rt_charge(1); /* the other P looks for work, at 2 ms a look, and idles far ahead */
    e->due = rt_now() + 500 * US;
    rt_chan *c = rt_after(500 * US);
    rt_chan_recv(c, &e->value); /* the first value goes to us... */
    rt_chan_free(c);
    c = rt_after(500 * US);     /* ...and the poller watches the next one */
    e->due = rt_now() + 500 * US;
    rt_chan *old = e->u;
    e->u = c;
    rt_chan_free(old);
    rt_sleep(2 * MS);
}

START_TEST(test_virtual_timer_fires_at_its_time)
{
    rt_cost_model *cm = rt_cost_model_new();
    rt_cost_set(cm, "sched.findrunnable", 2 * MS);
    rt_config cfg;
    rt_config_init(&cfg);
    cfg.nprocs = 2;
    cfg.costs = cm;
    cfg.fatal_returns = true;
    rt_sched *s = rt_sched_new(&cfg);
    after_env e = {0};
    ck_assert_int_eq(rt_sched_run(s, early_main, &e), 0);
    ck_assert_msg(e.seen_at >= e.due, "seen at %lld, due %lld", (long long)e.seen_at,
                  (long long)e.due);
    ck_assert_msg(e.value >= e.due && e.value <= e.seen_at, "value %lld, due %lld",
                  (long long)e.value, (long long)e.due);
    rt_chan_free(e.u);
    rt_sched_free(s);
    rt_cost_model_free(cm);
}
END_TEST

/* ---------------------------------------------------------------- sleep order */

typedef struct sleep_env {
    long order[8];
    long n;
    int64_t woke[8];
    rt_waitgroup wg;
} sleep_env;

typedef struct sleeper {
    sleep_env *e;
    int idx;
} sleeper;

static void sleep_then_log(void *arg)
{
    sleeper *s = arg;
    rt_sleep((8 - s->idx) * 5 * MS); /* created first, wakes last */
    s->e->woke[s->idx] = rt_now();
    s->e->order[atomic_inc(&s->e->n) - 1] = s->idx;
    rt_waitgroup_done(&s->e->wg);
}

static void sleep_main(void *arg)
{
    sleep_env *e = arg;
    sleeper s[8];
    rt_waitgroup_add(&e->wg, 8);
    for (int i = 0; i < 8; i++) {
        s[i] = (sleeper){e, i};
        rt_go(sleep_then_log, &s[i]);
    }
    rt_waitgroup_wait(&e->wg);
}

START_TEST(test_sleepers_wake_in_deadline_order)
{
    sleep_env e = {0};
    run(ENGINE(_i), 2, sleep_main, &e);
    for (int i = 0; i < 8; i++)
        ck_assert_int_ge(e.woke[i], (8 - i) * 5 * MS);
    /* Exact order only in the virtual engine: with real threads a late P fires two due
       timers in one batch, and the second readied goroutine takes runnext, as in Go. */
    if (ENGINE(_i) == RT_ENGINE_VIRTUAL)
        for (int k = 0; k < 8; k++)
            ck_assert_int_eq(e.order[k], 7 - k);
}
END_TEST

/* ---------------------------------------------------------------- deadlock */

/* recv_nobody_sends blocks main and another goroutine for good; the channel goes to *arg
   so the test can free it after the run. */
static void recv_nobody_sends(void *arg)
{
    rt_chan *c = *(rt_chan **)arg = rt_chan_new(sizeof(int), 0);
    rt_go(block_forever, c);
    rt_chan_recv(c, NULL);
}

START_TEST(test_deadlock_is_fatal)
{
    for (int procs = 1; procs <= 4; procs *= 4) {
        run_opts o = {.engine = ENGINE(_i), .procs = procs};
        char msg[256];
        rt_chan *c = NULL;
        ck_assert_int_eq(run_with(&o, recv_nobody_sends, &c, msg, sizeof msg), 2);
        ck_assert_str_eq(msg, "all goroutines are asleep - deadlock!");
        rt_chan_free(c);
    }
}
END_TEST

static void sleep_then_deadlock(void *arg)
{
    rt_sleep(5 * MS); /* a pending timer is not a deadlock */
    recv_nobody_sends(arg);
}

START_TEST(test_pending_timer_is_not_deadlock)
{
    run_opts o = {.engine = ENGINE(_i), .procs = 2};
    char msg[256];
    rt_chan *c = NULL;
    ck_assert_int_eq(run_with(&o, sleep_then_deadlock, &c, msg, sizeof msg), 2);
    ck_assert_str_eq(msg, "all goroutines are asleep - deadlock!");
    rt_chan_free(c);
}
END_TEST

/* Without fatal_returns, a fatal error exits the process with status 2 (a Check exit test). */
static void deadlock_exit_main(void)
{
    rt_config cfg;
    rt_config_init(&cfg);
    rt_sched *s = rt_sched_new(&cfg);
    static rt_chan *c;
    rt_sched_run(s, recv_nobody_sends, &c);
}

START_TEST(test_deadlock_exits_with_status_2)
{
    deadlock_exit_main();
}
END_TEST

/* ---------------------------------------------------------------- scale */

typedef struct many_env {
    rt_chan *gate;
    rt_waitgroup started, done;
    int alive_at_peak;
} many_env;

static void wait_at_gate(void *arg)
{
    many_env *e = arg;
    rt_waitgroup_done(&e->started);
    rt_chan_recv(e->gate, NULL);
    rt_waitgroup_done(&e->done);
}

/* ThreadSanitizer allows at most 8128 threads and fibers (each goroutine is a fiber), so a
   TSan build checks the same thing with fewer goroutines. */
#if GORSIM_TSAN
enum { N_MANY = 4000 };
#else
enum { N_MANY = 100000 };
#endif

static void many_main(void *arg)
{
    many_env *e = arg;
    enum { N = N_MANY };
    e->gate = rt_chan_new(0, 0);
    rt_waitgroup_add(&e->started, N);
    rt_waitgroup_add(&e->done, N);
    for (int i = 0; i < N; i++)
        rt_go(wait_at_gate, e);
    rt_waitgroup_wait(&e->started);
    e->alive_at_peak = rt_num_goroutine(rt_self_sched());
    rt_chan_close(e->gate);
    rt_waitgroup_wait(&e->done);
    rt_chan_free(e->gate);
}

START_TEST(test_100k_goroutines_alive_at_once)
{
    many_env e = {0};
    run_opts o = {.engine = ENGINE(_i), .procs = 2, .stack_bytes = 32 * 1024};
    ck_assert_int_eq(run_with(&o, many_main, &e, NULL, 0), 0);
    ck_assert_int_eq(e.alive_at_peak, N_MANY + 1);
}
END_TEST

START_TEST(test_64_procs)
{
    spread_env e = {0};
    run(ENGINE(_i), 64, spread_main, &e);
    long total = 0;
    int used = 0;
    for (int p = 0; p < 64; p++) {
        total += e.ran_on[p];
        used += e.ran_on[p] > 0;
    }
    ck_assert_int_eq(total, 64);
    if (ENGINE(_i) == RT_ENGINE_VIRTUAL) /* 64 x 200 us of work, spread deterministically */
        ck_assert_msg(used >= 32, "64 goroutines used only %d of 64 virtual Ps", used);
}
END_TEST

/* ---------------------------------------------------------------- stacks and iteration */

typedef struct stack_env {
    rt_chan *gate;
    int seen, sp_inside, guarded;
} stack_env;

static void check_one(rt_g *g, void *arg)
{
    stack_env *e = arg;
    rt_stack_info si;
    rt_g_stack(g, &si);
    e->seen++;
    if (g == rt_self()) {
        e->sp_inside += si.sp == NULL; /* running: no saved sp */
        return;
    }
    e->sp_inside += (char *)si.sp >= (char *)si.lo && (char *)si.sp < (char *)si.hi;
    e->guarded += si.guarded;
}

static void stacks_main(void *arg)
{
    stack_env *e = arg;
    e->gate = rt_chan_new(0, 0);
    for (int i = 0; i < 5; i++)
        rt_go(block_forever, e->gate);
    rt_sleep(MS); /* all five park */
    rt_g_foreach(rt_self_sched(), check_one, e);
}

START_TEST(test_g_foreach_reports_stacks)
{
    stack_env e = {0};
    run(ENGINE(_i), 2, stacks_main, &e);
    rt_chan_free(e.gate);
    ck_assert_int_eq(e.seen, 6);
    ck_assert_int_eq(e.sp_inside, 6);
    ck_assert_int_eq(e.guarded, 5);
}
END_TEST

/* ---------------------------------------------------------------- slots and hooks */

typedef struct hook_env {
    rt_g *worker;       /* the parked worker, offered once by the hook */
    long calls;
    long worker_ran;
    int slot;
} hook_env;

static bool publish_worker(rt_g *g, void *arg)
{
    __atomic_store_n(&((hook_env *)arg)->worker, g, __ATOMIC_SEQ_CST);
    return true;
}

/* A worker that parks until the scheduler's hook runs it, as gc/'s mark workers will. */
static void worker_fn(void *arg)
{
    hook_env *e = arg;
    rt_park(publish_worker, e, RT_WAIT_PARKED);
    *rt_p_slot(rt_self_sched(), rt_p_id(), e->slot) = e;
    atomic_put(&e->worker_ran, 1);
}

static rt_g *find_work(rt_sched *s, int p_id, void *arg)
{
    hook_env *e = arg;
    (void)s, (void)p_id;
    atomic_inc(&e->calls);
    return __atomic_exchange_n(&e->worker, NULL, __ATOMIC_SEQ_CST);
}

static void hooks_main(void *arg)
{
    hook_env *e = arg;
    rt_go(worker_fn, e);
    while (!atomic_get(&e->worker_ran))
        rt_sleep(10 * US);
}

START_TEST(test_find_work_hook_supplies_goroutines)
{
    rt_sched *s = new_sched(ENGINE(_i), 1);
    hook_env e = {0};
    e.slot = rt_p_slot_new(s);
    ck_assert_int_eq(e.slot, 0);
    ck_assert_int_eq(rt_p_slot_new(s), 1);
    rt_sched_set_find_work_hook(s, find_work, &e);
    ck_assert_int_eq(rt_sched_run(s, hooks_main, &e), 0);
    ck_assert_int_gt(e.calls, 0);
    ck_assert_ptr_eq(*rt_p_slot(s, 0, e.slot), &e);
    rt_sched_free(s);
}
END_TEST

Suite *sched_suite(void)
{
    Suite *s = suite_create("sched");
    TCase *tc = tcase_create("goroutines");
    tcase_set_timeout(tc, 60);
    add_both(tc, test_go_runs_every_goroutine);
    add_both(tc, test_main_return_ends_program);
    add_both(tc, test_gosched_alternates_on_one_p);
    add_both(tc, test_idle_ps_steal_work);
    add_both(tc, test_g_foreach_reports_stacks);
    add_both(tc, test_find_work_hook_supplies_goroutines);
    suite_add_tcase(s, tc);

    tc = tcase_create("time");
    tcase_set_timeout(tc, 60);
    add_both(tc, test_timeslice_preempts_long_loop);
    tcase_add_test(tc, test_virtual_no_async_preempt_runs_charge_whole);
    tcase_add_test(tc, test_virtual_ps_run_in_parallel);
    tcase_add_test(tc, test_virtual_time_jumps_to_next_timer);
    tcase_add_test(tc, test_virtual_overlong_charges_do_not_starve_others);
    tcase_add_test(tc, test_virtual_timer_fires_at_its_time);
    add_both(tc, test_sleepers_wake_in_deadline_order);
    suite_add_tcase(s, tc);

    tc = tcase_create("deadlock");
    add_both(tc, test_deadlock_is_fatal);
    add_both(tc, test_pending_timer_is_not_deadlock);
    tcase_add_exit_test(tc, test_deadlock_exits_with_status_2, 2);
    suite_add_tcase(s, tc);

    tc = tcase_create("scale");
    tcase_set_timeout(tc, 300);
    add_both(tc, test_100k_goroutines_alive_at_once);
    add_both(tc, test_64_procs);
    suite_add_tcase(s, tc);
    return s;
}
