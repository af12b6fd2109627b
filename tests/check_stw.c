/*
 * check_stw.c — stop-the-world and ragged barriers, both engines: the world really stops,
 * time to safe point follows async preemption, each P runs a barrier function exactly once.
 */
#include "tests/check_suites.h"
#include "tests/testutil.h"

typedef struct stw_env {
    int stacks_ok;          /* goroutines with a scannable saved sp, seen in the STW */
    long progress[8];       /* per spinner, bumped at every safe point */
    long stop;
    rt_waitgroup wg;
    long moved_while_stopped;
    rt_stw_info info;
    int barrier_runs[RT_MAX_PROCS];
    long barrier_total;
} stw_env;

typedef struct spinner {
    stw_env *e;
    int idx;
} spinner;

static void spin(void *arg)
{
    spinner *sp = arg;
    while (!atomic_get(&sp->e->stop)) {
        rt_charge(1 * US);
        atomic_inc(&sp->e->progress[sp->idx]);
    }
    rt_waitgroup_done(&sp->e->wg);
}

/* start_spinners starts three spinners (sp must outlive them) and counts them in e->wg. */
static void start_spinners(stw_env *e, spinner *sp)
{
    rt_waitgroup_add(&e->wg, 3);
    for (int i = 0; i < 3; i++) {
        sp[i] = (spinner){e, i};
        rt_go(spin, &sp[i]);
    }
}

static void snapshot(stw_env *e, long *out)
{
    for (int i = 0; i < 3; i++)
        out[i] = atomic_get(&e->progress[i]);
}

static void count_scannable(rt_g *g, void *arg)
{
    stw_env *e = arg;
    rt_stack_info si;
    rt_g_stack(g, &si);
    if (g == rt_self())
        e->stacks_ok += si.sp == NULL; /* running: not scannable from here */
    else
        e->stacks_ok += si.sp && (char *)si.sp >= (char *)si.lo && (char *)si.sp < (char *)si.hi;
}

static void while_stopped(void *arg)
{
    stw_env *e = arg;
    rt_g_foreach(rt_self_sched(), count_scannable, e); /* the collector's view */
    long before[3], after[3];
    snapshot(e, before);
    if (rt_sched_engine(rt_self_sched()) == RT_ENGINE_THREADS) {
        double t0 = rt__mono_ns();
        while (rt__mono_ns() - t0 < 20e6) /* 20 ms of real time for the others to move */
            ;
    } else {
        rt_charge(5 * MS);
    }
    snapshot(e, after);
    for (int i = 0; i < 3; i++)
        e->moved_while_stopped += after[i] != before[i];
}

/* wait_progress sleeps until every spinner has got past at least `past` safe points (on a
   loaded machine an OS thread can wait long for a CPU: wait for the fact, not a time). */
static void wait_progress(stw_env *e, const long *past)
{
    for (int i = 0; i < 3; i++)
        while (atomic_get(&e->progress[i]) <= past[i])
            rt_sleep(100 * US);
}

static void stw_main(void *arg)
{
    stw_env *e = arg;
    spinner sp[3];
    long zero[3] = {0}, at_restart[3];
    start_spinners(e, sp);
    wait_progress(e, zero);
    rt_stw_run(RT_STW_USER, "test", while_stopped, e, &e->info);
    snapshot(e, at_restart);
    wait_progress(e, at_restart); /* and they run again after the restart */
    atomic_put(&e->stop, 1);
    rt_waitgroup_wait(&e->wg);
}

START_TEST(test_stw_stops_every_other_p)
{
    stw_env e = {0};
    run(ENGINE(_i), 4, stw_main, &e);
    ck_assert_int_eq(e.moved_while_stopped, 0);
    ck_assert_int_eq(e.stacks_ok, 4); /* main and three spinners stopped mid-loop */
    for (int i = 0; i < 3; i++)
        ck_assert_int_gt(e.progress[i], 0); /* and they ran before and after */
    ck_assert_int_ge(e.info.stopped_ns, e.info.start_ns);
    ck_assert_int_ge(e.info.end_ns, e.info.stopped_ns);
    ck_assert_int_eq(e.info.ttsp_ns, e.info.stopped_ns - e.info.start_ns);
    ck_assert_int_eq(e.info.pause_ns, e.info.end_ns - e.info.start_ns);
    ck_assert_int_ge(e.info.pause_ns, ENGINE(_i) == RT_ENGINE_VIRTUAL ? 5 * MS : 20 * MS);
}
END_TEST

/* ---------------------------------------------------------------- time to safe point */

typedef struct ttsp_env {
    rt_stw_info info;
    rt_waitgroup wg;
} ttsp_env;

