/*
 * check_misc.c — random streams, the cost model, the tracer, determinism of the virtual
 * engine, and the run-queue verifier.
 */
#include "tests/check_suites.h"
#include "tests/testutil.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* ---------------------------------------------------------------- random streams */

START_TEST(test_rng_streams_are_reproducible_and_independent)
{
    rt_rng a, b, c, d;
    rt_rng_init(&a, 42, "sched");
    rt_rng_init(&b, 42, "sched");
    rt_rng_init(&c, 42, "maps");
    rt_rng_init(&d, 43, "sched");
    int same_c = 0, same_d = 0;
    for (int i = 0; i < 1000; i++) {
        uint64_t x = rt_rng_next(&a);
        ck_assert_uint_eq(x, rt_rng_next(&b));
        same_c += x == rt_rng_next(&c);
        same_d += x == rt_rng_next(&d);
    }
    ck_assert_int_eq(same_c, 0);
    ck_assert_int_eq(same_d, 0);
}
END_TEST

START_TEST(test_rng_uintn_is_bounded_and_uniform)
{
    rt_rng r;
    rt_rng_init(&r, 7, "test");
    int hist[10] = {0};
    for (int i = 0; i < 100000; i++) {
        uint64_t v = rt_rng_uintn(&r, 10);
        ck_assert_uint_lt(v, 10);
        hist[v]++;
    }
    for (int k = 0; k < 10; k++) /* expected 10000 each; 5 sigma is about 475 */
        ck_assert_msg(hist[k] > 9500 && hist[k] < 10500, "bucket %d: %d", k, hist[k]);
}
END_TEST

/* ---------------------------------------------------------------- cost model */

