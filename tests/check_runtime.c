/*
 * check_runtime.c — runs the runtime's Check suites (fork mode: one crash does not hide the
 * rest). CK_RUN_SUITE / CK_RUN_CASE select a subset while debugging.
 */
#include "tests/check_suites.h"
#include <stdlib.h>

int main(void)
{
    SRunner *sr = srunner_create(sched_suite());
    srunner_add_suite(sr, sync_suite());
    srunner_add_suite(sr, stw_suite());
    srunner_add_suite(sr, misc_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
