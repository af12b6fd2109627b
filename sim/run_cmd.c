/*
 * run_cmd.c — `gorsim run FILE`: load, check and compile a scenario, then run it on the
 * simulated runtime. Settings come from the defaults, then the scenario's //gorsim:
 * directive line, then the command line (each overriding the one before); sim.Param
 * values from -p name=value (a name the scenario does not declare is an error).
 */
#include "config.h"
#include "sim/cli.h"
#include "sim/vm/vm.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char run_usage[] =
    "usage: gorsim run FILE [-p name=value]... [options]\n"
    "\n"
    "Run the scenario FILE (a Go program, see SCENARIO-LANGUAGE.md) on the simulated\n"
    "runtime. Its output goes to stdout; panics, fatal errors and gctrace lines to stderr.\n"
    "Exit status: 0 when main returns, 1 for a scenario that does not check or bad usage,\n"
    "2 after a panic or a fatal error (Go's).\n"
    "\n"
    "options (they override the scenario's //gorsim: line, which overrides the defaults):\n"
    "  -p name=value        set the sim.Param named name (an integer)\n"
    "  --seed N             the run's seed (default 1): the virtual engine's schedule,\n"
    "                       map seeds and math/rand come from it\n"
    "  --procs N            GOMAXPROCS (default 1)\n"
    "  --engine E           virtual (default: deterministic, virtual time) or threads\n"
    "  --gogc N|off         GOGC (default 100)\n"
    "  --memlimit SIZE      GOMEMLIMIT: bytes, or with a KiB, MiB or GiB suffix\n"
    "  --barrier B          hybrid (default, Go's), dijkstra, yuasa or none\n"
    "  --map classic        the map implementation (classic: Go 1.19's hmap)\n"
    "  --gctrace            one line per GC cycle on stderr (Go's gctrace=1 format)\n"
    "  --checkmark          verify every mark phase with a stop-the-world re-mark\n"
    "  --stress N           start a GC cycle every N allocations\n"
    "  --cost-model FILE    override cost-model entries (see gorsim costs)\n"
    "\n"
    "The directive line, before `package`, takes the same settings as name=value words:\n"
    "  //gorsim: procs=4 gogc=100 engine=virtual seed=7 barrier=hybrid gctrace=1\n";

typedef struct run_opts {
    vm_run_options vm;
    const char *cost_file;
    vm_param_value *params;
    int nparams;
} run_opts;

/* ---------------------------------------------------------------- settings */

static bool parse_size(const char *s, int64_t *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (end == s || errno || v < 0)
        return false;
    int64_t mul = 1;
    if (!strcmp(end, "KiB"))
        mul = 1024;
    else if (!strcmp(end, "MiB"))
        mul = 1024 * 1024;
    else if (!strcmp(end, "GiB"))
        mul = 1024 * 1024 * 1024;
    else if (*end && strcmp(end, "B"))
        return false;
    if (v > INT64_MAX / mul)
        return false;
    *out = v * mul;
    return true;
}

