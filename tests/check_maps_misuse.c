/*
 * check_maps_misuse.c — concurrent misuse of one map caught as Go's three fatal errors
 * (writes, read and write, iteration and write; exit status 2, not recoverable): in the
 * virtual engine at the same operation for the same seed, in the threads engine in
 * practice. A program of its own: its threads-engine runs race on purpose, so under
 * ThreadSanitizer it runs with tests/tsan_misuse.supp (tests/maps_misuse.sh) and no other
 * test shares that suppression.
 */
#include "tests/check_maps.h"

/* ---------------------------------------------------------------- concurrent misuse */

typedef enum { MISUSE_WRITES, MISUSE_READ, MISUSE_ITER } misuse_kind;

typedef struct misuse misuse;
typedef struct actor {
    misuse *mu;
    int id;
} actor;
struct misuse {
    menv *e;
    hmap *m;
    misuse_kind kind;
    actor a[2];
    long done[2]; /* operations each goroutine completed */
};

static void writer(void *arg)
{
    actor *a = arg;
    misuse *mu = a->mu;
    for (int64_t i = 0;; i++) {
        int64_t k = a->id * 1000000000ll + i;
        ck_assert(hmap_store(&mu->e->ii, mu->m, &k, &k));
        atomic_inc(&mu->done[a->id]);
    }
}

static void reader(void *arg)
{
    actor *a = arg;
    misuse *mu = a->mu;
    for (int64_t i = 0;; i++) {
        if (mu->kind == MISUSE_READ) {
            hmap_access(&mu->e->ii, mu->m, &i);
        } else {
            hmap_iter it;
            for (hmap_iter_init(&mu->e->ii, mu->m, &it); it.key; hmap_iter_next(&it))
                ;
        }
        atomic_inc(&mu->done[1]);
    }
}

static void misuse_body(menv *e)
{
    misuse *mu = e->arg;
    mu->e = e;
    mu->m = hmap_make(&e->ii, 0);
    for (int64_t k = -100; k < 0; k++) /* something to read and iterate */
        ck_assert(hmap_store(&e->ii, mu->m, &k, &k));
    for (int i = 0; i < 2; i++)
        mu->a[i] = (actor){mu, i};
    rt_go(writer, &mu->a[0]);
    rt_go(mu->kind == MISUSE_WRITES ? writer : reader, &mu->a[1]);
    for (;;)
        rt_sleep(1000 * MS); /* the fatal error ends the run */
}

static const char *const misuse_msg[] = {"concurrent map writes",
                                         "concurrent map read and map write",
                                         "concurrent map iteration and map write"};

START_TEST(test_misuse_is_fatal_and_deterministic_virtual)
{
    for (int k = 0; k < 3; k++) {
        misuse a = {.kind = (misuse_kind)k}, b = {.kind = (misuse_kind)k};
        char fa[512], fb[512];
        mrun o = {.engine = RT_ENGINE_VIRTUAL, .procs = 2, .seed = 99};
        ck_assert_int_eq(map_run(&o, misuse_body, &a, fa, sizeof fa), 2);
        ck_assert_int_eq(map_run(&o, misuse_body, &b, fb, sizeof fb), 2);
        ck_assert_str_eq(fa, misuse_msg[k]);
        ck_assert_str_eq(fb, misuse_msg[k]);
        /* the same seed: the collision happens at the same operation */
        ck_assert_int_eq(a.done[0], b.done[0]);
        ck_assert_int_eq(a.done[1], b.done[1]);
    }
}
END_TEST

START_TEST(test_misuse_is_detected_threads)
{
    for (int k = 0; k < 3; k++) {
        misuse a = {.kind = (misuse_kind)k};
        char fa[512];
        mrun o = {.engine = RT_ENGINE_THREADS, .procs = 2, .seed = 99};
        ck_assert_int_eq(map_run(&o, misuse_body, &a, fa, sizeof fa), 2);
        ck_assert_str_eq(fa, misuse_msg[k]);
    }
}
END_TEST

static Suite *maps_misuse_suite(void)
{
    Suite *s = suite_create("maps_misuse");
    TCase *tc = tcase_create("misuse");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_misuse_is_fatal_and_deterministic_virtual);
    tcase_add_test(tc, test_misuse_is_detected_threads);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(maps_misuse_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
