/*
 * collect.c — a collection: stop the world, hand the per-P spans back (Go's releaseAll),
 * mark from the roots, drain, sweep, restart. This is the stop-the-world skeleton of the
 * cycle in DESIGN.md §5; its phases (root marking, draining, sweeping) are the ones the
 * concurrent cycle runs with mark workers, write barriers and assists between them.
 */
#include "gc/gc_internal.h"

enum { GC_STW_REASON = RT_STW_FIRST_FREE };

static void collect_stopped(void *arg)
{
    gc_heap *h = arg;
    gc_work w = {0};
    gc__release_mcaches(h);
    rt_assert_expensive(gc_verify(h));
    gc__mark_roots(h, &w);
    gc__drain(h, &w);
    int64_t ns = (int64_t)w.marked * h->cost[GC_COST_MARK] +
                 (int64_t)w.scanned_words * h->cost[GC_COST_SCAN_WORD];
    gc__work_destroy(&w);
    ns += gc__sweep_all(h);
    rt_assert_expensive(gc_verify(h));
    rt_charge(ns); /* the world is stopped: the pause lasts as long as the work */
}

/* record_pause completes a cycle in the stats: Go's NumGC, pause ring and totals. */
static void record_pause(gc_heap *h, const rt_stw_info *info, bool forced)
{
    rt_lock(&h->lk);
    h->pause_ns[h->num_gc % 256] = (uint64_t)info->pause_ns;
    h->pause_end[h->num_gc % 256] = (uint64_t)info->end_ns;
    h->pause_total_ns += (uint64_t)info->pause_ns;
    h->num_gc++;
    h->num_forced_gc += forced;
    rt_unlock(&h->lk);
}

void gc_collect(gc_heap *h)
{
    rt_stw_info info;
    rt_stw_run(GC_STW_REASON, "GC (stop-the-world)", collect_stopped, h, &info);
    record_pause(h, &info, true);
}
