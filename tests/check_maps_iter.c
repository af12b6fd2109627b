/*
 * check_maps_iter.c — iteration: the number of distinct orders Go shows (2^B x 8), and
 * Go's guarantees as properties over seeds: every entry present throughout is returned
 * exactly once, through growths started before or during the iteration, with inserts,
 * deletes and updates while iterating; and the same order for the same seed (virtual).
 */
#include "tests/check_maps.h"

/* ---------------------------------------------------------------- distinct orders */

typedef struct orders {
    int n;
    int B;
    int distinct, first_keys;
    int rotations; /* distinct in-bucket rotations the table admits */
} orders;

static uint64_t fnv(uint64_t h, int64_t v) { return (h ^ (uint64_t)v) * 0x100000001b3ull; }

/* rotations: entries fill slots from 0 (no deletes), so offsets at or past the fullest
   bucket's count all give offset 0's order; a full bucket (or a chain) admits all 8 */
static int rotations(const map_type *t, hmap *m)
{
    int most = 0;
    for (uint64_t i = 0; i < (uint64_t)1 << m->B; i++) {
        uint8_t *b = map__bucket(t, m->buckets, i);
        int k = 0;
        for (unsigned s = 0; s < MAP_BUCKET_SLOTS; s++)
            k += !map__is_empty(b[s]);
        if (map__overflow(t, b))
            k = MAP_BUCKET_SLOTS;
        most = k > most ? k : most;
    }
    return most;
}

static void orders_body(menv *e)
{
    orders *o = e->arg;
    hmap *m = hmap_make(&e->ii, 0);
    for (int64_t k = 0; k < o->n; k++)
        ck_assert(hmap_store(&e->ii, m, &k, &k));
    o->B = m->B;
    o->rotations = rotations(&e->ii, m);
    enum { SEEN = 512 };
    uint64_t seen[SEEN];
    bool first[128] = {false};
    int nseen = 0;
    for (int it = 0; it < 20000; it++) {
        hmap_iter i;
        uint64_t h = 0xcbf29ce484222325ull;
        int got = 0;
        for (hmap_iter_init(&e->ii, m, &i); i.key; hmap_iter_next(&i), got++) {
            int64_t k = *(int64_t *)i.key;
            if (got == 0 && !first[k]) {
                first[k] = true;
                o->first_keys++;
            }
            h = fnv(h, k);
        }
        ck_assert_int_eq(got, o->n);
        int j = 0;
        while (j < nseen && seen[j] != h)
            j++;
        if (j == nseen) {
            ck_assert_int_lt(nseen, SEEN);
            seen[nseen++] = h;
        }
    }
    o->distinct = nseen;
}

START_TEST(test_iteration_orders_as_go)
{
    /* ground truth §e: 8 orders at n = 8 (B = 0), 32 at n = 20 (B = 2), 128 at n = 100
       (B = 4) over 20 000 iterations: every start bucket x every in-bucket offset. A
       table whose fullest bucket holds k < 8 entries admits only k distinct offsets
       (Go's run had a full bucket), so per seed the count is 2^B x rotations, and over
       the seeds the bound is reached. */
    static const int n[] = {8, 20, 100}, B[] = {0, 2, 4};
    for (int i = 0; i < 3; i++) {
        int best = 0;
        for (uint64_t seed = 1; seed <= 8; seed++) {
            orders o = {.n = n[i]};
            mrun r = {.engine = ENGINE(_i), .seed = seed * 13};
            map_run_ok(&r, orders_body, &o);
            ck_assert_int_eq(o.B, B[i]);
            ck_assert_int_eq(o.distinct, (1 << B[i]) * o.rotations);
            if (n[i] == 8)
                ck_assert_int_eq(o.first_keys, 8);
            best = o.distinct > best ? o.distinct : best;
        }
        ck_assert_int_eq(best, (1 << B[i]) * 8);
    }
}
END_TEST

/* ---------------------------------------------------------------- guarantees, over seeds */

enum { KEYS = 6000 };

typedef struct iter_state {
    bool present[KEYS];      /* in the map now */
    bool throughout[KEYS];   /* present at the start and never deleted */
    bool deleted[KEYS];      /* deleted during the iteration */
    int returned[KEYS];
    int64_t value[KEYS];
} iter_state;

/* one property run: a map of n keys (maybe mid-growth), iterated while random inserts,
   deletes and updates happen between steps */