/* set: one setting name=value; NULL when fine, else what is wrong */
static const char *set(run_opts *o, const char *name, const char *v)
{
    long long n;
    if (!strcmp(name, "procs"))
        return sim_parse_int(v, 1, RT_MAX_PROCS, &n) ? (o->vm.rt.nprocs = (int)n, NULL)
                                                      : "procs takes 1 to the maximum of Ps";
    if (!strcmp(name, "seed"))
        return sim_parse_int(v, 0, INT64_MAX, &n) ? (o->vm.rt.seed = (uint64_t)n, NULL)
                                                   : "seed takes a non-negative integer";
    if (!strcmp(name, "engine")) {
        if (!strcmp(v, "virtual"))
            o->vm.rt.engine = RT_ENGINE_VIRTUAL;
        else if (!strcmp(v, "threads"))
            o->vm.rt.engine = RT_ENGINE_THREADS;
        else
            return "engine takes virtual or threads";
        return NULL;
    }
    if (!strcmp(name, "gogc")) {
        if (!strcmp(v, "off")) {
            o->vm.gc.gogc = GC_GOGC_OFF;
            return NULL;
        }
        return sim_parse_int(v, 0, 1000000, &n) ? (o->vm.gc.gogc = (int)n, NULL)
                                                 : "gogc takes a percentage or off";
    }
    if (!strcmp(name, "memlimit")) {
        int64_t b;
        return parse_size(v, &b) ? (o->vm.gc.memory_limit = b, NULL)
                                 : "memlimit takes a size (bytes, KiB, MiB, GiB)";
    }
    if (!strcmp(name, "barrier")) {
        static const struct { const char *n; gc_barrier b; } bs[] = {
            {"hybrid", GC_BARRIER_HYBRID}, {"dijkstra", GC_BARRIER_DIJKSTRA},
            {"yuasa", GC_BARRIER_YUASA}, {"none", GC_BARRIER_NONE}};
        for (size_t i = 0; i < sizeof bs / sizeof *bs; i++)
            if (!strcmp(v, bs[i].n)) {
                o->vm.gc.barrier = bs[i].b;
                return NULL;
            }
        return "barrier takes hybrid, dijkstra, yuasa or none";
    }
    if (!strcmp(name, "map"))
        return strcmp(v, "classic") ? "map takes classic (the only map implementation yet)" : NULL;
    if (!strcmp(name, "gctrace"))
        return sim_parse_int(v, 0, 1, &n) ? (o->vm.gc.gctrace = (int)n, NULL)
                                           : "gctrace takes 0 or 1";
    if (!strcmp(name, "checkmark"))
        return sim_parse_int(v, 0, 1, &n) ? (o->vm.gc.checkmark = n, NULL)
                                           : "checkmark takes 0 or 1";
    if (!strcmp(name, "stress"))
        return sim_parse_int(v, 0, INT64_MAX, &n) ? (o->vm.gc.stress_every = (uint64_t)n, NULL)
                                                   : "stress takes a number of allocations";
    return "unknown setting (procs, seed, engine, gogc, memlimit, barrier, map, gctrace, "
           "checkmark, stress)";
}

/* directive: the //gorsim: line before package; errors as file:line:col */
static bool directive(run_opts *o, const sc_source *src)
{
    static const char tag[] = "//gorsim:";
    const char *p = src->text, *end = p + src->len;
    bool ok = true;
    for (int line = 1; p < end; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        if ((size_t)(e - p) >= sizeof tag - 1 && !memcmp(p, tag, sizeof tag - 1) &&
            strncmp(p, "//gorsim:extern", 15)) {
            for (const char *w = p + sizeof tag - 1; w < e;) {
                while (w < e && (*w == ' ' || *w == '\t' || *w == '\r'))
                    w++;
                const char *we = w;
                while (we < e && *we != ' ' && *we != '\t' && *we != '\r')
                    we++;
                if (we == w)
                    break;
                char word[256];
                snprintf(word, sizeof word, "%.*s", (int)(we - w), w);
                char *eq = strchr(word, '=');
                const char *why = eq ? (*eq = 0, set(o, word, eq + 1)) : "settings are name=value";
                if (why) {
                    fprintf(stderr, "%s:%d:%d: %s: %s\n", src->name, line, (int)(w - p) + 1,
                            eq ? word : word, why);
                    ok = false;
                }
                w = we;
            }
        }
        if (e - p >= 7 && !memcmp(p, "package", 7))
            break; /* the directive comes before package */
        p = nl ? nl + 1 : end;
    }
    return ok;
}

/* ---------------------------------------------------------------- the command */

static int usage_or_value(const char *what) { return sim_usage_error("run", "%s", what); }

