/*
 * bench_go.c — the Go side of `gorsim bench`: builds bench/go (a Go module with one program)
 * into a temporary directory once per invocation and runs its benchmarks with the same
 * sizes, runs and GOMAXPROCS as ours. Without `go` on PATH the comparison is skipped and
 * the reason is reported, never invented.
 */
#include "config.h"
#include "sim/cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct sim_go_bench {
    char dir[4096];       /* Go sources */
    char tmp[4096];       /* temporary build directory */
    char exe[4200];
    char version[256];
};

static bool is_dir_with_main(const char *dir)
{
    char path[4200];
    struct stat st;
    snprintf(path, sizeof path, "%s/main.go", dir);
    return stat(path, &st) == 0;
}

static bool find_sources(char *out, size_t len)
{
    const char *env = getenv("GORSIM_GO_BENCH_DIR");
    const char *cands[] = {env, GORSIM_SRCDIR "/bench/go", GORSIM_DATADIR "/bench/go"};
    for (size_t i = 0; i < sizeof cands / sizeof *cands; i++)
        if (cands[i] && is_dir_with_main(cands[i])) {
            snprintf(out, len, "%s", cands[i]);
            return true;
        }
    return false;
}

/* run_capture runs a shell command and keeps the first line of its output. */
static int run_capture(const char *cmd, char *line, size_t len)
{
    FILE *f = popen(cmd, "r");
    if (!f)
        return -1;
    line[0] = 0;
    if (fgets(line, (int)len, f)) {
        line[strcspn(line, "\n")] = 0;
        char sink[256];
        while (fgets(sink, sizeof sink, f))
            ;
    }
    return pclose(f);
}

sim_go_bench *sim_go_bench_open(const char **why)
{
    char line[256];
    if (run_capture("go env GOVERSION 2>/dev/null", line, sizeof line) != 0 || !line[0]) {
        *why = "go not found on PATH";
        return NULL;
    }
    sim_go_bench *gb = calloc(1, sizeof *gb);
    if (!gb)
        return NULL;
    snprintf(gb->version, sizeof gb->version, "%s", line);
    if (!find_sources(gb->dir, sizeof gb->dir)) {
        *why = "bench/go sources not found (set GORSIM_GO_BENCH_DIR)";
        free(gb);
        return NULL;
    }
    const char *t = getenv("TMPDIR");
    snprintf(gb->tmp, sizeof gb->tmp, "%s/gorsim-gobench-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(gb->tmp)) {
        *why = "cannot create a temporary directory";
        free(gb);
        return NULL;
    }
    snprintf(gb->exe, sizeof gb->exe, "%s/gobench", gb->tmp);
    char cmd[12000];
    snprintf(cmd, sizeof cmd, "cd '%s' && go build -o '%s' . 2>&1", gb->dir, gb->exe);
    if (run_capture(cmd, line, sizeof line) != 0) {
        fprintf(stderr, "gorsim bench: go build failed: %s\n", line);
        *why = "go build of bench/go failed";
        sim_go_bench_close(gb);
        return NULL;
    }
    return gb;
}

double sim_go_bench_run(sim_go_bench *gb, const char *name, long long n, int runs, int procs)
{
    char cmd[8400], line[256];
    snprintf(cmd, sizeof cmd, "GOMAXPROCS=%d '%s' -bench %s -n %lld -runs %d", procs, gb->exe,
             name, n, runs);
    double v; /* "median_ns X" or "median_mb_per_s X" */
    if (run_capture(cmd, line, sizeof line) != 0 || sscanf(line, "median_%*s %lf", &v) != 1)
        return -1;
    return v;
}

const char *sim_go_version(sim_go_bench *gb) { return gb->version; }

void sim_go_bench_close(sim_go_bench *gb)
{
    if (!gb)
        return;
    unlink(gb->exe);
    rmdir(gb->tmp);
    free(gb);
}
