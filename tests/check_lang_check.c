#include "tests/check_lang.h"
Suite *lang_check_suite(void) { return suite_create("lang_check"); }
