#include "tests/check_lang.h"
Suite *lang_parse_suite(void) { return suite_create("lang_parse"); }
