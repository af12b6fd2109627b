



/*
 * check_collector.c — the concurrent collector: the pacer against Go 1.19's formulas and
 * the reference's worked example, the worker split against Go's measured one, the gctrace
 * line against a pattern written from Go's print statement, the two classic lost-object
 * interleavings under every barrier, marking while mutators run (checkmark on), assists,
 * runtime.GC, the forced GC, trace events and determinism.
 */
#include "gc/gc_internal.h"
#include "tests/testutil.h"
#include <errno.h>
#include <math.h>
#include <regex.h>
#include <stdlib.h>

#define MiB (1ull << 20)

typedef struct node {
    struct node *next, *other;
    uint64_t value, check;
} node;
static const uint8_t node_mask[] = {0x3};
static const gc_type node_t = {sizeof(node), 16, node_mask, "main.node"};
/* probe (c)'s node: two pointers and a 4-word payload, 48 bytes */
static const gc_type node48_t = {48, 16, node_mask, "main.node48"};
static const uint8_t ptr_mask[] = {0x1};
static const gc_type ptr_t = {8, 8, ptr_mask, "*main.node"};

/* ---------------------------------------------------------------- pacer arithmetic */

START_TEST(test_worker_split_matches_go)
{
    /* GODEBUG=gcpacertrace=1 "workers=D++F" of a real Go 1.19 for GOMAXPROCS 1..8, 16, 32
       (reference goprobes/c_assists/workers_by_gomaxprocs.txt) */
    static const struct { int procs, dedicated; double fractional; } go[] = {
        {1, 0, 0.25}, {2, 0, 0.25}, {3, 0, 0.25}, {4, 1, 0},  {5, 1, 0},
        {6, 1, 0.083333333}, {7, 2, 0}, {8, 2, 0}, {16, 4, 0}, {32, 8, 0},
    };
    for (size_t i = 0; i < sizeof go / sizeof go[0]; i++) {
        int d;
        double f;
        gc__worker_split(go[i].procs, &d, &f);
        ck_assert_msg(d == go[i].dedicated, "P=%d dedicated %d", go[i].procs, d);
        ck_assert_msg(fabs(f - go[i].fractional) < 1e-6, "P=%d fractional %g", go[i].procs, f);
    }
    /* the rule up to 64: the total is 25 % of the Ps, dedicated rounds to nearest and gives
       way to a fractional part only when rounding is off by more than 30 % */
    for (int p = 1; p <= 64; p++) {
        int d;
        double f, goal = 0.25 * p;
        gc__worker_split(p, &d, &f);
        ck_assert(d == (int)(goal + 0.5) || d == (int)(goal + 0.5) - 1);
        if (f > 0) {
            ck_assert_double_eq_tol(d + f * p, goal, 1e-9);
            ck_assert(fabs((int)(goal + 0.5) / goal - 1) > 0.3);
        } else {
            ck_assert(fabs(d / goal - 1) <= 0.3);
        }
    }
}
END_TEST

START_TEST(test_pacer_first_cycle_and_goal)
{
    gc_pacer c;
    gc__pacer_init(&c, 100, INT64_MAX);
    gc__pacer_commit(&c, true);
    uint64_t goal, trigger = gc__pacer_trigger(&c, &goal);
    ck_assert_uint_eq(goal, 4 * MiB);      /* heapMinimum */
    ck_assert_uint_eq(trigger, 3997696);   /* 4 MiB x 61/64, as gcpacertrace shows */
    /* goal = marked + (marked + stacks + globals) x GOGC/100: 30 + 33 = 63 MiB */
    c.heap_marked = 30 * MiB;
    c.last_stack_scan = 2 * MiB;
    c.globals_scan = 1 * MiB;
    gc__pacer_commit(&c, true);
    ck_assert_uint_eq(gc__pacer_heap_goal(&c), 63 * MiB);
    gc__pacer_set_gogc(&c, 50); /* 30 + 16.5 */
    gc__pacer_commit(&c, true);
    ck_assert_uint_eq(gc__pacer_heap_goal(&c), 30 * MiB + 33 * MiB / 2);
    gc__pacer_set_gogc(&c, GC_GOGC_OFF); /* only the (absent) memory limit bounds it */
    gc__pacer_commit(&c, true);
    ck_assert_uint_eq(gc__pacer_heap_goal(&c), (uint64_t)INT64_MAX - MiB);
    /* unfinished sweep: goal at least heap_live + 1 MiB */
    gc__pacer_set_gogc(&c, 100);
    c.heap_live = 80 * MiB;
    gc__pacer_commit(&c, false);
    ck_assert_uint_eq(gc__pacer_heap_goal(&c), 81 * MiB);
}
END_TEST

START_TEST(test_pacer_memory_limit_goal)
{
    gc_pacer c;
    gc__pacer_init(&c, 100, 100 * MiB);
    c.heap_marked = 40 * MiB;
    c.mapped_ready = 60 * MiB;
    c.heap_alloc = 50 * MiB; /* 10 MiB not in objects: non-heap by Go's definition */
    gc__pacer_commit(&c, true);
    /* limit - nonHeap - overage - 1 MiB headroom = 100 - 10 - 0 - 1 */
    ck_assert_uint_eq(gc__pacer_memory_limit_goal(&c), 89 * MiB);
    ck_assert_uint_eq(gc__pacer_heap_goal(&c), 80 * MiB); /* GOGC's 80 is lower */
    c.memory_limit = 70 * MiB; /* now the limit wins: 70 - 10 - 1 */
    ck_assert_uint_eq(gc__pacer_heap_goal(&c), 59 * MiB);
    c.memory_limit = 45 * MiB; /* never below what is marked */
    ck_assert_uint_eq(gc__pacer_heap_goal(&c), 40 * MiB);
    c.memory_limit = 5 * MiB; /* overage: collect continuously at heap_marked */
    ck_assert_uint_eq(gc__pacer_memory_limit_goal(&c), 40 * MiB);
}
END_TEST

