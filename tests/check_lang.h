/*
 * check_lang.h — the scenario-language suites (lexer, constants, parser, checker) and
 * what they share.
 */
#ifndef GORSIM_TESTS_CHECK_LANG_H
#define GORSIM_TESTS_CHECK_LANG_H

#include "sim/lang/const.h"
#include "sim/lang/diag.h"
#include "sim/lang/lex.h"
#include <check.h>
#include <string.h>

/* a source named "t.go" holding text */
static inline sc_source lang_src(const char *text)
{
    return (sc_source){"t.go", text, strlen(text)};
}

Suite *lang_lex_suite(void);
Suite *lang_const_suite(void);
Suite *lang_parse_suite(void);
Suite *lang_check_suite(void);

#endif
