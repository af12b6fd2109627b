/*
 * check_maps.c — the classic map against Go 1.19: bucket layouts, B for hints, reserved
 * overflow buckets, growth points, same-size growth, noverflow sampling, overflow counts
 * against Go's measured distribution, operations against a model, emptyRest, clear, float
 * keys, events. Iteration is in check_maps_iter.c, the collector marking while maps change
 * in check_maps_gc.c, the harness in check_maps_util.c; concurrent misuse is a program of
 * its own (check_maps_misuse.c).
 */
#include "tests/check_maps.h"
#include <math.h>

static void put_ii(menv *e, hmap *m, int64_t k, int64_t v) { ck_assert(hmap_store(&e->ii, m, &k, &v)); }

/* ---------------------------------------------------------------- layout and make */

START_TEST(test_bucket_layouts_match_go)
{
    rt_sched *s = new_sched(RT_ENGINE_VIRTUAL, 1);
    gc_heap *h = gc_heap_new(s, NULL);
    map_ctx *c = map_ctx_new(s, h);
    menv e = {.h = h, .c = c};
    map_test_init_types(&e);
    /* go119-ground-truth §a: 144 B noscan, 208 B all pointer data, indirect elem 144 B */
    ck_assert_uint_eq(e.ii.bucketsize, 144);
    ck_assert(!gc_type_has_pointers(&e.ii.bucket));
    ck_assert(e.ii.flags & MAP_T_FAST64);
    ck_assert_uint_eq(e.sp.bucketsize, 208);
    ck_assert_uint_eq(e.sp.bucket.ptrdata, 208);
    /* string keys: words 1..8 hold key pointers (every other word), elems words 17..24 */
    for (unsigned w = 0; w < 26; w++) {
        bool ptr = e.sp.bucket_mask[w / 8] >> (w % 8) & 1;
        bool want = (w >= 1 && w <= 16 && (w - 1) % 2 == 0) || (w >= 17 && w <= 25);
        ck_assert_msg(ptr == want, "word %u", w);
    }
    ck_assert_uint_eq(e.ib.bucketsize, 144);
    ck_assert_uint_eq(e.ib.flags & (MAP_T_INDIRECT_KEY | MAP_T_INDIRECT_ELEM), MAP_T_INDIRECT_ELEM);
    ck_assert(gc_type_has_pointers(&e.ib.bucket));
    ck_assert(e.bi.flags & MAP_T_INDIRECT_KEY);
    ck_assert(!(e.fi.flags & MAP_T_REFLEXIVE));
    /* a key kind that does not fit */
    map_type bad;
    ck_assert(!map_type_init(&bad, c, &int64_t_t, MAP_KEY_STRING, &int64_t_t));
    ck_assert(!map_type_init(&bad, c, &big_t, MAP_KEY_FLOAT64, &int64_t_t));
    map_ctx_free(c);
    gc_heap_free(h);
    rt_sched_free(s);
}
END_TEST

/* map[int64]struct{} and map[struct{}]int64: zero-size slots (Go: 80-byte buckets) */
static const gc_type empty_t = {0, 0, NULL, "struct {}"};

static void zero_size_body(menv *e)
{
    map_type set, one;
    ck_assert(map_type_init(&set, e->c, &int64_t_t, MAP_KEY_MEM, &empty_t));
    ck_assert(map_type_init(&one, e->c, &empty_t, MAP_KEY_MEM, &int64_t_t));
    ck_assert_uint_eq(set.bucketsize, 80);
    ck_assert_uint_eq(one.bucketsize, 80);
    hmap *m = hmap_make(&set, 0);
    int64_t got = 0;
    for (int64_t k = 0; k < 10000; k++)
        ck_assert(hmap_store(&set, m, &k, &k)); /* copies 0 bytes */
    for (int64_t k = 0; k < 10000; k += 2)
        hmap_delete(&set, m, &k);
    ck_assert_int_eq(hmap_len(m), 5000);
    for (int64_t k = 0; k < 10000; k++)
        ck_assert(hmap_load(&set, m, &k, &got) == (k % 2 == 1));
    int64_t n = 0, sum = 0;
    hmap_iter it;
    for (hmap_iter_init(&set, m, &it); it.key; hmap_iter_next(&it), n++)
        sum += *(int64_t *)it.key;
    ck_assert_int_eq(n, 5000);
    ck_assert_int_eq(sum, 5000ll * 5000);
    ck_assert(hmap_verify(&set, m));
    hmap *o = hmap_make(&one, 0);
    for (int64_t v = 1; v <= 3; v++) /* one key: every store replaces the value */
        ck_assert(hmap_store(&one, o, &got, &v));
    ck_assert(hmap_load(&one, o, &n, &got));
    ck_assert_int_eq(got, 3);
    ck_assert_int_eq(hmap_len(o), 1);
    hmap_delete(&one, o, &sum);
    ck_assert_int_eq(hmap_len(o), 0);
}

START_TEST(test_zero_size_keys_and_elems)
{
    mrun o = {.engine = ENGINE(_i)};
    map_run_ok(&o, zero_size_body, NULL);
}
END_TEST

