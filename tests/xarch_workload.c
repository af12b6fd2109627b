/*
 * xarch_workload.c — a small everything-at-once program for tests/cross_aarch64.sh: 200
 * goroutines with a mutex, channels, select, Gosched, work, a sleep and a stop-the-world, on
 * 4 Ps in both engines. Prints one line per engine; exits non-zero on a wrong result.
 */
#include "runtime/rt.h"
#include <stdio.h>

typedef struct env {
    rt_waitgroup wg;
    rt_mutex mu;
    long total;
    rt_chan *c;
} env;

static void worker(void *arg)
{
    env *e = arg;
    for (int64_t i = 0; i < 100; i++) {
        rt_mutex_lock(&e->mu);
        e->total++;
        rt_mutex_unlock(&e->mu);
        rt_work(1000);
        rt_select_case cs = {e->c, RT_SELECT_SEND, &i, false};
        rt_select(&cs, 1, true, NULL);
        rt_gosched();
    }
    rt_waitgroup_done(&e->wg);
}

static void drain(void *arg)
{
    int64_t v;
    while (rt_chan_recv(((env *)arg)->c, &v))
        ;
}

static void run_main(void *arg)
{
    env *e = arg;
    rt_go(drain, e);
    rt_waitgroup_add(&e->wg, 200);
    for (int i = 0; i < 200; i++)
        rt_go(worker, e);
    rt_waitgroup_wait(&e->wg);
    rt_sleep(1000 * 1000);
    rt_stw_info info;
    rt_stw_stop(RT_STW_USER, "xarch", &info);
    rt_stw_start(&info);
    rt_chan_close(e->c);
}

int main(void)
{
    int bad = 0;
    for (int k = 0; k < 2; k++) {
        rt_config cfg;
        rt_config_init(&cfg);
        cfg.engine = k ? RT_ENGINE_THREADS : RT_ENGINE_VIRTUAL;
        cfg.nprocs = 4;
        env e = {.c = rt_chan_new(sizeof(int64_t), 4)};
        rt_sched *s = rt_sched_new(&cfg);
        int rc = rt_sched_run(s, run_main, &e);
        printf("%s: exit %d, %ld increments, backend %s\n", rt_engine_name(cfg.engine), rc,
               e.total, rt_ctx_backend());
        bad |= rc != 0 || e.total != 20000;
        rt_sched_free(s);
        rt_chan_free(e.c);
    }
    return bad;
}
