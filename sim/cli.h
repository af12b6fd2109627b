/*
 * cli.h — the gorsim command line: one function per subcommand, and the small helpers they
 * share (option parsing, errors). Subcommands return the process exit status: 0 success,
 * 1 bad usage or input, 2 a fatal error of the simulated program.
 */
#ifndef GORSIM_SIM_CLI_H
#define GORSIM_SIM_CLI_H

#include "runtime/rt.h"
#include <stdbool.h>
#include <stdint.h>

int sim_cmd_bench(int argc, char **argv);
int sim_cmd_demo(int argc, char **argv);
int sim_cmd_costs(int argc, char **argv);
int sim_cmd_check(int argc, char **argv);
int sim_cmd_run(int argc, char **argv);
int sim_bench_scenario(int argc, char **argv); /* gorsim bench scenario */

struct sc_program;
/* sim_load_checked loads, parses and type-checks a scenario; NULL after printing every
   error (file:line:col: message, source line, caret). */
struct sc_program *sim_load_checked(const char *cmd, const char *path);

/* sim_usage_error prints "gorsim CMD: msg" and a hint to stderr; returns 1. */
int sim_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* sim_parse_int parses a whole decimal integer in [lo, hi]; reports success. */
bool sim_parse_int(const char *s, long long lo, long long hi, long long *out);
/* sim_option returns the value of --name=V or --name V at argv[*i] (advancing *i), or NULL
   when argv[*i] is not that option. *missing is set when the value is absent. */
const char *sim_option(int argc, char **argv, int *i, const char *name, bool *missing);

/* Go-side benchmarks (bench_go.c). */
typedef struct sim_go_bench sim_go_bench;
/* sim_go_bench_open builds the Go benchmark program; NULL (and *why) when go is missing. */
sim_go_bench *sim_go_bench_open(const char **why);
/* sim_go_bench_run runs benchmark name and returns its median figure (ns per op, or MB/s
   for mark), or < 0. */
double sim_go_bench_run(sim_go_bench *gb, const char *name, long long n, int runs, int procs);
void sim_go_bench_close(sim_go_bench *gb);
const char *sim_go_version(sim_go_bench *gb);

#endif
