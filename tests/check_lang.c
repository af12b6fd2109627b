/*
 * check_lang.c — runs the scenario-language suites.
 */
#include "tests/check_lang.h"
#include <stdlib.h>

/* The front end's memory is Boehm GC's, which LeakSanitizer does not scan: a test's
   malloc'd source buffer referenced only from a syntax tree would look leaked. Leak
   checking is off for this program only; ASan's other checks stay on. */
const char *__asan_default_options(void);
const char *__asan_default_options(void) { return "detect_leaks=0"; }

int main(void)
{
    sc_host_init();
    SRunner *sr = srunner_create(lang_lex_suite());
    srunner_add_suite(sr, lang_const_suite());
    srunner_add_suite(sr, lang_parse_suite());
    srunner_add_suite(sr, lang_check_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