static void one_long_charge(void *arg)
{
    rt_work(40 * MS);
    rt_waitgroup_done(&((ttsp_env *)arg)->wg);
}

static void noop(void *arg) { (void)arg; }

static void ttsp_main(void *arg)
{
    ttsp_env *e = arg;
    rt_waitgroup_add(&e->wg, 1);
    rt_go(one_long_charge, e);
    rt_sleep(MS);
    rt_stw_run(RT_STW_USER, "ttsp", noop, NULL, &e->info);
    rt_waitgroup_wait(&e->wg);
}

START_TEST(test_ttsp_follows_async_preemption)
{
    ttsp_env on = {0}, off = {0};
    run_opts o = {.engine = ENGINE(_i), .procs = 2};
    ck_assert_int_eq(run_with(&o, ttsp_main, &on, NULL, 0), 0);
    o.no_async_preempt = true;
    ck_assert_int_eq(run_with(&o, ttsp_main, &off, NULL, 0), 0);
    /* without async preemption the whole rest of the 40 ms loop: 39 ms after the request */
    ck_assert_msg(off.info.ttsp_ns >= 30 * MS, "ttsp %lld", (long long)off.info.ttsp_ns);
    /* with it the loop stops within a 10 us slice: exactly so in the virtual engine; with
       real threads the OS adds its own delays, so only "far sooner than without" holds */
    if (ENGINE(_i) == RT_ENGINE_VIRTUAL)
        ck_assert_msg(on.info.ttsp_ns <= 10 * US, "ttsp %lld", (long long)on.info.ttsp_ns);
    else
        ck_assert_msg(on.info.ttsp_ns < off.info.ttsp_ns / 2, "ttsp %lld vs %lld",
                      (long long)on.info.ttsp_ns, (long long)off.info.ttsp_ns);
}
END_TEST

/* ---------------------------------------------------------------- ragged barrier */

static void note_p(int p_id, void *arg)
{
    stw_env *e = arg;
    __atomic_add_fetch(&e->barrier_runs[p_id], 1, __ATOMIC_SEQ_CST);
    atomic_inc(&e->barrier_total);
}

static void barrier_main(void *arg)
{
    stw_env *e = arg;
    spinner sp[3];
    start_spinners(e, sp);
    rt_sleep(MS);
    rt_ragged_barrier(note_p, e);
    atomic_put(&e->stop, 1);
    rt_waitgroup_wait(&e->wg);
}

START_TEST(test_ragged_barrier_runs_once_per_p)
{
    int procs[] = {1, 4, 8};
    for (int k = 0; k < 3; k++) {
        stw_env e = {0};
        run(ENGINE(_i), procs[k], barrier_main, &e);
        ck_assert_int_eq(e.barrier_total, procs[k]);
        for (int p = 0; p < procs[k]; p++)
            ck_assert_int_eq(e.barrier_runs[p], 1);
    }
}
END_TEST

/* ---------------------------------------------------------------- the owner keeps its P */

/* The owner of a stopped world charges well past its time slice (as a collector's mark
   termination may): it must not be preempted, or others would run in a stopped world. */
static void long_stop(void *arg)
{
    stw_env *e = arg;
    long before[3], after[3];
    snapshot(e, before);
    rt_work(30 * MS);
    snapshot(e, after);
    for (int i = 0; i < 3; i++)
        e->moved_while_stopped += after[i] != before[i];
}

static void long_stw_main(void *arg)
{
    stw_env *e = arg;
    spinner sp[3];
    start_spinners(e, sp);
    rt_sleep(2 * MS);
    rt_stw_run(RT_STW_USER, "long", long_stop, e, &e->info);
    atomic_put(&e->stop, 1);
    rt_waitgroup_wait(&e->wg);
}

START_TEST(test_stw_owner_is_not_preempted)
{
    stw_env e = {0};
    run(ENGINE(_i), 2, long_stw_main, &e); /* 2 P: the owner's P has spinners queued */
    ck_assert_int_eq(e.moved_while_stopped, 0);
}
END_TEST

/* A ragged-barrier owner charging past its slice while it waits keeps its P. */
static void barrier_loop_main(void *arg)
{
    stw_env *e = arg;
    spinner sp[3];
    start_spinners(e, sp);
    for (int i = 0; i < 200; i++) {
        rt_work(7 * US);
        rt_ragged_barrier(note_p, e);
    }
    atomic_put(&e->stop, 1);
    rt_waitgroup_wait(&e->wg);
}

