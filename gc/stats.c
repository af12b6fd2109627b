/*
 * stats.c — MemStats: the per-P allocation counters summed with the heap's, the pause
 * ring, the heap goal, GCCPUFraction, and what workers, assists and barriers did.
 */
#include "gc/gc_internal.h"
#include <string.h>

/* sum_small adds up the per-P counters of small allocations (owner-written, read relaxed). */
static void sum_small(gc_heap *h, uint64_t *mallocs, uint64_t *bytes)
{
    *mallocs = *bytes = 0;
    for (int p = 0; p < rt_sched_nprocs(h->s); p++) {
        gc_mcache *c = &gc__p(h, p)->mcache;
        *mallocs += ld_rlx(&c->mallocs);
        *bytes += ld_rlx(&c->alloc_bytes);
    }
}

void gc_read_stats(gc_heap *h, gc_stats *out)
{
    memset(out, 0, sizeof *out);
    sum_small(h, &out->mallocs, &out->total_alloc);
    out->frees = ld_acq(&h->frees);
    uint64_t freed_bytes = ld_acq(&h->freed_bytes);
    out->assist_work = ld_acq(&h->assist_work_total);
    out->worker_work = ld_acq(&h->worker_work_total);
    out->wb_entries = ld_acq(&h->wb_entries);
    out->checkmark_lost = ld_acq(&h->checkmark_lost);
    rt_lock(&h->lk);
    out->mallocs += h->large_mallocs;
    out->total_alloc += h->large_bytes;
    out->heap_inuse = h->heap_inuse;
    out->heap_sys = (uint64_t)h->pages.narenas * GC_ARENA_BYTES;
    out->heap_alloc = out->total_alloc - freed_bytes;
    out->next_gc = gc__pacer_heap_goal(&h->pacer);
    out->last_gc = (uint64_t)h->last_gc_ns;
    out->num_gc = h->num_gc;
    out->num_forced_gc = h->num_forced_gc;
    out->pause_total_ns = h->pause_total_ns;
    memcpy(out->pause_ns, h->pause_ns, sizeof out->pause_ns);
    memcpy(out->pause_end, h->pause_end, sizeof out->pause_end);
    out->gc_cpu_fraction = h->gc_cpu_fraction;
    out->assist_ns = (uint64_t)h->assist_ns_total;
    out->dedicated_ns = (uint64_t)h->dedicated_ns_total;
    out->fractional_ns = (uint64_t)h->fractional_ns_total;
    out->idle_ns = (uint64_t)h->idle_ns_total;
    rt_unlock(&h->lk);
    out->heap_objects = out->mallocs - out->frees;
}

/* The memory-limit goal's inputs: memory mapped and ready is the in-use spans (pages freed
   by sweeping are reused, never released: heap_free 0), heap_alloc the object bytes. */
void gc__pacer_inputs(gc_heap *h)
{
    if (h->pacer.memory_limit == INT64_MAX)
        return;
    uint64_t mallocs, total;
    sum_small(h, &mallocs, &total);
    uint64_t freed = ld_acq(&h->freed_bytes);
    rt_lock(&h->lk);
    total += h->large_bytes;
    h->pacer.mapped_ready = h->heap_inuse;
    h->pacer.heap_free = 0;
    h->pacer.heap_alloc = total > freed ? total - freed : 0;
    rt_unlock(&h->lk);
}