static void iterate_while_writing(menv *e, rt_rng *r, iter_state *st)
{
    memset(st, 0, sizeof *st);
    const map_type *t = &e->ii;
    hmap *m = hmap_make(t, 0);
    int64_t n = 1 + (int64_t)rt_rng_uintn(r, 3000);
    for (int64_t k = 0; k < n; k++) {
        ck_assert(hmap_store(t, m, &k, &k));
        st->present[k] = st->throughout[k] = true;
        st->value[k] = k;
    }
    int64_t next_key = n;
    hmap_iter it;
    for (hmap_iter_init(t, m, &it); it.key; hmap_iter_next(&it)) {
        int64_t k = *(int64_t *)it.key, v = *(int64_t *)it.elem;
        ck_assert_msg(k >= 0 && k < KEYS && st->present[k], "key %lld not in the map",
                      (long long)k);
        ck_assert_int_eq(v, st->value[k]); /* the current value, even after growth */
        ck_assert_int_eq(++st->returned[k], 1);
        int writes = (int)rt_rng_uintn(r, 4);
        for (int w = 0; w < writes; w++) {
            uint64_t what = rt_rng_uintn(r, 10);
            int64_t x = (int64_t)rt_rng_uintn(r, (uint64_t)next_key);
            if (what < 4 && next_key < KEYS) { /* insert: growth during iteration */
                x = next_key++;
                ck_assert(hmap_store(t, m, &x, &x));
                st->present[x] = true;
                st->value[x] = x;
            } else if (what < 7 && st->present[x]) {
                hmap_delete(t, m, &x);
                st->present[x] = st->throughout[x] = false;
                st->deleted[x] = true;
            } else if (st->present[x]) {
                int64_t nv = x + 1000000;
                ck_assert(hmap_store(t, m, &x, &nv));
                st->value[x] = nv;
            }
        }
    }
    for (int64_t k = 0; k < KEYS; k++) {
        if (st->throughout[k])
            ck_assert_msg(st->returned[k] == 1, "key %lld present throughout returned %d "
                          "times", (long long)k, st->returned[k]);
        ck_assert_int_le(st->returned[k], 1);
    }
    ck_assert(hmap_verify(t, m));
}

/* iteration started in the middle of a growth: the iterator walks old buckets */
static void iterate_mid_growth(menv *e, rt_rng *r, iter_state *st)
{
    memset(st, 0, sizeof *st);
    const map_type *t = &e->ii;
    hmap *m = hmap_make(t, 0);
    int64_t n = 13 * (1 << (2 + (int)rt_rng_uintn(r, 7))) + 1 + (int64_t)rt_rng_uintn(r, 2);
    for (int64_t k = 0; k < n; k++) {
        ck_assert(hmap_store(t, m, &k, &k));
        st->present[k] = true;
    }
    ck_assert(m->oldbuckets); /* 1 or 2 writes into a growth of >= 8 old buckets */
    int got = 0;
    hmap_iter it;
    for (hmap_iter_init(t, m, &it); it.key; hmap_iter_next(&it), got++) {
        int64_t k = *(int64_t *)it.key;
        ck_assert_int_eq(++st->returned[k], 1);
        if (rt_rng_uintn(r, 3) == 0) { /* writes advance the evacuation meanwhile */
            int64_t x = n + got;
            ck_assert(hmap_store(t, m, &x, &x));
            hmap_delete(t, m, &x);
        }
    }
    ck_assert_int_eq(got, n);
}

static void guarantees_body(menv *e)
{
    static iter_state st;
    rt_rng r;
    rt_rng_init(&r, e->seed, "iter");
    for (int round = 0; round < 10; round++) {
        iterate_while_writing(e, &r, &st);
        iterate_mid_growth(e, &r, &st);
    }
}

START_TEST(test_iteration_guarantees_over_seeds)
{
    for (uint64_t seed = 1; seed <= 10; seed++) {
        mrun o = {.engine = ENGINE(_i), .seed = seed * 101};
        map_run_ok(&o, guarantees_body, NULL);
    }
}
END_TEST

/* ---------------------------------------------------------------- two growths, one range */

/* A small table churned (delete the oldest key, insert a new one) piles up overflow
   buckets and grows at the same size again and again; an iteration that lives through
   two or more such growths must still return each stable key once, with its value, and
   never a key that is not in the map. Go 1.19 decides "this iteration started on the new
   table" by it.B == h.B, which a second same-size growth also satisfies; gorsim compares
   the tables. Both a noscan table (map[int64]int64) and a scanned one (map[int64]*tval,
   whose evacuated old buckets are cleared unless an iterator may read them). */
