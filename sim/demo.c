/*
 * demo.c — `gorsim demo NAME` (built-in demonstrations, deterministic in the virtual
 * engine) and `gorsim costs` (the cost model).
 *
 * preempt: while one goroutine runs a 50 ms loop without calls, another stops the world.
 *   With async preemption (Go >= 1.14, and gorsim's default) the loop is interrupted within
 *   a preempt slice; without it (Go <= 1.13, or --no-async-preempt) every P waits for the
 *   loop to end: the time to safe point is the rest of the loop.
 * gc: the collector under an allocation-heavy mutator, with Go's gctrace (demo_gc.c).
 */
#include "config.h"
#include "sim/cli.h"
#include "sim/demo.h"
#include "sim/vm/vm.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct preempt_demo {
    int64_t loop_ns;
    rt_stw_info info;
    rt_waitgroup wg;
} preempt_demo;

static void tight_loop(void *arg)
{
    preempt_demo *d = arg;
    rt_work(d->loop_ns); /* one long charge: cut into slices only with async preemption */
    rt_waitgroup_done(&d->wg);
}

static void busy_worker(void *arg)
{
    preempt_demo *d = arg;
    for (int i = 0; i < 200; i++)
        rt_work(50 * 1000);
    rt_waitgroup_done(&d->wg);
}

static void noop(void *arg) { (void)arg; }

static void preempt_main(void *arg)
{
    preempt_demo *d = arg;
    int procs = rt_sched_nprocs(rt_self_sched());
    rt_waitgroup_add(&d->wg, procs > 1 ? procs - 1 : 1);
    rt_go(tight_loop, d);
    for (int i = 2; i < procs; i++)
        rt_go(busy_worker, d);
    rt_sleep(1000 * 1000); /* let the loop start, then ask for the world */
    rt_stw_run(RT_STW_USER, "demo", noop, NULL, &d->info);
    rt_waitgroup_wait(&d->wg);
}

static rt_cost_model *load_costs(const demo_opts *o)
{
    rt_cost_model *cm = rt_cost_model_new();
    char err[512];
    if (cm && (!gc_register_costs(cm) || !map_register_costs(cm) || !vm_register_costs(cm))) {
        rt_cost_model_free(cm);
        return NULL;
    }
    if (cm && o->cost_file && rt_cost_model_load(cm, o->cost_file, err, sizeof err) != RT_OK) {
        fprintf(stderr, "gorsim: %s\n", err);
        rt_cost_model_free(cm);
        return NULL;
    }
    return cm;
}

static int run_preempt(const demo_opts *o, bool async, rt_cost_model *cm, rt_stw_info *out)
{
    rt_config cfg;
    rt_config_init(&cfg);
    cfg.engine = o->engine;
    cfg.nprocs = o->procs;
    cfg.seed = o->seed;
    cfg.no_async_preempt = !async;
    cfg.costs = cm;
    rt_sched *s = rt_sched_new(&cfg);
    if (!s) {
        perror("gorsim demo");
        return 2;
    }
    preempt_demo d = {.loop_ns = 50 * 1000 * 1000};
    int rc = rt_sched_run(s, preempt_main, &d);
    *out = d.info;
    rt_sched_free(s);
    return rc;
}

static void print_ns(int64_t ns)
{
    if (ns >= 1000000)
        printf("%10.3f ms", (double)ns / 1e6);
    else
        printf("%10.3f us", (double)ns / 1e3);
}

static int demo_preempt(const demo_opts *o)
{
    rt_cost_model *cm = load_costs(o);
    if (!cm)
        return 1;
    rt_stw_info on, off;
    int rc = run_preempt(o, true, cm, &on);
    if (rc == 0)
        rc = run_preempt(o, false, cm, &off);
    rt_cost_model_free(cm);
    if (rc)
        return rc;
    printf("gorsim demo preempt: stop the world while a goroutine runs a 50 ms loop "
           "without calls\nengine %s, %d P, seed %llu\n\n",
           rt_engine_name(o->engine), o->procs, (unsigned long long)o->seed);
    printf("%-30s%13s   %13s\n", "", "to safe point", "pause");
    printf("%-30s", "async preemption (Go 1.14+)");
    print_ns(on.ttsp_ns);
    printf("   ");
    print_ns(on.pause_ns);
    printf("\n%-30s", "no async preemption (1.13)");
    print_ns(off.ttsp_ns);
    printf("   ");
    print_ns(off.pause_ns);
    printf("\n\nWithout async preemption every P waits until the loop reaches a safe point.\n");
    return 0;
}