/* Reference §5.11: heapMarked 50 MiB, lastHeapScan 38 MiB, cons/mark 0.2, GOGC 100, 2 P. */
START_TEST(test_pacer_worked_example)
{
    gc_pacer c;
    gc__pacer_init(&c, 100, INT64_MAX);
    c.heap_marked = 50 * MiB;
    c.last_heap_scan = 38 * MiB;
    c.heap_scan = 38 * MiB;
    c.cons_mark = 0.2;
    gc__pacer_commit(&c, true);
    ck_assert_uint_eq(gc__pacer_heap_goal(&c), 100 * MiB);
    ck_assert_uint_eq(c.runway, (uint64_t)(0.2 * 3 * (double)(38 * MiB))); /* 22.8 MiB */
    uint64_t goal, trigger = gc__pacer_trigger(&c, &goal);
    /* raw trigger 77.2 MiB is below the lower bound 50 + 50/64 x 45 = 85.16 MiB */
    ck_assert_uint_eq(trigger, 50 * MiB + 50 * MiB / 64 * 45);
    ck_assert_double_eq_tol((double)trigger / MiB, 85.16, 0.01);
    /* at mark start: 38 MiB of scan work over 14.84 MiB of runway */
    c.heap_live = trigger;
    gc__pacer_start_cycle(&c, 0, 2, false);
    ck_assert_int_eq(c.dedicated, 0);
    ck_assert_double_eq_tol(c.fractional_goal, 0.25, 1e-12);
    ck_assert_int_eq(c.max_idle, 2);
    ck_assert_double_eq_tol(c.assist_work_per_byte, 38.0 / (100 - 85.15625), 1e-9);
    ck_assert_double_eq_tol(c.assist_work_per_byte, 2.56, 0.01);
    ck_assert_double_eq_tol(c.assist_bytes_per_work * c.assist_work_per_byte, 1, 1e-12);
    /* a cycle at 25 % CPU, no assists, that allocated 10 MiB while scanning 38 MiB:
       cons/mark = 10 x 0.25 / (38 x 0.75); the PI controller's first step gives 0.9 of
       the error plus the integral (0.9/4 of it, zero before) */
    c.heap_live = c.triggered + 10 * MiB;
    c.heap_scan_work = 38 * MiB;
    c.cons_mark = 0;
    ck_assert(gc__pacer_end_cycle(&c, 1000000, 2));
    double current = 10.0 * 0.25 / (38.0 * 0.75);
    ck_assert_double_eq_tol(c.cons_mark, 0.9 * current, 1e-9);
    ck_assert_double_eq_tol(c.pi_integral, 0.9 / 4 * current, 1e-9);
}
END_TEST

START_TEST(test_pacer_revise_extrapolates_when_scan_grows)
{
    gc_pacer c;
    gc__pacer_init(&c, 100, INT64_MAX);
    c.heap_marked = 50 * MiB;
    c.last_heap_scan = 10 * MiB;
    c.heap_scan = 20 * MiB;
    gc__pacer_commit(&c, true);
    c.heap_live = 90 * MiB;
    gc__pacer_start_cycle(&c, 0, 4, false);
    ck_assert_int_eq(c.dedicated, 1);
    double before = c.assist_work_per_byte;
    c.heap_scan_work = 15 * MiB; /* more than the 10 MiB expected */
    gc__pacer_revise(&c);
    /* expected work becomes heap_scan (20 MiB); goal extrapolates toward the hard goal */
    uint64_t ext = (uint64_t)((double)(100 * MiB - c.triggered) / (double)(10 * MiB) *
                              (double)(20 * MiB)) + c.triggered;
    uint64_t hard = 200 * MiB, g = ext > hard ? hard : ext;
    ck_assert_double_eq_tol(c.assist_work_per_byte,
                            (double)(5 * MiB) / (double)(g - 90 * MiB), 1e-9);
    ck_assert(c.assist_work_per_byte != before);
}
END_TEST

/* ---------------------------------------------------------------- gctrace */

/* Written from Go 1.19's print statement in gcMarkTermination (mgc.go). */
static const char *GCTRACE_RE =
    "^gc ([0-9]+) @([0-9]+\\.[0-9]{3})s ([0-9]+)%: "
    "([0-9]+(\\.[0-9]+)?)\\+([0-9]+(\\.[0-9]+)?)\\+([0-9]+(\\.[0-9]+)?) ms clock, "
    "([0-9]+(\\.[0-9]+)?)\\+([0-9]+(\\.[0-9]+)?)/([0-9]+(\\.[0-9]+)?)/([0-9]+(\\.[0-9]+)?)"
    "\\+([0-9]+(\\.[0-9]+)?) ms cpu, "
    "([0-9]+)->([0-9]+)->([0-9]+) MB, ([0-9]+) MB goal, ([0-9]+) MB stacks, "
    "([0-9]+) MB globals, ([0-9]+) P( \\(forced\\))?$";

