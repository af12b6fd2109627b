/*
 * main.c — the gorsim command: dispatch to subcommands.
 */
#include "config.h"
#include "sim/cli.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: gorsim <command> [arguments]\n"
    "\n"
    "gorsim is a miniature Go-like runtime for studying how Go's scheduler, garbage\n"
    "collector and maps interact.\n"
    "\n"
    "commands:\n"
    "  bench NAME   measure against swapcontext and Go 1.19 (switch, spawn, chan, alloc, mark, map, all)\n"
    "  run FILE     run a scenario (a Go program) on the simulated runtime\n"
    "  check FILE   parse and type-check a scenario\n"
    "  demo NAME    run a built-in demonstration (preempt, gc)\n"
    "  costs        list the cost model of the virtual engine\n"
    "  version      print the version and build configuration\n"
    "  help         print this help\n"
    "\n"
    "Run 'gorsim <command> --help' for the options of a command.\n";

int sim_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "gorsim %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nRun 'gorsim %s --help' for usage.\n", cmd);
    return 1;
}

bool sim_parse_int(const char *s, long long lo, long long hi, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || errno || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

const char *sim_option(int argc, char **argv, int *i, const char *name, bool *missing)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    *missing = false;
    if (strncmp(a, name, n) != 0)
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (a[n] != 0)
        return NULL;
    if (*i + 1 >= argc) {
        *missing = true;
        return NULL;
    }
    return argv[++*i];
}

static int cmd_version(void)
{
    printf("gorsim %s\n", rt_version());
    printf("context switch: %s\n", rt_ctx_backend());
    printf("debug level: %d\n", GORSIM_DEBUG);
#if GORSIM_ASAN
    printf("sanitizers: address,undefined\n");
#elif GORSIM_TSAN
    printf("sanitizers: thread\n");
#endif
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return 1;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        fputs(usage, stdout);
        return 0;
    }
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version"))
        return cmd_version();
    if (!strcmp(cmd, "bench"))
        return sim_cmd_bench(argc - 1, argv + 1);
    if (!strcmp(cmd, "demo"))
        return sim_cmd_demo(argc - 1, argv + 1);
    if (!strcmp(cmd, "run"))
        return sim_cmd_run(argc - 1, argv + 1);
    if (!strcmp(cmd, "check"))
        return sim_cmd_check(argc - 1, argv + 1);
    if (!strcmp(cmd, "costs"))
        return sim_cmd_costs(argc - 1, argv + 1);
    fprintf(stderr, "gorsim: unknown command '%s'\n\n%s", cmd, usage);
    return 1;
}