static int demo_help(void)
{
    puts("usage: gorsim demo NAME [--procs N] [--seed N] [--engine virtual|threads]\n"
         "                        [--cost-model FILE]\n"
         "       gorsim demo gc [those] [--barrier B] [--gogc N|off] [--checkmark]\n"
         "\n"
         "NAME:\n"
         "  preempt  time to stop the world while a goroutine runs a 50 ms loop without\n"
         "           calls, with and without asynchronous preemption\n"
         "  gc       the mark-assist probe: a live heap, one goroutine per P allocating\n"
         "           garbage into it; Go's gctrace line per cycle, then pauses, the share\n"
         "           of mark work done by assists, and GC CPU\n"
         "\n"
         "options:\n"
         "  --procs N            GOMAXPROCS, 1..256 (default: preempt 4, gc 1)\n"
         "  --seed N             run seed (default 1)\n"
         "  --engine E           virtual (default; deterministic) or threads (wall clock)\n"
         "  --cost-model FILE    override cost-model entries (see gorsim costs)\n"
         "  --barrier B          gc: hybrid (default, Go's), dijkstra, yuasa or none\n"
         "  --gogc N|off         gc: GOGC, 0..100000 or off (default 100)\n"
         "  --checkmark          gc: verify each mark by a stop-the-world re-mark; with\n"
         "                       --barrier none it reports the objects the mutator hid");
    return 0;
}

static int parse_demo(int argc, char **argv, demo_opts *o, const char **name)
{
    *o = (demo_opts){.seed = 1, .engine = RT_ENGINE_VIRTUAL, .gogc = 100};
    *name = NULL;
    for (int i = 1; i < argc; i++) {
        bool missing;
        const char *v;
        long long x;
        if ((v = sim_option(argc, argv, &i, "--procs", &missing)) || missing) {
            if (missing || !sim_parse_int(v, 1, RT_MAX_PROCS, &x))
                return sim_usage_error("demo", "--procs takes an integer from 1 to %d",
                                       RT_MAX_PROCS);
            o->procs = (int)x;
        } else if ((v = sim_option(argc, argv, &i, "--seed", &missing)) || missing) {
            if (missing || !sim_parse_int(v, 0, INT64_MAX, &x))
                return sim_usage_error("demo", "--seed takes a non-negative integer");
            o->seed = (uint64_t)x;
        } else if ((v = sim_option(argc, argv, &i, "--engine", &missing)) || missing) {
            if (missing || !rt_engine_parse(v, &o->engine))
                return sim_usage_error("demo", "--engine takes virtual or threads");
        } else if ((v = sim_option(argc, argv, &i, "--cost-model", &missing)) || missing) {
            if (missing)
                return sim_usage_error("demo", "--cost-model takes a file name");
            o->cost_file = v;
        } else if ((v = sim_option(argc, argv, &i, "--barrier", &missing)) || missing) {
            if (missing || !gc_barrier_parse(v, &o->barrier))
                return sim_usage_error("demo", "--barrier takes hybrid, dijkstra, yuasa or none");
            o->gc_options = true;
        } else if ((v = sim_option(argc, argv, &i, "--gogc", &missing)) || missing) {
            if (!missing && !strcmp(v, "off"))
                o->gogc = GC_GOGC_OFF;
            else if (missing || !sim_parse_int(v, 0, 100000, &x))
                return sim_usage_error("demo", "--gogc takes an integer from 0 to 100000, or off");
            else
                o->gogc = (int)x;
            o->gc_options = true;
        } else if (!strcmp(argv[i], "--checkmark")) {
            o->checkmark = o->gc_options = true;
        } else if (argv[i][0] == '-')
            return sim_usage_error("demo", "unknown option '%s'", argv[i]);
        else if (*name)
            return sim_usage_error("demo", "one demo name expected, got '%s' too", argv[i]);
        else
            *name = argv[i];
    }
    if (!*name)
        return sim_usage_error("demo", "missing demo name (preempt, gc)");
    return 0;
}

int sim_cmd_demo(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return demo_help();
    demo_opts o;
    const char *name;
    if (parse_demo(argc, argv, &o, &name))
        return 1;
    bool gc = !strcmp(name, "gc");
    if (!gc && strcmp(name, "preempt"))
        return sim_usage_error("demo", "unknown demo '%s' (preempt, gc)", name);
    if (!gc && o.gc_options)
        return sim_usage_error("demo", "--barrier, --gogc and --checkmark apply to demo gc");
    if (!o.procs)
        o.procs = gc ? 1 : 4;
    if (!gc)
        return demo_preempt(&o);
    rt_cost_model *cm = load_costs(&o);
    if (!cm)
        return 1;
    int rc = sim_demo_gc(&o, cm);
    rt_cost_model_free(cm);
    return rc;
}

int sim_cmd_costs(int argc, char **argv)
{
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        bool missing;
        const char *v;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            puts("usage: gorsim costs [--cost-model FILE]\n\n"
                 "List the virtual engine's cost model: name, nanoseconds, meaning. With\n"
                 "--cost-model, FILE's `name = ns` lines are applied first, so this also\n"
                 "checks a cost file (an unknown name or bad value is an error, exit 1).");
            return 0;
        }
        if ((v = sim_option(argc, argv, &i, "--cost-model", &missing)) || missing) {
            if (missing)
                return sim_usage_error("costs", "--cost-model takes a file name");
            file = v;
        } else {
            return sim_usage_error("costs", "unexpected argument '%s'", argv[i]);
        }
    }
    demo_opts o = {.cost_file = file};
    rt_cost_model *cm = load_costs(&o);
    if (!cm)
        return 1;
    for (int i = 0; i < rt_cost_count(cm); i++)
        printf("%-24s %8lld  # %s\n", rt_cost_name(cm, i), (long long)rt_cost_get(cm, i),
               rt_cost_doc(cm, i));
    rt_cost_model_free(cm);
    return 0;
}