START_TEST(test_b_for_hint_matches_go)
{
    /* go119-runtime §1.4 and ground truth §a.2's boundary sweep */
    static const struct { int64_t hint; int B; } go[] = {
        {0, 0},   {1, 0},   {8, 0},     {9, 1},     {13, 1},     {14, 2},       {26, 2},
        {27, 3},  {52, 3},  {53, 4},    {104, 4},   {105, 5},    {208, 5},      {209, 6},
        {6656, 10}, {6657, 11}, {1000000, 18}, {-5, 0},
    };
    for (size_t i = 0; i < sizeof go / sizeof go[0]; i++)
        ck_assert_msg(hmap_b_for_hint(go[i].hint) == go[i].B, "hint %lld",
                      (long long)go[i].hint);
}
END_TEST

static void make_reserved_body(menv *e)
{
    /* reserved overflow after make (§1.5, ground truth §a.2): {B, int64 map, string map} */
    static const struct { int B; uint64_t ii, sp; } go[] = {
        {4, 2, 3}, {5, 5, 0}, {8, 28, 19}, {10, 113, 0}, {11, 170, 157}, {14, 1024, 1024},
        {18, 16384, 16384},
    };
    for (size_t i = 0; i < sizeof go / sizeof go[0]; i++) {
        ck_assert_uint_eq(hmap_reserved_overflow(&e->ii, go[i].B), go[i].ii);
        if (go[i].sp)
            ck_assert_uint_eq(hmap_reserved_overflow(&e->sp, go[i].B), go[i].sp);
    }
    /* make(map, hint) for the ground truth's hints: B and the free list as made */
    static const struct { int64_t hint; int B; uint64_t ii, sp; } mk[] = {
        {8, 0, 0, 0}, {9, 1, 0, 0}, {13, 1, 0, 0}, {14, 2, 0, 0}, {100, 4, 2, 3},
        {1000, 8, 28, 19}, {10000, 11, 170, 157}, {100000, 14, 1024, 1024},
        {1000000, 18, 16384, 16384},
    };
    for (size_t i = 0; i < sizeof mk / sizeof mk[0]; i++) {
        hmap_info a, b;
        hmap_read_info(&e->ii, hmap_make(&e->ii, mk[i].hint), &a);
        hmap_read_info(&e->sp, hmap_make(&e->sp, mk[i].hint), &b);
        ck_assert_int_eq(a.B, mk[i].B);
        ck_assert_int_eq(b.B, mk[i].B);
        ck_assert_uint_eq(a.reserved_free, mk[i].ii);
        ck_assert_uint_eq(b.reserved_free, mk[i].sp);
        ck_assert_uint_eq(a.count + a.overflow + a.noverflow, 0);
    }
    /* B = 0: no array until the first insert; an absurd hint counts as 0 */
    hmap *m = hmap_make(&e->ii, 0);
    ck_assert_ptr_null(m->buckets);
    put_ii(e, m, 1, 1);
    ck_assert_ptr_nonnull(m->buckets);
    ck_assert_int_eq(hmap_make(&e->ii, INT64_MAX)->B, 0);
    /* bucket arrays are typed heap objects: noscan without pointers, else the bucket type
       with its reserved buckets counted */
    gc_object o;
    m = hmap_make(&e->ii, 100);
    ck_assert(gc_find_object(e->h, m->buckets, &o) && o.noscan && o.base == m->buckets);
    m = hmap_make(&e->sp, 100);
    ck_assert(gc_find_object(e->h, m->buckets, &o) && !o.noscan);
    ck_assert_ptr_eq(o.type, &e->sp.bucket);
    ck_assert_uint_eq(o.count, 16 + 3);
}

START_TEST(test_make_reserves_overflow_as_go)
{
    mrun o = {.engine = RT_ENGINE_VIRTUAL};
    map_run_ok(&o, make_reserved_body, NULL);
}
END_TEST

/* ---------------------------------------------------------------- growth */

typedef struct growth_log {
    int64_t n;
    int64_t points[64];
    int npoints;
    int finalB;
    bool growing;
} growth_log;

/* insert keys 0..n-1 (int64 or string map), logging the count at each growth start */
static void growth_body(menv *e)
{
    growth_log *g = e->arg;
    bool str = g->npoints < 0; /* the caller asks for string keys with npoints = -1 */
    g->npoints = 0;
    const map_type *t = str ? &e->sp : &e->ii;
    hmap *m = hmap_make(t, 0);
    tval *v = test_tval(e->h, 0);
    for (int64_t i = 0; i < g->n; i++) {
        void *old = m->oldbuckets;
        unsigned B = m->B;
        if (str) {
            map_string k = test_skey(e->h, i);
            ck_assert(hmap_store(t, m, &k, &v));
        } else {
            put_ii(e, m, i, i);
        }
        if (m->B != B || (!old && m->oldbuckets))
            g->points[g->npoints++] = hmap_len(m);
    }
    g->finalB = m->B;
    g->growing = m->oldbuckets != NULL;
    ck_assert(hmap_verify(t, m));
}