START_TEST(test_fmt_ns_as_ms_is_gos)
{
    static const struct { uint64_t ns; const char *s; } cases[] = {
        {0, "0"},         {999, "0"},          {26000, "0.026"}, {180000, "0.18"},
        {14000, "0.014"}, {4500000, "4.5"},    {1000, "0.001"},  {99999, "0.099"},
        {9999999, "9.9"}, {10000000, "10"},    {77123456, "77"}, {1234567890, "1234"},
    };
    char buf[32];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_str_eq(gc__fmt_ns_as_ms(buf, sizeof buf, cases[i].ns), cases[i].s);
    regex_t re;
    ck_assert_int_eq(regcomp(&re, GCTRACE_RE, REG_EXTENDED), 0);
    /* the reference's example line from a real Go must match the pattern */
    ck_assert_int_eq(regexec(&re,
                             "gc 1 @0.021s 0%: 0.026+0.18+0.014 ms clock, 0.21+0.014/0.047/0.029"
                             "+0.11 ms cpu, 4->4->2 MB, 5 MB goal, 0 MB stacks, 0 MB globals, 8 P",
                             0, NULL, 0),
                     0);
    regfree(&re);
}
END_TEST

/* ---------------------------------------------------------------- workloads */

typedef struct churn_env {
    gc_heap *h;
    node *live;              /* a global root: the live list */
    long nlive, churn, procs, bad;
    int64_t work_ns;         /* mutator work per iteration besides allocating */
    const gc_type *type;     /* of the nodes: node_t or node48_t */
    rt_waitgroup wg;
} churn_env;

/* build_live makes a chain of n nodes from the global root (values check later). */
static void build_live(churn_env *e, long n)
{
    for (long i = 0; i < n; i++) {
        node *x = gc_alloc(e->h, e->type);
        x->value = (uint64_t)i;
        x->check = (uint64_t)i * 2654435761u;
        gc_write_ptr(e->h, &x->next, gc_read_ptr(&e->live));
        gc_write_ptr(e->h, &e->live, x);
    }
}

static long check_live(churn_env *e)
{
    long n = 0;
    for (node *x = gc_read_ptr(&e->live); x; x = gc_read_ptr(&x->next), n++)
        if (x->check != x->value * 2654435761u)
            return -1;
    return n;
}

/* churner allocates 32-byte pointerful garbage that points into the live heap, each kept
   only while it sits in a ring (probe (c)'s "alloc" mode) or a newer ring node links to
   it, and rewires the ring's links as it goes. */
static void churner(void *arg)
{
    churn_env *e = arg;
    enum { RING = 1024 };
    node **ring = gc_alloc_array(e->h, &ptr_t, RING);
    gc_frame f = {.slots = (void **)&ring, .n = 1};
    gc_frame_push(e->h, &f);
    node *target = gc_read_ptr(&e->live);
    for (long i = 0; i < e->churn; i++) {
        node *x = gc_alloc(e->h, e->type);
        x->value = (uint64_t)i;
        x->check = (uint64_t)i * 2654435761u;
        gc_write_ptr(e->h, &x->next, target);
        gc_write_ptr(e->h, &x->other, gc_read_ptr(&ring[(i + 7) % RING]));
        node *evicted = gc_read_ptr(&ring[i % RING]);
        if (evicted) /* cut its link: chains stay short, evicted nodes become garbage */
            gc_write_ptr(e->h, &evicted->other, NULL);
        gc_write_ptr(e->h, &ring[i % RING], x);
        target = target && gc_read_ptr(&target->next) ? gc_read_ptr(&target->next)
                                                      : gc_read_ptr(&e->live);
        if (e->work_ns)
            rt_work(e->work_ns);
    }
    for (long i = 0; i < RING; i++) {
        node *x = gc_read_ptr(&ring[i]);
        if (x && x->check != x->value * 2654435761u)
            e->bad++;
    }
    gc_frame_pop(e->h, &f);
    rt_waitgroup_done(&e->wg);
}

static void churn_main(void *arg)
{
    churn_env *e = arg;
    build_live(e, e->nlive);
    gc_collect(e->h);
    rt_waitgroup_add(&e->wg, e->procs);
    for (long p = 0; p < e->procs; p++)
        rt_go(churner, e);
    rt_waitgroup_wait(&e->wg);
    if (check_live(e) != e->nlive)
        e->bad++;
}

/* The event kind names of the last run (gc/'s names are static strings). */
static const char *kind_names[RT_EV_MAX];
static const char *tb_kind_name(uint32_t kind) { return kind < RT_EV_MAX && kind_names[kind] ? kind_names[kind] : "?"; }

typedef struct churn_result {
    gc_stats st;
    long bad;
    int64_t end_ns;
} churn_result;

static uint64_t churn_seed = 1; /* the runtime seed of run_churn's runs */

static churn_result run_churn(rt_engine_kind engine, int procs, gc_config *cfg,
                              const gc_type *type, long nlive, long churn, int64_t work_ns,
                              rt_trace_buf *trace)
{
    rt_config rc;
    rt_config_init(&rc);
    rc.engine = engine;
    rc.nprocs = procs;
    rc.seed = churn_seed;
    rc.fatal_returns = true;
    rt_sched *s = rt_sched_new(&rc);
    ck_assert_ptr_nonnull(s);
    if (trace)
        rt_sched_set_trace(s, rt_trace_buf_sink, trace);
    churn_env *e = calloc(1, sizeof *e);
    gc_config defaults;
    if (!cfg) {
        gc_config_init(&defaults);
        defaults.gctrace = getenv("GCTRACE") != NULL;
        cfg = &defaults;
    }
    e->h = gc_heap_new(s, cfg);
    ck_assert_ptr_nonnull(e->h);
    e->nlive = nlive;
    e->churn = churn;
    e->procs = procs;
    e->work_ns = work_ns;
    e->type = type;
    ck_assert(gc_root_add(e->h, &e->live, &ptr_t));
    int code = rt_sched_run(s, churn_main, e);
    ck_assert_msg(code == 0, "exit %d: %s", code, rt_sched_fatal_message(s));
    churn_result r = {.bad = e->bad, .end_ns = rt_sched_end_ns(s)};
    for (uint32_t k = 0; k < RT_EV_MAX; k++)
        kind_names[k] = rt_trace_kind_name(s, k);
    gc_read_stats(e->h, &r.st);
    ck_assert(gc_verify(e->h));
    gc_heap_free(e->h);
    rt_sched_free(s);
    free(e);
    return r;
}

