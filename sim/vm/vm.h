/*
 * vm.h — the scenario interpreter as sim/ uses it: compile a checked program (lang.h) to
 * the interpreter's code, then run it on the runtime as Go would run it: each goroutine
 * of the scenario a runtime goroutine, its frames precise roots, its allocations on the
 * simulated heap, its maps the classic map.
 */
#ifndef GORSIM_SIM_VM_VM_H
#define GORSIM_SIM_VM_VM_H

#include "gorsim.h"
#include "sim/lang/lang.h"

typedef struct vm_program vm_program;

/* vm_compile turns a checked program into code; NULL with errors in d (constructs the
   interpreter does not support yet are reported as errors at their position). */
vm_program *vm_compile(sc_program *p, sc_diags *d);

typedef struct vm_param_value {
    const char *name;
    int64_t value;
} vm_param_value;

typedef struct vm_run_options {
    rt_config rt;              /* engine, procs, seed, costs ... */
    gc_config gc;              /* barrier, gogc, memlimit, gctrace, checkmark, stress */
    const vm_param_value *params; /* overrides of sim.Param defaults */
    int nparams;
} vm_run_options;

/* vm_register_costs adds the interpreter's cost-model entries (idempotent). */
bool vm_register_costs(rt_cost_model *cm);

/* vm_run runs the program's main; returns the process exit status Go would have: 0 when
   main returns, 2 after a panic or a fatal error (their messages on stderr). */
int vm_run(vm_program *p, const vm_run_options *o);

#endif
