/*
 * bench_scenario.c — `gorsim bench scenario`: the interpreter's speed against Go on the
 * same program. A scenario (by default bench/scenario/mapinsert.go: 10^6 map inserts) is
 * run as a whole process — `gorsim run FILE` in the virtual engine (parse, check,
 * compile, run) — and, when go is on PATH, built once with Go and its binary run the
 * same number of times. Figures are medians of whole-process wall times; ratio_vs_go is
 * ours / Go's.
 */
#include "config.h"
#include "sim/cli.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* run_ns: the wall time of argv as a process (output discarded), or -1 */
static int64_t run_ns(char *const argv[])
{
    int64_t t0 = now_ns();
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
        }
        execv(argv[0], argv);
        _exit(127);
    }
    int st;
    if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
        return -1;
    return now_ns() - t0;
}

static int cmp64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int64_t median(char *const argv[], int runs)
{
    int64_t v[64];
    for (int i = 0; i < runs; i++)
        if ((v[i] = run_ns(argv)) < 0)
            return -1;
    qsort(v, (size_t)runs, sizeof *v, cmp64);
    return v[runs / 2];
}

static bool exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

/* go_build: the scenario built with Go (package sim from scenarios/gosim) into tmp */
static bool go_build(const char *file, const char *tmp, char *exe, size_t len, char *ver,
                     size_t vlen)
{
    const char *gosim = GORSIM_SRCDIR "/scenarios/gosim";
    if (!exists(gosim))
        return false;
    char cmd[8192];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && printf 'module scenario\\ngo 1.19\\nrequire sim v0.0.0\\nreplace sim => %s\\n'"
             " > go.mod && cp '%s' main.go && GOFLAGS=-mod=mod GOPROXY=off go build -o prog . "
             ">build.log 2>&1",
             tmp, gosim, file);
    if (system(cmd) != 0)
        return false;
    snprintf(exe, len, "%s/prog", tmp);
    FILE *f = popen("go env GOVERSION 2>&1", "r");
    ver[0] = 0;
    if (f) {
        if (fgets(ver, (int)vlen, f))
            ver[strcspn(ver, "\n")] = 0;
        pclose(f);
    }
    return exists(exe);
}

static const char usage[] =
    "usage: gorsim bench scenario [FILE] [--runs N] [--json] [--no-go]\n"
    "\n"
    "Time `gorsim run FILE` (virtual engine) as a whole process against the same program\n"
    "built with Go, median of N runs each (default 5). FILE defaults to\n"
    "bench/scenario/mapinsert.go (10^6 map inserts). JSON keys: scenario_ms, go_ms,\n"
    "ratio_vs_go (ours / Go's).\n";

int sim_bench_scenario(int argc, char **argv)
{
    const char *file = NULL;
    long long runs = 5;
    bool json = false, no_go = false;
    for (int i = 2; i < argc; i++) {
        bool missing;
        const char *v;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(usage, stdout);
            return 0;
        } else if (!strcmp(argv[i], "--json")) {
            json = true;
        } else if (!strcmp(argv[i], "--no-go")) {
            no_go = true;
        } else if ((v = sim_option(argc, argv, &i, "--runs", &missing)) || missing) {
            if (missing || !sim_parse_int(v, 1, 63, &runs))
                return sim_usage_error("bench", "--runs takes 1 to 63");
        } else if (argv[i][0] == '-') {
            return sim_usage_error("bench", "unknown option '%s'", argv[i]);
        } else {
            file = argv[i];
        }
    }
    static char deffile[4096];
    if (!file) {
        snprintf(deffile, sizeof deffile, "%s/bench/scenario/mapinsert.go", GORSIM_SRCDIR);
        if (!exists(deffile))
            snprintf(deffile, sizeof deffile, "%s/bench/scenario/mapinsert.go", GORSIM_DATADIR);
        file = deffile;
    }
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return sim_usage_error("bench", "cannot find the gorsim executable");
    self[n] = 0;
    char *ours[] = {self, "run", (char *)file, NULL};
    int64_t us = median(ours, (int)runs);
    if (us < 0) {
        fprintf(stderr, "gorsim bench: `gorsim run %s` failed\n", file);
        return 2;
    }
    char tmp[] = "/tmp/gorsim-bench-XXXXXX", exe[4200], ver[128] = "";
    int64_t them = -1;
    const char *why = no_go ? "--no-go" : "go is not on PATH or the build failed";
    if (!no_go && mkdtemp(tmp) && go_build(file, tmp, exe, sizeof exe, ver, sizeof ver)) {
        char *go[] = {exe, NULL};
        them = median(go, (int)runs);
    }
    if (!no_go) {
        char rm[4200];
        snprintf(rm, sizeof rm, "rm -rf '%s'", tmp);
        if (system(rm) != 0)
            fprintf(stderr, "gorsim bench: could not remove %s\n", tmp);
    }
    double ms = (double)us / 1e6, gms = (double)them / 1e6;
    if (json) {
        printf("{\"scenario\": \"%s\", \"scenario_ms\": %.2f, ", file, ms);
        if (them > 0)
            printf("\"go_ms\": %.2f, \"ratio_vs_go\": %.3f, \"go\": \"%s\"", gms, ms / gms, ver);
        else
            printf("\"go_ms\": null, \"ratio_vs_go\": null, \"go\": null");
        printf(", \"engine\": \"virtual\", \"runs\": %lld}\n", runs);
    } else {
        printf("gorsim run %s (virtual engine, whole process): %.2f ms, median of %lld\n", file,
               ms, runs);
        if (them > 0)
            printf("the same program built with %s: %.2f ms\nratio_vs_go %.3f\n", ver, gms,
                   ms / gms);
        else
            printf("Go: %s\n", why);
    }
    return 0;
}