/* Mutators rewire pointers while the collector marks, on 4 Ps, under each correct barrier,
   with checkmark verifying every cycle (a lost object is fatal) and stress mode starting a
   cycle every 5000 allocations. */
static void concurrent_under(int engine, gc_barrier b)
{
    gc_config c;
    gc_config_init(&c);
    c.barrier = b;
    c.checkmark = true;
    c.stress_every = 2000;
    c.gctrace = getenv("GCTRACE") != NULL;
    churn_result r = run_churn(ENGINE(engine), 4, &c, &node_t, 5000, 60000, 0, NULL);

    ck_assert_int_eq(r.bad, 0);
    ck_assert_uint_ge(r.st.num_gc, ENGINE(engine) == RT_ENGINE_VIRTUAL ? 6 : 3);
    ck_assert_uint_eq(r.st.num_forced_gc, 1); /* churn_main's; stress cycles are not */
    ck_assert_uint_eq(r.st.checkmark_lost, 0);
    ck_assert_uint_gt(r.st.wb_entries, 0);
    ck_assert_uint_gt(r.st.frees, ENGINE(engine) == RT_ENGINE_VIRTUAL ? 50000 : 1000);
}

START_TEST(test_concurrent_mark_hybrid) { concurrent_under(_i, GC_BARRIER_HYBRID); }
END_TEST
START_TEST(test_concurrent_mark_dijkstra) { concurrent_under(_i, GC_BARRIER_DIJKSTRA); }
END_TEST
START_TEST(test_concurrent_mark_yuasa) { concurrent_under(_i, GC_BARRIER_YUASA); }
END_TEST

/* ---------------------------------------------------------------- lost objects */

typedef struct lost_env {
    gc_heap *h;
    const struct scenario *sc;
    node *root;              /* global root: A */
    void *slots[1];          /* the test goroutine's precise frame */
    uint64_t x_value;        /* X's value after the cycles */
    uint64_t lost;
    node *child_x;           /* what the goroutine started with X got */
    rt_waitgroup child_done;
} lost_env;

/* scrub zeroes the stack below the caller, so no stale copy of X lingers where later
   frames (the stack scan's own) will be scanned conservatively. */
static __attribute__((noinline)) void scrub(void)
{
    volatile uintptr_t junk[2048];
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        junk[i] = 0;
}

static __attribute__((noinline)) void make_a_and_x(lost_env *e, bool x_in_heap)
{
    node *a = gc_alloc(e->h, &node_t), *x = gc_alloc(e->h, &node_t);
    x->value = 42;
    gc_write_ptr(e->h, &e->root, a);
    if (x_in_heap)
        gc_write_ptr(e->h, &a->next, x);
    else
        e->slots[0] = x; /* only the frame holds X */
}

/* 1: the mutator loads X from the heap onto its already scanned stack, then deletes the
   heap copy. Only the deletion half (or a rescan of stacks) can save X. */
static __attribute__((noinline)) void move_heap_to_stack(lost_env *e)
{
    node *a = gc_read_ptr(&e->root);
    e->slots[0] = gc_read_ptr(&a->next);
    gc_write_ptr(e->h, &a->next, NULL);
}

/* 2: the mutator stores X, held only by its unscanned stack, into a black object, then
   drops its own copy. Only the insertion half (or a snapshot of stacks) can save X. */
static __attribute__((noinline)) void move_stack_to_black(lost_env *e)
{
    node *a = gc_read_ptr(&e->root);
    gc_write_ptr(e->h, &a->next, e->slots[0]);
    e->slots[0] = NULL;
}

/* 3: a typed copy moves X's only reference from A into a new (black) object held by the
   already scanned stack, then a typed clear erases A: the bulk barriers must record the
   copied pointer (insertion) or the cleared one (deletion). */
static __attribute__((noinline)) void copy_then_clear(lost_env *e)
{
    node *a = gc_read_ptr(&e->root);
    node *d = gc_alloc(e->h, &node_t); /* allocated black */
    e->slots[0] = d;
    gc_typed_copy(e->h, &node_t, d, a, 1);
    gc_typed_clear(e->h, &node_t, a, 1);
}

/* Where X is reachable from after each mutation. */
static node *x_in_frame(lost_env *e) { return e->slots[0]; }
static node *x_in_a(lost_env *e) { return gc_read_ptr(&((node *)gc_read_ptr(&e->root))->next); }
static node *x_in_d(lost_env *e)
{
    node *d = e->slots[0];
    return d ? gc_read_ptr(&d->next) : NULL;
}

/* An interleaving: how X starts, what is scanned before the mutator moves it, the move,
   and where X ends up (and so the root checkmark names). */
typedef struct scenario {
    bool x_in_heap;          /* X starts in A.next (else only in the frame) */
    bool stack_first;        /* the stack is scanned before the move (else A is) */
    void (*mutate)(lost_env *e);
    node *(*find_x)(lost_env *e);
    const char *root;        /* the start of checkmark's path to X (NULL: no precise
                                root reaches it, so checkmark cannot see the loss) */
} scenario;

static const scenario heap_to_stack = {true, true, move_heap_to_stack, x_in_frame,
                                       "\tpath: goroutine 1 frame slot 0 -> "};
static const scenario stack_to_black = {false, false, move_stack_to_black, x_in_a,
                                        "\tpath: global #0 -> "};
