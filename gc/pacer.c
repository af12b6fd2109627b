/*
 * pacer.c — Go 1.19's GC pacer (mgcpacer.go; reference §5): the heap goal from GOGC
 * (counting stacks and globals) and from GOMEMLIMIT, the trigger between its bounds, the
 * runway from the cons/mark estimate (a PI controller), the worker split, and the assist
 * ratio. Pure arithmetic on a gc_pacer: the cycle code feeds it, tests check it against
 * the formulas and the worked example.
 */
#include "gc/gc_internal.h"
#include <math.h>

#define GOAL_UTILIZATION 0.25                 /* gcGoalUtilization = gcBackgroundUtilization */
#define HEAP_MINIMUM (4ull << 20)             /* defaultHeapMinimum */
#define TRIGGER_DEN 64
#define MIN_TRIGGER_NUM 45
#define MAX_TRIGGER_NUM 61
#define MIN_RUNWAY (64ull << 10)
#define SWEEP_MIN_HEAP_DISTANCE (1ull << 20)
#define LIMIT_HEADROOM (1ull << 20)           /* memoryLimitHeapGoalHeadroom */
#define PI_KP 0.9
#define PI_TI 4.0
#define PI_TT 1000.0

/* to_uint64 converts as Go's uint64(float64) does on amd64: a negative value (cons/mark
   goes negative when assists took more than 75 % of the mark) wraps around to a huge
   runway, so the trigger falls to its lower bound. */
static uint64_t to_uint64(double v)
{
    if (v < 0)
        return v > (double)INT64_MIN ? (uint64_t)(int64_t)v : 1ull << 63;
    return v < 18446744073709551615.0 ? (uint64_t)v : UINT64_MAX;
}

void gc__pacer_set_gogc(gc_pacer *c, int gogc)
{
    c->gogc = gogc < 0 ? -1 : gogc;
    c->heap_minimum = c->gogc < 0 ? HEAP_MINIMUM : HEAP_MINIMUM * (uint64_t)c->gogc / 100;
}

void gc__pacer_init(gc_pacer *c, int gogc, int64_t memory_limit)
{
    *c = (gc_pacer){0};
    gc__pacer_set_gogc(c, gogc);
    c->memory_limit = memory_limit;
    c->triggered = UINT64_MAX;
}

void gc__pacer_commit(gc_pacer *c, bool sweep_done)
{
    c->sweep_dist_min_trigger = sweep_done ? 0 : ld_rlx(&c->heap_live) + SWEEP_MIN_HEAP_DISTANCE;
    uint64_t goal = UINT64_MAX;
    if (c->gogc >= 0)
        goal = c->heap_marked +
               (c->heap_marked + c->last_stack_scan + c->globals_scan) * (uint64_t)c->gogc / 100;
    if (goal < c->heap_minimum)
        goal = c->heap_minimum;
    c->gc_percent_goal = goal;
    c->runway = to_uint64(c->cons_mark * (1 - GOAL_UTILIZATION) / GOAL_UTILIZATION *
                          (double)(c->last_heap_scan + c->last_stack_scan + c->globals_scan));
}

uint64_t gc__pacer_memory_limit_goal(const gc_pacer *c)
{
    uint64_t limit = (uint64_t)c->memory_limit;
    uint64_t used = c->heap_free + c->heap_alloc;
    uint64_t non_heap = c->mapped_ready > used ? c->mapped_ready - used : 0;
    uint64_t overage = c->mapped_ready > limit ? c->mapped_ready - limit : 0;
    if (non_heap + overage >= limit)
        return c->heap_marked;
    uint64_t goal = limit - (non_heap + overage);
    if (goal < LIMIT_HEADROOM || goal - LIMIT_HEADROOM < LIMIT_HEADROOM)
        goal = LIMIT_HEADROOM;
    else
        goal -= LIMIT_HEADROOM;
    return goal < c->heap_marked ? c->heap_marked : goal;
}

/* goal_internal is Go's heapGoalInternal: the goal and the sweep-distance minimum trigger. */
static uint64_t goal_internal(const gc_pacer *c, uint64_t *min_trigger)
{
    uint64_t goal = c->gc_percent_goal, limit_goal = gc__pacer_memory_limit_goal(c);
    *min_trigger = 0;
    if (limit_goal < goal)
        return limit_goal;
    if (c->sweep_dist_min_trigger > goal)
        goal = c->sweep_dist_min_trigger;
    *min_trigger = c->sweep_dist_min_trigger;
    if (c->triggered != UINT64_MAX && goal < c->triggered + MIN_RUNWAY)
        goal = c->triggered + MIN_RUNWAY;
    return goal;
}

uint64_t gc__pacer_heap_goal(const gc_pacer *c)
{
    uint64_t unused;
    return goal_internal(c, &unused);
}

uint64_t gc__pacer_trigger(const gc_pacer *c, uint64_t *goal_out)
{
    uint64_t min_trigger, goal = goal_internal(c, &min_trigger);
    *goal_out = goal;
    if (c->heap_marked >= goal)
        return goal;
    if (min_trigger < c->heap_marked)
        min_trigger = c->heap_marked;
    uint64_t lower = (goal - c->heap_marked) / TRIGGER_DEN * MIN_TRIGGER_NUM + c->heap_marked;
    if (min_trigger < lower)
        min_trigger = lower;
    uint64_t max_trigger = (goal - c->heap_marked) / TRIGGER_DEN * MAX_TRIGGER_NUM + c->heap_marked;
    if (goal > HEAP_MINIMUM && goal - HEAP_MINIMUM > max_trigger)
        max_trigger = goal - HEAP_MINIMUM;
    if (max_trigger < min_trigger)
        max_trigger = min_trigger;
    uint64_t trigger = c->runway > goal ? min_trigger : goal - c->runway;
    if (trigger < min_trigger)
        trigger = min_trigger;
    if (trigger > max_trigger)
        trigger = max_trigger;
    return trigger;
}