enum { STABLE = 10, CHURN = 14, SPAN = 4096 };

typedef struct churn_iter {
    const map_type *t;
    hmap *m;
    int64_t oldest, next;     /* the churned keys in the map: [oldest, next) */
    int growths;              /* growths started during the current range */
    int most_growths;         /* over all ranges */
} churn_iter;

static void ci_put(menv *e, churn_iter *c, int64_t k)
{
    if (c->t == &e->ii) {
        ck_assert(hmap_store(c->t, c->m, &k, &k));
    } else {
        tval *v = test_tval(e->h, k);
        ck_assert(hmap_store(c->t, c->m, &k, &v));
    }
}

static int64_t ci_value_key(menv *e, churn_iter *c, const void *elem)
{
    if (c->t == &e->ii)
        return *(const int64_t *)elem;
    const tval *v = *(tval *const *)elem;
    ck_assert_int_eq(v->check, tval_check(v->key));
    return v->key;
}

static void ci_churn(menv *e, churn_iter *c)
{
    int64_t k = c->oldest++;
    hmap_delete(c->t, c->m, &k);
    bool was = c->m->oldbuckets != NULL;
    ci_put(e, c, c->next++);
    if (!was && c->m->oldbuckets) {
        ck_assert(map__flags(c->m) & F_SAME_SIZE);
        c->growths++;
    }
}

static void churned_range(menv *e, churn_iter *c, rt_rng *r)
{
    c->m = hmap_make(c->t, 0);
    c->growths = 0;
    for (int64_t k = 0; k < STABLE; k++)
        ci_put(e, c, k);
    c->oldest = c->next = 1000;
    for (int i = 0; i < CHURN; i++)
        ci_put(e, c, c->next++);
    static int returned[SPAN];
    memset(returned, 0, sizeof returned);
    hmap_iter it;
    for (hmap_iter_init(c->t, c->m, &it); it.key; hmap_iter_next(&it)) {
        int64_t k = *(int64_t *)it.key;
        ck_assert_int_eq(ci_value_key(e, c, it.elem), k);
        ck_assert_msg(k < STABLE || (k >= c->oldest && k < c->next),
                      "key %lld returned but not in the map", (long long)k);
        int slot = k < STABLE ? (int)k : STABLE + (int)((k - 1000) % (SPAN - STABLE));
        ck_assert_int_eq(++returned[slot], 1);
        for (uint64_t w = rt_rng_uintn(r, 200); w > 0; w--)
            ci_churn(e, c);
    }
    for (int k = 0; k < STABLE; k++)
        ck_assert_msg(returned[k] == 1, "stable key %d returned %d times", k, returned[k]);
    ck_assert(hmap_verify(c->t, c->m));
    if (c->growths > c->most_growths)
        c->most_growths = c->growths;
}

static void two_growths_body(menv *e)
{
    rt_rng r;
    rt_rng_init(&r, e->seed, "two-growths");
    const map_type *types[] = {&e->ii, &e->ip};
    for (int ti = 0; ti < 2; ti++) {
        churn_iter c = {.t = types[ti]};
        for (int round = 0; round < 40; round++)
            churned_range(e, &c, &r);
        ck_assert_msg(c.most_growths >= 2, "%d same-size growths in one range at most",
                      c.most_growths);
    }
}

START_TEST(test_iteration_through_two_same_size_growths)
{
    for (uint64_t seed = 1; seed <= 5; seed++) {
        mrun o = {.engine = ENGINE(_i), .seed = seed * 7};
        map_run_ok(&o, two_growths_body, NULL);
    }
}
END_TEST

/* clear while iterating: nothing more is returned, even from inside an overflow bucket
   allocated apart from the array (Go 1.19 went on returning deleted entries there: Go
   issue 59411). 30 keys that all hash to bucket 0 of a B = 4 table make one chain: the
   array's bucket, the one reserved overflow bucket and two allocated ones. */