static const scenario bulk_copy_clear = {true, true, copy_then_clear, x_in_d,
                                         "\tpath: goroutine 1 frame slot 0 -> "};

/* 4: the mutator, its stack not scanned yet, starts a goroutine with X as its argument
   and drops X: the new goroutine is not in the stack snapshot, so only the hand-off of
   its argument (Go's barrier on newproc's context) can save X. */
static void keep_x(void *x);
static lost_env *spawn_env;
static __attribute__((noinline)) void spawn_with_x(lost_env *e)
{
    spawn_env = e;
    rt_waitgroup_add(&e->child_done, 1);
    rt_go(keep_x, e->slots[0]);
    e->slots[0] = NULL;
}

static void keep_x(void *x)
{
    spawn_env->child_x = x;
    rt_waitgroup_done(&spawn_env->child_done);
}

static node *x_in_child(lost_env *e)
{
    rt_waitgroup_wait(&e->child_done); /* it runs only now, after the cycles */
    return e->child_x;
}

static const scenario spawn_arg = {false, false, spawn_with_x, x_in_child, NULL};

static void lost_main(void *arg)
{
    lost_env *e = arg;
    const scenario *sc = e->sc;
    gc_frame f = {.slots = e->slots, .n = 1};
    gc_frame_push(e->h, &f);
    make_a_and_x(e, sc->x_in_heap);
    scrub();
    gc__test_mark_begin(e->h);
    if (sc->stack_first) {
        gc__test_scan_stack(e->h, rt_self()); /* black stack */
    } else {
        gc__test_scan_globals(e->h);          /* A black, the stack not scanned yet */
        gc__test_drain_gray(e->h);
    }
    sc->mutate(e);
    scrub();
    gc__test_drain(e->h);       /* the rest: X is no longer where it was */
    gc__test_mark_finish(e->h);
    gc_collect(e->h);           /* its sweep termination frees X if it was lost */
    node *x = sc->find_x(e);
    e->x_value = x ? x->value : 0;
    gc_frame_pop(e->h, &f);
}

static lost_env run_lost(int engine, gc_barrier b, const scenario *sc)
{
    rt_sched *s = new_sched(ENGINE(engine), 1);
    gc_config c;
    gc_config_init(&c);
    c.barrier = b;
    c.checkmark = true;
    c.manual_mark = true;
    FILE *log = tmpfile();
    c.log = log;
    lost_env e = {.sc = sc};
    e.h = gc_heap_new(s, &c);
    ck_assert(gc_root_add(e.h, &e.root, &ptr_t));
    ck_assert_int_eq(rt_sched_run(s, lost_main, &e), 0);
    gc_stats st;
    gc_read_stats(e.h, &st);
    e.lost = st.checkmark_lost;
    if (b == GC_BARRIER_NONE && sc->root) { /* the report names X's type and its path */
        char buf[4096] = {0};
        rewind(log);
        ck_assert_uint_gt(fread(buf, 1, sizeof buf - 1, log), 0);
        ck_assert_ptr_nonnull(strstr(buf, "(main.node, 32 bytes) was not marked"));
        ck_assert_ptr_nonnull(strstr(buf, sc->root));
    }
    fclose(log);
    ck_assert(gc_verify(e.h));
    gc_heap_free(e.h);
    rt_sched_free(s);
    return e;
}

static void lost_under(int engine, const scenario *sc)
{
    for (gc_barrier b = GC_BARRIER_HYBRID; b <= GC_BARRIER_YUASA; b++) {
        lost_env e = run_lost(engine, b, sc);
        ck_assert_msg(e.x_value == 42 && e.lost == 0, "%s lost X", gc_barrier_name(b));
    }
    if (!sc->root)
        return; /* no precise root leads to X: whether none loses it depends on what stale
                   words the build leaves on the stacks scanned conservatively */
    lost_env e = run_lost(engine, GC_BARRIER_NONE, sc);
    ck_assert_uint_eq(e.lost, 1);     /* checkmark saw it */
    ck_assert_uint_ne(e.x_value, 42); /* and it was freed: the slot was cleared */
}

START_TEST(test_lost_object_heap_to_scanned_stack) { lost_under(_i, &heap_to_stack); }
END_TEST
START_TEST(test_lost_object_stack_to_black_object) { lost_under(_i, &stack_to_black); }
END_TEST
START_TEST(test_lost_object_bulk_copy_and_clear) { lost_under(_i, &bulk_copy_clear); }
END_TEST
START_TEST(test_lost_object_goroutine_argument) { lost_under(_i, &spawn_arg); }
END_TEST

/* ---------------------------------------------------------------- assists, pacing */

/* Probe (c) of the reference at GOMAXPROCS=1: a live heap of 500 000 48-byte nodes, and a
   mutator allocating 48-byte pointerful nodes kept only in a ring. Its per-iteration work
   besides allocating (Go's probe looks up a 500 000-entry map) is set from the probe's own
   figures: about 7 MiB allocated per 35 ms of mutator time per cycle, so ~240 ns for each
   48-byte node. There is no dedicated worker at 1 P: the fractional worker gets its 25 %
   and assists must do the rest in time — about a third of the mark work in Go (ground
   truth §c: 31–39 %; GC CPU 13–15 %). */
static size_t count_events(const rt_trace_buf *tb, const char *kind_name, const char *str)
{
    size_t n = 0;
    for (size_t i = 0; i < tb->n; i++) {
        const rt_event *ev = &tb->ev[i];
        if (ev->kind >= RT_EV_BUILTIN_COUNT && !strcmp(tb_kind_name(ev->kind), kind_name) &&
            (!str || (ev->str && !strcmp(ev->str, str))))
            n++;
    }
    return n;
}