static char *write_tmp(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/gorsim-cost-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

START_TEST(test_cost_model_defaults_define_and_load)
{
    rt_cost_model *cm = rt_cost_model_new();
    ck_assert_int_eq(rt_cost_count(cm), RT_COST_BUILTIN_COUNT);
    ck_assert_str_eq(rt_cost_name(cm, RT_COST_CHAN), "chan.op");
    int id = rt_cost_define(cm, "gc.scan_byte", 1, "scan one byte");
    ck_assert_int_eq(id, RT_COST_BUILTIN_COUNT);
    ck_assert_int_eq(rt_cost_define(cm, "gc.scan_byte", 5, "again"), id);
    char err[256];
    char *path = write_tmp("# a comment\n\nchan.op = 75\n  gc.scan_byte=3  # trailing\n");
    ck_assert_int_eq(rt_cost_model_load(cm, path, err, sizeof err), RT_OK);
    unlink(path);
    ck_assert_int_eq(rt_cost_get(cm, RT_COST_CHAN), 75);
    ck_assert_int_eq(rt_cost_get(cm, id), 3);
    rt_cost_model_free(cm);
}
END_TEST

START_TEST(test_cost_file_errors_name_the_line)
{
    const char *bad[] = {"chan.op = 5\nchan.opp = 5\n", "chan.op = -1\n", "chan.op = 5x\n",
                         "chan.op 5\n", " = 5\n"};
    const char *want[] = {":2: unknown cost name: chan.opp = 5", ":1: cost must be",
                          ":1: cost must be", ":1: expected `name = nanoseconds`",
                          ":1: missing cost name"};
    for (int i = 0; i < 5; i++) {
        rt_cost_model *cm = rt_cost_model_new();
        char err[256];
        char *path = write_tmp(bad[i]);
        ck_assert_int_eq(rt_cost_model_load(cm, path, err, sizeof err), RT_ESYNTAX);
        ck_assert_msg(strstr(err, path) == err && strstr(err, want[i]), "got '%s'", err);
        unlink(path);
        rt_cost_model_free(cm);
    }
    rt_cost_model *cm = rt_cost_model_new();
    char err[256];
    ck_assert_int_eq(rt_cost_model_load(cm, "/nonexistent/costs", err, sizeof err), RT_EIO);
    rt_cost_model_free(cm);
}
END_TEST

typedef struct cost_env {
    int64_t t_chan;
} cost_env;

static void charge_chan(void *arg)
{
    int64_t t0 = rt_now();
    rt_charge_cost(RT_COST_CHAN, 4);
    ((cost_env *)arg)->t_chan = rt_now() - t0;
}

START_TEST(test_config_out_of_range_is_rejected)
{
    rt_config cfg;
    size_t bad_stacks[] = {1, RT_MIN_STACK_BYTES - 1, RT_MAX_STACK_BYTES + 1, SIZE_MAX};
    for (int i = 0; i < 4; i++) {
        rt_config_init(&cfg);
        cfg.stack_bytes = bad_stacks[i];
        errno = 0;
        ck_assert_ptr_null(rt_sched_new(&cfg));
        ck_assert_int_eq(errno, EINVAL);
    }
    int bad_procs[] = {-1, RT_MAX_PROCS + 1};
    for (int i = 0; i < 2; i++) {
        rt_config_init(&cfg);
        cfg.nprocs = bad_procs[i];
        ck_assert_ptr_null(rt_sched_new(&cfg));
    }
    rt_cost_model *cm = rt_cost_model_new();
    ck_assert_ptr_null(rt_cost_name(cm, -1));
    ck_assert_ptr_null(rt_cost_doc(cm, rt_cost_count(cm)));
    rt_cost_model_free(cm);
}
END_TEST

START_TEST(test_virtual_engine_charges_the_model)
{
    rt_cost_model *cm = rt_cost_model_new();
    rt_cost_set(cm, "chan.op", 1000);
    rt_config cfg;
    rt_config_init(&cfg);
    cfg.costs = cm;
    rt_sched *s = rt_sched_new(&cfg);
    rt_cost_model_free(cm); /* the runtime keeps its own copy */
    cost_env e = {0};
    ck_assert_int_eq(rt_sched_run(s, charge_chan, &e), 0);
    ck_assert_int_eq(e.t_chan, 4000);
    rt_sched_free(s);
}
END_TEST

/* ---------------------------------------------------------------- tracer */

static void block_recv_then_exit(void *arg) { rt_chan_recv(arg, NULL); }

static void traced_main(void *arg)
{
    int kind = *(int *)arg;
    rt_chan *c = rt_chan_new(sizeof(int), 0);
    rt_go(block_recv_then_exit, c);
    rt_trace_log("hello", 7);
    rt_trace_emit((uint32_t)kind, 1, 2, 3, NULL);
    int v = 1;
    rt_sleep(MS);
    rt_chan_send(c, &v);
    rt_gosched();
    rt_chan_free(c);
}

START_TEST(test_trace_records_goroutine_lifecycle)
{
    rt_trace_buf tb = {0};
    rt_config cfg;
    rt_config_init(&cfg);
    cfg.engine = ENGINE(_i);
    cfg.nprocs = 1;
    rt_sched *s = rt_sched_new(&cfg);
    int kind = rt_trace_kind_define(s, "MapGrowStart");
    ck_assert_int_eq(kind, RT_EV_BUILTIN_COUNT);
    ck_assert_str_eq(rt_trace_kind_name(s, (uint32_t)kind), "MapGrowStart");
    rt_sched_set_trace(s, rt_trace_buf_sink, &tb);
    ck_assert_int_eq(rt_sched_run(s, traced_main, &kind), 0);
    int seen[RT_EV_MAX] = {0};
    bool recv_block = false, timer_unblock = false;
    for (size_t i = 0; i < tb.n; i++) {
        const rt_event *ev = &tb.ev[i];
        seen[ev->kind]++;
        ck_assert(i == 0 || ENGINE(_i) == RT_ENGINE_THREADS || ev->ts >= 0);
        recv_block |= ev->kind == RT_EV_G_BLOCK && ev->g == 2 && ev->arg[0] == RT_WAIT_CHAN_RECV;
        timer_unblock |= ev->kind == RT_EV_G_UNBLOCK && ev->g == 1 && ev->arg[0] == 0;
        if (ev->kind == RT_EV_USER) {
            ck_assert_str_eq(ev->str, "hello");
            ck_assert_int_eq(ev->arg[0], 7);
        }
    }
    ck_assert_int_eq(seen[RT_EV_G_CREATE], 2);
    ck_assert_int_ge(seen[RT_EV_G_START], 3);
    ck_assert_int_ge(seen[RT_EV_G_STOP], 2);
    ck_assert(recv_block);
    ck_assert(timer_unblock); /* main's sleep ended by the timer (waker 0) */
    ck_assert_int_eq(seen[RT_EV_USER], 1);
    ck_assert_int_eq(seen[kind], 1);
    ck_assert_int_ge(seen[RT_EV_P_START], 1);
    ck_assert_str_eq(rt_wait_reason_name(s, RT_WAIT_CHAN_RECV), "chan receive");
    rt_sched_free(s);
    rt_trace_buf_destroy(&tb);
}
END_TEST

/* ---------------------------------------------------------------- determinism */

typedef struct det_env {
    rt_chan *ch[8];
    rt_mutex mu;
    long shared;
    rt_waitgroup wg;
} det_env;

typedef struct det_g {
    det_env *e;
    int idx;
} det_g;

static void det_worker(void *arg)
{
    det_g *dg = arg;
    det_env *e = dg->e;
    char name[32];
    snprintf(name, sizeof name, "workload.%d", dg->idx);
    rt_rng r;
    rt_sched_rng_init(rt_self_sched(), &r, name);
    for (int op = 0; op < 20; op++) {
        int64_t v = (int64_t)rt_rng_next(&r);
        rt_chan *c = e->ch[rt_rng_uintn(&r, 8)];
        switch (rt_rng_uintn(&r, 6)) {
        case 0:
            rt_work((int64_t)rt_rng_uintn(&r, 50) * US);
            break;
        case 1:
            rt_sleep((int64_t)rt_rng_uintn(&r, 200) * US);
            break;
        case 2:
            rt_mutex_lock(&e->mu);
            rt_work((int64_t)rt_rng_uintn(&r, 5) * US);
            e->shared++;
            rt_mutex_unlock(&e->mu);
            break;
        case 3: {
            rt_select_case cs = {c, RT_SELECT_SEND, &v, false};
            rt_select(&cs, 1, true, NULL);
            break;
        }
        case 4: {
            rt_select_case cs = {c, RT_SELECT_RECV, &v, false};
            rt_select(&cs, 1, true, NULL);
            break;
        }
        default:
            rt_gosched();
        }
    }
    rt_waitgroup_done(&e->wg);
}

static void det_main(void *arg)
{
    det_env *e = arg;
    static det_g gs[1000];
    for (int i = 0; i < 8; i++)
        e->ch[i] = rt_chan_new(sizeof(int64_t), (size_t)i);
    rt_waitgroup_add(&e->wg, 1000);
    for (int i = 0; i < 1000; i++) {
        gs[i] = (det_g){e, i};
        rt_go(det_worker, &gs[i]);
        if (i % 50 == 0)
            rt_sleep(10 * US);
    }
    rt_waitgroup_wait(&e->wg);
    for (int i = 0; i < 8; i++)
        rt_chan_free(e->ch[i]);
}

static void det_run(uint64_t seed, rt_trace_buf *tb)
{
    det_env e = {0};
    run_opts o = {.engine = RT_ENGINE_VIRTUAL, .procs = 8, .seed = seed, .trace = tb};
    ck_assert_int_eq(run_with(&o, det_main, &e, NULL, 0), 0);
    ck_assert_int_gt(e.shared, 0);
}

static bool same_event(const rt_event *a, const rt_event *b)
{
    return a->ts == b->ts && a->kind == b->kind && a->p == b->p && a->g == b->g &&
           a->arg[0] == b->arg[0] && a->arg[1] == b->arg[1] && a->arg[2] == b->arg[2] &&
           (a->str == b->str || (a->str && b->str && !strcmp(a->str, b->str)));
}

static bool same_stream(const rt_trace_buf *a, const rt_trace_buf *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (!same_event(&a->ev[i], &b->ev[i]))
            return false;
    return true;
}

START_TEST(test_virtual_engine_is_deterministic)
{
    rt_trace_buf a = {0}, b = {0}, c = {0};
    det_run(11, &a);
    det_run(11, &b);
    det_run(12, &c);
    ck_assert_int_gt(a.n, 10000);
    ck_assert_msg(same_stream(&a, &b), "same seed, different event streams (%zu vs %zu)", a.n,
                  b.n);
    ck_assert_msg(!same_stream(&a, &c), "another seed gave the same event stream");
    int ps[8] = {0};
    for (size_t i = 0; i < a.n; i++)
        if (a.ev[i].kind == RT_EV_G_START)
            ps[a.ev[i].p]++;
    for (int p = 0; p < 8; p++)
        ck_assert_msg(ps[p] > 0, "P%d ran nothing", p);
    rt_trace_buf_destroy(&a);
    rt_trace_buf_destroy(&b);
    rt_trace_buf_destroy(&c);
}
END_TEST

/* ---------------------------------------------------------------- verifier */

static void verify_main(void *arg)
{
    int *ok = arg;
    rt_chan *c = rt_chan_new(0, 0);
    for (int i = 0; i < 300; i++)
        rt_go(block_recv_then_exit, c);
    ok[0] = rt__sched_verify(rt_self_sched()); /* 300 runnable: ring, runnext and global */
    rt_sleep(MS);
    ok[1] = rt__sched_verify(rt_self_sched()); /* all waiting */
    rt_chan_free(c);
}

START_TEST(test_verifier_accepts_consistent_queues)
{
    int ok[2] = {0};
    run(RT_ENGINE_VIRTUAL, 1, verify_main, ok);
    ck_assert(ok[0]);
    ck_assert(ok[1]);
}
END_TEST

Suite *misc_suite(void)
{
    Suite *s = suite_create("misc");
    TCase *tc = tcase_create("rng");
    tcase_add_test(tc, test_rng_streams_are_reproducible_and_independent);
    tcase_add_test(tc, test_rng_uintn_is_bounded_and_uniform);
    suite_add_tcase(s, tc);

    tc = tcase_create("cost");
    tcase_add_test(tc, test_cost_model_defaults_define_and_load);
    tcase_add_test(tc, test_cost_file_errors_name_the_line);
    tcase_add_test(tc, test_virtual_engine_charges_the_model);
    tcase_add_test(tc, test_config_out_of_range_is_rejected);
    suite_add_tcase(s, tc);

    tc = tcase_create("trace");
    tcase_set_timeout(tc, 120);
    add_both(tc, test_trace_records_goroutine_lifecycle);
    tcase_add_test(tc, test_virtual_engine_is_deterministic);
    tcase_add_test(tc, test_verifier_accepts_consistent_queues);
    suite_add_tcase(s, tc);
    return s;
}
