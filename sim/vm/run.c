/*
 * run.c — running a compiled program: the runtime, the heap and the map context of the
 * run, package variables registered as the collector's global roots, the maps' types
 * made for this run's hash key, and main's goroutine running the package initializer
 * (variables, init functions) and main. A panic nobody recovers ends the process with
 * status 2 (thread.c); main returning ends the run.
 */
#include "sim/vm/ops.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

vm_program *vm_current_program; /* the running program (one run per process) */

static pthread_mutex_t rng_lock = PTHREAD_MUTEX_INITIALIZER;
static rt_rng rand_rng;

rt_rng *vm_program_rng(vm_program *p)
{
    (void)p;
    return &rand_rng; /* math/rand's global source; natives serialize on rng_lock */
}

void vm_rng_lock(void) { pthread_mutex_lock(&rng_lock); }
void vm_rng_unlock(void) { pthread_mutex_unlock(&rng_lock); }

int64_t vm_param_lookup(vm_program *p, const uint8_t *name, size_t len, int64_t def)
{
    for (int i = 0; i < p->nparams; i++)
        if (strlen(p->params[i].name) == len && !memcmp(p->params[i].name, name, len))
            return p->params[i].value;
    return def;
}

/* ---------------------------------------------------------------- Duration.String */

/* fraction: v/10^prec formatted into buf ending at w, trailing zeros dropped */
static int fraction(char *buf, int w, uint64_t v, int prec, uint64_t *out)
{
    bool print = false;
    for (int i = 0; i < prec; i++) {
        int digit = (int)(v % 10);
        print = print || digit != 0;
        if (print)
            buf[--w] = (char)('0' + digit);
        v /= 10;
    }
    if (print)
        buf[--w] = '.';
    *out = v;
    return w;
}

static int uint_text(char *buf, int w, uint64_t v)
{
    if (!v)
        buf[--w] = '0';
    for (; v; v /= 10)
        buf[--w] = (char)('0' + v % 10);
    return w;
}

void vm_duration_string(vm_buf *b, int64_t d)
{
    char buf[32];
    int w = sizeof buf;
    uint64_t u = d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d;
    if (u < 1000000000) { /* under a second: ns, µs or ms with a fraction */
        int prec;
        if (u == 0) {
            vm_buf_puts(b, "0s");
            return;
        }
        w -= 2;
        buf[w + 1] = 's';
        if (u < 1000) {
            prec = 0;
            buf[w] = 'n';
        } else if (u < 1000000) {
            prec = 3;
            w--; /* µ is two bytes */
            memcpy(buf + w, "\xc2\xb5", 2);
        } else {
            prec = 6;
            buf[w] = 'm';
        }
        w = fraction(buf, w, u, prec, &u);
        w = uint_text(buf, w, u);
    } else {
        buf[--w] = 's';
        w = fraction(buf, w, u, 9, &u);
        w = uint_text(buf, w, u % 60);
        u /= 60;
        if (u > 0) {
            buf[--w] = 'm';
            w = uint_text(buf, w, u % 60);
            u /= 60;
            if (u > 0) {
                buf[--w] = 'h';
                w = uint_text(buf, w, u);
            }
        }
    }
    if (d < 0)
        buf[--w] = '-';
    vm_buf_put(b, buf + w, sizeof buf - (size_t)w);
}

/* ---------------------------------------------------------------- the run */

static bool register_globals(vm_program *p)
{
    for (int i = 0; i < p->src->nglobals; i++) {
        sc_object *o = p->src->globals[i];
        const vm_type *t = vm_rtype(p, o->type);
        if (t->gc.ptrdata && !gc_root_add(p->heap, (char *)p->globals + o->slot, &t->gc))
            return false;
    }
    return true;
}

static void main_goroutine(void *arg)
{
    vm_program *p = arg;
    vm_thread *t = vm_thread_new(p);
    t->g = rt_self();
    vm_call_func(t, p->init);
    if (t->panicking)
        vm_report_panic(t);
    fflush(stdout);
    vm_thread_free(t);
}

int vm_run(vm_program *p, const vm_run_options *o)
{
    rt_sched *s = rt_sched_new(&o->rt);
    if (!s)
        return 3;
    p->sched = s;
    p->heap = gc_heap_new(s, &o->gc);
    p->maps = p->heap ? map_ctx_new(s, p->heap) : NULL;
    if (!p->maps || !vm_rtype_init_maps(p->maps) || !register_globals(p)) {
        fprintf(stderr, "gorsim: cannot set up the run\n");
        return 3;
    }
    p->params = o->params;
    p->nparams = o->nparams;
    int64_t cost = 0;
    p->cost_ins = rt_sched_cost_get(s, "vm.instruction", &cost) ? cost : 1;
    rt_rng_init(&rand_rng, o->rt.seed, "math/rand");
    vm_current_program = p;
    int rc = rt_sched_run(s, main_goroutine, p);
    fflush(stdout);
    return rc;
}

/* ---------------------------------------------------------------- costs */

static const rt_cost_entry vm_costs[] = {
    {"vm.instruction", 1, "one interpreted operation of a scenario (an add, a move, a jump)"},
};

bool vm_register_costs(rt_cost_model *cm)
{
    return rt_cost_define_all(cm, vm_costs, (int)(sizeof vm_costs / sizeof *vm_costs));
}
