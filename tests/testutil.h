/*
 * testutil.h — helpers shared by the runtime's Check suites: run a function as the main
 * goroutine of a fresh runtime in either engine, and small atomic counters.
 *
 * Every runtime test runs in both engines: add_both(tc, test) makes a loop test over _i
 * with ENGINE(_i) = virtual (0) or threads (1).
 */
#ifndef GORSIM_TESTS_TESTUTIL_H
#define GORSIM_TESTS_TESTUTIL_H

#include "runtime/rt.h"
#include "runtime/rt_internal.h"
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define ENGINE(i) ((i) ? RT_ENGINE_THREADS : RT_ENGINE_VIRTUAL)
/* add_both adds a test that runs once per engine (_i = 0 virtual, 1 threads). */
#define add_both(tc, fn) tcase_add_loop_test((tc), (fn), 0, 2)

typedef struct run_opts {
    rt_engine_kind engine;
    int procs;
    uint64_t seed;
    bool no_async_preempt;
    size_t stack_bytes;
    rt_trace_buf *trace;
} run_opts;

/* run_with runs fn(arg) as goroutine 1 and returns the exit code; fatal errors return 2
   with the message in *fatal (if given). */
static inline int run_with(const run_opts *o, rt_func fn, void *arg, char *fatal, size_t len)
{
    rt_config cfg;
    rt_config_init(&cfg);
    cfg.engine = o->engine;
    cfg.nprocs = o->procs ? o->procs : 1;
    cfg.seed = o->seed ? o->seed : 1;
    cfg.no_async_preempt = o->no_async_preempt;
    cfg.stack_bytes = o->stack_bytes;
    cfg.fatal_returns = true;
    rt_sched *s = rt_sched_new(&cfg);
    ck_assert_ptr_nonnull(s);
    if (o->trace)
        rt_sched_set_trace(s, rt_trace_buf_sink, o->trace);
    int rc = rt_sched_run(s, fn, arg);
    if (fatal) {
        const char *m = rt_sched_fatal_message(s);
        snprintf(fatal, len, "%s", m ? m : "");
    }
    rt_sched_free(s);
    return rc;
}

/* new_sched makes a runtime for a test: engine e, procs Ps, fatal errors returned. */
static inline rt_sched *new_sched(rt_engine_kind e, int procs)
{
    rt_config cfg;
    rt_config_init(&cfg);
    cfg.engine = e;
    cfg.nprocs = procs;
    cfg.fatal_returns = true;
    rt_sched *s = rt_sched_new(&cfg);
    ck_assert_ptr_nonnull(s);
    return s;
}

/* run runs fn in engine e with procs Ps and asserts a clean exit. */
static inline void run(rt_engine_kind e, int procs, rt_func fn, void *arg)
{
    run_opts o = {.engine = e, .procs = procs};
    char fatal[512];
    int rc = run_with(&o, fn, arg, fatal, sizeof fatal);
    ck_assert_msg(rc == 0, "%s engine, %d P: exit %d (%s)", rt_engine_name(e), procs, rc, fatal);
}

static inline long atomic_inc(long *p) { return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST); }
static inline long atomic_get(long *p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
static inline void atomic_put(long *p, long v) { __atomic_store_n(p, v, __ATOMIC_SEQ_CST); }

#define MS (1000 * 1000LL)
#define US (1000LL)

#endif
