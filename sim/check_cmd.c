/*
 * check_cmd.c — `gorsim check FILE`: parse and type-check a scenario without running it.
 * Exit status 0 when it is a valid scenario, 1 with every error printed otherwise.
 */
#include "sim/cli.h"
#include "sim/lang/lang.h"
#include <stdio.h>
#include <string.h>

static const char check_usage[] =
    "usage: gorsim check FILE\n"
    "\n"
    "Parse and type-check the scenario FILE (\"-\" reads standard input) without running\n"
    "it. Every error is printed as file:line:col: message, with the source line and a\n"
    "caret under the column. Exit status: 0 valid, 1 errors (or bad usage).\n";

/* sim_load_checked loads, parses and checks path; NULL after printing the errors */
sc_program *sim_load_checked(const char *cmd, const char *path)
{
    sc_source *src = sc_alloc(sizeof *src);
    char err[512];
    if (!sc_load(path, src, err, sizeof err)) {
        fprintf(stderr, "gorsim %s: %s\n", cmd, err);
        return NULL;
    }
    sc_diags d;
    sc_diags_init(&d, src);
    sc_file *f = sc_parse(src, &d);
    sc_program *p = sc_failed(&d) ? NULL : sc_check(f, &d);
    if (!p) {
        sc_diags_print(&d, stderr);
        return NULL;
    }
    return p;
}

int sim_cmd_check(int argc, char **argv)
{
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(check_usage, stdout);
            return 0;
        }
        if (argv[i][0] == '-' && argv[i][1])
            return sim_usage_error("check", "unknown option '%s'", argv[i]);
        if (file)
            return sim_usage_error("check", "one scenario file at a time ('%s' and '%s')", file,
                                   argv[i]);
        file = argv[i];
    }
    if (!file)
        return sim_usage_error("check", "no scenario file");
    sc_host_init();
    return sim_load_checked("check", file) ? 0 : 1;
}
