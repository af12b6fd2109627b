/*
 * bench.c — `gorsim bench NAME`: micro-benchmarks of the runtime and the heap in the
 * threads engine, each with a baseline measured in the same run (swapcontext, or Go 1.19
 * when `go` is on PATH), each the median of several runs. Human table by default, one JSON
 * object with --json. The heap's benchmarks are in bench_gc.c.
 *
 *   switch  two goroutines yielding to each other (rt_gosched): ns per goroutine switch,
 *           against a swapcontext ping-pong (ucontext_switch_ns) -> speedup
 *   spawn   create + run + exit of a goroutine, in batches of 100 joined by a WaitGroup
 *   chan    unbuffered ping-pong between two goroutines: ns per message
 *   alloc   small pointerful allocations with the collector on: ns per allocation
 *   mark    one worker marking trees and lists: MB per second of mark CPU
 *   map     the classic map: inserts without and with a hint, lookups (bench_map.c)
 *   scenario the interpreter against Go on a whole program (bench_scenario.c)
 */
#include "config.h"
#include "sim/bench.h"
#include "sim/cli.h"
#include "sim/stats.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#define BENCH_NAMES "switch, spawn, chan, alloc, mark, map, all"

typedef struct bench_opts {
    bool json, no_go;
    int runs, procs;
    long long n;          /* 0: the benchmark's default */
} bench_opts;

enum { NEEDS_RUNTIME, NEEDS_HEAP, NEEDS_MAPS }; /* what a benchmark runs on */

/* run_threads runs fn(ctx) as the main goroutine of a threads-engine runtime with procs Ps
   (and a heap, and a map context, as it needs). */
static bool run_threads(int procs, int needs, rt_func fn, bench_ctx *bc)
{
    rt_config cfg;
    rt_config_init(&cfg);
    cfg.engine = RT_ENGINE_THREADS;
    cfg.nprocs = procs;
    rt_sched *s = rt_sched_new(&cfg);
    if (!s)
        return false;
    bc->h = needs >= NEEDS_HEAP ? gc_heap_new(s, NULL) : NULL;
    bc->mc = needs >= NEEDS_MAPS && bc->h ? map_ctx_new(s, bc->h) : NULL;
    bool ready = (needs < NEEDS_HEAP || bc->h) && (needs < NEEDS_MAPS || bc->mc);
    int rc = ready ? rt_sched_run(s, fn, bc) : -1;
    map_ctx_free(bc->mc);
    gc_heap_free(bc->h);
    rt_sched_free(s);
    return rc == 0;
}

/* ---------------------------------------------------------------- switch */

typedef struct yield_pair {
    bench_ctx *bc;
    rt_waitgroup wg;
} yield_pair;

static void yielder(void *arg)
{
    yield_pair *yp = arg;
    for (long long i = 0; i < yp->bc->n; i++)
        rt_gosched();
    rt_waitgroup_done(&yp->wg);
}

/* Two identical goroutines yield to each other n times each while main waits: 2n switches.
   Identical code matters: every switch then returns to the same call site, as in a real
   program's hot loop, so the measurement is of the switch and not of a return mispredicted
   because the two sides differ. */
static void switch_main(void *arg)
{
    yield_pair yp = {.bc = arg};
    rt_waitgroup_add(&yp.wg, 2);
    double t0 = sim_mono_ns();
    rt_go(yielder, &yp);
    rt_go(yielder, &yp);
    rt_waitgroup_wait(&yp.wg);
    yp.bc->value = (sim_mono_ns() - t0) / (double)(2 * yp.bc->n);
}

static ucontext_t uc_main, uc_co;
static volatile long long uc_left;

static void uc_partner(void)
{
    for (;;)
        swapcontext(&uc_co, &uc_main);
}

/* ucontext_switch_ns measures main <-> coroutine swapcontext: ns per switch. */
static double ucontext_switch_ns(long long n)
{
    size_t size = 64 * 1024;
    void *stack = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (stack == MAP_FAILED)
        return -1;
    getcontext(&uc_co);
    uc_co.uc_stack.ss_sp = stack;
    uc_co.uc_stack.ss_size = size;
    uc_co.uc_link = NULL;
    makecontext(&uc_co, uc_partner, 0);
    double t0 = sim_mono_ns();
    for (uc_left = n; uc_left > 0; uc_left--)
        swapcontext(&uc_main, &uc_co);
    double ns = (sim_mono_ns() - t0) / (double)(2 * n);
    munmap(stack, size);
    return ns;
}