START_TEST(test_ragged_barrier_owner_keeps_its_p)
{
    rt_config cfg;
    rt_config_init(&cfg);
    cfg.engine = ENGINE(_i);
    cfg.nprocs = 5;
    cfg.timeslice_ns = 15 * US; /* slices shorter than a barrier: preemption would strike */
    cfg.fatal_returns = true;
    rt_sched *s = rt_sched_new(&cfg);
    stw_env e = {0};
    ck_assert_int_eq(rt_sched_run(s, barrier_loop_main, &e), 0);
    ck_assert_int_eq(e.barrier_total, 200 * 5);
    rt_sched_free(s);
}
END_TEST

/* ---------------------------------------------------------------- safe-point hook */

typedef struct hook_env {
    stw_env e;
    long runs[RT_MAX_PROCS];
    long spinner_p;
} hook_env;

static void on_safepoint(rt_sched *s, int p_id, void *arg)
{
    hook_env *h = arg;
    (void)s;
    atomic_inc(&h->runs[p_id]);
}

static void spin_note_p(void *arg)
{
    hook_env *h = arg;
    atomic_put(&h->spinner_p, rt_p_id() + 1);
    while (!atomic_get(&h->e.stop))
        rt_charge(1 * US);
    rt_waitgroup_done(&h->e.wg);
}

static void hook_main(void *arg)
{
    hook_env *h = arg;
    rt_waitgroup_add(&h->e.wg, 1);
    rt_go(spin_note_p, h);
    while (!atomic_get(&h->spinner_p) || atomic_get(&h->spinner_p) - 1 == rt_p_id())
        rt_sleep(100 * US); /* until the spinner runs on another P than ours */
    int p = (int)atomic_get(&h->spinner_p) - 1;
    rt_p_request_safepoint(rt_self_sched(), p);
    rt_p_request_safepoint(rt_self_sched(), p); /* twice before it runs: once */
    while (!atomic_get(&h->runs[p]))
        rt_sleep(100 * US);
    atomic_put(&h->e.stop, 1);
    rt_waitgroup_wait(&h->e.wg);
}

START_TEST(test_safepoint_hook_runs_on_requested_p)
{
    rt_sched *s = new_sched(ENGINE(_i), 2);
    hook_env h = {0};
    rt_sched_set_safepoint_hook(s, on_safepoint, &h);
    ck_assert_int_eq(rt_sched_run(s, hook_main, &h), 0);
    int p = (int)h.spinner_p - 1;
    /* Two requests before the P's next safe point run the hook once; with real threads the
       spinner's P may reach a safe point between the two requests. */
    if (ENGINE(_i) == RT_ENGINE_VIRTUAL)
        ck_assert_int_eq(h.runs[p], 1);
    else
        ck_assert(h.runs[p] == 1 || h.runs[p] == 2);
    ck_assert_int_eq(h.runs[1 - p], 0);
    rt_sched_free(s);
}
END_TEST

/* ---------------------------------------------------------------- traced */

static int count_kind(const rt_trace_buf *b, uint32_t kind)
{
    int n = 0;
    for (size_t i = 0; i < b->n; i++)
        n += b->ev[i].kind == kind;
    return n;
}

START_TEST(test_stw_is_traced)
{
    rt_trace_buf tb = {0};
    ttsp_env e = {0};
    run_opts o = {.engine = ENGINE(_i), .procs = 2, .trace = &tb};
    ck_assert_int_eq(run_with(&o, ttsp_main, &e, NULL, 0), 0);
    ck_assert_int_eq(count_kind(&tb, RT_EV_STW_BEGIN), 1);
    ck_assert_int_eq(count_kind(&tb, RT_EV_STW_END), 1);
    for (size_t i = 0; i < tb.n; i++)
        if (tb.ev[i].kind == RT_EV_STW_END) {
            ck_assert_int_eq(tb.ev[i].arg[0], RT_STW_USER);
            ck_assert_int_eq((int64_t)tb.ev[i].arg[1], e.info.ttsp_ns);
            ck_assert_int_eq((int64_t)tb.ev[i].arg[2], e.info.pause_ns);
        } else if (tb.ev[i].kind == RT_EV_STW_BEGIN) {
            ck_assert_str_eq(tb.ev[i].str, "ttsp");
        }
    rt_trace_buf_destroy(&tb);
}
END_TEST

Suite *stw_suite(void)
{
    Suite *s = suite_create("stw");
    TCase *tc = tcase_create("stw");
    tcase_set_timeout(tc, 60);
    add_both(tc, test_stw_stops_every_other_p);
    add_both(tc, test_ttsp_follows_async_preemption);
    add_both(tc, test_ragged_barrier_runs_once_per_p);
    add_both(tc, test_stw_is_traced);
    add_both(tc, test_safepoint_hook_runs_on_requested_p);
    add_both(tc, test_stw_owner_is_not_preempted);
    add_both(tc, test_ragged_barrier_owner_keeps_its_p);
    suite_add_tcase(s, tc);
    return s;
}
