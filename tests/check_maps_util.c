/*
 * check_maps_util.c — the map suites' harness: a test body run as the main goroutine of a
 * fresh runtime + heap + map context, the map types the tests use, keys and values.
 */
#include "tests/check_maps.h"

static const uint8_t one_ptr[] = {0x1};
const gc_type tval_t = {sizeof(tval), 0, NULL, "main.tval"};
const gc_type tval_ptr_t = {8, 8, one_ptr, "*main.tval"};
const gc_type int64_t_t = {8, 0, NULL, "int64"};
const gc_type big_t = {sizeof(big), 0, NULL, "main.big"};
const gc_type float64_t = {8, 0, NULL, "float64"};

typedef struct run_arg {
    void (*body)(menv *);
    menv *env;
} run_arg;

static void run_main(void *arg)
{
    run_arg *ra = arg;
    ra->body(ra->env);
}

void map_test_init_types(menv *e)
{
    ck_assert(map_type_init(&e->ii, e->c, &int64_t_t, MAP_KEY_MEM, &int64_t_t));
    ck_assert(map_type_init(&e->sp, e->c, &map_string_type, MAP_KEY_STRING, &tval_ptr_t));
    ck_assert(map_type_init(&e->ip, e->c, &int64_t_t, MAP_KEY_MEM, &tval_ptr_t));
    ck_assert(map_type_init(&e->ib, e->c, &int64_t_t, MAP_KEY_MEM, &big_t));
    ck_assert(map_type_init(&e->bi, e->c, &big_t, MAP_KEY_MEM, &int64_t_t));
    ck_assert(map_type_init(&e->fi, e->c, &float64_t, MAP_KEY_FLOAT64, &int64_t_t));
    ck_assert(map_type_init(&e->pk, e->c, &tval_ptr_t, MAP_KEY_MEM, &int64_t_t));
}

int map_run(const mrun *o, void (*body)(menv *), void *arg, char *fatal, size_t len)
{
    rt_config cfg;
    rt_config_init(&cfg);
    cfg.engine = o->engine;
    cfg.nprocs = o->procs ? o->procs : 1;
    cfg.seed = o->seed ? o->seed : 1;
    cfg.fatal_returns = true;
    cfg.costs = o->costs;
    rt_sched *s = rt_sched_new(&cfg);
    ck_assert_ptr_nonnull(s);
    if (o->trace)
        rt_sched_set_trace(s, rt_trace_buf_sink, o->trace);
    menv *e = calloc(1, sizeof *e);
    ck_assert_ptr_nonnull(e);
    e->h = gc_heap_new(s, o->gc);
    ck_assert_ptr_nonnull(e->h);
    e->c = map_ctx_new(s, e->h);
    ck_assert_ptr_nonnull(e->c);
    e->arg = arg;
    e->seed = cfg.seed;
    map_test_init_types(e);
    run_arg ra = {body, e};
    int rc = rt_sched_run(s, run_main, &ra);
    if (o->after)
        o->after(s, o->after_arg);
    if (fatal) {
        const char *m = rt_sched_fatal_message(s);
        snprintf(fatal, len, "%s", m ? m : "");
    }
    map_ctx_free(e->c);
    gc_heap_free(e->h);
    rt_sched_free(s);
    free(e);
    return rc;
}

void map_run_ok(const mrun *o, void (*body)(menv *), void *arg)
{
    char fatal[512];
    int rc = map_run(o, body, arg, fatal, sizeof fatal);
    ck_assert_msg(rc == 0, "%s engine: exit %d (%s)", rt_engine_name(o->engine), rc, fatal);
}

map_string test_skey(gc_heap *h, int64_t i)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "key-%lld", (long long)i);
    uint8_t *p = gc_alloc_noscan(h, (size_t)n);
    memcpy(p, buf, (size_t)n);
    return (map_string){p, n};
}

tval *test_tval(gc_heap *h, int64_t key)
{
    tval *v = gc_alloc(h, &tval_t);
    v->key = key;
    v->check = tval_check(key);
    return v;
}