/* ---------------------------------------------------------------- spawn */

enum { SPAWN_BATCH = 100 };

static void spawned(void *arg) { rt_waitgroup_done(arg); }

static void spawn_main(void *arg)
{
    bench_ctx *bc = arg;
    rt_waitgroup wg = {0};
    long long batches = bc->n / SPAWN_BATCH;
    double t0 = sim_mono_ns();
    for (long long b = 0; b < batches; b++) {
        rt_waitgroup_add(&wg, SPAWN_BATCH);
        for (int i = 0; i < SPAWN_BATCH; i++)
            rt_go(spawned, &wg);
        rt_waitgroup_wait(&wg);
    }
    bc->value = (sim_mono_ns() - t0) / (double)(batches * SPAWN_BATCH);
}

/* ---------------------------------------------------------------- chan */

typedef struct pingpong {
    bench_ctx *bc;
    rt_chan *ping, *pong;
} pingpong;

static void ponger(void *arg)
{
    pingpong *pp = arg;
    int64_t v;
    for (long long i = 0; i < pp->bc->n; i++) {
        rt_chan_recv(pp->ping, &v);
        rt_chan_send(pp->pong, &v);
    }
}

static void chan_main(void *arg)
{
    bench_ctx *bc = arg;
    pingpong pp = {bc, rt_chan_new(sizeof(int64_t), 0), rt_chan_new(sizeof(int64_t), 0)};
    rt_go(ponger, &pp);
    double t0 = sim_mono_ns();
    for (int64_t i = 0; i < bc->n; i++) {
        rt_chan_send(pp.ping, &i);
        rt_chan_recv(pp.pong, NULL);
    }
    bc->value = (sim_mono_ns() - t0) / (double)(2 * bc->n);
    rt_chan_free(pp.ping);
    rt_chan_free(pp.pong);
}

/* ---------------------------------------------------------------- driver */

typedef struct bench_def {
    const char *name;
    rt_func main;
    long long default_n;
    const char *key;       /* JSON key of our figure */
    const char *what;
    int needs;             /* NEEDS_* */
    int procs;             /* fixed GOMAXPROCS (0: --procs) */
    const char *unit;      /* "ns" (lower is better) or "MB/s" (higher is better) */
    const char *group;     /* a benchmark run and printed with others of its group, or NULL */
    const char *ratio_key; /* JSON key of ours / Go's */
} bench_def;

static const bench_def benches[] = {
    {"switch", switch_main, 2000000, "switch_ns", "goroutine switch (Gosched ping-pong)",
     NEEDS_RUNTIME, 0, "ns", NULL, "speedup"},
    {"spawn", spawn_main, 200000, "spawn_ns", "goroutine create + run + exit", NEEDS_RUNTIME,
     0, "ns", NULL, "ratio_vs_go"},
    {"chan", chan_main, 500000, "chan_ns", "unbuffered channel message (ping-pong)",
     NEEDS_RUNTIME, 0, "ns", NULL, "ratio_vs_go"},
    {"alloc", sim_bench_alloc_main, 5000000, "alloc_ns", "allocate a 32 B pointerful object",
     NEEDS_HEAP, 0, "ns", NULL, "ratio_vs_go"},
    {"mark", sim_bench_mark_main, 1000000, "mark_mb_per_s",
     "mark trees + lists, one worker (1 P)", NEEDS_HEAP, 1, "MB/s", NULL, "ratio_vs_go"},
    {"mapinsert_nohint", sim_bench_map_insert_nohint_main, 1000000, "insert_nohint_ns",
     "map[int64]int64 insert, no hint", NEEDS_MAPS, 0, "ns", "map", "ratio_vs_go_nohint"},
    {"mapinsert_hint", sim_bench_map_insert_hint_main, 1000000, "insert_hint_ns",
     "map[int64]int64 insert, hint n", NEEDS_MAPS, 0, "ns", "map", "ratio_vs_go_hint"},
    {"maplookup", sim_bench_map_lookup_main, 1000000, "lookup_ns",
     "map[int64]int64 lookup (present keys)", NEEDS_MAPS, 0, "ns", "map",
     "ratio_vs_go_lookup"},
};
#define NBENCH (sizeof benches / sizeof *benches)

