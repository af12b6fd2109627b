/*
 * demo.h — what the demos share: their options and the cost model they run with
 * (demo.c parses and dispatches; demo_gc.c is the collector's demo).
 */
#ifndef GORSIM_SIM_DEMO_H
#define GORSIM_SIM_DEMO_H

#include "gorsim.h"

typedef struct demo_opts {
    int procs;               /* 0: the demo's default */
    uint64_t seed;
    rt_engine_kind engine;
    const char *cost_file;
    /* demo gc only */
    gc_barrier barrier;
    int gogc;
    bool checkmark;
    bool gc_options;         /* one of them was given */
} demo_opts;

/* sim_demo_gc runs `gorsim demo gc` with cost model cm; returns the exit status. */
int sim_demo_gc(const demo_opts *o, rt_cost_model *cm);

#endif