START_TEST(test_assists_share_mark_work_at_one_p)
{
    rt_trace_buf tb = {0};
    churn_result r = run_churn(RT_ENGINE_VIRTUAL, 1, NULL, &node48_t, 500000, 4000000, 240, &tb);
    ck_assert_int_eq(r.bad, 0);
    double mark = (double)(r.st.assist_ns + r.st.dedicated_ns + r.st.fractional_ns);
    double share = (double)r.st.assist_ns / mark;
    fprintf(stderr, "probe (c) at 1 P: assists %.0f %% of mark CPU, GC CPU %.1f %%, %u cycles\n",
            share * 100, r.st.gc_cpu_fraction * 100, r.st.num_gc);
    ck_assert_uint_ge(r.st.num_gc, 6);
    ck_assert_uint_eq(r.st.dedicated_ns, 0); /* 1 P: no dedicated worker */
    ck_assert(share > 0.25 && share < 0.5);
    ck_assert(r.st.gc_cpu_fraction > 0.08 && r.st.gc_cpu_fraction < 0.25);
    ck_assert_uint_gt(r.st.assist_work, 0);
    /* the trace shows them: assists in pairs, fractional workers, cycles, the heap goal */
    size_t starts = count_events(&tb, "GCMarkAssistStart", NULL);
    ck_assert_uint_gt(starts, 20);
    ck_assert_uint_eq(count_events(&tb, "GCMarkAssistDone", NULL), starts);
    ck_assert_uint_gt(count_events(&tb, "GCWorkerStart", "GC (fractional)"), 0);
    size_t started = count_events(&tb, "GCStart", NULL); /* the last may be unfinished */
    ck_assert(started == r.st.num_gc || started == r.st.num_gc + 1);
    ck_assert_uint_eq(count_events(&tb, "GCDone", NULL), r.st.num_gc);
    ck_assert_uint_eq(count_events(&tb, "HeapGoal", NULL), r.st.num_gc);
    ck_assert_uint_eq(count_events(&tb, "GCSTWStart", NULL), r.st.num_gc + started);
    ck_assert_uint_eq(count_events(&tb, "GCSTWDone", NULL), r.st.num_gc + started);
    ck_assert_uint_gt(count_events(&tb, "HeapAlloc", NULL), 100);
    rt_trace_buf_destroy(&tb);
}
END_TEST

/* ---------------------------------------------------------------- outputs */

/* read_all returns what was written to f (caller frees). */
static char *read_all(FILE *f)
{
    long n = ftell(f);
    char *buf = calloc(1, (size_t)n + 1);
    rewind(f);
    ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    return buf;
}

static char *churn_gctrace(int procs, uint64_t seed, rt_trace_buf *tb, gc_stats *st)
{
    gc_config c;
    gc_config_init(&c);
    c.gctrace = 1;
    c.log = tmpfile();
    churn_seed = seed;
    churn_result r = run_churn(RT_ENGINE_VIRTUAL, procs, &c, &node_t, 20000, 300000, 50, tb);
    churn_seed = 1;
    ck_assert_int_eq(r.bad, 0);
    if (st)
        *st = r.st;
    char *text = read_all(c.log);
    fclose(c.log);
    return text;
}

/* Every gctrace line matches the pattern written from Go's print statement, cycles are
   numbered from 1, "(forced)" marks exactly the runtime.GC cycles, the P count is ours, and
   the heap figures agree with MemStats. */
START_TEST(test_gctrace_lines_match_go_format)
{
    gc_stats st;
    char *text = churn_gctrace(2, 1, NULL, &st);
    regex_t re;
    ck_assert_int_eq(regcomp(&re, GCTRACE_RE, REG_EXTENDED), 0);
    uint32_t n = 0, forced = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        regmatch_t m[40];
        ck_assert_msg(regexec(&re, line, 40, m, 0) == 0, "not Go's format: %s", line);
        ck_assert_int_eq(atoi(line + m[1].rm_so), (int)++n);
        ck_assert_int_eq(atoi(line + m[26].rm_so), 2); /* P */
        forced += m[27].rm_so >= 0;
        ck_assert_int_le(atoi(line + m[3].rm_so), 100); /* U% */
    }
    regfree(&re);
    ck_assert_uint_eq(n, st.num_gc);
    ck_assert_uint_ge(n, 5);
    ck_assert_uint_eq(forced, st.num_forced_gc);
    ck_assert_uint_eq(forced, 1); /* churn_main's gc_collect */
    free(text);
}
END_TEST

/* Same seed and build: byte-identical gctrace and event stream in the virtual engine. */
START_TEST(test_virtual_collector_is_deterministic)
{
    rt_trace_buf a = {0}, b = {0};
    char *ta = churn_gctrace(4, 7, &a, NULL), *tb = churn_gctrace(4, 7, &b, NULL);
    ck_assert_str_eq(ta, tb);
    ck_assert_uint_eq(a.n, b.n);
    for (size_t i = 0; i < a.n; i++) {
        const rt_event *x = &a.ev[i], *y = &b.ev[i];
        ck_assert_msg(x->ts == y->ts && x->kind == y->kind && x->p == y->p && x->g == y->g &&
                          !memcmp(x->arg, y->arg, sizeof x->arg),
                      "event %zu differs", i);
    }
    free(ta);
    free(tb);
    rt_trace_buf_destroy(&a);
    rt_trace_buf_destroy(&b);
}
END_TEST

/* The forced GC (reference §5.10): two minutes of engine time after the last cycle a busy
   program gets one, announced by "GC forced", not counted as forced, not tagged. */
typedef struct idle_env {
    gc_heap *h;
    void *keep;
} idle_env;

