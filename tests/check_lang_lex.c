/*
 * check_lang_lex.c — the scenario lexer (sim/lang/lex.c) against Go's compiler: every
 * token kind, every literal form with its decoded value, every lexical error with its
 * position, semicolon insertion, byte order marks, NULs and invalid UTF-8, non-ASCII
 * names, and robustness: every truncation of a tricky input and random inputs lexed from
 * exact-size buffers (so that ASan sees any read past the end).
 */
#include "tests/check_lang.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>

/* ---------------------------------------------------------------- harness */

/* a source lexed to its end */
typedef struct lexed {
    sc_source src;
    sc_diags d;
    sc_token *v; /* the tokens, T_EOF last */
    size_t n;
} lexed;

static lexed *lex_n(const char *text, size_t len)
{
    lexed *l = sc_alloc(sizeof *l);
    l->src = (sc_source){"t.go", text, len};
    sc_diags_init(&l->d, &l->src);
    sc_lexer lx;
    sc_lex_init(&lx, &l->src, &l->d);
    /* every token but T_EOF and an inserted ';' takes a byte, and inserted ones never
       follow each other: more tokens than this means the lexer does not end */
    size_t max = 2 * len + 4;
    l->v = sc_alloc(max * sizeof *l->v);
    for (;;) {
        ck_assert_msg(l->n < max, "lexing \"%.*s\" does not end", (int)len, text);
        sc_token t = sc_lex_next(&lx);
        l->v[l->n++] = t;
        if (t.kind == T_EOF)
            return l;
    }
}

static lexed *lex(const char *text) { return lex_n(text, strlen(text)); }

/* kinds_of lexes text into out (at most max kinds, T_EOF last); returns their number */
static size_t kinds_of(const char *text, sc_tok *out, size_t max)
{
    lexed *l = lex(text);
    size_t n = l->n < max ? l->n : max;
    for (size_t i = 0; i < n; i++)
        out[i] = l->v[i].kind;
    return n;
}

#define MAX_KINDS 64

/* expect_kinds: text lexes to exactly the kinds given (the list ends with T_EOF) */
static void expect_kinds(const char *text, ...)
{
    sc_tok want[MAX_KINDS], got[MAX_KINDS];
    size_t nw = 0;
    va_list ap;
    va_start(ap, text);
    do
        want[nw] = (sc_tok)va_arg(ap, int);
    while (want[nw++] != T_EOF && nw < MAX_KINDS);
    va_end(ap);
    size_t ng = kinds_of(text, got, MAX_KINDS);
    for (size_t i = 0; i < nw && i < ng; i++)
        ck_assert_msg(got[i] == want[i], "\"%s\": token %zu is %s, want %s", text, i,
                      sc_tok_text(got[i]), sc_tok_text(want[i]));
    ck_assert_msg(ng == nw, "\"%s\": %zu tokens, want %zu", text, ng, nw);
}

static void expect_no_errors(const lexed *l)
{
    ck_assert_msg(l->d.n == 0, "\"%.*s\": unexpected error %d:%d: %s", (int)l->src.len,
                  l->src.text, l->d.v[0].pos.line, l->d.v[0].pos.col, l->d.v[0].msg);
}

/* has_error: l reported msg at line:col */
static bool has_error(const lexed *l, int line, int col, const char *msg)
{
    for (size_t i = 0; i < l->d.n; i++)
        if (l->d.v[i].pos.line == line && l->d.v[i].pos.col == col && !strcmp(l->d.v[i].msg, msg))
            return true;
    return false;
}

/* expect_errors_n: lexing text[0..len) reports n errors, the first being msg at line:col */
static lexed *expect_errors_n(const char *text, size_t len, size_t n, int line, int col,
                              const char *msg)
{
    lexed *l = lex_n(text, len);
    ck_assert_msg(l->d.n >= 1, "\"%s\": no error, want %d:%d: %s", text, line, col, msg);
    const sc_diag *e = &l->d.v[0];
    ck_assert_msg(e->pos.line == line && e->pos.col == col && !strcmp(e->msg, msg),
                  "\"%s\": error %d:%d: %s, want %d:%d: %s", text, e->pos.line, e->pos.col,
                  e->msg, line, col, msg);
    ck_assert_msg(l->d.n == n, "\"%s\": %zu errors, want %zu (second: %s)", text, l->d.n, n,
                  l->d.n > 1 ? l->d.v[1].msg : "-");
    return l;
}

/* expect_error: lexing text reports exactly one error, msg at line:col */
static lexed *expect_error(const char *text, int line, int col, const char *msg)
{
    return expect_errors_n(text, strlen(text), 1, line, col, msg);
}

static void expect_pos(const sc_token *t, int line, int col)
{
    ck_assert_msg(t->pos.line == line && t->pos.col == col, "%s at %d:%d, want %d:%d",
                  sc_tok_text(t->kind), t->pos.line, t->pos.col, line, col);
}

/* expect_inserted: t is a semicolon inserted at line:col */
static void expect_inserted(const sc_token *t, int line, int col)
{
    ck_assert_int_eq(t->kind, T_SEMICOLON);
    ck_assert_uint_eq(t->len, 1);
    ck_assert_int_eq(t->text[0], '\n');
    expect_pos(t, line, col);
}

/* ---------------------------------------------------------------- token names */