static int procs_of(const bench_opts *o, const bench_def *b) { return b->procs ? b->procs : o->procs; }

static double median_runs(const bench_opts *o, const bench_def *b, long long n)
{
    double v[64];
    int runs = o->runs;
    for (int r = 0; r < runs; r++) {
        bench_ctx bc = {.n = n};
        if (!run_threads(procs_of(o, b), b->needs, b->main, &bc) || bc.value <= 0)
            return -1;
        v[r] = bc.value;
    }
    return sim_median(v, (size_t)runs);
}

typedef struct result {
    const bench_def *b;
    double ns, base_ns, ratio; /* base: swapcontext (switch) or Go; <0 if unavailable */
    double go_ns;              /* switch only: Go's, for reference; <0 if unavailable */
} result;

static result run_one(const bench_opts *o, const bench_def *b, sim_go_bench *gb)
{
    long long n = o->n ? o->n : b->default_n;
    result r = {b, median_runs(o, b, n), -1, -1, -1};
    if (!strcmp(b->name, "switch")) {
        double v[64];
        for (int i = 0; i < o->runs; i++)
            v[i] = ucontext_switch_ns(n / 4 > 0 ? n / 4 : 1);
        r.base_ns = sim_median(v, (size_t)o->runs);
        r.ratio = r.ns > 0 ? r.base_ns / r.ns : -1; /* speedup */
        if (gb)
            r.go_ns = sim_go_bench_run(gb, b->name, n, o->runs, o->procs);
    } else if (gb) {
        r.base_ns = sim_go_bench_run(gb, b->name, n, o->runs, procs_of(o, b));
        if (r.base_ns > 0) /* ratio_vs_go: ours / Go's, for times and rates alike */
            r.ratio = r.ns / r.base_ns;
    }
    return r;
}

static void print_json_fields(const result *r)
{
    printf("\"%s\": %.2f", r->b->key, r->ns);
    if (r->b->procs) /* this one always runs at its own GOMAXPROCS, whatever --procs says */
        printf(", \"bench_procs\": %d", r->b->procs);
    if (!strcmp(r->b->name, "switch")) {
        printf(", \"ucontext_switch_ns\": %.2f, \"speedup\": %.2f", r->base_ns, r->ratio);
        if (r->go_ns > 0)
            printf(", \"go_switch_ns\": %.2f", r->go_ns);
    } else if (r->base_ns > 0) {
        printf(", \"go_%s\": %.2f, \"%s\": %.3f", r->b->key, r->base_ns, r->b->ratio_key,
               r->ratio);
    }
}

/* group_figures: what a group derives from its members' figures (map: the slowdown of
   inserting without a hint, ours and Go's); res holds the group's results in table order */
static void group_figures(const result *res, size_t n, bool json)
{
    if (n < 2 || strcmp(res[0].b->group, "map") || strcmp(res[1].b->name, "mapinsert_hint"))
        return;
    double ours = res[0].ns / res[1].ns;
    double go = res[0].base_ns > 0 && res[1].base_ns > 0 ? res[0].base_ns / res[1].base_ns : -1;
    if (json) {
        printf(", \"slowdown_nohint\": %.3f", ours);
        if (go > 0)
            printf(", \"go_slowdown_nohint\": %.3f", go);
        return;
    }
    printf("%-8s %-40s %10.2f x  ", "map", "slowdown of no hint (no hint / hint)", ours);
    if (go > 0)
        printf("   Go 1.19     %8.2f x\n", go);
    else
        printf("   (Go not measured)\n");
}

static void print_row(const result *r)
{
    printf("%-8s %-40s %10.2f %-4s", r->b->name, r->b->what, r->ns, r->b->unit);
    if (!strcmp(r->b->name, "switch")) {
        printf("   swapcontext %8.2f ns   speedup %6.2fx", r->base_ns, r->ratio);
        if (r->go_ns > 0)
            printf("   (Go 1.19 %.2f ns)", r->go_ns);
        printf("\n");
    }
    else if (r->base_ns > 0)
        printf("   Go 1.19     %8.2f %-4s   ratio   %6.3f\n", r->base_ns, r->b->unit, r->ratio);
    else
        printf("   (Go not measured)\n");
}

