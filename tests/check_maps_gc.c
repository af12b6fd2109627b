/*
 * check_maps_conc.c — maps under concurrency: the collector marking (stress mode: a cycle
 * every few hundred allocations; checkmark verifying each mark) while goroutines on two Ps
 * churn maps through growth, deletes, overwrites, clears and iteration, under every correct
 * barrier and both engines — no key or value may be lost.
 */
#include "tests/check_maps.h"

/* ---------------------------------------------------------------- churn under the collector */

enum { CHURN_KEYS = 3000, CHURN_STEPS = 6000 };

typedef struct churner {
    menv *e;
    rt_waitgroup *wg;
    uint64_t seed;
    bool present[CHURN_KEYS];
    int64_t value[CHURN_KEYS];
} churner;

/* check_map: every key the model holds is there with its value intact (a freed and reused
   value object would fail the check word) */
static void check_map(churner *ch, const map_type *t, hmap *m, bool strkey)
{
    menv *e = ch->e;
    int64_t n = 0;
    for (int64_t k = 0; k < CHURN_KEYS; k++) {
        n += ch->present[k];
        map_string s;
        void *key = &k;
        if (strkey) {
            s = test_skey(e->h, k);
            key = &s;
        }
        tval **v = hmap_access(t, m, key);
        ck_assert_msg((v != NULL) == ch->present[k], "key %lld", (long long)k);
        if (v) {
            ck_assert_int_eq((*v)->key, ch->value[k]);
            ck_assert_int_eq((*v)->check, tval_check(ch->value[k]));
        }
    }
    ck_assert_int_eq(hmap_len(m), n);
    ck_assert(hmap_verify(t, m));
}

static void churn_one(churner *ch, const map_type *t, bool strkey)
{
    menv *e = ch->e;
    rt_rng r;
    rt_rng_init(&r, ch->seed, strkey ? "churn.s" : "churn.i");
    memset(ch->present, 0, sizeof ch->present);
    void *slots[2] = {hmap_make(t, 0), NULL};
    gc_frame f = {.slots = slots, .n = 2}; /* the map is a precise root of this goroutine */
    gc_frame_push(e->h, &f);
    for (int step = 0; step < CHURN_STEPS; step++) {
        hmap *m = slots[0];
        int64_t k = (int64_t)rt_rng_uintn(&r, CHURN_KEYS);
        map_string s;
        void *key = &k;
        if (strkey) {
            s = test_skey(e->h, k);
            key = &s;
        }
        uint64_t what = rt_rng_uintn(&r, 1000);
        if (what < 600) {
            int64_t v = (int64_t)rt_rng_uintn(&r, 1 << 30);
            tval *val = test_tval(e->h, v);
            ck_assert(hmap_store(t, m, key, &val));
            ch->present[k] = true;
            ch->value[k] = v;
        } else if (what < 950) {
            hmap_delete(t, m, key);
            ch->present[k] = false;
        } else if (what < 998) { /* a partial iteration, checking what it sees */
            hmap_iter it;
            int n = 0;
            for (hmap_iter_init(t, m, &it); it.key && n < 50; hmap_iter_next(&it), n++) {
                tval *v = *(tval **)it.elem;
                ck_assert_int_eq(v->check, tval_check(v->key));
            }
        } else {
            hmap_clear(t, m);
            memset(ch->present, 0, sizeof ch->present);
        }
        if (step % 2000 == 1999)
            check_map(ch, t, m, strkey);
    }
    check_map(ch, t, slots[0], strkey);
    gc_frame_pop(e->h, &f);
}

/* pointer keys: the keys' objects are held by the map alone (the generic path's key stores
   go through the barrier; Go's fast64ptr) */
static void churn_pointer_keys(churner *ch)
{
    menv *e = ch->e;
    const map_type *t = &e->pk;
    void *slots[1] = {hmap_make(t, 0)};
    gc_frame f = {.slots = slots, .n = 1};
    gc_frame_push(e->h, &f);
    for (int round = 0; round < 4; round++) {
        for (int64_t i = 0; i < 1500; i++) {
            tval *k = test_tval(e->h, i);
            ck_assert(hmap_store(t, slots[0], &k, &i));
        }
        int64_t n = 0;
        hmap_iter it;
        for (hmap_iter_init(t, slots[0], &it); it.key; hmap_iter_next(&it)) {
            tval *k = *(tval **)it.key;
            ck_assert_int_eq(k->check, tval_check(k->key));
            ck_assert_int_eq(*(int64_t *)it.elem, k->key);
            if (++n % 2) /* delete every other one, while iterating */
                hmap_delete(t, slots[0], &k);
        }
        ck_assert(hmap_verify(t, slots[0]));
    }
    gc_frame_pop(e->h, &f);
}

static void churner_main(void *arg)
{
    churner *ch = arg;
    churn_one(ch, &ch->e->sp, true);
    churn_one(ch, &ch->e->ip, false);
    churn_pointer_keys(ch);
    rt_waitgroup_done(ch->wg);
}

static void churn_body(menv *e)
{
    static churner ch[2];
    rt_waitgroup wg = {0};
    rt_waitgroup_add(&wg, 2);
    for (int i = 0; i < 2; i++) {
        memset(&ch[i], 0, sizeof ch[i]);
        ch[i].e = e;
        ch[i].wg = &wg;
        ch[i].seed = e->seed * 10 + (uint64_t)i;
        rt_go(churner_main, &ch[i]);
    }
    rt_waitgroup_wait(&wg);
    gc_stats st;
    gc_read_stats(e->h, &st);
    /* stress mode: many cycles met the maps mid-growth (about 60-100 virtual, 100-150
       threads on an idle machine; a loaded machine stretches threads-engine cycles, so
       fewer of them start there) */
    ck_assert_uint_gt(st.num_gc, *(const unsigned *)e->arg);
    ck_assert_uint_eq(st.checkmark_lost, 0);
}

START_TEST(test_churn_under_stress_and_checkmark)
{
    static const gc_barrier barriers[] = {GC_BARRIER_HYBRID, GC_BARRIER_DIJKSTRA,
                                          GC_BARRIER_YUASA};
    for (int b = 0; b < 3; b++) {
        gc_config gcfg;
        gc_config_init(&gcfg);
        gcfg.barrier = barriers[b];
        gcfg.stress_every = 400;
        gcfg.checkmark = true;
        mrun o = {.engine = ENGINE(_i), .procs = 2, .seed = 5 + (uint64_t)b, .gc = &gcfg};
        static const unsigned min_cycles[] = {40, 5}; /* virtual, threads */
        map_run_ok(&o, churn_body, (void *)&min_cycles[_i]);
    }
}
END_TEST

Suite *maps_gc_suite(void)
{
    Suite *s = suite_create("maps_gc");
    TCase *tc = tcase_create("conc");
    tcase_set_timeout(tc, 600);
    add_both(tc, test_churn_under_stress_and_checkmark);
    suite_add_tcase(s, tc);
    return s;
}