START_TEST(test_growth_points_match_go)
{
    /* ground truth §a.1: 9, 14, 27, 53, ..., 13 * 2^(B-1) + 1; 18 growths for 10^6 */
    growth_log g = {.n = 1000000};
    mrun o = {.engine = RT_ENGINE_THREADS};
    map_run_ok(&o, growth_body, &g);
    ck_assert_int_eq(g.npoints, 18);
    ck_assert_int_eq(g.finalB, 18);
    ck_assert(!g.growing);
    ck_assert_int_eq(g.points[0], 9);
    for (int B = 1; B < 18; B++)
        ck_assert_int_eq(g.points[B], 13 * (1ll << (B - 1)) + 1);
    /* string keys: the same points (they depend on the count only) */
    growth_log s = {.n = 100000, .npoints = -1};
    map_run_ok(&o, growth_body, &s);
    ck_assert_int_eq(s.npoints, 14);
    for (int i = 0; i < 14; i++)
        ck_assert_int_eq(s.points[i], g.points[i]);
}
END_TEST

static void hint_n_body(menv *e)
{
    /* ground truth §a.2: with hint N, B is the final B of the hint-0 run, and N inserts
       never grow */
    static const struct { int64_t n; int B; } go[] = {
        {8, 0}, {9, 1}, {13, 1}, {14, 2}, {100, 4}, {1000, 8}, {10000, 11}, {100000, 14},
        {1000000, 18},
    };
    for (size_t i = 0; i < sizeof go / sizeof go[0]; i++) {
        hmap *m = hmap_make(&e->ii, go[i].n);
        ck_assert_int_eq(m->B, go[i].B);
        for (int64_t k = 0; k < go[i].n; k++) {
            put_ii(e, m, k, k);
            ck_assert(!m->oldbuckets);
        }
        ck_assert_int_eq(m->B, go[i].B);
    }
}

START_TEST(test_hint_n_never_grows)
{
    mrun o = {.engine = RT_ENGINE_THREADS};
    map_run_ok(&o, hint_n_body, NULL);
}
END_TEST

typedef struct churn_log {
    int64_t W, steps;
    int grows, finished;
    int64_t first_grow, finish_steps;
    bool all_same_size;
} churn_log;

/* ground truth §d: delete the oldest key, insert a new one, at constant count W */
static void samesize_body(menv *e)
{
    churn_log *cl = e->arg;
    hmap *m = hmap_make(&e->ii, cl->W);
    ck_assert_int_eq(m->B, 10);
    for (int64_t k = 0; k < cl->W; k++)
        put_ii(e, m, k, k);
    cl->all_same_size = true;
    int64_t started = -1;
    for (int64_t step = 0; step < cl->steps; step++) {
        int64_t old = step, knew = step + cl->W;
        bool was = m->oldbuckets != NULL; /* deletes evacuate too: a growth may end there */
        hmap_delete(&e->ii, m, &old);
        uint16_t nov = m->noverflow;
        put_ii(e, m, knew, knew);
        if (!was && m->oldbuckets) {
            cl->grows++;
            cl->all_same_size &= (map__flags(m) & F_SAME_SIZE) && m->B == 10;
            ck_assert_uint_ge(nov, 1024); /* tooManyOverflowBuckets at B = 10 */
            if (cl->grows == 1)
                cl->first_grow = step;
            started = step;
        } else if (was && !m->oldbuckets && started >= 0) {
            cl->finished++;
            cl->finish_steps += step - started;
        }
        ck_assert_int_eq(hmap_len(m), cl->W);
    }
    ck_assert_int_eq(m->B, 10);
    ck_assert(hmap_verify(&e->ii, m));
}

START_TEST(test_same_size_growth_as_go)
{
    churn_log cl = {.W = 6500, .steps = 300000};
    mrun o = {.engine = RT_ENGINE_THREADS, .seed = 7};
    map_run_ok(&o, samesize_body, &cl);
    /* Go: 39 grows in 2*10^6 steps (one per ~50 600), each finished after ~354.5 steps;
       the first at 50 115 (53 712-59 565 in other runs) */
    ck_assert_msg(cl.grows >= 3 && cl.grows <= 10, "%d same-size grows", cl.grows);
    ck_assert(cl.all_same_size);
    ck_assert_int_ge(cl.finished, cl.grows - 1);
    double mean = (double)cl.finish_steps / cl.finished;
    ck_assert_msg(mean > 354.5 * 0.9 && mean < 354.5 * 1.1, "%.1f steps to finish", mean);
}
END_TEST

/* ---------------------------------------------------------------- the verifier */

/* first_live: a bucket of m's table with slots 0 and 1 live */
static uint8_t *first_live(const map_type *t, hmap *m)
{
    for (uint64_t i = 0; i < (uint64_t)1 << m->B; i++) {
        uint8_t *b = map__bucket(t, m->buckets, i);
        if (b[0] >= MIN_TOPHASH && b[1] >= MIN_TOPHASH)
            return b;
    }
    ck_abort_msg("no bucket with two live slots");
    return NULL;
}