void gc__worker_split(int procs, int *dedicated, double *fractional)
{
    double goal = procs * GOAL_UTILIZATION;
    int d = (int)(goal + 0.5);
    double err = d / goal - 1;
    *fractional = 0;
    if (err < -0.3 || err > 0.3) {
        if (d > goal)
            d--;
        *fractional = (goal - d) / procs;
    }
    *dedicated = d;
}

void gc__pacer_start_cycle(gc_pacer *c, int64_t now, int procs, bool time_trigger)
{
    c->heap_scan_work = c->stack_scan_work = c->globals_scan_work = 0;
    c->assist_ns = c->dedicated_ns = c->fractional_ns = c->idle_ns = 0;
    c->mark_start_ns = now;
    uint64_t goal;
    c->triggered = gc__pacer_trigger(c, &goal);
    gc__worker_split(procs, &c->dedicated, &c->fractional_goal);
    if (time_trigger)
        c->max_idle = c->dedicated > 0 ? 0 : 1;
    else
        c->max_idle = procs - c->dedicated;
    gc__pacer_revise(c);
}

void gc__pacer_revise(gc_pacer *c)
{
    int64_t gogc = c->gogc < 0 ? 100000 : c->gogc;
    int64_t work = (int64_t)(c->heap_scan_work + c->stack_scan_work + c->globals_scan_work);
    int64_t goal = (int64_t)gc__pacer_heap_goal(c);
    int64_t expected = (int64_t)(c->last_heap_scan + c->last_stack_scan + c->globals_scan);
    int64_t max_work = (int64_t)(ld_rlx(&c->heap_scan) + c->max_stack_scan + c->globals_scan);
    if (work > expected) {
        int64_t ext = (int64_t)((double)(goal - (int64_t)c->triggered) / (double)expected *
                                (double)max_work) + (int64_t)c->triggered;
        expected = max_work;
        int64_t hard = (int64_t)((1.0 + (double)gogc / 100.0) * (double)goal);
        goal = ext > hard ? hard : ext;
    }
    int64_t live = (int64_t)ld_rlx(&c->heap_live);
    if (live > goal) {
        goal = (int64_t)((double)goal * 1.1); /* maxOvershoot */
        expected = max_work;
    }
    int64_t remaining_work = expected - work < 1000 ? 1000 : expected - work;
    int64_t remaining_heap = goal - live <= 0 ? 1 : goal - live;
    c->assist_work_per_byte = (double)remaining_work / (double)remaining_heap;
    c->assist_bytes_per_work = (double)remaining_heap / (double)remaining_work;
}

/* pi_next is Go's piController.next with period 1; false on overflow (reset). */
static bool pi_next(gc_pacer *c, double input, double setpoint, double *out)
{
    double prop = PI_KP * (setpoint - input), raw = prop + c->pi_integral;
    if (isinf(raw) || isnan(raw)) {
        c->pi_integral = 0;
        *out = 0;
        return false;
    }
    double o = raw < -1000 ? -1000 : raw > 1000 ? 1000 : raw;
    c->pi_integral += (PI_KP / PI_TI) * (setpoint - input) + (1 / PI_TT) * (o - raw);
    if (isinf(c->pi_integral) || isnan(c->pi_integral)) {
        c->pi_integral = 0;
        *out = 0;
        return false;
    }
    *out = o;
    return true;
}

bool gc__pacer_end_cycle(gc_pacer *c, int64_t now, int procs)
{
    c->last_heap_goal = gc__pacer_heap_goal(c);
    int64_t duration = now - c->mark_start_ns;
    double u = GOAL_UTILIZATION, u_idle = 0;
    if (duration > 0) {
        u += (double)c->assist_ns / (double)(duration * procs);
        u_idle = (double)c->idle_ns / (double)(duration * procs);
    }
    uint64_t live = ld_rlx(&c->heap_live);
    if (live <= c->triggered)
        return true;
    double work = (double)(c->heap_scan_work + c->stack_scan_work + c->globals_scan_work);
    double current = (double)(live - c->triggered) * (u + u_idle) / (work * (1 - u));
    double next;
    bool ok = pi_next(c, c->cons_mark, current, &next);
    c->cons_mark = ok ? next : 0;
    return ok;
}

void gc__pacer_reset_live(gc_pacer *c, uint64_t bytes_marked)
{
    c->heap_marked = bytes_marked;
    st_rlx(&c->heap_live, bytes_marked);
    st_rlx(&c->heap_scan, c->heap_scan_work);
    c->last_heap_scan = c->heap_scan_work;
    c->last_stack_scan = c->stack_scan_work;
    /* Go's maxStackScan is the stack bytes allocated; gorsim's stacks are fixed-size and
       lazily committed, so the stack bytes last scanned stand in for it */
    c->max_stack_scan = c->stack_scan_work;
    c->triggered = UINT64_MAX;
}