static int parse_args(int argc, char **argv, run_opts *o, const char **file, run_opts *cli,
                      bool *cli_set, int nflags)
{
    (void)nflags;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        bool missing;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(run_usage, stdout);
            return -1;
        }
        if (!strcmp(a, "-p")) {
            if (i + 1 >= argc)
                return usage_or_value("-p takes name=value");
            const char *kv = argv[++i];
            const char *eq = strchr(kv, '=');
            long long n;
            if (!eq || eq == kv || !sim_parse_int(eq + 1, INT64_MIN, INT64_MAX, &n))
                return sim_usage_error("run", "-p %s: want name=integer", kv);
            o->params = realloc(o->params, (size_t)(o->nparams + 1) * sizeof *o->params);
            o->params[o->nparams++] = (vm_param_value){strndup(kv, (size_t)(eq - kv)), n};
            continue;
        }
        static const char *const flags[] = {"--seed", "--procs", "--engine", "--gogc",
                                            "--memlimit", "--barrier", "--map", "--stress",
                                            "--cost-model"};
        bool matched = false;
        for (size_t f = 0; f < sizeof flags / sizeof *flags && !matched; f++) {
            if (!(v = sim_option(argc, argv, &i, flags[f], &missing)) && !missing)
                continue;
            matched = true;
            if (missing)
                return sim_usage_error("run", "%s needs a value", flags[f]);
            if (!strcmp(flags[f], "--cost-model")) {
                o->cost_file = v;
                continue;
            }
            const char *why = set(cli, flags[f] + 2, v);
            if (why)
                return sim_usage_error("run", "%s %s: %s", flags[f], v, why);
            cli_set[f] = true;
        }
        if (matched)
            continue;
        if (!strcmp(a, "--gctrace")) {
            cli->vm.gc.gctrace = 1;
            cli_set[9] = true;
        } else if (!strcmp(a, "--checkmark")) {
            cli->vm.gc.checkmark = true;
            cli_set[10] = true;
        } else if (a[0] == '-' && a[1]) {
            return sim_usage_error("run", "unknown option '%s'", a);
        } else if (*file) {
            return sim_usage_error("run", "one scenario file at a time ('%s' and '%s')", *file, a);
        } else {
            *file = a;
        }
    }
    if (!*file)
        return sim_usage_error("run", "no scenario file");
    return 0;
}

/* apply: the command line's settings over the directive's */
static void apply(run_opts *o, const run_opts *cli, const bool *set_)
{
    if (set_[0]) o->vm.rt.seed = cli->vm.rt.seed;
    if (set_[1]) o->vm.rt.nprocs = cli->vm.rt.nprocs;
    if (set_[2]) o->vm.rt.engine = cli->vm.rt.engine;
    if (set_[3]) o->vm.gc.gogc = cli->vm.gc.gogc;
    if (set_[4]) o->vm.gc.memory_limit = cli->vm.gc.memory_limit;
    if (set_[5]) o->vm.gc.barrier = cli->vm.gc.barrier;
    if (set_[7]) o->vm.gc.stress_every = cli->vm.gc.stress_every;
    if (set_[9]) o->vm.gc.gctrace = 1;
    if (set_[10]) o->vm.gc.checkmark = true;
}

static void defaults(run_opts *o)
{
    rt_config_init(&o->vm.rt);
    gc_config_init(&o->vm.gc);
    o->vm.rt.seed = 1;
    o->vm.rt.nprocs = 1;
}

static bool check_params(const run_opts *o, const sc_program *p)
{
    bool ok = true;
    for (int i = 0; i < o->nparams; i++) {
        bool found = false;
        for (int k = 0; k < p->nparams; k++)
            found |= !strcmp(p->params[k].name, o->params[i].name);
        if (!found) {
            fprintf(stderr, "%s: -p %s: the scenario declares no sim.Param(\"%s\", ...)%s\n",
                    p->file->src->name, o->params[i].name, o->params[i].name,
                    p->nparams ? "" : " (it declares no parameters)");
            ok = false;
        }
    }
    return ok;
}

int sim_cmd_run(int argc, char **argv)
{
    run_opts o = {0}, cli = {0};
    bool cli_set[12] = {false};
    const char *file = NULL;
    defaults(&o);
    defaults(&cli);
    int rc = parse_args(argc, argv, &o, &file, &cli, cli_set, 12);
    if (rc)
        return rc < 0 ? 0 : rc;
    sc_host_init();
    sc_program *prog = sim_load_checked("run", file);
    if (!prog)
        return 1;
    if (!directive(&o, prog->file->src) || !check_params(&o, prog))
        return 1;
    apply(&o, &cli, cli_set);
    sc_diags d;
    sc_diags_init(&d, prog->file->src);
    vm_program *vp = vm_compile(prog, &d);
    if (!vp) {
        sc_diags_print(&d, stderr);
        return 1;
    }
    rt_cost_model *cm = rt_cost_model_new();
    char err[256];
    if (!cm || !gc_register_costs(cm) || !map_register_costs(cm) || !vm_register_costs(cm)) {
        fprintf(stderr, "gorsim run: out of memory\n");
        return 3;
    }
    if (o.cost_file && rt_cost_model_load(cm, o.cost_file, err, sizeof err) != RT_OK) {
        fprintf(stderr, "gorsim run: %s\n", err);
        return 1;
    }
    o.vm.rt.costs = cm;
    sc_host_freeze();
    o.vm.params = o.params;
    o.vm.nparams = o.nparams;
    return vm_run(vp, &o.vm);
}