/* breaks: one corruption of m, undone after hmap_verify has been seen to catch it */
#define BREAKS(lvalue, bad)                                                                 \
    do {                                                                                    \
        __typeof__(lvalue) saved_ = (lvalue);                                               \
        (lvalue) = (bad);                                                                   \
        ck_assert_msg(!hmap_verify(t, m), "hmap_verify missed: " #lvalue " = " #bad);       \
        (lvalue) = saved_;                                                                  \
        ck_assert(hmap_verify(t, m));                                                       \
    } while (0)

static void verify_body(menv *e)
{
    const map_type *t = &e->ii;
    hmap *m = hmap_make(t, 0);
    for (int64_t k = 0; k < 13 * 64 + 1; k++) /* the first write of a growth to B = 8 */
        put_ii(e, m, k, k);
    ck_assert(m->oldbuckets && m->nevacuate < 128);
    ck_assert(hmap_verify(t, m));
    BREAKS(m->flags, (uint8_t)(m->flags | F_WRITING));
    BREAKS(m->count, m->count + 1);
    BREAKS(m->nevacuate, 128);                          /* INV-EVAC: growth should have ended */
    uint8_t *old = map__bucket(t, m->oldbuckets, 127);  /* not yet evacuated */
    ck_assert(!map__evacuated(old));
    BREAKS(old[0], EVACUATED_X);                        /* INV-EVAC: partly evacuated */
    uint8_t *b = first_live(t, m);
    BREAKS(b[0], (uint8_t)(b[0] == 255 ? MIN_TOPHASH : b[0] + 1)); /* INV-HOME */
    BREAKS(b[0], EMPTY_REST);                           /* INV-EMPTYREST */
    /* a noscan table's overflow bucket missing from its list */
    hmap *o = hmap_make(t, 0);
    for (int64_t k = 0; k < 13 * 512; k++)
        put_ii(e, o, k, k);
    while (o->oldbuckets) { /* finish the growth: overflow buckets of the new table only */
        int64_t k = 0;
        put_ii(e, o, k, k);
    }
    m = o;
    ck_assert(hmap_verify(t, m));
    ck_assert_int_gt(m->extra->overflow->len, 0);
    BREAKS(m->extra->overflow->len, m->extra->overflow->len - 1);
}

START_TEST(test_verify_catches_each_broken_invariant)
{
    mrun o = {.engine = RT_ENGINE_VIRTUAL};
    map_run_ok(&o, verify_body, NULL);
}
END_TEST

/* ---------------------------------------------------------------- overflow buckets vs Go */

typedef struct ovf_sample {
    int64_t n;
    double overflow, noverflow; /* sums over the seeds */
} ovf_sample;

static void overflow_body(menv *e)
{
    ovf_sample *os = e->arg;
    for (int i = 0; i < 3; i++) {
        hmap *m = hmap_make(&e->ii, 0);
        for (int64_t k = 0; k < os[i].n; k++)
            put_ii(e, m, k, k);
        hmap_info in;
        hmap_read_info(&e->ii, m, &in);
        ck_assert(!in.growing);
        os[i].overflow += (double)in.overflow;
        os[i].noverflow += in.noverflow;
        if (in.B < 16) /* exact below B = 16 */
            ck_assert_uint_eq(in.noverflow, in.overflow);
    }
}

/* go_mean reads Go's mean for n (hint 0) from tests/data/go119_overflow.txt */
static bool go_mean(int64_t n, double *overflow, double *noverflow)
{
    char path[4096];
    const char *top = getenv("top_srcdir");
    snprintf(path, sizeof path, "%s/tests/data/go119_overflow.txt", top ? top : ".");
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    char line[512];
    bool found = false;
    while (fgets(line, sizeof line, f)) {
        long long nn, hint;
        double o, no;
        if (sscanf(line, "# mean N=%lld hint=%lld overflow=%lf noverflow=%lf", &nn, &hint, &o,
                   &no) == 4 && nn == n && hint == 0) {
            *overflow = o;
            *noverflow = no;
            found = true;
        }
    }
    fclose(f);
    return found;
}

START_TEST(test_overflow_counts_match_go_over_20_seeds)
{
    ovf_sample os[3] = {{10000, 0, 0}, {100000, 0, 0}, {1000000, 0, 0}};
    for (uint64_t seed = 1; seed <= 20; seed++) {
        mrun o = {.engine = RT_ENGINE_THREADS, .seed = seed * 7919};
        map_run_ok(&o, overflow_body, os);
    }
    for (int i = 0; i < 3; i++) {
        double go_o, go_no;
        ck_assert_msg(go_mean(os[i].n, &go_o, &go_no), "no Go mean for N=%lld",
                      (long long)os[i].n);
        double ours = os[i].overflow / 20, ours_no = os[i].noverflow / 20;
        fprintf(stderr, "overflow buckets N=%lld: ours %.1f (noverflow %.1f), Go %.1f (%.1f)\n",
                (long long)os[i].n, ours, ours_no, go_o, go_no);
        ck_assert_msg(fabs(ours / go_o - 1) <= 0.05, "N=%lld: mean %.1f vs Go's %.1f",
                      (long long)os[i].n, ours, go_o);
    }
}
END_TEST

static void sampling_body(menv *e)
{
    hmap *m = hmap_make(&e->ii, 0);
    for (int64_t k = 0; k < 1000000; k++)
        put_ii(e, m, k, k);
    hmap_info in;
    hmap_read_info(&e->ii, m, &in);
    ck_assert_int_eq(in.B, 18);
    /* B = 18: one increment in 8 (Go: 515 for 4260 real) */
    double expect = in.overflow / 8.0;
    ck_assert_msg(fabs(in.noverflow - expect) < 0.2 * expect, "noverflow %u for %llu real",
                  in.noverflow, (unsigned long long)in.overflow);
}

START_TEST(test_noverflow_sampled_above_b15)
{
    mrun o = {.engine = RT_ENGINE_THREADS, .seed = 3};
    map_run_ok(&o, sampling_body, NULL);
}
END_TEST

/* ---------------------------------------------------------------- operations vs a model */

enum { MODEL_KEYS = 3000 };

typedef struct model {
    bool present[MODEL_KEYS];
    int64_t value[MODEL_KEYS];
    int64_t count;
} model;

/* one map type's operations, by key number */
typedef struct ops {
    const map_type *t;
    void (*key)(menv *, int64_t, void *);      /* the key for number k */
    void (*val)(menv *, int64_t, void *);      /* the element storing v */
    int64_t (*get)(const void *);              /* v back from an element */
} ops;

static void key_i64(menv *e, int64_t k, void *out) { (void)e; memcpy(out, &k, 8); }
static void key_str(menv *e, int64_t k, void *out)
{
    map_string s = test_skey(e->h, k);
    memcpy(out, &s, sizeof s);
}
static void key_big(menv *e, int64_t k, void *out)
{
    (void)e;
    big b;
    for (int i = 0; i < 25; i++)
        b.w[i] = (int64_t)((uint64_t)k * (uint64_t)(i + 1));
    memcpy(out, &b, sizeof b);
}
static void val_i64(menv *e, int64_t v, void *out) { (void)e; memcpy(out, &v, 8); }
static void val_ptr(menv *e, int64_t v, void *out)
{
    tval *p = test_tval(e->h, v);
    memcpy(out, &p, 8);
}
static void val_big(menv *e, int64_t v, void *out) { key_big(e, v, out); }
static int64_t get_i64(const void *p) { return *(const int64_t *)p; }
static int64_t get_ptr(const void *p)
{
    const tval *v = *(tval *const *)p;
    ck_assert_int_eq(v->check, tval_check(v->key));
    return v->key;
}
static int64_t get_big(const void *p) { return ((const big *)p)->w[0]; }

static void check_all(menv *e, const ops *op, hmap *m, const model *md)
{
    ck_assert_int_eq(hmap_len(m), md->count);
    ck_assert(hmap_verify(op->t, m));
    for (int64_t k = 0; k < MODEL_KEYS; k++) {
        uint8_t kb[sizeof(big)];
        op->key(e, k, kb);
        void *el = hmap_access(op->t, m, kb);
        ck_assert_msg((el != NULL) == md->present[k], "key %lld", (long long)k);
        if (el)
            ck_assert_int_eq(op->get(el), md->value[k]);
    }
}

static void model_ops(menv *e, const ops *op, rt_rng *r)
{
    static model md;
    memset(&md, 0, sizeof md);
    hmap *m = hmap_make(op->t, (int64_t)rt_rng_uintn(r, 64));
    int64_t nkeys = 50 + (int64_t)rt_rng_uintn(r, MODEL_KEYS - 50);
    for (int step = 0; step < 12000; step++) {
        int64_t k = (int64_t)rt_rng_uintn(r, (uint64_t)nkeys), v = (int64_t)rt_rng_next(r) >> 2;
        uint8_t kb[sizeof(big)], vb[sizeof(big)];
        op->key(e, k, kb);
        uint64_t what = rt_rng_uintn(r, 100);
        if (what < 55) {
            op->val(e, v, vb);
            ck_assert(hmap_store(op->t, m, kb, vb));
            md.count += !md.present[k];
            md.present[k] = true;
            md.value[k] = op->get(vb);
        } else if (what < 95) {
            hmap_delete(op->t, m, kb);
            md.count -= md.present[k];
            md.present[k] = false;
        } else if (what < 99) {
            void *el = hmap_access(op->t, m, kb);
            ck_assert((el != NULL) == md.present[k]);
        } else if (rt_rng_uintn(r, 10) == 0) {
            hmap_clear(op->t, m);
            memset(&md, 0, sizeof md);
        }
        if (step % 3000 == 2999)
            check_all(e, op, m, &md);
    }
    check_all(e, op, m, &md);
}

static void model_body(menv *e)
{
    const ops all[] = {
        {&e->ii, key_i64, val_i64, get_i64}, {&e->sp, key_str, val_ptr, get_ptr},
        {&e->ip, key_i64, val_ptr, get_ptr}, {&e->ib, key_i64, val_big, get_big},
        {&e->bi, key_big, val_i64, get_i64},
    };
    rt_rng r;
    rt_rng_init(&r, e->seed, "model");
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        model_ops(e, &all[i], &r);
}

START_TEST(test_operations_match_a_model)
{
    for (uint64_t seed = 1; seed <= 3; seed++) {
        mrun o = {.engine = ENGINE(_i), .seed = seed};
        map_run_ok(&o, model_body, NULL);
    }
}
END_TEST

/* ---------------------------------------------------------------- deletion, clear, floats */

static void emptyrest_body(menv *e)
{
    hmap *m = hmap_make(&e->ii, 0);
    for (int64_t k = 0; k < 8; k++) /* B = 0: keys fill slots 0..7 in order */
        put_ii(e, m, k, k);
    uint8_t *b = m->buckets;
    int64_t del[] = {3, 7, 6, 5, 4};
    const char *want[] = {"LLLeLLLL", "LLLeLLLr", "LLLeLLrr", "LLLeLrrr", "LLLrrrrr"};
    for (int i = 0; i < 5; i++) {
        hmap_delete(&e->ii, m, &del[i]);
        char got[9];
        for (int s = 0; s < 8; s++)
            got[s] = b[s] == EMPTY_REST ? 'r' : b[s] == EMPTY_ONE ? 'e' : 'L';
        got[8] = 0;
        ck_assert_str_eq(got, want[i]);
        ck_assert(hmap_verify(&e->ii, m));
    }
    /* a chain: 9 keys of one bucket at B = 1; deleting the overflow bucket's entry and then
       the last slot of the first bucket walks emptyRest back through the chain */
    m = hmap_make(&e->ii, 9);
    int64_t keys[9];
    int n = 0;
    for (int64_t k = 0; n < 9; k++)
        if ((map__hash(&e->ii, &k, m->hash0) & 1) == 0) {
            keys[n++] = k;
            put_ii(e, m, k, k);
        }
    b = m->buckets;
    uint8_t *ovf = map__overflow(&e->ii, b);
    ck_assert_ptr_nonnull(ovf);
    hmap_delete(&e->ii, m, &keys[8]);
    ck_assert_int_eq(ovf[0], EMPTY_REST);
    ck_assert_int_ge(b[7], MIN_TOPHASH);
    hmap_delete(&e->ii, m, &keys[7]);
    ck_assert_int_eq(b[7], EMPTY_REST);
    ck_assert_int_ge(b[6], MIN_TOPHASH);
    ck_assert(hmap_verify(&e->ii, m));
    /* overflow buckets stay linked after deletes (only growth or clear reclaims them) */
    ck_assert_ptr_eq(map__overflow(&e->ii, b), ovf);
}

START_TEST(test_delete_marks_empty_rest_as_go)
{
    mrun o = {.engine = RT_ENGINE_VIRTUAL};
    map_run_ok(&o, emptyrest_body, NULL);
}
END_TEST

static void clear_body(menv *e)
{
    hmap *m = hmap_make(&e->ii, 0);
    for (int64_t k = 0; k < 1000; k++)
        put_ii(e, m, k, k);
    uint32_t seed = m->hash0;
    hmap_info in;
    hmap_read_info(&e->ii, m, &in);
    ck_assert_int_eq(in.B, 8);
    hmap_clear(&e->ii, m);
    hmap_read_info(&e->ii, m, &in);
    ck_assert_int_eq(in.count, 0);
    ck_assert_int_eq(in.B, 8); /* the table does not shrink */
    ck_assert_uint_ne(in.hash0, seed);
    ck_assert_uint_eq(in.overflow + in.noverflow, 0);
    ck_assert_uint_eq(in.reserved_free, hmap_reserved_overflow(&e->ii, 8));
    for (int64_t k = 0; k < 1000; k++)
        ck_assert_ptr_null(hmap_access(&e->ii, m, &k));
    put_ii(e, m, 5, 50);
    ck_assert_int_eq(*(int64_t *)hmap_access(&e->ii, m, &(int64_t){5}), 50);
    /* clear in the middle of a growth ends it */
    m = hmap_make(&e->ii, 0);
    for (int64_t k = 0; k < 6657; k++) /* 6657 starts the growth to B = 11 */
        put_ii(e, m, k, k);
    ck_assert_ptr_nonnull(m->oldbuckets);
    hmap_clear(&e->ii, m);
    hmap_read_info(&e->ii, m, &in);
    ck_assert(!in.growing && !in.same_size && in.B == 11);
    ck_assert(hmap_verify(&e->ii, m));
    /* the seed is re-drawn when deletes empty the map */
    seed = m->hash0;
    put_ii(e, m, 1, 1);
    hmap_delete(&e->ii, m, &(int64_t){1});
    ck_assert_uint_ne(m->hash0, seed);
}

START_TEST(test_clear_and_reseed)
{
    mrun o = {.engine = RT_ENGINE_VIRTUAL};
    map_run_ok(&o, clear_body, NULL);
}
END_TEST

static void float_body(menv *e)
{
    hmap *m = hmap_make(&e->fi, 0);
    double pz = 0.0, nz = -0.0, nan = NAN;
    int64_t one = 1, two = 2;
    ck_assert(hmap_store(&e->fi, m, &pz, &one));
    ck_assert(hmap_store(&e->fi, m, &nz, &two)); /* the same key */
    ck_assert_int_eq(hmap_len(m), 1);
    double k;
    hmap_iter it;
    hmap_iter_init(&e->fi, m, &it);
    memcpy(&k, it.key, 8);
    ck_assert(signbit(k)); /* the key was updated to -0 (needkeyupdate) */
    for (int i = 0; i < 100; i++) /* every NaN is a new key, never found again */
        ck_assert(hmap_store(&e->fi, m, &nan, &one));
    ck_assert_int_eq(hmap_len(m), 101);
    ck_assert_ptr_null(hmap_access(&e->fi, m, &nan));
    hmap_delete(&e->fi, m, &nan);
    ck_assert_int_eq(hmap_len(m), 101);
    int nans = 0;
    for (hmap_iter_init(&e->fi, m, &it); it.key; hmap_iter_next(&it)) {
        memcpy(&k, it.key, 8);
        nans += isnan(k);
    }
    ck_assert_int_eq(nans, 100);
    ck_assert(hmap_verify(&e->fi, m));
}

START_TEST(test_float_keys_zero_and_nan)
{
    mrun o = {.engine = RT_ENGINE_VIRTUAL};
    map_run_ok(&o, float_body, NULL);
}
END_TEST

static void nil_body(menv *e)
{
    int64_t k = 1;
    ck_assert_int_eq(hmap_len(NULL), 0);
    ck_assert_ptr_null(hmap_access(&e->ii, NULL, &k));
    ck_assert_ptr_null(hmap_assign(&e->ii, NULL, &k));
    ck_assert(!hmap_store(&e->ii, NULL, &k, &k));
    int64_t out = 7;
    ck_assert(!hmap_load(&e->ii, NULL, &k, &out));
    ck_assert_int_eq(out, 0);
    hmap_delete(&e->ii, NULL, &k);
    hmap_clear(&e->ii, NULL);
    hmap_iter it;
    hmap_iter_init(&e->ii, NULL, &it);
    ck_assert_ptr_null(it.key);
    hmap_iter_next(&it);
    ck_assert_ptr_null(it.key);
    ck_assert(hmap_verify(&e->ii, NULL));
}

START_TEST(test_nil_map)
{
    mrun o = {.engine = RT_ENGINE_VIRTUAL};
    map_run_ok(&o, nil_body, NULL);
}
END_TEST

/* ---------------------------------------------------------------- events */

static void events_body(menv *e)
{
    hmap *m = hmap_make(&e->ii, 0);
    for (int64_t k = 0; k < 10000; k++)
        put_ii(e, m, k, k);
    *(uint64_t *)e->arg = m->id;
}

typedef struct ev_count {
    rt_trace_buf tb;
    uint64_t id;
    int start, done, evac, ovf;
} ev_count;

static void count_events(rt_sched *s, void *arg)
{
    ev_count *ec = arg;
    int lastB = -1;
    uint64_t last_nevac = 0;
    for (size_t i = 0; i < ec->tb.n; i++) {
        const rt_event *ev = &ec->tb.ev[i];
        const char *name = rt_trace_kind_name(s, ev->kind);
        if (!strncmp(name, "Map", 3))
            ck_assert_uint_eq(ev->arg[0], ec->id);
        if (!strcmp(name, "MapGrowStart")) {
            ck_assert_uint_eq(ev->arg[1], (uint64_t)ec->start); /* B 0 -> 1 -> ... -> 11 */
            ck_assert_uint_eq(ev->arg[2], ev->arg[1] + 1);
            ck_assert_int_eq(lastB, ec->start - 1);         /* each done before the next */
            ec->start++;
            last_nevac = 0;
        } else if (!strcmp(name, "MapGrowDone")) {
            lastB = (int)ev->arg[1] - 1;
            ck_assert_int_eq(lastB, ec->done);
            ck_assert_uint_ge(ev->arg[2], 1);
            ec->done++;
        } else if (!strcmp(name, "MapEvacuate")) {
            ck_assert_uint_ge(ev->arg[1], last_nevac); /* never goes back */
            ck_assert_uint_lt(ev->arg[1], ev->arg[2]);
            last_nevac = ev->arg[1];
            ec->evac++;
        } else if (!strcmp(name, "MapOverflow")) {
            ck_assert_uint_le(ev->arg[2], 1);
            ec->ovf++;
        }
    }
}

START_TEST(test_growth_events)
{
    static ev_count ec;
    memset(&ec, 0, sizeof ec);
    mrun o = {.engine = RT_ENGINE_VIRTUAL, .trace = &ec.tb, .after = count_events,
              .after_arg = &ec};
    map_run_ok(&o, events_body, &ec.id);
    ck_assert_int_eq(ec.start, 11); /* 10^4 inserts: B 0 -> 11 */
    ck_assert_int_eq(ec.done, 11);
    ck_assert_int_gt(ec.evac, 500);  /* the growth to B = 11 alone takes >= 512 writes */
    ck_assert_int_gt(ec.ovf, 100);
    rt_trace_buf_destroy(&ec.tb);
}
END_TEST

/* ---------------------------------------------------------------- virtual time */

typedef struct vtime {
    double small_lookup, big_lookup, hint_insert, nohint_insert; /* virtual ns per op */
} vtime;

static double per_op(int64_t t0, int64_t n) { return (double)(rt_now() - t0) / (double)n; }

static void vtime_body(menv *e)
{
    vtime *v = e->arg;
    enum { SMALL = 1000, BIG = 200000 }; /* tables of 18 KiB and 4.7 MiB */
    gc_collect(e->h);
    int64_t t0 = rt_now();
    hmap *large = hmap_make(&e->ii, BIG);
    for (int64_t k = 0; k < BIG; k++)
        put_ii(e, large, k, k);
    v->hint_insert = per_op(t0, BIG);
    gc_collect(e->h);
    t0 = rt_now();
    hmap *m = hmap_make(&e->ii, 0);
    for (int64_t k = 0; k < BIG; k++)
        put_ii(e, m, k, k);
    v->nohint_insert = per_op(t0, BIG);
    hmap *small = hmap_make(&e->ii, 0);
    for (int64_t k = 0; k < SMALL; k++)
        put_ii(e, small, k, k);
    t0 = rt_now();
    for (int64_t k = 0; k < SMALL; k++)
        ck_assert_ptr_nonnull(hmap_access(&e->ii, small, &k));
    v->small_lookup = per_op(t0, SMALL);
    t0 = rt_now();
    for (int64_t k = 0; k < SMALL; k++)
        ck_assert_ptr_nonnull(hmap_access(&e->ii, large, &k));
    v->big_lookup = per_op(t0, SMALL);
}

START_TEST(test_virtual_time_charges_map_work)
{
    rt_cost_model *cm = rt_cost_model_new();
    ck_assert(gc_register_costs(cm) && map_register_costs(cm));
    ck_assert(map_register_costs(cm)); /* idempotent */
    vtime a, b;
    mrun o = {.engine = RT_ENGINE_VIRTUAL, .costs = cm};
    map_run_ok(&o, vtime_body, &a);
    /* a lookup costs its fixed part, hash and probes, plus a cache miss once the table is
       past L2: map.bucket_miss_l2 for a 4.7 MiB table */
    double base = 6 + 4 + 1;
    ck_assert_msg(a.small_lookup >= base && a.small_lookup < base + 8, "%.1f", a.small_lookup);
    ck_assert_double_eq_tol(a.big_lookup - a.small_lookup, 12, 3);
    /* growth costs: every entry moved once or more, old and new buckets touched */
    ck_assert_msg(a.nohint_insert > 1.3 * a.hint_insert, "no hint %.1f, hint %.1f",
                  a.nohint_insert, a.hint_insert);
    /* the costs come from the model: a cost file can change them */
    ck_assert_int_eq(rt_cost_set(cm, "map.bucket_miss_l2", 112), RT_OK);
    map_run_ok(&o, vtime_body, &b);
    ck_assert_double_eq_tol(b.big_lookup - b.small_lookup, 112, 3);
    ck_assert_double_eq_tol(b.small_lookup, a.small_lookup, 0.5);
    rt_cost_model_free(cm);
}
END_TEST

Suite *maps_core_suite(void)
{
    Suite *s = suite_create("maps");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_bucket_layouts_match_go);
    tcase_add_test(tc, test_b_for_hint_matches_go);
    tcase_add_test(tc, test_make_reserves_overflow_as_go);
    tcase_add_test(tc, test_growth_points_match_go);
    tcase_add_test(tc, test_hint_n_never_grows);
    tcase_add_test(tc, test_same_size_growth_as_go);
    add_both(tc, test_zero_size_keys_and_elems);
    tcase_add_test(tc, test_verify_catches_each_broken_invariant);
    tcase_add_test(tc, test_overflow_counts_match_go_over_20_seeds);
    tcase_add_test(tc, test_noverflow_sampled_above_b15);
    add_both(tc, test_operations_match_a_model);
    tcase_add_test(tc, test_delete_marks_empty_rest_as_go);
    tcase_add_test(tc, test_clear_and_reseed);
    tcase_add_test(tc, test_float_keys_zero_and_nan);
    tcase_add_test(tc, test_nil_map);
    tcase_add_test(tc, test_growth_events);
    tcase_add_test(tc, test_virtual_time_charges_map_work);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(maps_core_suite());
    srunner_add_suite(sr, maps_iter_suite());
    srunner_add_suite(sr, maps_gc_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