static int bench_help(void)
{
    puts("usage: gorsim bench NAME [--json] [--runs N] [--procs N] [-n N] [--no-go]\n"
         "\n"
         "Micro-benchmarks of the runtime and the heap in the threads engine; each figure\n"
         "is the median of --runs runs (default 7), with a baseline measured in the same run.\n"
         "\n"
         "NAME:\n"
         "  switch  goroutine switch through the scheduler (two goroutines calling Gosched)\n"
         "          vs swapcontext: switch_ns, ucontext_switch_ns, speedup (ucontext / ours);\n"
         "          with go on PATH also go_switch_ns, for reference\n"
         "  spawn   goroutine create + run + exit, batches of 100 joined by a WaitGroup:\n"
         "          spawn_ns, and with go on PATH go_spawn_ns, ratio_vs_go (ours / Go's)\n"
         "  chan    unbuffered channel ping-pong, ns per message: chan_ns, go_chan_ns,\n"
         "          ratio_vs_go\n"
         "  alloc   allocation of a 32-byte object holding two pointers, stored to a global,\n"
         "          collector on (GOGC=100): alloc_ns, go_alloc_ns, ratio_vs_go (ours / Go's)\n"
         "  mark    mark throughput of one worker (always 1 P) on a binary tree and a linked\n"
         "          list of n 32-byte nodes each, during runtime.GC: mark_mb_per_s (heap shape\n"
         "          bytes per second of mark CPU), go_mark_mb_per_s (from Go's gctrace),\n"
         "          ratio_vs_go (ours / Go's: above 1 is faster)\n"
         "  map     Go 1.19's classic map, map[int64]int64, keys 0..n-1, after a runtime.GC:\n"
         "          make + n inserts without a hint (insert_nohint_ns) and with hint n\n"
         "          (insert_hint_ns), and n lookups of present keys (lookup_ns); Go's the same\n"
         "          (go_*), ratio_vs_go_nohint / _hint / _lookup (ours / Go's), and the cost of\n"
         "          no hint: slowdown_nohint (no hint / hint), go_slowdown_nohint. Its parts\n"
         "          also run alone: mapinsert_nohint, mapinsert_hint, maplookup\n"
         "  all     all of them; --json prints {\"switch\": {...}, \"spawn\": {...}, ...}\n"
         "  scenario [FILE]  the interpreter: `gorsim run FILE` (virtual engine) as a whole\n"
         "          process against the program built with Go (default bench/scenario/\n"
         "          mapinsert.go, 10^6 map inserts): scenario_ms, go_ms, ratio_vs_go; see\n"
         "          gorsim bench scenario --help\n"
         "\n"
         "options:\n"
         "  --json      print one JSON object instead of a table\n"
         "  --runs N    runs per figure, 1..64 (default 7)\n"
         "  --procs N   GOMAXPROCS for gorsim and Go, 1..256 (default 1)\n"
         "  -n N        operations per run (default: switch 2000000, spawn 200000, chan 500000,\n"
         "              alloc 5000000, map 1000000; mark: nodes per tree and per list,\n"
         "              1000000)\n"
         "  --no-go     do not build or run the Go 1.19 comparison\n"
         "\n"
         "The Go programs are in bench/go/ (installed under the package data directory);\n"
         "GORSIM_GO_BENCH_DIR overrides where they are looked for.");
    return 0;
}

