/* check_suites.h — the runtime's Check suites, one per area; check_runtime.c runs them. */
#ifndef GORSIM_TESTS_CHECK_SUITES_H
#define GORSIM_TESTS_CHECK_SUITES_H
#include <check.h>
Suite *sched_suite(void);
Suite *sync_suite(void);
Suite *stw_suite(void);
Suite *misc_suite(void);
#endif