static void clear_iter_body(menv *e)
{
    const map_type *types[] = {&e->ii, &e->ip};
    for (int ti = 0; ti < 2; ti++) {
        churn_iter c = {.t = types[ti]};
        for (int64_t when = 0; when < 30; when++) {
            c.m = hmap_make(c.t, 100);
            ck_assert_int_eq(c.m->B, 4);
            for (int64_t k = 0, n = 0; n < 30; k++)
                if ((map__hash(c.t, &k, c.m->hash0) & 15) == 0) {
                    ci_put(e, &c, k);
                    n++;
                }
            hmap_info in;
            hmap_read_info(c.t, c.m, &in);
            ck_assert_int_eq(in.max_chain, 3);
            int64_t got = 0;
            hmap_iter it;
            for (hmap_iter_init(c.t, c.m, &it); it.key; hmap_iter_next(&it)) {
                ck_assert_msg(got <= when, "an entry returned after clear");
                if (got++ == when) {
                    hmap_clear(c.t, c.m);
                    ck_assert_int_eq(hmap_len(c.m), 0);
                }
            }
            ck_assert_int_eq(got, when + 1);
            ck_assert(hmap_verify(c.t, c.m));
            int64_t k = 7; /* the cleared map works */
            ci_put(e, &c, k);
            ck_assert_int_eq(hmap_len(c.m), 1);
            ck_assert_ptr_nonnull(hmap_access(c.t, c.m, &k));
        }
    }
}

START_TEST(test_clear_during_iteration)
{
    mrun o = {.engine = ENGINE(_i), .seed = 3};
    map_run_ok(&o, clear_iter_body, NULL);
}
END_TEST

/* NaN keys are returned from the snapshot and survive growth during the iteration */
static void nan_body(menv *e)
{
    const map_type *t = &e->fi;
    hmap *m = hmap_make(t, 0);
    double nan = NAN;
    int64_t v = 1;
    for (int i = 0; i < 20; i++)
        ck_assert(hmap_store(t, m, &nan, &v));
    for (int i = 0; i < 20; i++) {
        double d = i;
        ck_assert(hmap_store(t, m, &d, &v));
    }
    int nans = 0, nums = 0;
    hmap_iter it;
    double extra = 1000;
    for (hmap_iter_init(t, m, &it); it.key; hmap_iter_next(&it)) {
        double k;
        memcpy(&k, it.key, 8);
        if (k != k)
            nans++;
        else if (k < 1000)
            nums++;
        for (int j = 0; j < 3; j++, extra++) /* grow while iterating */
            ck_assert(hmap_store(t, m, &extra, &v));
    }
    ck_assert_int_eq(nans, 20);
    ck_assert_int_eq(nums, 20);
    ck_assert(hmap_verify(t, m));
}

START_TEST(test_iteration_nan_keys_through_growth)
{
    mrun o = {.engine = RT_ENGINE_VIRTUAL};
    map_run_ok(&o, nan_body, NULL);
}
END_TEST

/* ---------------------------------------------------------------- determinism */

typedef struct order_log {
    int64_t keys[4096];
    int n;
    uint32_t hash0;
} order_log;

static void order_body(menv *e)
{
    order_log *ol = e->arg;
    hmap *m = hmap_make(&e->sp, 0);
    tval *v = test_tval(e->h, 1);
    for (int64_t k = 0; k < 1000; k++) {
        map_string s = test_skey(e->h, k);
        ck_assert(hmap_store(&e->sp, m, &s, &v));
    }
    ol->hash0 = m->hash0;
    hmap_iter it;
    for (hmap_iter_init(&e->sp, m, &it); it.key && ol->n < 4096; hmap_iter_next(&it)) {
        const map_string *s = it.key;
        ol->keys[ol->n++] = atoll((const char *)s->ptr + 4);
    }
}

START_TEST(test_same_seed_same_order)
{
    static order_log a, b, c;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    memset(&c, 0, sizeof c);
    mrun o = {.engine = RT_ENGINE_VIRTUAL, .seed = 42};
    map_run_ok(&o, order_body, &a);
    map_run_ok(&o, order_body, &b);
    o.seed = 43;
    map_run_ok(&o, order_body, &c);
    ck_assert_int_eq(a.n, 1000);
    ck_assert_uint_eq(a.hash0, b.hash0);
    ck_assert(!memcmp(a.keys, b.keys, sizeof a.keys));
    ck_assert(a.hash0 != c.hash0 || memcmp(a.keys, c.keys, sizeof a.keys));
}
END_TEST

Suite *maps_iter_suite(void)
{
    Suite *s = suite_create("maps_iter");
    TCase *tc = tcase_create("iter");
    tcase_set_timeout(tc, 300);
    add_both(tc, test_iteration_orders_as_go);
    add_both(tc, test_iteration_guarantees_over_seeds);
    add_both(tc, test_iteration_through_two_same_size_growths);
    add_both(tc, test_clear_during_iteration);
    tcase_add_test(tc, test_iteration_nan_keys_through_growth);
    tcase_add_test(tc, test_same_seed_same_order);
    suite_add_tcase(s, tc);
    return s;
}