static int parse_bench_opts(int argc, char **argv, bench_opts *o, const char **name)
{
    *o = (bench_opts){.runs = 7, .procs = 1};
    *name = NULL;
    for (int i = 1; i < argc; i++) {
        bool missing;
        const char *v;
        long long x;
        if (!strcmp(argv[i], "--json"))
            o->json = true;
        else if (!strcmp(argv[i], "--no-go"))
            o->no_go = true;
        else if ((v = sim_option(argc, argv, &i, "--runs", &missing)) || missing) {
            if (missing || !sim_parse_int(v, 1, 64, &x))
                return sim_usage_error("bench", "--runs takes an integer from 1 to 64");
            o->runs = (int)x;
        } else if ((v = sim_option(argc, argv, &i, "--procs", &missing)) || missing) {
            if (missing || !sim_parse_int(v, 1, RT_MAX_PROCS, &x))
                return sim_usage_error("bench", "--procs takes an integer from 1 to %d",
                                       RT_MAX_PROCS);
            o->procs = (int)x;
        } else if ((v = sim_option(argc, argv, &i, "-n", &missing)) || missing) {
            if (missing || !sim_parse_int(v, 100, 1000000000LL, &x))
                return sim_usage_error("bench", "-n takes an integer from 100 to 1000000000");
            o->n = x;
        } else if (argv[i][0] == '-')
            return sim_usage_error("bench", "unknown option '%s'", argv[i]);
        else if (*name)
            return sim_usage_error("bench", "one benchmark name expected, got '%s' too", argv[i]);
        else
            *name = argv[i];
    }
    if (!*name)
        return sim_usage_error("bench",
                               "missing benchmark name (" BENCH_NAMES ")");
    return 0;
}

/* selects: whether the name given on the command line runs b (its own name or its group's) */
static bool selects(const bench_def *b, const char *name)
{
    return !strcmp(b->name, name) || (b->group && !strcmp(b->group, name));
}

static const char *bench_label(const bench_def *b) { return b->group ? b->group : b->name; }

/* group_len: how many results from res on belong to res[0]'s group (1 if none) */
static size_t group_len(const result *res, size_t n)
{
    size_t len = 1;
    while (res[0].b->group && len < n && res[len].b->group &&
           !strcmp(res[len].b->group, res[0].b->group))
        len++;
    return len;
}

int sim_cmd_bench(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "scenario"))
        return sim_bench_scenario(argc, argv);
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return bench_help();
    bench_opts o;
    const char *name;
    if (parse_bench_opts(argc, argv, &o, &name))
        return 1;
    bool all = !strcmp(name, "all");
    size_t nb = NBENCH, first = 0, count = nb;
    if (!all) {
        for (first = 0; first < nb && !selects(&benches[first], name); first++)
            ;
        if (first == nb)
            return sim_usage_error("bench", "unknown benchmark '%s' (" BENCH_NAMES ")", name);
        for (count = 1; first + count < nb && selects(&benches[first + count], name); count++)
            ;
    }
    const char *why = "--no-go";
    sim_go_bench *gb = o.no_go ? NULL : sim_go_bench_open(&why);
    result res[NBENCH];
    for (size_t k = 0; k < count; k++)
        res[k] = run_one(&o, &benches[first + k], gb);
    for (size_t k = 0; k < count; k++)
        if (res[k].ns < 0) {
            fprintf(stderr, "gorsim bench: the %s benchmark failed\n", res[k].b->name);
            sim_go_bench_close(gb);
            return 2;
        }
    if (o.json) {
        printf("{");
        for (size_t k = 0, len; k < count; k += len) {
            len = group_len(res + k, count - k);
            if (all)
                printf("%s\"%s\": {", k ? ", " : "", bench_label(res[k].b));
            for (size_t j = k; j < k + len; j++) {
                printf(j > k ? ", " : "");
                print_json_fields(&res[j]);
            }
            if (res[k].b->group)
                group_figures(res + k, len, true);
            if (all)
                printf("}");
        }
        printf(", \"engine\": \"threads\", \"procs\": %d, \"runs\": %d, \"go\": ", o.procs,
               o.runs);
        if (gb)
            printf("\"%s\"}\n", sim_go_version(gb));
        else
            printf("null}\n");
    } else {
        printf("gorsim %s, threads engine, %d P, median of %d runs; Go: %s\n", rt_version(),
               o.procs, o.runs, gb ? sim_go_version(gb) : why);
        for (size_t k = 0, len; k < count; k += len) {
            len = group_len(res + k, count - k);
            for (size_t j = k; j < k + len; j++)
                print_row(&res[j]);
            if (res[k].b->group)
                group_figures(res + k, len, false);
        }
    }
    sim_go_bench_close(gb);
    return 0;
}