static void busy_three_minutes(void *arg)
{
    idle_env *e = arg;
    e->keep = gc_alloc(e->h, &node_t);
    gc_collect(e->h);
    for (int i = 0; i < 180 * 100; i++) /* 180 s of work, 10 ms at a time */
        rt_work(10 * MS);
}

START_TEST(test_forced_gc_after_two_minutes)
{
    rt_sched *s = new_sched(RT_ENGINE_VIRTUAL, 1);
    gc_config c;
    gc_config_init(&c);
    c.gctrace = 1;
    c.log = tmpfile();
    idle_env e = {0};
    e.h = gc_heap_new(s, &c);
    ck_assert(gc_root_add(e.h, &e.keep, &ptr_t));
    ck_assert_int_eq(rt_sched_run(s, busy_three_minutes, &e), 0);
    char *text = read_all(c.log);
    gc_stats st;
    gc_read_stats(e.h, &st);
    ck_assert_uint_eq(st.num_gc, 2);
    ck_assert_uint_eq(st.num_forced_gc, 1);
    char *forced = strstr(text, "GC forced\ngc 2 @120.0");
    ck_assert_msg(forced != NULL, "%s", text);
    ck_assert_ptr_null(strstr(forced + 10, "(forced)"));
    free(text);
    fclose(c.log);
    gc_heap_free(e.h);
    rt_sched_free(s);
}
END_TEST

/* A steady state worked out by hand (reference §5.3, §5.5): 16 MiB live and pointer-free,
   marked once with GOGC off (so cons/mark starts at 0), then GOGC=100: the goal is 32 MiB (plus
   the few KiB of stacks scanned); with almost no scan work the runway is ~0 and the trigger
   sits at its upper bound, 16 + 16 x 61/64 = 31.25 MiB; each cycle therefore lets ~15.25
   MiB of garbage be allocated: 320 MiB of garbage take about 21 cycles. */
typedef struct steady_env {
    gc_heap *h;
    void *live;
    uint64_t goals[64];
    uint64_t heap0[64];
    uint32_t ncycles;
} steady_env;

static void steady_main(void *arg)
{
    steady_env *e = arg;
    e->live = gc_alloc_noscan(e->h, 16 << 20);
    gc_collect(e->h);       /* with GOGC off: its trigger is unbounded, cons/mark stays 0 */
    gc_set_gogc(e->h, 100); /* goal 2 x 16 MiB from here */
    gc_stats st;
    uint32_t seen = 1;
    for (long i = 0; i < (320l << 20) / 4096; i++) {
        gc_alloc_noscan(e->h, 4096);
        gc_read_stats(e->h, &st);
        if (st.num_gc > seen && e->ncycles < 64) { /* a cycle ended: its goal is next */
            seen = st.num_gc;
            e->goals[e->ncycles++] = st.next_gc;
        }
    }
}

START_TEST(test_steady_state_goals_and_cycles)
{
    rt_sched *s = new_sched(RT_ENGINE_VIRTUAL, 4);
    gc_config c;
    gc_config_init(&c);
    c.gctrace = 1;
    c.log = tmpfile();
    c.gogc = GC_GOGC_OFF;
    c.no_assists = true; /* idle workers mark; an assist that did a whole (tiny) mark would
                            make u > 1 in the cons/mark estimate (as it would in Go) */
    steady_env *e = calloc(1, sizeof *e);
    e->h = gc_heap_new(s, &c);
    ck_assert(gc_root_add(e->h, &e->live, &ptr_t));
    ck_assert_int_eq(rt_sched_run(s, steady_main, e), 0);
    char *text = read_all(c.log);
    if (getenv("GCTRACE"))
        fputs(text, stderr);
    gc_stats st;
    gc_read_stats(e->h, &st);
    uint32_t cycles = st.num_gc - 1; /* after the first, forced one */
    /* the build changes what conservative stack words retain a little, so a cycle more or
       two of floating garbage is no surprise */
    ck_assert_msg(cycles >= 19 && cycles <= 24, "%u cycles", cycles);
    for (uint32_t k = 1; k < e->ncycles; k++) { /* 2 x (16 MiB + the few chunks allocated
                                                   black during the mark) + stacks */
        ck_assert_uint_ge(e->goals[k], 32 * MiB);
        ck_assert_uint_le(e->goals[k], 32 * MiB + 512 * 1024);
    }
    /* each cycle started when heap_live reached 31.25 MiB (a span past it at most) */
    int started_at_31 = 0;
    for (char *l = strstr(text, "gc 2 "); l; l = strstr(l + 1, "\ngc "))
        started_at_31 += strstr(l, ": ") && strstr(l, " 31->") < strchr(l + 1, '\n');
    ck_assert_int_ge(started_at_31, (int)cycles - 2);
    free(text);
    fclose(c.log);
    gc_heap_free(e->h);
    rt_sched_free(s);
    free(e);
}
END_TEST

/* ---------------------------------------------------------------- roots and misuse */

/* A pointer whose only home is a channel buffer (C memory) survives collections. */
typedef struct chan_env {
    gc_heap *h;
    rt_chan *c;
    uint64_t value;
    uint64_t live_after, inuse_after;
} chan_env;

static __attribute__((noinline)) void send_fresh(chan_env *e)
{
    node *x = gc_alloc(e->h, &node_t);
    x->value = 42;
    rt_chan_send(e->c, &x);
}

static void chan_main(void *arg)
{
    chan_env *e = arg;
    send_fresh(e);
    scrub();
    for (int i = 0; i < 3; i++)
        gc_collect(e->h);
    node *x = NULL;
    rt_chan_recv(e->c, &x);
    e->value = x->value;
    gc_stats st;
    gc_read_stats(e->h, &st);
    e->live_after = ld_acq(&e->h->pacer.heap_live);
    e->inuse_after = st.heap_inuse;
}

