/*
 * demo_gc.c — `gorsim demo gc`: the reference's mark-assist probe (goprobes/c_assists) at a
 * smaller scale. A live heap of 48-byte nodes (two pointers, four words of payload) hangs
 * from a global; one goroutine per P allocates 48-byte nodes that point into it, each kept
 * only while it sits in a 4096-slot ring, doing ~240 ns of other work per node (the probe's
 * map lookup, from its measured allocation rate). The collector prints Go's gctrace line
 * for every cycle; a summary of pauses, assists and GC CPU follows.
 */
#include "config.h"
#include "sim/demo.h"
#include <stdio.h>
#include <stdlib.h>

enum { LIVE = 200000, RING = 4096, PER_P_MB = 48 };
#define WORK_NS 240

typedef struct pnode {
    struct pnode *next, *other;
    int64_t payload[4];
} pnode;
static const uint8_t two_ptrs[] = {0x3};
static const gc_type pnode_t = {sizeof(pnode), 16, two_ptrs, "main.node"};
static const uint8_t one_ptr[] = {0x1};
static const gc_type ptr_t = {8, 8, one_ptr, "*main.node"};

typedef struct gc_demo {
    gc_heap *h;
    pnode *live;             /* global root */
    rt_waitgroup wg;
} gc_demo;

static void churn(void *arg)
{
    gc_demo *d = arg;
    pnode **ring = gc_alloc_array(d->h, &ptr_t, RING);
    gc_frame f = {.slots = (void **)&ring, .n = 1};
    gc_frame_push(d->h, &f);
    pnode *target = gc_read_ptr(&d->live);
    long n = (long)PER_P_MB * (1 << 20) / (long)sizeof(pnode);
    for (long i = 0; i < n; i++) {
        pnode *x = gc_alloc(d->h, &pnode_t);
        gc_write_ptr(d->h, &x->next, target);
        pnode *old = gc_read_ptr(&ring[i % RING]);
        if (old)
            gc_write_ptr(d->h, &old->other, NULL);
        gc_write_ptr(d->h, &ring[i % RING], x);
        target = gc_read_ptr(&target->next) ? gc_read_ptr(&target->next) : gc_read_ptr(&d->live);
        rt_work(WORK_NS);
    }
    gc_frame_pop(d->h, &f);
    rt_waitgroup_done(&d->wg);
}

static void demo_main(void *arg)
{
    gc_demo *d = arg;
    for (long i = 0; i < LIVE; i++) {
        pnode *x = gc_alloc(d->h, &pnode_t);
        gc_write_ptr(d->h, &x->next, gc_read_ptr(&d->live));
        gc_write_ptr(d->h, &d->live, x);
    }
    gc_collect(d->h); /* as the probe's runtime.GC() before churning */
    int procs = rt_sched_nprocs(rt_self_sched());
    rt_waitgroup_add(&d->wg, procs);
    for (int p = 0; p < procs; p++)
        rt_go(churn, d);
    rt_waitgroup_wait(&d->wg);
}

static void summary(const gc_stats *st)
{
    uint64_t max = 0;
    for (uint32_t k = 0; k < st->num_gc && k < 256; k++)
        max = st->pause_ns[k] > max ? st->pause_ns[k] : max;
    double mark = (double)(st->assist_ns + st->dedicated_ns + st->fractional_ns + st->idle_ns);
    printf("\ncycles %u (%u forced); pauses: total %.3f ms, longest cycle %.3f ms\n", st->num_gc,
           st->num_forced_gc, (double)st->pause_total_ns / 1e6, (double)max / 1e6);
    if (mark > 0)
        printf("mark CPU %.1f ms: assists %.0f %%, dedicated %.0f %%, fractional %.0f %%, "
               "idle %.0f %%\n",
               mark / 1e6, 100 * (double)st->assist_ns / mark,
               100 * (double)st->dedicated_ns / mark, 100 * (double)st->fractional_ns / mark,
               100 * (double)st->idle_ns / mark);
    printf("GC CPU %.1f %% of GOMAXPROCS x time (GCCPUFraction); write-barrier entries %llu\n",
           st->gc_cpu_fraction * 100, (unsigned long long)st->wb_entries);
    if (st->checkmark_lost)
        printf("checkmark: %llu reachable object(s) were freed: the barrier let the "
               "mutator hide them\n", (unsigned long long)st->checkmark_lost);
}

int sim_demo_gc(const demo_opts *o, rt_cost_model *cm)
{
    rt_config rc;
    rt_config_init(&rc);
    rc.engine = o->engine;
    rc.nprocs = o->procs;
    rc.seed = o->seed;
    rc.costs = cm;
    rt_sched *s = rt_sched_new(&rc);
    gc_config gc;
    gc_config_init(&gc);
    gc.barrier = o->barrier;
    gc.gogc = o->gogc;
    gc.checkmark = o->checkmark;
    gc.gctrace = 1;
    gc.log = stdout;
    gc_demo d = {0};
    d.h = s ? gc_heap_new(s, &gc) : NULL;
    if (!d.h || !gc_root_add(d.h, &d.live, &ptr_t)) {
        perror("gorsim demo gc");
        gc_heap_free(d.h);
        rt_sched_free(s);
        return 2;
    }
    printf("gorsim demo gc: the mark-assist probe — %d live nodes, one goroutine per P "
           "allocating %d MiB\nengine %s, %d P, seed %llu, barrier %s, GOGC ",
           LIVE, PER_P_MB, rt_engine_name(o->engine), o->procs, (unsigned long long)o->seed,
           gc_barrier_name(o->barrier));
    if (o->gogc < 0)
        printf("off\n\n");
    else
        printf("%d\n\n", o->gogc);
    fflush(stdout);
    int code = rt_sched_run(s, demo_main, &d);
    if (code == 0) {
        gc_stats st;
        gc_read_stats(d.h, &st);
        summary(&st);
    }
    gc_heap_free(d.h);
    rt_sched_free(s);
    return code;
}
