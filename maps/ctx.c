/*
 * ctx.c — the map context of a run: the run's hash key, one random stream per P (Go's
 * per-M fastrand, behind map seeds, iteration starts and noverflow sampling), the cost
 * entries resolved from the runtime's model, and the trace event kinds.
 */
#include "maps/maps_internal.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

static const rt_cost_entry cost_defaults[MAP_COST_COUNT] = {MAP_COSTS(RT_COST_ENTRY)};

bool map_register_costs(rt_cost_model *cm)
{
    return rt_cost_define_all(cm, cost_defaults, MAP_COST_COUNT);
}

static bool define_kinds(map_ctx *c)
{
    struct { int *id; const char *name; } kinds[] = {
        {&c->ev_grow_start, "MapGrowStart"}, {&c->ev_evacuate, "MapEvacuate"},
        {&c->ev_grow_done, "MapGrowDone"},   {&c->ev_overflow, "MapOverflow"},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if ((*kinds[i].id = rt_trace_kind_define(c->s, kinds[i].name)) < 0)
            return false;
    return true;
}

map_ctx *map_ctx_new(rt_sched *s, gc_heap *h)
{
    if (!s || !h) {
        errno = EINVAL;
        return NULL;
    }
    map_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->s = s;
    c->heap = h;
    c->nprocs = rt_sched_nprocs(s);
    c->rng = calloc((size_t)c->nprocs, sizeof *c->rng);
    if (!c->rng || !define_kinds(c)) {
        map_ctx_free(c);
        errno = ENOMEM;
        return NULL;
    }
    rt_rng r;
    rt_sched_rng_init(s, &r, "maps.hashkey");
    c->hashkey = rt_rng_next(&r) | 1; /* odd, as Go's hashkey */
    for (int i = 0; i < c->nprocs; i++) {
        char stream[32];
        snprintf(stream, sizeof stream, "maps.fastrand.P%d", i);
        rt_sched_rng_init(s, &c->rng[i], stream);
    }
    for (int i = 0; i < MAP_COST_COUNT; i++)
        if (!rt_sched_cost_get(s, cost_defaults[i].name, &c->cost[i]))
            c->cost[i] = cost_defaults[i].ns;
    return c;
}

void map_ctx_free(map_ctx *c)
{
    if (!c)
        return;
    free(c->rng);
    free(c);
}

/* The current P's stream: only its goroutine uses it, and it moves only at charge points. */
static rt_rng *cur_rng(map_ctx *c)
{
    int p = rt_p_id();
    rt_assert(p >= 0 && p < c->nprocs); /* map operations run on a goroutine of c's runtime */
    return &c->rng[p];
}

uint32_t map__fastrand(map_ctx *c) { return (uint32_t)(rt_rng_next(cur_rng(c)) >> 32); }
uint64_t map__fastrand64(map_ctx *c) { return rt_rng_next(cur_rng(c)); }