START_TEST(test_channel_buffers_are_roots)
{
    rt_sched *s = new_sched(ENGINE(_i), 2);
    chan_env e = {.c = rt_chan_new(sizeof(node *), 4)};
    e.h = gc_heap_new(s, NULL);
    ck_assert_int_eq(rt_sched_run(s, chan_main, &e), 0);
    ck_assert_uint_eq(e.value, 42);
    /* heap_live after a cycle is what was marked plus what is cached since: never more
       than the spans in use (the sweep flip must not subtract cached spans again) */
    ck_assert_uint_le(e.live_after, e.inuse_after);
    gc_heap_free(e.h);
    rt_sched_free(s);
    rt_chan_free(e.c);
}
END_TEST

/* A goroutine that never parks (a CPU-bound loop on another P) still gets its stack
   scanned: it is asked at its safe points until it does it itself. */
typedef struct spin_env {
    gc_heap *h;
    long stop;
    rt_waitgroup wg;
} spin_env;

static void spinner(void *arg)
{
    spin_env *e = arg;
    while (!atomic_get(&e->stop))
        rt_work(20 * US);
    rt_waitgroup_done(&e->wg);
}

static void spin_main(void *arg)
{
    spin_env *e = arg;
    rt_waitgroup_add(&e->wg, 1);
    rt_go(spinner, e);
    for (int i = 0; i < 100; i++)
        gc_collect(e->h);
    atomic_put(&e->stop, 1);
    rt_waitgroup_wait(&e->wg);
}

START_TEST(test_stack_of_a_running_goroutine_is_scanned)
{
    rt_sched *s = new_sched(ENGINE(_i), 2);
    spin_env e = {0};
    e.h = gc_heap_new(s, NULL);
    ck_assert_int_eq(rt_sched_run(s, spin_main, &e), 0);
    gc_stats st;
    gc_read_stats(e.h, &st);
    ck_assert_uint_eq(st.num_gc, 100);
    gc_heap_free(e.h);
    rt_sched_free(s);
}
END_TEST

static void huge(void *arg) { gc_alloc_noscan(arg, SIZE_MAX); }

START_TEST(test_heap_misuse_is_refused)
{
    rt_sched *s = new_sched(RT_ENGINE_VIRTUAL, 1);
    gc_heap *h = gc_heap_new(s, NULL);
    ck_assert_ptr_nonnull(h);
    errno = 0; /* one heap per runtime: its hooks are taken */
    ck_assert_ptr_null(gc_heap_new(s, NULL));
    ck_assert_int_eq(errno, EBUSY);
    static const gc_type bad = {16, 12, NULL, "bad"}; /* ptrdata not whole words, no mask */
    static void *g;
    errno = 0;
    ck_assert(!gc_root_add(h, &g, &bad));
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert(!gc_root_remove(h, &g));
    ck_assert_int_eq(errno, ENOENT);
    ck_assert_int_eq(rt_sched_run(s, huge, h), 2); /* SIZE_MAX bytes: as Go, out of memory */
    ck_assert_str_eq(rt_sched_fatal_message(s), "out of memory");
    gc_heap_free(h);
    rt_sched_free(s);
    s = new_sched(RT_ENGINE_VIRTUAL, 1);
    gc_config c;
    gc_config_init(&c);
    c.barrier = (gc_barrier)7;
    errno = 0;
    ck_assert_ptr_null(gc_heap_new(s, &c));
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_ptr_nonnull(h = gc_heap_new(s, NULL)); /* the failed one took nothing */
    gc_heap_free(h);
    rt_sched_free(s);
}
END_TEST

static Suite *collector_suite(void)
{
    Suite *s = suite_create("collector");
    TCase *tc = tcase_create("pacer");
    tcase_add_test(tc, test_worker_split_matches_go);
    tcase_add_test(tc, test_pacer_first_cycle_and_goal);
    tcase_add_test(tc, test_pacer_memory_limit_goal);
    tcase_add_test(tc, test_pacer_worked_example);
    tcase_add_test(tc, test_pacer_revise_extrapolates_when_scan_grows);
    tcase_add_test(tc, test_fmt_ns_as_ms_is_gos);
    suite_add_tcase(s, tc);
    tc = tcase_create("barriers");
    tcase_set_timeout(tc, 120);
    add_both(tc, test_lost_object_heap_to_scanned_stack);
    add_both(tc, test_lost_object_stack_to_black_object);
    add_both(tc, test_lost_object_bulk_copy_and_clear);
    add_both(tc, test_lost_object_goroutine_argument);
    add_both(tc, test_concurrent_mark_hybrid);
    add_both(tc, test_concurrent_mark_dijkstra);
    add_both(tc, test_concurrent_mark_yuasa);
    suite_add_tcase(s, tc);
    tc = tcase_create("roots");
    tcase_set_timeout(tc, 120);
    add_both(tc, test_channel_buffers_are_roots);
    add_both(tc, test_stack_of_a_running_goroutine_is_scanned);
    tcase_add_test(tc, test_heap_misuse_is_refused);
    suite_add_tcase(s, tc);
    tc = tcase_create("assists");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_assists_share_mark_work_at_one_p);
    tcase_add_test(tc, test_steady_state_goals_and_cycles);
    suite_add_tcase(s, tc);
    tc = tcase_create("outputs");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_gctrace_lines_match_go_format);
    tcase_add_test(tc, test_virtual_collector_is_deterministic);
    tcase_add_test(tc, test_forced_gc_after_two_minutes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(collector_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