START_TEST(test_tok_text)
{
    static const struct {
        sc_tok t;
        const char *text;
    } cases[] = {
        {T_EOF, "EOF"},         {T_ILLEGAL, "ILLEGAL"},        {T_IDENT, "name"},
        {T_INT, "integer literal"}, {T_STRING, "string literal"}, {T_CHAR, "rune literal"},
        {T_SHL_ASSIGN, "<<="},  {T_AND_NOT, "&^"},             {T_ELLIPSIS, "..."},
        {T_ARROW, "<-"},        {T_SEMICOLON, ";"},            {T_COLON, ":"},
        {T_BREAK, "break"},     {T_FUNC, "func"},              {T_VAR, "var"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        ck_assert_str_eq(sc_tok_text(cases[i].t), cases[i].text);
    /* out of range: a string all the same, never NULL */
    ck_assert_ptr_nonnull(sc_tok_text(SC_TOK_COUNT));
    for (int k = 0; k < SC_TOK_COUNT; k++)
        ck_assert(sc_tok_text((sc_tok)k)[0] != 0);
}
END_TEST

/* ---------------------------------------------------------------- operators and keywords */

START_TEST(test_every_operator)
{
    for (int k = T_ADD; k <= T_COLON; k++) {
        const char *s = sc_tok_text((sc_tok)k);
        lexed *l = lex(s);
        expect_no_errors(l);
        ck_assert_msg(l->v[0].kind == (sc_tok)k, "\"%s\" lexes as %s", s,
                      sc_tok_text(l->v[0].kind));
        ck_assert_uint_eq(l->v[0].len, strlen(s));
        ck_assert(l->v[0].text == l->src.text);
        expect_pos(&l->v[0], 1, 1);
    }
}
END_TEST

START_TEST(test_every_keyword)
{
    for (int k = SC_FIRST_KEYWORD; k < SC_TOK_COUNT; k++) {
        const char *s = sc_tok_text((sc_tok)k);
        lexed *l = lex(s);
        expect_no_errors(l);
        ck_assert_msg(l->v[0].kind == (sc_tok)k, "\"%s\" lexes as %s", s,
                      sc_tok_text(l->v[0].kind));
        ck_assert_uint_eq(l->v[0].len, strlen(s));
    }
    /* near misses are names */
    static const char *const names[] = {"funcs", "Func", "_if", "go1", "fo", "i", "types", "ma"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        expect_kinds(names[i], T_IDENT, T_SEMICOLON, T_EOF);
}
END_TEST

START_TEST(test_longest_match)
{
    expect_kinds("a&^=b&&c&^d", T_IDENT, T_AND_NOT_ASSIGN, T_IDENT, T_LAND, T_IDENT, T_AND_NOT,
                 T_IDENT, T_SEMICOLON, T_EOF);
    expect_kinds("a&&^b||c|d", T_IDENT, T_LAND, T_XOR, T_IDENT, T_LOR, T_IDENT, T_OR, T_IDENT,
                 T_SEMICOLON, T_EOF);
    expect_kinds("x<<-y", T_IDENT, T_SHL, T_SUB, T_IDENT, T_SEMICOLON, T_EOF);
    expect_kinds("c<-v<=w<x", T_IDENT, T_ARROW, T_IDENT, T_LEQ, T_IDENT, T_LSS, T_IDENT,
                 T_SEMICOLON, T_EOF);
    expect_kinds(">>=>>>=>", T_SHR_ASSIGN, T_SHR, T_GEQ, T_GTR, T_EOF);
    expect_kinds("a...", T_IDENT, T_ELLIPSIS, T_EOF);
    expect_kinds("a..b", T_IDENT, T_PERIOD, T_PERIOD, T_IDENT, T_SEMICOLON, T_EOF);
    expect_kinds("....", T_ELLIPSIS, T_PERIOD, T_EOF);
    expect_kinds("1..2", T_FLOAT, T_FLOAT, T_SEMICOLON, T_EOF); /* "1." and ".2" as in Go */
    expect_kinds("x.y", T_IDENT, T_PERIOD, T_IDENT, T_SEMICOLON, T_EOF);
    expect_kinds("a:=b==c!=!d=e", T_IDENT, T_DEFINE, T_IDENT, T_EQL, T_IDENT, T_NEQ, T_NOT,
                 T_IDENT, T_ASSIGN, T_IDENT, T_SEMICOLON, T_EOF);
    expect_kinds("i+++j---k", T_IDENT, T_INC, T_ADD, T_IDENT, T_DEC, T_SUB, T_IDENT, T_SEMICOLON,
                 T_EOF);
    expect_kinds("a+=b-=c*=d/=e%=f|=g^=h<<=i", T_IDENT, T_ADD_ASSIGN, T_IDENT, T_SUB_ASSIGN,
                 T_IDENT, T_MUL_ASSIGN, T_IDENT, T_QUO_ASSIGN, T_IDENT, T_REM_ASSIGN, T_IDENT,
                 T_OR_ASSIGN, T_IDENT, T_XOR_ASSIGN, T_IDENT, T_SHL_ASSIGN, T_IDENT, T_SEMICOLON,
                 T_EOF);
    expect_kinds("~int|*p%2/3", T_TILDE, T_IDENT, T_OR, T_MUL, T_IDENT, T_REM, T_INT, T_QUO,
                 T_INT, T_SEMICOLON, T_EOF);
    expect_kinds("f(a[1],{b});:", T_IDENT, T_LPAREN, T_IDENT, T_LBRACK, T_INT, T_RBRACK, T_COMMA,
                 T_LBRACE, T_IDENT, T_RBRACE, T_RPAREN, T_SEMICOLON, T_COLON, T_EOF);
}
END_TEST

/* ---------------------------------------------------------------- identifiers */

START_TEST(test_identifiers)
{
    static const char *const names[] = {
        "x", "_", "_x9", "αβ", "größe", "π", "日本語", "ÿ", "\xf0\x9d\x91\xa5" /* U+1D465 𝑥 */,
        "a_b_C_D", "Ωmega2",
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        lexed *l = lex(names[i]);
        expect_no_errors(l);
        ck_assert_int_eq(l->v[0].kind, T_IDENT);
        ck_assert_uint_eq(l->v[0].len, strlen(names[i])); /* bytes, the whole name */
        ck_assert_int_eq(l->v[1].kind, T_SEMICOLON);
        ck_assert_int_eq(l->v[2].kind, T_EOF);
    }
    /* columns count bytes: π is two */
    lexed *l = lex("π := 1");
    expect_pos(&l->v[1], 1, 4);
    expect_pos(&l->v[2], 1, 7);
}
END_TEST

START_TEST(test_identifier_non_letters)
{
    /* Go takes any non-ASCII character into a name and complains about non-letters */
    lexed *l = expect_error("a\xc3\x97" "b", 1, 2,
                            "invalid character U+00D7 '\xc3\x97' in identifier");
    ck_assert_int_eq(l->v[0].kind, T_IDENT);
    ck_assert_uint_eq(l->v[0].len, 4);
    expect_error("x\xc2\xa0", 1, 2, "invalid character U+00A0 in identifier"); /* not printable */
    expect_error("\xc2\xb7", 1, 1, "invalid character U+00B7 '\xc2\xb7' in identifier");
    expect_error("a\xe2\x80\xa6", 1, 2, "invalid character U+2026 '\xe2\x80\xa6' in identifier");
    expect_error("x := \xf0\x9f\x98\x80", 1, 6,
                 "invalid character U+1F600 '\xf0\x9f\x98\x80' in identifier");
    expect_error("a\xe2\x80\x8b", 1, 2, "invalid character U+200B in identifier");
    expect_kinds("a \xc3\x97 b", T_IDENT, T_IDENT, T_IDENT, T_SEMICOLON, T_EOF);
}
END_TEST

/* ---------------------------------------------------------------- numbers */

START_TEST(test_number_literals)
{
    static const struct {
        const char *text;
        sc_tok kind;
    } cases[] = {
        {"0", T_INT},          {"7", T_INT},          {"42", T_INT},        {"1_000_000", T_INT},
        {"0x1F", T_INT},       {"0XdeadBEEF", T_INT}, {"0x_1f", T_INT},     {"0o17", T_INT},
        {"0O17", T_INT},       {"0o_7", T_INT},       {"0b1010", T_INT},    {"0B_1", T_INT},
        {"0777", T_INT},       {"0_777", T_INT},      {"00", T_INT},        {"0b1_0", T_INT},
        {"170141183460469231731687303715884105728", T_INT},
        {"1.5", T_FLOAT},      {"1.", T_FLOAT},       {"0.", T_FLOAT},      {".5", T_FLOAT},
        {".0", T_FLOAT},       {"1e10", T_FLOAT},     {"1E+10", T_FLOAT},   {"1e-3", T_FLOAT},
        {"01.5", T_FLOAT},     {"09.5", T_FLOAT},     {"089e1", T_FLOAT},   {"0e0", T_FLOAT},
        {"1_0.2_5e1_0", T_FLOAT}, {"0x1p-2", T_FLOAT}, {"0X1.8P3", T_FLOAT}, {"0x.8p1", T_FLOAT},
        {"0x1p+2", T_FLOAT},   {"0x_1p0", T_FLOAT},   {"6.67428e-11", T_FLOAT}, {"0x1.p1", T_FLOAT},
        {"1i", T_IMAG},        {"0i", T_IMAG},        {"1.5i", T_IMAG},     {"1e3i", T_IMAG},
        {"0x1p2i", T_IMAG},    {"0o7i", T_IMAG},      {"0b1i", T_IMAG},     {"0123i", T_IMAG},
        {"089i", T_IMAG},      {".5i", T_IMAG},       {"0x1fi", T_IMAG},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        lexed *l = lex(cases[i].text);
        expect_no_errors(l);
        ck_assert_msg(l->v[0].kind == cases[i].kind, "\"%s\" lexes as %s", cases[i].text,
                      sc_tok_text(l->v[0].kind));
        ck_assert_msg(l->v[0].len == strlen(cases[i].text), "\"%s\": length %zu",
                      cases[i].text, l->v[0].len);
        ck_assert_int_eq(l->n, 3); /* the literal, ';', EOF */
    }
    /* a number ends where its digits do */
    expect_kinds("0x1g", T_INT, T_IDENT, T_SEMICOLON, T_EOF);
    expect_kinds("1.e", T_FLOAT, T_SEMICOLON, T_EOF); /* an exponent without digits */
    expect_kinds("12ab", T_INT, T_IDENT, T_SEMICOLON, T_EOF);
}
END_TEST

START_TEST(test_number_errors)
{
    static const struct {
        const char *text;
        int col;
        const char *msg;
    } cases[] = {
        {"0x", 3, "hexadecimal literal has no digits"},
        {"0b", 3, "binary literal has no digits"},
        {"0o", 3, "octal literal has no digits"},
        {"0x_", 4, "hexadecimal literal has no digits"},
        {"0x.p1", 4, "hexadecimal literal has no digits"},
        {"0b102", 5, "invalid digit '2' in binary literal"},
        {"078", 3, "invalid digit '8' in octal literal"},
        {"08", 2, "invalid digit '8' in octal literal"},
        {"09", 2, "invalid digit '9' in octal literal"},
        {"0o19", 4, "invalid digit '9' in octal literal"},
        {"1_", 2, "'_' must separate successive digits"},
        {"1__2", 3, "'_' must separate successive digits"},
        {"0x_1_", 5, "'_' must separate successive digits"},
        {"1_.5", 2, "'_' must separate successive digits"},
        {"1._5", 3, "'_' must separate successive digits"},
        {"1e_5", 3, "'_' must separate successive digits"},
        {"0_x", 2, "'_' must separate successive digits"},
        {"0x1.8", 6, "hexadecimal mantissa requires a 'p' exponent"},
        {"0x1.8 + 1", 6, "hexadecimal mantissa requires a 'p' exponent"},
        {"0b1.0", 4, "invalid radix point in binary literal"},
        {"0o1.0", 4, "invalid radix point in octal literal"},
        {"1e", 3, "exponent has no digits"},
        {"1e+", 4, "exponent has no digits"},
        {"1.5E-", 6, "exponent has no digits"},
        {"0x1p", 5, "exponent has no digits"},
        {"0x1P-i", 6, "exponent has no digits"},
        {"1p3", 2, "'p' exponent requires hexadecimal mantissa"},
        {"0b1e3", 4, "'e' exponent requires decimal mantissa"},
        {"0o7E1", 4, "'E' exponent requires decimal mantissa"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        lexed *l = expect_error(cases[i].text, 1, cases[i].col, cases[i].msg);
        ck_assert(l->v[0].kind == T_INT || l->v[0].kind == T_FLOAT || l->v[0].kind == T_IMAG);
    }
    /* the literal's kind stays what it looks like */
    ck_assert_int_eq(lex("0x1.8")->v[0].kind, T_FLOAT);
    ck_assert_int_eq(lex("08")->v[0].kind, T_INT);
    /* on a later line, positions count from there */
    expect_error("x\n\t0b2", 2, 4, "invalid digit '2' in binary literal");
}
END_TEST

/* ---------------------------------------------------------------- runes */

START_TEST(test_rune_literals)
{
    static const struct {
        const char *text;
        int32_t rune;
    } cases[] = {
        {"'a'", 'a'},        {"' '", ' '},          {"'\"'", '"'},          {"'\xc3\xa4'", 0xE4},
        {"'\xe6\x9c\xac'", 0x672C}, {"'\xf0\x9d\x91\xa5'", 0x1D465},
        {"'\\a'", 7},        {"'\\b'", 8},          {"'\\f'", 12},          {"'\\n'", 10},
        {"'\\r'", 13},       {"'\\t'", 9},          {"'\\v'", 11},          {"'\\\\'", '\\'},
        {"'\\''", '\''},     {"'\\000'", 0},        {"'\\101'", 'A'},       {"'\\377'", 255},
        {"'\\x41'", 'A'},    {"'\\xff'", 255},      {"'\\xFf'", 255},       {"'\\u12e4'", 0x12E4},
        {"'\\uFFFF'", 0xFFFF}, {"'\\U00101234'", 0x101234}, {"'\\U0010FFFF'", 0x10FFFF},
        {"'\\uE000'", 0xE000},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        lexed *l = lex(cases[i].text);
        expect_no_errors(l);
        ck_assert_int_eq(l->v[0].kind, T_CHAR);
        ck_assert_msg(l->v[0].rune == cases[i].rune, "%s: %d, want %d", cases[i].text,
                      (int)l->v[0].rune, (int)cases[i].rune);
        ck_assert_uint_eq(l->v[0].len, strlen(cases[i].text));
        ck_assert_int_eq(l->v[1].kind, T_SEMICOLON);
    }
}
END_TEST

START_TEST(test_rune_errors)
{
    static const struct {
        const char *text;
        int col;
        const char *msg;
    } cases[] = {
        {"''", 2, "empty rune literal or unescaped ' in rune literal"},
        {"'ab'", 1, "more than one character in rune literal"},
        {"x = '\\n\\t'", 5, "more than one character in rune literal"},
        {"'\\q'", 3, "unknown escape sequence"},
        {"'\\\"'", 3, "unknown escape sequence"}, /* \" is for strings only */
        {"'\\q", 3, "unknown escape sequence"},
        {"'\\uD800'", 8, "escape sequence is invalid Unicode code point"},
        {"'\\udfff'", 8, "escape sequence is invalid Unicode code point"},
        {"'\\U00110000'", 12, "escape sequence is invalid Unicode code point"},
        {"'\\400'", 6, "octal escape value 256 > 255"},
        {"'\\777'", 6, "octal escape value 511 > 255"},
        {"'\\x4g'", 5, "invalid character 'g' in hexadecimal escape"},
        {"'\\x4'", 5, "invalid character '\\'' in hexadecimal escape"},
        {"'\\x'", 4, "invalid character '\\'' in hexadecimal escape"},
        {"'\\08'", 4, "invalid character '8' in octal escape"},
        {"'\\u12'", 6, "invalid character '\\'' in hexadecimal escape"},
        {"'\\u12\n", 6, "invalid character '\\n' in hexadecimal escape"},
        {"'a", 1, "rune literal not terminated"},
        {"'", 1, "rune literal not terminated"},
        {"'ab", 1, "rune literal not terminated"},
        {"'\\", 1, "rune literal not terminated"},
        {"'\\x4", 1, "rune literal not terminated"},
        {"'\\U0001", 1, "rune literal not terminated"},
        {"'a\n", 3, "newline in rune literal"},
        {"'\n", 2, "newline in rune literal"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        expect_error(cases[i].text, 1, cases[i].col, cases[i].msg);
    /* a bad literal is still a literal: it ends a statement */
    expect_kinds("''\n", T_CHAR, T_SEMICOLON, T_EOF);
    expect_kinds("'a\nb", T_CHAR, T_SEMICOLON, T_IDENT, T_SEMICOLON, T_EOF);
}
END_TEST

/* ---------------------------------------------------------------- strings */

START_TEST(test_string_literals)
{
    static const struct {
        const char *text, *value;
        size_t len;
    } cases[] = {
        {"\"\"", "", 0},
        {"\"abc\"", "abc", 3},
        {"\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\"", "\a\b\f\n\r\t\v\\\"", 9},
        {"\"\\000\\x00\"", "\0\0", 2},
        {"\"\\377\\xff\\xFE\"", "\xff\xff\xfe", 3}, /* bytes, not code points */
        {"\"\\u00e4\\U0001F600\\u65e5\"", "\xc3\xa4\xf0\x9f\x98\x80\xe6\x97\xa5", 9},
        {"\"\\U0010FFFF\"", "\xf4\x8f\xbf\xbf", 4},
        {"\"\xe6\x97\xa5\xe6\x9c\xac\"", "\xe6\x97\xa5\xe6\x9c\xac", 6},
        {"\"'\"", "'", 1},
        {"\"a\rb\"", "a\rb", 3}, /* an interpreted string keeps a carriage return */
        {"`abc`", "abc", 3},
        {"``", "", 0},
        {"`a\\nb`", "a\\nb", 4},
        {"`a\r\nb\r`", "a\nb", 3}, /* a raw string's value drops them */
        {"`\"'\\u00e4`", "\"'\\u00e4", 8},
        {"`\xe6\x97\xa5`", "\xe6\x97\xa5", 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        lexed *l = lex(cases[i].text);
        expect_no_errors(l);
        const sc_token *t = &l->v[0];
        ck_assert_int_eq(t->kind, T_STRING);
        ck_assert_uint_eq(t->len, strlen(cases[i].text));
        ck_assert_ptr_nonnull(t->str);
        ck_assert_msg(t->slen == cases[i].len, "%s: %zu bytes, want %zu", cases[i].text,
                      t->slen, cases[i].len);
        ck_assert_mem_eq(t->str, cases[i].value, cases[i].len);
        ck_assert_int_eq(l->v[1].kind, T_SEMICOLON);
    }
    /* a raw string spans lines; what follows is positioned on the last */
    lexed *l = lex("`a\nb` x");
    ck_assert_uint_eq(l->v[0].slen, 3);
    ck_assert_int_eq(l->v[1].kind, T_IDENT);
    expect_pos(&l->v[1], 2, 4);
}
END_TEST

START_TEST(test_string_errors)
{
    static const struct {
        const char *text;
        int col;
        const char *msg;
    } cases[] = {
        {"\"abc", 1, "string literal not terminated"},
        {"x := \"abc", 6, "string literal not terminated"},
        {"\"\\", 1, "string literal not terminated"},
        {"\"\\u00", 1, "string literal not terminated"},
        {"\"abc\n", 5, "newline in string"},
        {"\"\\'\"", 3, "unknown escape sequence"},
        {"\"\\q\"", 3, "unknown escape sequence"},
        {"\"\\uD800\"", 8, "escape sequence is invalid Unicode code point"},
        {"\"\\U00110000\"", 12, "escape sequence is invalid Unicode code point"},
        {"\"\\400\"", 6, "octal escape value 256 > 255"},
        {"\"\\x\"", 4, "invalid character '\"' in hexadecimal escape"},
        {"\"\\xé\"", 4, "invalid character 'é' in hexadecimal escape"},
        {"\"\\x\x7f\"", 4, "invalid character '\\x7f' in hexadecimal escape"},
        {"`abc", 1, "raw string literal not terminated"},
        {"`a\nb", 1, "raw string literal not terminated"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        expect_error(cases[i].text, 1, cases[i].col, cases[i].msg);
    /* a backslash before a newline: both errors, as Go reports them */
    lexed *l = expect_errors_n("\"\\\n", 3, 2, 1, 3, "unknown escape sequence");
    ck_assert(has_error(l, 1, 3, "newline in string"));
    /* the newline ends the statement; the rest lexes on */
    expect_kinds("\"abc\nx", T_STRING, T_SEMICOLON, T_IDENT, T_SEMICOLON, T_EOF);
    /* an unknown escape adds nothing, and its character is read on as text (as Go's
       scanner goes on from it); the rest is decoded */
    l = expect_error("\"a\\qb\\n\"", 1, 4, "unknown escape sequence");
    ck_assert_uint_eq(l->v[0].slen, 4);
    ck_assert_mem_eq(l->v[0].str, "aqb\n", 4);
}
END_TEST

/* ---------------------------------------------------------------- comments */

START_TEST(test_comments)
{
    expect_kinds("// only", T_EOF);
    expect_kinds("/* only */", T_EOF);
    expect_kinds("a/**/b", T_IDENT, T_IDENT, T_SEMICOLON, T_EOF);
    expect_kinds("/***/x", T_IDENT, T_SEMICOLON, T_EOF);
    expect_kinds("a /* x */ // y\nb", T_IDENT, T_SEMICOLON, T_IDENT, T_SEMICOLON, T_EOF);
    expect_kinds("1/2/*3*/", T_INT, T_QUO, T_INT, T_SEMICOLON, T_EOF);
    expect_kinds("//gorsim: procs=4\npackage main", T_PACKAGE, T_IDENT, T_SEMICOLON, T_EOF);
    lexed *l = lex("/**/x");
    expect_pos(&l->v[0], 1, 5);
    expect_error("/* abc", 1, 1, "comment not terminated");
    expect_error("x /*", 1, 3, "comment not terminated");
    expect_error("/*/", 1, 1, "comment not terminated");
    expect_error("\n  /* a\n b *", 2, 3, "comment not terminated");
}
END_TEST

/* ---------------------------------------------------------------- semicolons */

/* does a newline after kind k end a statement (Go spec, "Semicolons")? */
static bool ends_statement(sc_tok k)
{
    return k == T_IDENT || k == T_INT || k == T_FLOAT || k == T_IMAG || k == T_CHAR ||
           k == T_STRING || k == T_BREAK || k == T_CONTINUE || k == T_FALLTHROUGH ||
           k == T_RETURN || k == T_INC || k == T_DEC || k == T_RPAREN || k == T_RBRACK ||
           k == T_RBRACE;
}

/* check_newline_after: "<text>\nz" inserts a semicolon at the newline iff k ends a
   statement */
static void check_newline_after(const char *text, sc_tok k)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s\nz", text);
    lexed *l = lex(buf);
    expect_no_errors(l);
    ck_assert_msg(l->v[0].kind == k, "\"%s\" lexes as %s", text, sc_tok_text(l->v[0].kind));
    size_t i = 1;
    if (ends_statement(k))
        expect_inserted(&l->v[i++], 1, (int)strlen(text) + 1);
    ck_assert_msg(l->v[i].kind == T_IDENT, "after \"%s\": %s", text, sc_tok_text(l->v[i].kind));
    expect_pos(&l->v[i], 2, 1);
    expect_inserted(&l->v[i + 1], 2, 2); /* at EOF */
    ck_assert_int_eq(l->v[i + 2].kind, T_EOF);
    ck_assert_uint_eq(l->n, i + 3);
}

START_TEST(test_semicolon_after_each_token)
{
    static const struct {
        const char *text;
        sc_tok kind;
    } literals[] = {
        {"x", T_IDENT},     {"1", T_INT},          {"1.5", T_FLOAT}, {"2i", T_IMAG},
        {"'c'", T_CHAR},    {"\"s\"", T_STRING},   {"`r`", T_STRING},
    };
    for (size_t i = 0; i < sizeof literals / sizeof *literals; i++)
        check_newline_after(literals[i].text, literals[i].kind);
    /* every operator, punctuation and keyword: only the listed ones end a statement */
    for (int k = T_ADD; k < SC_TOK_COUNT; k++)
        if (k != T_SEMICOLON)
            check_newline_after(sc_tok_text((sc_tok)k), (sc_tok)k);
    /* an explicit semicolon is kept as written, and inserts none after it */
    lexed *l = lex("x;\ny");
    ck_assert_int_eq(l->v[1].kind, T_SEMICOLON);
    ck_assert_uint_eq(l->v[1].len, 1);
    ck_assert_int_eq(l->v[1].text[0], ';');
    ck_assert_int_eq(l->v[2].kind, T_IDENT);
}
END_TEST

START_TEST(test_semicolon_cases)
{
    /* at EOF, with the position of the end */
    lexed *l = lex("x");
    expect_inserted(&l->v[1], 1, 2);
    expect_pos(&l->v[2], 1, 2);
    l = lex("return");
    expect_inserted(&l->v[1], 1, 7);
    /* after a trailing line comment: at its newline, or at EOF */
    l = lex("x // c\ny");
    expect_inserted(&l->v[1], 1, 7);
    l = lex("x // c");
    expect_inserted(&l->v[1], 1, 7);
    /* a general comment spanning lines is a newline, at the comment's position */
    l = lex("x /* a\n b */ y");
    expect_inserted(&l->v[1], 1, 3);
    expect_pos(&l->v[2], 2, 7);
    expect_kinds("x /* a\n b */\ny", T_IDENT, T_SEMICOLON, T_IDENT, T_SEMICOLON, T_EOF);
    expect_kinds("x /* a */\ny", T_IDENT, T_SEMICOLON, T_IDENT, T_SEMICOLON, T_EOF);
    expect_kinds("( /*\n*/ )", T_LPAREN, T_RPAREN, T_SEMICOLON, T_EOF);
    expect_kinds("x /* a\nb", T_IDENT, T_SEMICOLON, T_EOF); /* unterminated too */
    expect_kinds("x /* ab", T_IDENT, T_SEMICOLON, T_EOF);
    /* blank lines and carriage returns add nothing */
    expect_kinds("x\n\n\n\ny\n", T_IDENT, T_SEMICOLON, T_IDENT, T_SEMICOLON, T_EOF);
    l = lex("x\r\ny");
    expect_inserted(&l->v[1], 1, 3);
    expect_kinds("", T_EOF);
    expect_kinds("\n\n", T_EOF);
    expect_kinds("}\n", T_RBRACE, T_SEMICOLON, T_EOF);
    expect_kinds("f(\n)", T_IDENT, T_LPAREN, T_RPAREN, T_SEMICOLON, T_EOF);
    expect_kinds("a +\nb", T_IDENT, T_ADD, T_IDENT, T_SEMICOLON, T_EOF);
    expect_kinds("x;", T_IDENT, T_SEMICOLON, T_EOF);
    /* lexing on after EOF gives EOF again */
    sc_source src = lang_src("x");
    sc_diags d;
    sc_diags_init(&d, &src);
    sc_lexer lx;
    sc_lex_init(&lx, &src, &d);
    ck_assert_int_eq(sc_lex_next(&lx).kind, T_IDENT);
    ck_assert_int_eq(sc_lex_next(&lx).kind, T_SEMICOLON);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(sc_lex_next(&lx).kind, T_EOF);
}
END_TEST

/* ---------------------------------------------------------------- positions */

START_TEST(test_positions)
{
    static const struct {
        sc_tok kind;
        int line, col;
    } want[] = {
        {T_PACKAGE, 1, 1}, {T_IDENT, 1, 9},   {T_SEMICOLON, 1, 13}, {T_FUNC, 3, 1},
        {T_IDENT, 3, 6},   {T_LPAREN, 3, 7},  {T_RPAREN, 3, 8},     {T_LBRACE, 3, 10},
        {T_IDENT, 4, 2},   {T_DEFINE, 4, 4},  {T_CHAR, 4, 7},       {T_ADD, 4, 11},
        {T_STRING, 4, 13}, {T_SEMICOLON, 4, 16}, {T_RBRACE, 5, 1},  {T_SEMICOLON, 5, 2},
        {T_EOF, 6, 1},
    };
    lexed *l = lex("package main\n\nfunc f() {\n\tx := 'y' + \"z\"\n}\n");
    expect_no_errors(l);
    ck_assert_uint_eq(l->n, sizeof want / sizeof *want);
    for (size_t i = 0; i < l->n; i++) {
        ck_assert_int_eq(l->v[i].kind, want[i].kind);
        expect_pos(&l->v[i], want[i].line, want[i].col);
    }
    /* texts point into the source */
    ck_assert(l->v[1].text == l->src.text + 8);
    ck_assert_uint_eq(l->v[1].len, 4);
}
END_TEST

/* ---------------------------------------------------------------- bad source bytes */

START_TEST(test_bom)
{
    lexed *l = lex("\xEF\xBB\xBFpackage p");
    expect_no_errors(l);
    ck_assert_int_eq(l->v[0].kind, T_PACKAGE);
    expect_pos(&l->v[0], 1, 4); /* Go counts the BOM's bytes */
    expect_error("\xEF\xBB\xBF\xEF\xBB\xBFx", 1, 4, "invalid BOM in the middle of the file");
    l = expect_error("x \xEF\xBB\xBF y", 1, 3, "invalid BOM in the middle of the file");
    ck_assert_int_eq(l->v[1].kind, T_IDENT);
    expect_pos(&l->v[1], 1, 7);
    expect_error("x\n\xEF\xBB\xBF", 2, 1, "invalid BOM in the middle of the file");
    expect_error("\"a\xEF\xBB\xBF\"", 1, 3, "invalid BOM in the middle of the file");
    expect_errors_n("\xEF\xBB", 2, 2, 1, 1, "invalid UTF-8 encoding"); /* a truncated BOM */
}
END_TEST

START_TEST(test_nul)
{
    lexed *l = expect_errors_n("a \0 b", 5, 1, 1, 3, "invalid NUL character");
    ck_assert_int_eq(l->v[0].kind, T_IDENT);
    ck_assert_int_eq(l->v[1].kind, T_IDENT);
    expect_pos(&l->v[1], 1, 5);
    expect_errors_n("\0", 1, 1, 1, 1, "invalid NUL character");
    expect_errors_n("x\n\0\0", 4, 2, 2, 1, "invalid NUL character");
    l = expect_errors_n("\"a\0b\"", 5, 1, 1, 3, "invalid NUL character");
    ck_assert_int_eq(l->v[0].kind, T_STRING);
    ck_assert_uint_eq(l->v[0].len, 5);
    expect_errors_n("// \0\nx", 6, 1, 1, 4, "invalid NUL character");
    expect_errors_n("`\0`", 3, 1, 1, 2, "invalid NUL character");
    expect_errors_n("'\0'", 3, 2, 1, 2, "invalid NUL character"); /* and then an empty rune */
}
END_TEST

START_TEST(test_invalid_utf8)
{
    lexed *l = expect_error("a\xff" "b", 1, 2, "invalid UTF-8 encoding");
    ck_assert_int_eq(l->v[0].kind, T_IDENT);
    expect_error("\"\xc3\"", 1, 2, "invalid UTF-8 encoding"); /* truncated */
    expect_errors_n("\xc0\xaf", 2, 2, 1, 1, "invalid UTF-8 encoding"); /* overlong */
    l = expect_errors_n("\xed\xa0\x80", 3, 3, 1, 1, "invalid UTF-8 encoding"); /* surrogate */
    ck_assert(has_error(l, 1, 3, "invalid UTF-8 encoding"));
    expect_errors_n("x\xe2\x82", 3, 2, 1, 2, "invalid UTF-8 encoding"); /* truncated at EOF */
    expect_error("\xf5", 1, 1, "invalid UTF-8 encoding");
    expect_errors_n("\xf4\x90\x80\x80", 4, 4, 1, 1, "invalid UTF-8 encoding"); /* > U+10FFFF */
    expect_errors_n("\x80\x80", 2, 2, 1, 1, "invalid UTF-8 encoding");
    expect_error("/* \xff */", 1, 4, "invalid UTF-8 encoding");
    expect_errors_n("'\xff'", 3, 2, 1, 2, "invalid UTF-8 encoding"); /* then an empty rune */
}
END_TEST

START_TEST(test_illegal_characters)
{
    static const struct {
        const char *text, *msg;
    } cases[] = {
        {"@", "invalid character U+0040 '@'"},  {"#", "invalid character U+0023 '#'"},
        {"$", "invalid character U+0024 '$'"},  {"?", "invalid character U+003F '?'"},
        {"\\", "invalid character U+005C '\\'"}, {"\x01", "invalid character U+0001"},
        {"\x1b", "invalid character U+001B"},    {"\x7f", "invalid character U+007F"},
        {"\f", "invalid character U+000C"},      {"\v", "invalid character U+000B"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        lexed *l = expect_error(cases[i].text, 1, 1, cases[i].msg);
        ck_assert_int_eq(l->v[0].kind, T_ILLEGAL);
        ck_assert_uint_eq(l->v[0].len, 1);
    }
    expect_error("x := a @ b", 1, 8, "invalid character U+0040 '@'");
    expect_kinds("a # b", T_IDENT, T_ILLEGAL, T_IDENT, T_SEMICOLON, T_EOF);
    /* Go skips the character: whether a newline ends the statement does not change */
    expect_kinds("x @\n", T_IDENT, T_ILLEGAL, T_SEMICOLON, T_EOF);
    expect_kinds("( @\n", T_LPAREN, T_ILLEGAL, T_EOF);
}
END_TEST

START_TEST(test_empty_source)
{
    sc_source src = {"t.go", NULL, 0}; /* no text at all */
    sc_diags d;
    sc_diags_init(&d, &src);
    sc_lexer lx;
    sc_lex_init(&lx, &src, &d);
    sc_token t = sc_lex_next(&lx);
    ck_assert_int_eq(t.kind, T_EOF);
    ck_assert_uint_eq(t.len, 0);
    expect_pos(&t, 1, 1);
    ck_assert(!sc_failed(&d));
}
END_TEST

/* ---------------------------------------------------------------- robustness */

/* lex_copy lexes text[0..n) from an exact-size heap copy (malloc, not sc_alloc: ASan must
   see the end of the buffer) and checks that every token lies in it, in order */
static void lex_copy(const char *text, size_t n)
{
    char *buf = n ? malloc(n) : NULL; /* an empty source without text */
    ck_assert(!n || buf);
    if (n)
        memcpy(buf, text, n);
    lexed *l = lex_n(buf, n);
    sc_pos last = {1, 1};
    for (size_t i = 0; i < l->n; i++) {
        const sc_token *t = &l->v[i];
        bool inserted = t->kind == T_SEMICOLON && t->text[0] == '\n';
        if (!inserted && n) {
            uintptr_t b = (uintptr_t)buf, p = (uintptr_t)t->text;
            ck_assert_msg(p >= b && p + t->len <= b + n, "token %zu outside the source", i);
        }
        ck_assert(t->pos.line > last.line || (t->pos.line == last.line && t->pos.col >= last.col));
        last = t->pos;
        if (t->kind == T_STRING)
            ck_assert(t->str && t->slen <= t->len);
    }
    free(buf);
}

static const char tricky[] =
    "\xEF\xBB\xBF//gorsim: procs=4\npackage main\n/* multi\nline */ import \"fmt\"\n"
    "var s = \"a\\x41\\101\\u00e4\\U0001F600\\n\\\"\" + `raw\r\n` + '\xc3\xa4' + '\\''\n"
    "func gr\xc3\xb6\xc3\x9f" "e() { x := 0x1p-2 + 0X_1F + 0o17 + 0b1_0 + 0777 + 1e+9i + .5; "
    "x++ }\n"
    "ch <- a &^= b... &&|| >>= <<= != \xe2\x80\xa6 @ \0 \xff \xed\xa0\x80 \xEF\xBB\xBF x\xc2\xa0"
    "'\\uD800' '' 'ab' \"\\q\" 0x1.8 1__2 08 0b 1e+ '\\x4 \"\\U0010 `` /* unterminated";

START_TEST(test_every_truncation)
{
    size_t n = sizeof tricky - 1; /* it holds a NUL: not strlen */
    for (size_t k = 0; k <= n; k++)
        lex_copy(tricky, k);
}
END_TEST

START_TEST(test_random_inputs)
{
    static const char *const frags[] = {
        "a", "0", "x", "_", "1", "8", ".", "e", "p", "i", "'", "\"", "`", "\\", "u", "U", "/",
        "*", "\n", "\r", " ", "\t", "+", "-", "<", "&", "^", "=", "\xc3", "\xa4", "\xff", "\0",
        "\xEF\xBB\xBF", "\xe2\x80", "\xf0\x9f\x98\x80", "\xc2\xa0", "b", "o", "}", ")",
    };
    const size_t nfrags = sizeof frags / sizeof *frags;
    uint64_t seed = 0x9E3779B97F4A7C15u; /* fixed: a failure must reproduce */
    char buf[128];
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = 0;
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        size_t parts = (size_t)(seed >> 33) % 24;
        for (size_t j = 0; j < parts; j++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            const char *f = frags[(seed >> 33) % nfrags];
            size_t fl = f[0] ? strlen(f) : 1; /* "\0" is one NUL byte */
            memcpy(buf + n, f, fl);
            n += fl;
        }
        lex_copy(buf, n);
    }
}
END_TEST

Suite *lang_lex_suite(void)
{
    Suite *s = suite_create("lang_lex");
    TCase *tc = tcase_create("tokens");
    tcase_add_test(tc, test_tok_text);
    tcase_add_test(tc, test_every_operator);
    tcase_add_test(tc, test_every_keyword);
    tcase_add_test(tc, test_longest_match);
    tcase_add_test(tc, test_identifiers);
    tcase_add_test(tc, test_identifier_non_letters);
    tcase_add_test(tc, test_positions);
    suite_add_tcase(s, tc);

    tc = tcase_create("literals");
    tcase_add_test(tc, test_number_literals);
    tcase_add_test(tc, test_number_errors);
    tcase_add_test(tc, test_rune_literals);
    tcase_add_test(tc, test_rune_errors);
    tcase_add_test(tc, test_string_literals);
    tcase_add_test(tc, test_string_errors);
    suite_add_tcase(s, tc);

    tc = tcase_create("layout");
    tcase_add_test(tc, test_comments);
    tcase_add_test(tc, test_semicolon_after_each_token);
    tcase_add_test(tc, test_semicolon_cases);
    suite_add_tcase(s, tc);

    tc = tcase_create("bad input");
    tcase_add_test(tc, test_bom);
    tcase_add_test(tc, test_nul);
    tcase_add_test(tc, test_invalid_utf8);
    tcase_add_test(tc, test_illegal_characters);
    tcase_add_test(tc, test_empty_source);
    tcase_add_test(tc, test_every_truncation);
    tcase_add_test(tc, test_random_inputs);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}
