/*
 * check_maps.h — what the classic-map suites share: a run of a test body on a fresh
 * runtime + heap + map context, the map types the tests use, and suite constructors.
 */
#ifndef GORSIM_TESTS_CHECK_MAPS_H
#define GORSIM_TESTS_CHECK_MAPS_H

#include "maps/maps_internal.h"
#include "tests/testutil.h"
#include <stdlib.h>

/* the values and keys the tests store */
typedef struct tval {
    int64_t key;   /* the key the value was stored under */
    int64_t check; /* tval_check(key) */
} tval;
static inline int64_t tval_check(int64_t key) { return (int64_t)((uint64_t)key * 31 + 7); }
typedef struct big { int64_t w[25]; } big; /* 200 bytes: stored indirectly */

typedef struct menv {
    gc_heap *h;
    map_ctx *c;
    map_type ii;     /* map[int64]int64 (noscan buckets, 144 B) */
    map_type sp;     /* map[string]*tval (208 B) */
    map_type ip;     /* map[int64]*tval */
    map_type ib;     /* map[int64]big (indirect element) */
    map_type bi;     /* map[big]int64 (indirect key) */
    map_type fi;     /* map[float64]int64 */
    map_type pk;     /* map[*tval]int64 (pointer keys) */
    void *arg;       /* the test's */
    uint64_t seed;
} menv;

typedef struct mrun {
    rt_engine_kind engine;
    int procs;
    uint64_t seed;
    const gc_config *gc;  /* NULL: defaults */
    const rt_cost_model *costs; /* NULL: defaults */
    rt_trace_buf *trace;
    void (*after)(rt_sched *s, void *arg); /* called after the run, before teardown */
    void *after_arg;
} mrun;

extern const gc_type tval_t, tval_ptr_t, int64_t_t, big_t, float64_t;

/* map_run runs body(env) as the main goroutine; returns the exit code (2 with the fatal
   message in fatal for a fatal error). */
int map_run(const mrun *o, void (*body)(menv *), void *arg, char *fatal, size_t len);
/* map_run_ok: map_run that must end cleanly */
void map_run_ok(const mrun *o, void (*body)(menv *), void *arg);

/* map_test_init_types fills e's map types for e->c */
void map_test_init_types(menv *e);

/* key helpers */
map_string test_skey(gc_heap *h, int64_t i); /* "key-<i>" as a heap string */
tval *test_tval(gc_heap *h, int64_t key);

Suite *maps_core_suite(void);
Suite *maps_iter_suite(void);
Suite *maps_gc_suite(void);

#endif
