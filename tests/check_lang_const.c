/*
 * check_lang_const.c — compile-time constants (sim/lang/const.c): literals, every operator
 * and its errors, representability at each boundary, conversions and message formatting.
 * Tables drive the tests (one Check loop iteration a row, so a failure names its row);
 * tokens are built by hand so that these tests do not depend on the lexer. Values are exact
 * (big integers and rationals, as go/constant's): the expectations beyond 128 bits and of
 * the exact arithmetic were checked against Go 1.19 (go/constant, and the compiler's
 * limits: untyped integer results up to 512 bits, shift counts up to 1074), the literals'
 * doubles against the C library's correctly rounded strtod.
 */
#include "tests/check_lang.h"
#include "sim/lang/bigint.h"
#include <float.h>
#include <math.h>
#include <stdlib.h>

/* ---------------------------------------------------------------- helpers */

#define P2(n) ((sc_int128)((unsigned __int128)1 << (n)))
#define MAX128 ((sc_int128)(((unsigned __int128)1 << 127) - 1))
#define MIN128 (-MAX128 - 1)

/* constants as static initializers (so tables can hold them) */
#define CI(v) {.kind = SC_C_INT, .i = (sc_int128)(v)}
#define CF(v) {.kind = SC_C_FLOAT, .f = (v)}
#define CB(v) {.kind = SC_C_BOOL, .b = (v)}
#define CS(lit) {.kind = SC_C_STRING, .s = (lit), .slen = sizeof(lit) - 1} /* NULs kept */
#define CU {.kind = SC_C_UNKNOWN}

#define FFFD "\xef\xbf\xbd"
#define ROWS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* same: equal kind and value: integers exactly, floats by their doubles' meaning (-0
   differing from 0; exact values beyond the doubles are exact_rows') */
static bool same(sc_const a, sc_const b)
{
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case SC_C_INT: return a.i == b.i && sc_const_compare(T_EQL, a, b);
    case SC_C_FLOAT: return a.f == b.f && !signbit(a.f) == !signbit(b.f);
    case SC_C_BOOL: return a.b == b.b;
    case SC_C_STRING: return a.slen == b.slen && memcmp(a.s, b.s, a.slen) == 0;
    default: return true;
    }
}

static const char *show(sc_const x)
{
    char *buf = sc_alloc_atomic(256);
    return sc_const_format(x, buf, 256);
}

static const char *err_name(sc_const_err e)
{
    static const char *const names[] = {"OK", "DIV_ZERO", "OVERFLOW", "BAD_OP", "SHIFT",
                                        "TRUNCATED"};
    return (unsigned)e < sizeof names / sizeof names[0] ? names[e] : "?";
}

/* check_result: got/err against want/want_err (want ignored on an error, which must give
   an UNKNOWN) */
static void check_result(int row, sc_const got, sc_const_err err, sc_const want,
                         sc_const_err want_err)
{
    ck_assert_msg(err == want_err, "row %d: err %s, want %s (value %s)", row, err_name(err),
                  err_name(want_err), show(got));
    if (want_err != SC_OK)
        ck_assert_msg(got.kind == SC_C_UNKNOWN, "row %d: error with a value", row);
    else
        ck_assert_msg(same(got, want), "row %d: got %s, want %s", row, show(got), show(want));
}

/* ---------------------------------------------------------------- literals */

static const struct {
    sc_tok kind;
    const char *text;
    sc_const_err err;
    sc_const want;
} literal_rows[] = {
    {T_INT, "0", SC_OK, CI(0)},
    {T_INT, "42", SC_OK, CI(42)},
    {T_INT, "1_000_000", SC_OK, CI(1000000)},
    {T_INT, "0x_Ff", SC_OK, CI(255)},
    {T_INT, "0XdeadBEEF", SC_OK, CI(0xdeadbeef)},
    {T_INT, "0o17", SC_OK, CI(15)},
    {T_INT, "0O1_7", SC_OK, CI(15)},
    {T_INT, "0b1011", SC_OK, CI(11)},
    {T_INT, "0B_1", SC_OK, CI(1)},
    {T_INT, "0777", SC_OK, CI(511)}, /* legacy octal */
    {T_INT, "0_777", SC_OK, CI(511)},
    {T_INT, "00", SC_OK, CI(0)},
    {T_INT, "18446744073709551615", SC_OK, CI(P2(64) - 1)},
    {T_INT, "170141183460469231731687303715884105727", SC_OK, CI(MAX128)},
    {T_INT, "0x7fffffffffffffffffffffffffffffff", SC_OK, CI(MAX128)},
    {T_INT, "0b1" "000000000000000000000000000000000000000000000000000000000000000"
            "000000000000000000000000000000000000000000000000000000000000000", SC_OK,
     CI(P2(126))},
    {T_INT, "000000000000000000000000000000000000000000000000000000000017", SC_OK, CI(15)},
    {T_INT, "-1", SC_E_BAD_OP, CU}, /* literals have no sign */
    {T_INT, "08", SC_E_BAD_OP, CU}, /* invalid legacy octal (the lexer reports it) */
    {T_INT, "09", SC_E_BAD_OP, CU},
    {T_INT, "0o8", SC_E_BAD_OP, CU},
    {T_INT, "0b102", SC_E_BAD_OP, CU},
    {T_INT, "0x", SC_E_BAD_OP, CU},
    {T_INT, "12a", SC_E_BAD_OP, CU},
    {T_INT, "", SC_E_BAD_OP, CU},
    {T_FLOAT, "1.5", SC_OK, CF(1.5)},
    {T_FLOAT, ".5", SC_OK, CF(0.5)},
    {T_FLOAT, "1.", SC_OK, CF(1.0)},
    {T_FLOAT, "1e3", SC_OK, CF(1000.0)},
    {T_FLOAT, "1E-3", SC_OK, CF(1e-3)},
    {T_FLOAT, "1_0.2_5", SC_OK, CF(10.25)},
    {T_FLOAT, "0.1", SC_OK, CF(0.1)},
    {T_FLOAT, "0.1000000000000000055511151231257827021181583404541015625", SC_OK, CF(0.1)},
    {T_FLOAT, "1e23", SC_OK, CF(1e23)},
    {T_FLOAT, "100000000000000000000000.0", SC_OK, CF(1e23)},
    {T_FLOAT, "0x1p-1074", SC_OK, CF(0x1p-1074)},
    {T_FLOAT, "0.5e1", SC_OK, CF(5.0)},
    {T_FLOAT, "1e0000000000000000000000000000000000000000001", SC_OK, CF(10.0)},
    {T_FLOAT, "0e99999999999999999999", SC_OK, CF(0.0)},
    {T_FLOAT, "0.000e-99999999999999999999", SC_OK, CF(0.0)},
    {T_FLOAT, "08.5", SC_OK, CF(8.5)}, /* floats are decimal despite the leading 0 */
    {T_FLOAT, "09e1", SC_OK, CF(90.0)},
    {T_FLOAT, "0777.0", SC_OK, CF(777.0)},
    {T_FLOAT, "0x1p-2", SC_OK, CF(0.25)},
    {T_FLOAT, "0x1.8p1", SC_OK, CF(3.0)},
    {T_FLOAT, "0X_1P+4", SC_OK, CF(16.0)},
    {T_FLOAT, "1.7976931348623157e308", SC_OK, CF(DBL_MAX)},
    /* below 2^-8192, 0; beyond 2^8192, an overflow (exact in between: big_literal_rows) */
    {T_FLOAT, "1e-2467", SC_OK, CF(0.0)},
    {T_FLOAT, "1e-99999999999999999999", SC_OK, CF(0.0)},
    {T_FLOAT, "1e2467", SC_E_OVERFLOW, CU},
    {T_FLOAT, "0x1p8192", SC_E_OVERFLOW, CU},
    {T_FLOAT, "1e99999999999999999999", SC_E_OVERFLOW, CU},
    {T_FLOAT, "inf", SC_E_BAD_OP, CU},
    {T_FLOAT, " 1.0", SC_E_BAD_OP, CU},
    {T_FLOAT, "1e", SC_E_BAD_OP, CU},
    {T_FLOAT, "1e+", SC_E_BAD_OP, CU},
    {T_FLOAT, "1.5x", SC_E_BAD_OP, CU},
    {T_FLOAT, "1.5.1", SC_E_BAD_OP, CU},
    {T_FLOAT, ".", SC_E_BAD_OP, CU},
    {T_FLOAT, "0x.p1", SC_E_BAD_OP, CU},
    {T_FLOAT, "1p3", SC_E_BAD_OP, CU},   /* p is for hexadecimal mantissas */
    {T_FLOAT, "1e3e3", SC_E_BAD_OP, CU},
    {T_FLOAT, "", SC_E_BAD_OP, CU},
    {T_IMAG, "1i", SC_E_BAD_OP, CU},
    {T_IDENT, "x", SC_E_BAD_OP, CU},
};

START_TEST(t_literal)
{
    sc_token t = {.kind = literal_rows[_i].kind, .text = literal_rows[_i].text,
                  .len = strlen(literal_rows[_i].text)};
    sc_const_err err = SC_E_SHIFT; /* must be overwritten */
    sc_const v = sc_const_from_token(&t, &err);
    check_result(_i, v, err, literal_rows[_i].want, literal_rows[_i].err);
}
END_TEST

START_TEST(t_literal_binary_max)
{
    /* 127 ones in binary: the largest literal */
    sc_const v;
    char text[2 + 127 + 1] = "0b";
    memset(text + 2, '1', 127);
    text[129] = '\0';
    sc_token t = {.kind = T_INT, .text = text, .len = 129};
    sc_const_err err;
    v = sc_const_from_token(&t, &err);
    check_result(0, v, err, (sc_const)CI(MAX128), SC_OK);
    text[1] = 'B';
    t.len = 2; /* "0B": no digits */
    v = sc_const_from_token(&t, &err);
    check_result(1, v, err, (sc_const)CU, SC_E_BAD_OP);
}
END_TEST

START_TEST(t_literal_rune_string)
{
    sc_const_err err;
    sc_const v;
    sc_token c = {.kind = T_CHAR, .text = "'a'", .len = 3, .rune = 'a'};
    v = sc_const_from_token(&c, &err);
    check_result(0, v, err, (sc_const)CI(97), SC_OK);
    c.rune = 0x10FFFF;
    v = sc_const_from_token(&c, &err);
    check_result(1, v, err, (sc_const)CI(0x10FFFF), SC_OK);
    c.rune = 0;
    v = sc_const_from_token(&c, &err);
    check_result(2, v, err, (sc_const)CI(0), SC_OK);
    sc_token s = {.kind = T_STRING, .text = "\"a\\x00b\"", .len = 8, .str = "a\0b", .slen = 3};
    v = sc_const_from_token(&s, &err);
    check_result(3, v, err, (sc_const)CS("a\0b"), SC_OK);
    s.str = NULL;
    s.slen = 0;
    v = sc_const_from_token(&s, &err);
    check_result(4, v, err, (sc_const)CS(""), SC_OK);
    v = sc_const_from_token(NULL, &err);
    check_result(5, v, err, (sc_const)CU, SC_E_BAD_OP);
}
END_TEST

/* ---------------------------------------------------------------- unary */

static const struct {
    sc_tok op;
    sc_const x;
    sc_repr r;
    sc_const_err err;
    sc_const want;
} unary_rows[] = {
    {T_ADD, CI(5), SC_R_UNTYPED, SC_OK, CI(5)},
    {T_ADD, CF(1.5), SC_R_UNTYPED, SC_OK, CF(1.5)},
    {T_ADD, CS("a"), SC_R_STRING, SC_E_BAD_OP, CU},
    {T_ADD, CB(true), SC_R_BOOL, SC_E_BAD_OP, CU},
    {T_SUB, CI(5), SC_R_UNTYPED, SC_OK, CI(-5)},
    {T_SUB, CI(MAX128), SC_R_UNTYPED, SC_OK, CI(-MAX128)},
    {T_XOR, CI(MIN128), SC_R_UNTYPED, SC_OK, CI(MAX128)},
    {T_SUB, CF(1.5), SC_R_UNTYPED, SC_OK, CF(-1.5)},
    {T_SUB, CF(0.0), SC_R_UNTYPED, SC_OK, CF(0.0)}, /* no -0 */
    {T_SUB, CS("a"), SC_R_UNTYPED, SC_E_BAD_OP, CU},
    {T_SUB, CB(true), SC_R_UNTYPED, SC_E_BAD_OP, CU},
    {T_XOR, CI(1), SC_R_UNTYPED, SC_OK, CI(-2)},
    {T_XOR, CI(0), SC_R_UNTYPED, SC_OK, CI(-1)},
    {T_XOR, CI(-1), SC_R_UNTYPED, SC_OK, CI(0)},
    {T_XOR, CI(MAX128), SC_R_UNTYPED, SC_OK, CI(MIN128)},
    {T_XOR, CI(1), SC_R_INT8, SC_OK, CI(-2)},
    {T_XOR, CI(127), SC_R_INT8, SC_OK, CI(-128)},
    {T_XOR, CI(1), SC_R_INT64, SC_OK, CI(-2)},
    {T_XOR, CI(1), SC_R_UINT8, SC_OK, CI(254)},
    {T_XOR, CI(0), SC_R_UINT8, SC_OK, CI(255)},
    {T_XOR, CI(255), SC_R_UINT8, SC_OK, CI(0)},
    {T_XOR, CI(256), SC_R_UINT8, SC_E_OVERFLOW, CU},
    {T_XOR, CI(-1), SC_R_UINT8, SC_E_OVERFLOW, CU},
    {T_XOR, CI(0), SC_R_UINT16, SC_OK, CI(65535)},
    {T_XOR, CI(0), SC_R_UINT32, SC_OK, CI(4294967295u)},
    {T_XOR, CI(0), SC_R_UINT64, SC_OK, CI(P2(64) - 1)},
    {T_XOR, CI(1), SC_R_UINT64, SC_OK, CI(P2(64) - 2)},
    {T_XOR, CI(P2(64)), SC_R_UINT64, SC_E_OVERFLOW, CU},
    {T_XOR, CF(1.0), SC_R_UNTYPED, SC_E_BAD_OP, CU},
    {T_XOR, CI(1), SC_R_FLOAT64, SC_E_BAD_OP, CU},
    {T_XOR, CB(true), SC_R_BOOL, SC_E_BAD_OP, CU},
    {T_NOT, CB(true), SC_R_BOOL, SC_OK, CB(false)},
    {T_NOT, CB(false), SC_R_UNTYPED, SC_OK, CB(true)},
    {T_NOT, CI(1), SC_R_UNTYPED, SC_E_BAD_OP, CU},
    {T_MUL, CI(1), SC_R_UNTYPED, SC_E_BAD_OP, CU},
    {T_ADD, CU, SC_R_UNTYPED, SC_E_BAD_OP, CU},
};

START_TEST(t_unary)
{
    sc_const_err err = SC_E_SHIFT;
    sc_const v = sc_const_unary(unary_rows[_i].op, unary_rows[_i].x, unary_rows[_i].r, &err);
    check_result(_i, v, err, unary_rows[_i].want, unary_rows[_i].err);
}
END_TEST

/* ---------------------------------------------------------------- binary */

static const struct {
    sc_tok op;
    sc_const x, y;
    bool integer;
    sc_const_err err;
    sc_const want;
} binary_rows[] = {
    /* integers */
    {T_ADD, CI(2), CI(3), true, SC_OK, CI(5)},
    {T_ADD, CI(MAX128), CI(MIN128), true, SC_OK, CI(-1)},
    {T_SUB, CI(2), CI(5), true, SC_OK, CI(-3)},
    {T_MUL, CI(6), CI(7), true, SC_OK, CI(42)},
    {T_MUL, CI(P2(64)), CI(-P2(63)), true, SC_OK, CI(MIN128)},
    {T_QUO, CI(7), CI(2), true, SC_OK, CI(3)},
    {T_QUO, CI(-7), CI(2), true, SC_OK, CI(-3)}, /* truncated */
    {T_QUO, CI(7), CI(-2), true, SC_OK, CI(-3)},
    {T_QUO, CI(-7), CI(-2), true, SC_OK, CI(3)},
    {T_QUO, CI(MIN128), CI(1), true, SC_OK, CI(MIN128)},
    {T_QUO, CI(1), CI(0), true, SC_E_DIV_ZERO, CU},
    {T_REM, CI(7), CI(2), true, SC_OK, CI(1)},
    {T_REM, CI(-7), CI(2), true, SC_OK, CI(-1)},
    {T_REM, CI(7), CI(-2), true, SC_OK, CI(1)},
    {T_REM, CI(MIN128), CI(-1), true, SC_OK, CI(0)},
    {T_REM, CI(1), CI(0), true, SC_E_DIV_ZERO, CU},
    {T_AND, CI(12), CI(10), true, SC_OK, CI(8)},
    {T_OR, CI(12), CI(10), true, SC_OK, CI(14)},
    {T_XOR, CI(12), CI(10), true, SC_OK, CI(6)},
    {T_AND_NOT, CI(12), CI(10), true, SC_OK, CI(4)},
    {T_AND, CI(-1), CI(5), true, SC_OK, CI(5)},
    {T_AND_NOT, CI(-1), CI(1), true, SC_OK, CI(-2)},
    {T_XOR, CI(-1), CI(MAX128), true, SC_OK, CI(MIN128)},
    {T_OR, CI(MIN128), CI(MAX128), true, SC_OK, CI(-1)},
    {T_LAND, CI(1), CI(1), true, SC_E_BAD_OP, CU},
    /* / and % of INTs that are no integer operation (typed float operands) */
    {T_QUO, CI(7), CI(2), false, SC_OK, CF(3.5)},
    {T_QUO, CI(1), CI(0), false, SC_E_DIV_ZERO, CU},
    {T_REM, CI(7), CI(2), false, SC_E_BAD_OP, CU},
    {T_ADD, CI(7), CI(2), false, SC_OK, CI(9)},
    /* integer operations on integral floats */
    {T_QUO, CF(7.0), CI(2), true, SC_OK, CI(3)},
    {T_REM, CF(7.0), CF(4.0), true, SC_OK, CI(3)},
    {T_AND, CF(6.0), CI(3), true, SC_OK, CI(2)},
    {T_QUO, CF(7.5), CI(2), true, SC_E_TRUNCATED, CU},
    {T_ADD, CI(1), CF(0.5), true, SC_E_TRUNCATED, CU},
    /* floats */
    {T_ADD, CF(1.5), CF(2.25), false, SC_OK, CF(3.75)},
    {T_SUB, CF(1.5), CF(2.25), false, SC_OK, CF(-0.75)},
    {T_MUL, CF(1.5), CF(2.0), false, SC_OK, CF(3.0)},
    {T_QUO, CF(1.0), CF(4.0), false, SC_OK, CF(0.25)},
    {T_MUL, CF(-1.0), CF(0.0), false, SC_OK, CF(0.0)}, /* no -0 */
    {T_MUL, CF(0x1p-600), CF(0x1p-600), false, SC_OK, CF(0.0)}, /* f: 0, exact 2^-1200 */
    {T_MUL, CF(0x1p-600), CF(0x1p600), false, SC_OK, CF(1.0)},
    {T_QUO, CI(6), CI(4), false, SC_OK, CF(1.5)},
    {T_QUO, CI(-6), CI(4), false, SC_OK, CF(-1.5)},
    {T_QUO, CF(0.0), CF(-1.0), false, SC_OK, CF(0.0)}, /* no -0 */
    {T_QUO, CF(1.0), CF(0x1p-1074), false, SC_OK, CF(INFINITY)}, /* f only: exact 2^1074 */
    {T_QUO, CF(1.0), CF(0.0), false, SC_E_DIV_ZERO, CU},
    {T_QUO, CF(0.0), CF(0.0), false, SC_E_DIV_ZERO, CU},
    {T_QUO, CI(1), CF(0.0), false, SC_E_DIV_ZERO, CU},
    {T_REM, CF(7.0), CF(2.0), false, SC_E_BAD_OP, CU},
    {T_AND, CF(1.0), CF(1.0), false, SC_E_BAD_OP, CU},
    {T_OR, CF(1.0), CF(1.0), false, SC_E_BAD_OP, CU},
    {T_XOR, CF(1.0), CF(1.0), false, SC_E_BAD_OP, CU},
    {T_AND_NOT, CF(1.0), CF(1.0), false, SC_E_BAD_OP, CU},
    {T_LOR, CF(1.0), CF(1.0), false, SC_E_BAD_OP, CU},
    /* INT and FLOAT mix into FLOAT */
    {T_ADD, CI(1), CF(0.5), false, SC_OK, CF(1.5)},
    {T_ADD, CF(0.5), CI(1), false, SC_OK, CF(1.5)},
    {T_QUO, CI(3), CF(2.0), false, SC_OK, CF(1.5)},
    {T_MUL, CI(P2(100)), CF(2.0), false, SC_OK, CF(0x1p101)},
    {T_ADD, CI(MAX128), CF(0.5), false, SC_OK, CF(0x1p127)}, /* f: 2^127, exact */
    /* strings */
    {T_ADD, CS("ab"), CS("cd"), false, SC_OK, CS("abcd")},
    {T_ADD, CS("a\0b"), CS("\0c"), false, SC_OK, CS("a\0b\0c")},
    {T_ADD, CS(""), CS(""), false, SC_OK, CS("")},
    {T_ADD, CS(""), CS("x"), false, SC_OK, CS("x")},
    {T_SUB, CS("a"), CS("b"), false, SC_E_BAD_OP, CU},
    {T_MUL, CS("a"), CS("b"), false, SC_E_BAD_OP, CU},
    {T_ADD, CS("a"), CI(1), false, SC_E_BAD_OP, CU},
    {T_ADD, CF(1.0), CS("a"), false, SC_E_BAD_OP, CU},
    /* bools */
    {T_LAND, CB(true), CB(true), false, SC_OK, CB(true)},
    {T_LAND, CB(true), CB(false), false, SC_OK, CB(false)},
    {T_LOR, CB(false), CB(false), false, SC_OK, CB(false)},
    {T_LOR, CB(false), CB(true), false, SC_OK, CB(true)},
    {T_ADD, CB(true), CB(true), false, SC_E_BAD_OP, CU},
    {T_AND, CB(true), CB(true), false, SC_E_BAD_OP, CU},
    {T_LAND, CB(true), CI(1), false, SC_E_BAD_OP, CU},
    /* comparisons and shifts through sc_const_binary */
    {T_EQL, CI(1), CI(1), true, SC_OK, CB(true)},
    {T_LSS, CS("a"), CS("b"), false, SC_OK, CB(true)},
    {T_NEQ, CF(0.5), CI(0), false, SC_OK, CB(true)},
    {T_EQL, CB(true), CB(true), false, SC_OK, CB(true)},
    {T_LSS, CB(false), CB(true), false, SC_E_BAD_OP, CU},
    {T_EQL, CS("1"), CI(1), false, SC_E_BAD_OP, CU},
    {T_SHL, CI(1), CI(3), true, SC_OK, CI(8)},
    {T_SHR, CI(1), CI(-1), true, SC_E_SHIFT, CU},
    /* no constant operands, or no binary operator */
    {T_ADD, CU, CU, false, SC_E_BAD_OP, CU},
    {T_ADD, CU, CI(1), true, SC_E_BAD_OP, CU},
    {T_ASSIGN, CI(1), CI(1), true, SC_E_BAD_OP, CU},
    {T_NOT, CB(true), CB(true), false, SC_E_BAD_OP, CU},
};

START_TEST(t_binary)
{
    sc_const_err err = SC_E_SHIFT;
    sc_const v = sc_const_binary(binary_rows[_i].op, binary_rows[_i].x, binary_rows[_i].y,
                                 binary_rows[_i].integer, &err);
    check_result(_i, v, err, binary_rows[_i].want, binary_rows[_i].err);
}
END_TEST

START_TEST(t_concat_fresh)
{
    /* the result is a new NUL-terminated buffer: the operands are not touched */
    char a[] = "x\0y", b[] = "z";
    sc_const_err err;
    sc_const v = sc_const_binary(T_ADD, sc_const_string(a, 3), sc_const_string(b, 1), false,
                                 &err);
    ck_assert_int_eq(err, SC_OK);
    ck_assert_uint_eq(v.slen, 4);
    ck_assert(memcmp(v.s, "x\0yz", 5) == 0);
    a[0] = 'q';
    ck_assert_int_eq(v.s[0], 'x');
}
END_TEST

/* ---------------------------------------------------------------- shifts */

static const struct {
    sc_tok op;
    sc_const x, s;
    sc_const_err err;
    sc_const want;
} shift_rows[] = {
    {T_SHL, CI(1), CI(0), SC_OK, CI(1)},
    {T_SHL, CI(1), CI(3), SC_OK, CI(8)},
    {T_SHL, CI(1), CI(64), SC_OK, CI(P2(64))},
    {T_SHL, CI(1), CI(126), SC_OK, CI(P2(126))},
    {T_SHL, CI(-1), CI(127), SC_OK, CI(MIN128)},
    {T_SHL, CI(-2), CI(126), SC_OK, CI(MIN128)},
    {T_SHL, CI(3), CI(125), SC_OK, CI(P2(126) + P2(125))},
    {T_SHL, CI(MAX128 >> 3), CI(3), SC_OK, CI(MAX128 - 7)},
    /* Go's bounds: results of up to 512 bits, counts up to 1074 */
    {T_SHL, CI(1), CI(512), SC_E_OVERFLOW, CU},
    {T_SHL, CI(-1), CI(512), SC_E_OVERFLOW, CU},
    {T_SHL, CI(MAX128), CI(386), SC_E_OVERFLOW, CU},
    {T_SHL, CI(1), CI(1074), SC_E_OVERFLOW, CU},
    {T_SHL, CI(0), CI(1074), SC_OK, CI(0)},
    {T_SHL, CI(0), CI(1075), SC_E_SHIFT, CU},
    {T_SHL, CI(1), CI(1075), SC_E_SHIFT, CU},
    {T_SHL, CI(1), CI(1099), SC_E_SHIFT, CU},
    {T_SHL, CI(0), CI(1100), SC_E_SHIFT, CU},
    {T_SHL, CI(1), CI(9999), SC_E_SHIFT, CU},
    {T_SHL, CI(1), CF(1074.0), SC_E_OVERFLOW, CU},
    {T_SHL, CI(1), CF(1075.0), SC_E_SHIFT, CU},
    {T_SHL, CI(1), CI(-1), SC_E_SHIFT, CU},
    {T_SHL, CI(1), CI(MAX128), SC_E_SHIFT, CU},
    {T_SHL, CI(1), CF(2.0), SC_OK, CI(4)}, /* an integral float count */
    {T_SHL, CI(1), CF(2.5), SC_E_SHIFT, CU},
    {T_SHL, CI(1), CF(-1.0), SC_E_SHIFT, CU},
    {T_SHL, CI(1), CF(1e10), SC_E_SHIFT, CU},
    {T_SHL, CF(1.0), CI(3), SC_OK, CI(8)}, /* 1.0 << 3 is an integer */
    {T_SHL, CF(1.5), CI(1), SC_E_TRUNCATED, CU},
    {T_SHL, CF(0x1p600), CI(0), SC_E_OVERFLOW, CU}, /* 601 bits */
    {T_SHR, CF(0x1p600), CI(480), SC_OK, CI(P2(120))},
    {T_SHL, CS("a"), CI(1), SC_E_BAD_OP, CU},
    {T_SHL, CI(1), CS("a"), SC_E_BAD_OP, CU},
    {T_SHL, CB(true), CI(1), SC_E_BAD_OP, CU},
    {T_SHL, CU, CI(1), SC_E_BAD_OP, CU},
    {T_SHR, CI(8), CI(1), SC_OK, CI(4)},
    {T_SHR, CI(-8), CI(1), SC_OK, CI(-4)},
    {T_SHR, CI(-7), CI(1), SC_OK, CI(-4)}, /* arithmetic: rounds down */
    {T_SHR, CI(-1), CI(200), SC_OK, CI(-1)},
    {T_SHR, CI(5), CI(200), SC_OK, CI(0)},
    {T_SHR, CI(5), CI(128), SC_OK, CI(0)},
    {T_SHR, CI(MIN128), CI(127), SC_OK, CI(-1)},
    {T_SHR, CI(MAX128), CI(126), SC_OK, CI(1)},
    {T_SHR, CI(1), CI(1100), SC_E_SHIFT, CU},
    {T_SHR, CI(-1), CI(1074), SC_OK, CI(-1)},
    {T_SHR, CI(1), CI(1074), SC_OK, CI(0)},
    {T_SHR, CI(1), CI(1075), SC_E_SHIFT, CU},
    {T_SHR, CF(0x1p600), CI(590), SC_OK, CI(1024)},

    {T_SHR, CF(8.0), CF(1.0), SC_OK, CI(4)},
    {T_ADD, CI(1), CI(1), SC_E_BAD_OP, CU},
};

START_TEST(t_shift)
{
    sc_const_err err = SC_E_DIV_ZERO;
    sc_const v = sc_const_shift(shift_rows[_i].op, shift_rows[_i].x, shift_rows[_i].s, &err);
    check_result(_i, v, err, shift_rows[_i].want, shift_rows[_i].err);
}
END_TEST

/* ---------------------------------------------------------------- comparison */

static const struct {
    sc_tok op;
    sc_const x, y;
    bool want;
} compare_rows[] = {
    {T_EQL, CI(1), CI(1), true},
    {T_NEQ, CI(1), CI(1), false},
    {T_LSS, CI(1), CI(2), true},
    {T_LSS, CI(2), CI(2), false},
    {T_LEQ, CI(2), CI(2), true},
    {T_GTR, CI(2), CI(1), true},
    {T_GEQ, CI(1), CI(2), false},
    {T_LSS, CI(MIN128), CI(MAX128), true},
    {T_EQL, CF(1.5), CF(1.5), true},
    {T_LSS, CF(-0.5), CF(0.5), true},
    {T_GEQ, CF(0.5), CF(0.5), true},
    /* INT and FLOAT mix, exactly */
    {T_EQL, CI(1), CF(1.0), true},
    {T_LSS, CI(1), CF(1.5), true},
    {T_GTR, CI(2), CF(1.5), true},
    {T_LSS, CF(1.5), CI(2), true},
    {T_LSS, CI(-2), CF(-1.5), true},
    {T_GTR, CI(-1), CF(-1.5), true},
    {T_EQL, CI(-2), CF(-1.5), false},
    {T_EQL, CI(P2(100) + 1), CF(0x1p100), false},
    {T_GTR, CI(P2(100) + 1), CF(0x1p100), true},
    {T_LSS, CF(0x1p100), CI(P2(100) + 1), true},
    {T_LSS, CI(MAX128), CF(0x1p127), true},
    {T_EQL, CI(MIN128), CF(-0x1p127), true},
    {T_GTR, CI(MIN128), CF(-0x1p128), true},
    {T_LSS, CI(MAX128), CF(1e300), true},
    /* strings, bytewise */
    {T_LSS, CS("a"), CS("b"), true},
    {T_LSS, CS("a"), CS("ab"), true},
    {T_GTR, CS("b"), CS("ab"), true},
    {T_EQL, CS("a\0b"), CS("a\0b"), true},
    {T_LSS, CS("a\0b"), CS("a\0c"), true},
    {T_NEQ, CS("a\0b"), CS("a"), true},
    {T_GTR, CS("\xff"), CS("a"), true}, /* bytes are unsigned */
    {T_EQL, CS(""), CS(""), true},
    {T_LEQ, CS(""), CS("a"), true},
    {T_GEQ, CS("abc"), CS("abd"), false},
    /* bools: == and != only */
    {T_EQL, CB(true), CB(true), true},
    {T_NEQ, CB(true), CB(false), true},
    {T_EQL, CB(true), CB(false), false},
    {T_LSS, CB(false), CB(true), false},
    {T_GEQ, CB(true), CB(true), false},
    /* what does not compare */
    {T_EQL, CS("1"), CI(1), false},
    {T_NEQ, CS("1"), CI(1), false},
    {T_EQL, CB(true), CI(1), false},
    {T_EQL, CU, CU, false},
    {T_ADD, CI(1), CI(1), false},
};

START_TEST(t_compare)
{
    bool got = sc_const_compare(compare_rows[_i].op, compare_rows[_i].x, compare_rows[_i].y);
    /* the operator by number: sc_tok_text is the lexer's, which this suite leaves out */
    ck_assert_msg(got == compare_rows[_i].want, "row %d: %s (op %d) %s gave %d", _i,
                  show(compare_rows[_i].x), (int)compare_rows[_i].op,
                  show(compare_rows[_i].y), got);
}
END_TEST

/* ---------------------------------------------------------------- representability */

static const struct {
    sc_const x;
    sc_repr r;
    sc_const_err err;
    sc_const want;
} represent_rows[] = {
    {CI(127), SC_R_INT8, SC_OK, CI(127)},
    {CI(128), SC_R_INT8, SC_E_OVERFLOW, CU},
    {CI(-128), SC_R_INT8, SC_OK, CI(-128)},
    {CI(-129), SC_R_INT8, SC_E_OVERFLOW, CU},
    {CI(32767), SC_R_INT16, SC_OK, CI(32767)},
    {CI(32768), SC_R_INT16, SC_E_OVERFLOW, CU},
    {CI(-32768), SC_R_INT16, SC_OK, CI(-32768)},
    {CI(-32769), SC_R_INT16, SC_E_OVERFLOW, CU},
    {CI(2147483647), SC_R_INT32, SC_OK, CI(2147483647)},
    {CI(2147483648), SC_R_INT32, SC_E_OVERFLOW, CU},
    {CI(-2147483648), SC_R_INT32, SC_OK, CI(-2147483648)},
    {CI(-2147483649), SC_R_INT32, SC_E_OVERFLOW, CU},
    {CI(P2(63) - 1), SC_R_INT64, SC_OK, CI(P2(63) - 1)},
    {CI(P2(63)), SC_R_INT64, SC_E_OVERFLOW, CU},
    {CI(-P2(63)), SC_R_INT64, SC_OK, CI(-P2(63))},
    {CI(-P2(63) - 1), SC_R_INT64, SC_E_OVERFLOW, CU},
    {CI(0), SC_R_UINT8, SC_OK, CI(0)},
    {CI(255), SC_R_UINT8, SC_OK, CI(255)},
    {CI(256), SC_R_UINT8, SC_E_OVERFLOW, CU},
    {CI(-1), SC_R_UINT8, SC_E_OVERFLOW, CU},
    {CI(65535), SC_R_UINT16, SC_OK, CI(65535)},
    {CI(65536), SC_R_UINT16, SC_E_OVERFLOW, CU},
    {CI(4294967295), SC_R_UINT32, SC_OK, CI(4294967295)},
    {CI(4294967296), SC_R_UINT32, SC_E_OVERFLOW, CU},
    {CI(-1), SC_R_UINT32, SC_E_OVERFLOW, CU},
    {CI(P2(63)), SC_R_UINT64, SC_OK, CI(P2(63))},
    {CI(P2(64) - 1), SC_R_UINT64, SC_OK, CI(P2(64) - 1)},
    {CI(P2(64)), SC_R_UINT64, SC_E_OVERFLOW, CU},
    {CI(-1), SC_R_UINT64, SC_E_OVERFLOW, CU},
    {CI(MIN128), SC_R_INT64, SC_E_OVERFLOW, CU},
    /* untyped takes anything as it is */
    {CI(MAX128), SC_R_UNTYPED, SC_OK, CI(MAX128)},
    {CF(1.5), SC_R_UNTYPED, SC_OK, CF(1.5)},
    {CS("s"), SC_R_UNTYPED, SC_OK, CS("s")},
    {CB(true), SC_R_UNTYPED, SC_OK, CB(true)},
    /* floats as integers */
    {CF(1.0), SC_R_INT64, SC_OK, CI(1)},
    {CF(-128.0), SC_R_INT8, SC_OK, CI(-128)},
    {CF(0x1p63), SC_R_UINT64, SC_OK, CI(P2(63))},
    {CF(0x1p63), SC_R_INT64, SC_E_OVERFLOW, CU},
    {CF(0x1p64), SC_R_UINT64, SC_E_OVERFLOW, CU},
    {CF(1.5), SC_R_INT64, SC_E_TRUNCATED, CU},
    {CF(-0.5), SC_R_UINT8, SC_E_TRUNCATED, CU},
    {CF(300.0), SC_R_INT8, SC_E_OVERFLOW, CU},
    {CF(300.5), SC_R_INT8, SC_E_TRUNCATED, CU}, /* Go says truncated first */
    {CF(1e100), SC_R_INT64, SC_E_OVERFLOW, CU},
    {CF(-1.0), SC_R_UINT64, SC_E_OVERFLOW, CU},
    /* float64 */
    {CI(1), SC_R_FLOAT64, SC_OK, CF(1.0)},
    {CI(-3), SC_R_FLOAT64, SC_OK, CF(-3.0)},
    {CI(P2(53) + 1), SC_R_FLOAT64, SC_OK, CF(0x1p53)}, /* rounded to even */
    {CI(P2(53) + 3), SC_R_FLOAT64, SC_OK, CF(0x1p53 + 4)},
    {CI(P2(100)), SC_R_FLOAT64, SC_OK, CF(0x1p100)},
    {CI(MAX128), SC_R_FLOAT64, SC_OK, CF(0x1p127)},
    {CF(1e308), SC_R_FLOAT64, SC_OK, CF(1e308)},
    {CF(0.1), SC_R_FLOAT64, SC_OK, CF(0.1)},
    {CF(INFINITY), SC_R_FLOAT64, SC_E_OVERFLOW, CU},
    {CS("1"), SC_R_FLOAT64, SC_E_BAD_OP, CU},
    {CB(true), SC_R_FLOAT64, SC_E_BAD_OP, CU},
    /* bool and string */
    {CB(true), SC_R_BOOL, SC_OK, CB(true)},
    {CI(1), SC_R_BOOL, SC_E_BAD_OP, CU},
    {CS("x\0y"), SC_R_STRING, SC_OK, CS("x\0y")},
    {CI(65), SC_R_STRING, SC_E_BAD_OP, CU}, /* only a conversion makes "A" of 65 */
    {CS("x"), SC_R_INT64, SC_E_BAD_OP, CU},
    {CB(false), SC_R_UINT8, SC_E_BAD_OP, CU},
    {CU, SC_R_INT64, SC_E_BAD_OP, CU},
    {CU, SC_R_UNTYPED, SC_E_BAD_OP, CU},
};

START_TEST(t_represent)
{
    sc_const_err err = SC_E_SHIFT;
    sc_const v = sc_const_represent(represent_rows[_i].x, represent_rows[_i].r, &err);
    check_result(_i, v, err, represent_rows[_i].want, represent_rows[_i].err);
}
END_TEST

/* ---------------------------------------------------------------- conversion */

static const struct {
    sc_const x;
    sc_repr r;
    sc_const_err err;
    sc_const want;
} convert_rows[] = {
    {CI(65), SC_R_STRING, SC_OK, CS("A")},
    {CI(0), SC_R_STRING, SC_OK, CS("\0")},
    {CI(0x7F), SC_R_STRING, SC_OK, CS("\x7f")},
    {CI(0x80), SC_R_STRING, SC_OK, CS("\xc2\x80")},
    {CI(0x7FF), SC_R_STRING, SC_OK, CS("\xdf\xbf")},
    {CI(0x800), SC_R_STRING, SC_OK, CS("\xe0\xa0\x80")},
    {CI(0x20AC), SC_R_STRING, SC_OK, CS("\xe2\x82\xac")},
    {CI(0xD7FF), SC_R_STRING, SC_OK, CS("\xed\x9f\xbf")},
    {CI(0xE000), SC_R_STRING, SC_OK, CS("\xee\x80\x80")},
    {CI(0xFFFF), SC_R_STRING, SC_OK, CS("\xef\xbf\xbf")},
    {CI(0x10000), SC_R_STRING, SC_OK, CS("\xf0\x90\x80\x80")},
    {CI(0x10FFFF), SC_R_STRING, SC_OK, CS("\xf4\x8f\xbf\xbf")},
    {CI(0x110000), SC_R_STRING, SC_OK, CS(FFFD)},
    {CI(-1), SC_R_STRING, SC_OK, CS(FFFD)},
    {CI(0xD800), SC_R_STRING, SC_OK, CS(FFFD)},
    {CI(0xDFFF), SC_R_STRING, SC_OK, CS(FFFD)},
    {CI(P2(100)), SC_R_STRING, SC_OK, CS(FFFD)},
    {CI(MIN128), SC_R_STRING, SC_OK, CS(FFFD)},
    {CS("ab"), SC_R_STRING, SC_OK, CS("ab")},
    {CF(65.0), SC_R_STRING, SC_E_BAD_OP, CU},
    {CB(true), SC_R_STRING, SC_E_BAD_OP, CU},
    /* the rest is as representability */
    {CF(0.1), SC_R_FLOAT64, SC_OK, CF(0.1)},
    {CI(P2(53) + 1), SC_R_FLOAT64, SC_OK, CF(0x1p53)},
    {CI(300), SC_R_INT8, SC_E_OVERFLOW, CU},
    {CI(-1), SC_R_UINT64, SC_E_OVERFLOW, CU},
    {CF(1.5), SC_R_INT64, SC_E_TRUNCATED, CU},
    {CF(2.0), SC_R_UINT8, SC_OK, CI(2)},
    {CB(true), SC_R_BOOL, SC_OK, CB(true)},
    {CI(1), SC_R_BOOL, SC_E_BAD_OP, CU},
    {CS("1"), SC_R_INT64, SC_E_BAD_OP, CU},
    {CU, SC_R_STRING, SC_E_BAD_OP, CU},
};

START_TEST(t_convert)
{
    sc_const_err err = SC_E_SHIFT;
    sc_const v = sc_const_convert(convert_rows[_i].x, convert_rows[_i].r, &err);
    check_result(_i, v, err, convert_rows[_i].want, convert_rows[_i].err);
}
END_TEST

/* ---------------------------------------------------------------- formatting */

static const struct {
    sc_const x;
    const char *want;
} format_rows[] = {
    {CI(0), "0"},
    {CI(-1), "-1"},
    {CI(300), "300"},
    {CI(P2(64) - 1), "18446744073709551615"},
    {CI(MAX128), "170141183460469231731687303715884105727"},
    {CI(MIN128), "-170141183460469231731687303715884105728"},
    {CF(1.5), "1.5"},
    {CF(-2.5), "-2.5"},
    {CF(3.0), "3"},
    {CF(0.0), "0"},
    {CF(-0.0), "0"}, /* a -0 made by hand still prints as Go's 0 */
    {CF(0.1), "0.1"},
    {CF(0.1 + 0.2), "0.3"},
    {CF(1.0 / 3), "0.333333"},
    {CF(0.0001), "0.0001"},
    {CF(1e-7), "1e-07"},
    {CF(1.5e-7), "1.5e-07"},
    {CF(1234567.0), "1234567"},
    {CF(1e20), "100000000000000000000"},
    {CF(1e21), "1e+21"},
    {CF(1e100), "1e+100"},
    {CF(-1e100), "-1e+100"},
    {CF(DBL_MAX), "1.79769e+308"},
    {CF(0x1p-1074), "4.94066e-324"},
    {CF(1234567.5), "1.23457e+06"},
    {CF(123456.7), "123456.7"},     /* %.6g would hide the fraction: shortest form */
    {CF(999999.5), "999999.5"},
    {CF(1000000.5), "1.0000005e+06"},
    {CF(1e-5), "1e-05"},
    {CB(true), "true"},
    {CB(false), "false"},
    {CU, "unknown"},
    {CS("abc"), "\"abc\""},
    {CS(""), "\"\""},
    {CS("a\"b\\c"), "\"a\\\"b\\\\c\""},
    {CS("\n\t\r\a\b\f\v"), "\"\\n\\t\\r\\a\\b\\f\\v\""},
    {CS("a\0b"), "\"a\\x00b\""},
    {CS("\x01\x1f\x7f"), "\"\\x01\\x1f\\x7f\""},
    {CS("\xff"), "\"\\xff\""},                    /* no UTF-8 */
    {CS("\xc0\xaf"), "\"\\xc0\\xaf\""},           /* overlong */
    {CS("\xed\xa0\x80"), "\"\\xed\\xa0\\x80\""},  /* a surrogate */
    {CS("\xe2\x82"), "\"\\xe2\\x82\""},           /* cut short */
    {CS("\xc3\xa9\xe6\x97\xa5"), "\"\xc3\xa9\xe6\x97\xa5\""}, /* printable: as is */
    {CS("\xc2\xa0"), "\"\\u00a0\""},              /* no-break space */
    {CS("\xc2\x85"), "\"\\u0085\""},              /* C1 control */
    {CS("\xe2\x80\xa8"), "\"\\u2028\""},
    {CS("\xef\xbb\xbf"), "\"\\ufeff\""},
    {CS("\xf3\xa0\x80\x81"), "\"\\U000e0001\""},
};

START_TEST(t_format)
{
    const char *got = show(format_rows[_i].x);
    ck_assert_msg(strcmp(got, format_rows[_i].want) == 0, "row %d: got %s, want %s", _i, got,
                  format_rows[_i].want);
}
END_TEST

/* repeat: n copies of unit as a constant string */
static sc_const repeat(const char *unit, size_t n)
{
    size_t u = strlen(unit);
    char *s = sc_alloc_atomic(u * n + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(s + i * u, unit, u);
    return sc_const_string(s, u * n);
}

START_TEST(t_format_long_string)
{
    /* Go cuts a quoted string of more than 72 runes to 69 and "..." */
    char want[512];
    snprintf(want, sizeof want, "\"%s\"", repeat("a", 70).s); /* 72 runes: kept */
    ck_assert_str_eq(show(repeat("a", 70)), want);
    snprintf(want, sizeof want, "\"%s...", repeat("a", 68).s);
    ck_assert_str_eq(show(repeat("a", 71)), want);
    ck_assert_str_eq(show(repeat("a", 1000)), want);
    /* runes, not bytes */
    snprintf(want, sizeof want, "\"%s...", repeat("\xc3\xa9", 68).s);
    ck_assert_str_eq(show(repeat("\xc3\xa9", 71)), want);
    ck_assert_uint_eq(strlen(show(repeat("\xc3\xa9", 70))), 142);
    /* an escape is as many runes as it has characters */
    sc_const nuls = sc_const_string(sc_alloc_atomic(40), 40);
    snprintf(want, sizeof want, "\"%s...", repeat("\\x00", 17).s);
    ck_assert_str_eq(show(nuls), want);
}
END_TEST

START_TEST(t_format_buffer)
{
    char buf[8];
    memset(buf, 'z', sizeof buf);
    ck_assert_str_eq(sc_const_format(sc_const_int(12345), buf, 4), "123");
    ck_assert_str_eq(sc_const_format(sc_const_string("abcdefgh", 8), buf, 8), "\"abcdef");
    buf[0] = 'z';
    ck_assert_ptr_eq(sc_const_format(sc_const_int(1), buf, 0), buf);
    ck_assert_int_eq(buf[0], 'z');
}
END_TEST

/* ---------------------------------------------------------------- the rest */

START_TEST(t_scalars)
{
    ck_assert_int_eq(sc_const_int64(sc_const_int(-5)), -5);
    ck_assert_int_eq(sc_const_int64(sc_const_int(-P2(63))), INT64_MIN);
    ck_assert_int_eq(sc_const_int64(sc_const_float(2.0)), 2);
    ck_assert(sc_const_uint64(sc_const_int(P2(64) - 1)) == UINT64_MAX);
    ck_assert(sc_const_uint64(sc_const_int(P2(63))) == (uint64_t)1 << 63);
    ck_assert(sc_const_f64(sc_const_int(3)) == 3.0);
    ck_assert(sc_const_f64(sc_const_float(1.5)) == 1.5);
    ck_assert(sc_const_f64(sc_const_bool(true)) == 0.0);
}
END_TEST

START_TEST(t_constructors)
{
    sc_const s = sc_const_string(NULL, 0);
    ck_assert_int_eq(s.kind, SC_C_STRING);
    ck_assert_ptr_nonnull(s.s);
    ck_assert(!signbit(sc_const_float(-0.0).f));
    ck_assert(sc_const_bool(true).b);
    ck_assert(sc_const_int(MIN128).i == MIN128);
}
END_TEST

START_TEST(t_null_err)
{
    /* err may be NULL: the value alone tells success */
    ck_assert_int_eq(sc_const_binary(T_QUO, sc_const_int(1), sc_const_int(0), true, NULL).kind,
                     SC_C_UNKNOWN);
    ck_assert(sc_const_binary(T_ADD, sc_const_int(1), sc_const_int(2), true, NULL).i == 3);
    ck_assert_int_eq(sc_const_represent(sc_const_int(256), SC_R_UINT8, NULL).kind,
                     SC_C_UNKNOWN);
}
END_TEST

/* ---------------------------------------------------------------- exact values */

/* lit: the constant of a literal's text (a T_FLOAT if it has a '.', a p exponent, or an e
   one in decimal) */
static sc_const lit(const char *text, sc_const_err *err)
{
    bool hex = text[0] == '0' && (text[1] | 0x20) == 'x', fl = false;
    for (const char *p = text; *p; p++)
        fl |= *p == '.' || (*p | 0x20) == 'p' || (!hex && (*p | 0x20) == 'e');
    sc_token t = {.kind = fl ? T_FLOAT : T_INT, .text = text, .len = strlen(text)};
    return sc_const_from_token(&t, err);
}

/* rpn: a constant expression in postfix, its tokens separated by single spaces: literals,
   binary operators (/ and % are integer operations when both operands are INTs, as for
   Go's untyped constants), "neg" "pos" "cpl" (unary - + ^, untyped) and "f64"
   (represented as a float64). The first error ends it. */
static sc_const rpn(const char *expr, sc_const_err *err)
{
    static const struct {
        const char *s;
        sc_tok op;
    } ops[] = {{"+", T_ADD}, {"-", T_SUB}, {"*", T_MUL}, {"/", T_QUO}, {"%", T_REM},
               {"&", T_AND}, {"|", T_OR}, {"^", T_XOR}, {"&^", T_AND_NOT}, {"<<", T_SHL},
               {">>", T_SHR}, {"==", T_EQL}, {"!=", T_NEQ}, {"<", T_LSS}, {"<=", T_LEQ},
               {">", T_GTR}, {">=", T_GEQ}};
    sc_const st[16];
    int sp = 0;
    *err = SC_OK;
    for (const char *p = expr; *p && *err == SC_OK;) {
        size_t n = strcspn(p, " ");
        char *t = sc_strndup(p, n);
        p += n + (p[n] == ' ');
        sc_const r = {.kind = SC_C_UNKNOWN};
        int op = -1;
        for (int k = 0; k < ROWS(ops); k++)
            if (strcmp(t, ops[k].s) == 0)
                op = k;
        if (op >= 0) {
            ck_assert_msg(sp >= 2, "%s: operands missing", expr);
            sc_const y = st[--sp], x = st[--sp];
            bool integer = x.kind == SC_C_INT && y.kind == SC_C_INT;
            r = sc_const_binary(ops[op].op, x, y, integer, err);
        } else if (!strcmp(t, "neg") || !strcmp(t, "pos") || !strcmp(t, "cpl")) {
            ck_assert_msg(sp >= 1, "%s: operand missing", expr);
            sc_tok u = t[0] == 'n' ? T_SUB : t[0] == 'p' ? T_ADD : T_XOR;
            r = sc_const_unary(u, st[--sp], SC_R_UNTYPED, err);
        } else if (!strcmp(t, "f64")) {
            ck_assert_msg(sp >= 1, "%s: operand missing", expr);
            r = sc_const_represent(st[--sp], SC_R_FLOAT64, err);
        } else {
            r = lit(t, err);
        }
        ck_assert_msg(sp < ROWS(st), "%s: too deep", expr);
        st[sp++] = r;
    }
    ck_assert_msg(*err != SC_OK || sp == 1, "%s: %d values left", expr, sp);
    return st[sp - 1];
}

/* a 724-bit literal, 2^723: fine as a literal (Go 1.19 takes any), but no operation's
   result may keep its size */
#define Z10 "0000000000"
#define Z60 Z10 Z10 Z10 Z10 Z10 Z10
#define LIT724 "0x8" Z60 Z60 Z60

static const struct {
    const char *expr;
    sc_const_err err;
    const char *want; /* as sc_const_format prints it (NULL on an error) */
} exact_rows[] = {
    /* integers beyond 128 bits */
    {"1 200 << 197 >>", SC_OK, "8"},
    {"1 200 << 1 + 1 200 << -", SC_OK, "1"},
    {"1 200 << 1 200 << /", SC_OK, "1"},
    {"1 200 << 1 200 << %", SC_OK, "0"},
    {"1 200 <<", SC_OK, "1606938044258990275541962092341162602522202993782792835301376"},
    {"1 200 << neg", SC_OK, "-1606938044258990275541962092341162602522202993782792835301376"},
    {"170141183460469231731687303715884105727 1 +", SC_OK,
     "170141183460469231731687303715884105728"},
    {"170141183460469231731687303715884105727 neg 2 -", SC_OK,
     "-170141183460469231731687303715884105729"},
    {"170141183460469231731687303715884105727 neg 1 - neg", SC_OK,
     "170141183460469231731687303715884105728"},
    {"170141183460469231731687303715884105727 neg 1 - 1 neg /", SC_OK,
     "170141183460469231731687303715884105728"},
    {"170141183460469231731687303715884105727 neg 1 - 1 neg %", SC_OK, "0"},
    {"1 64 << 1 63 << *", SC_OK, "170141183460469231731687303715884105728"},
    {"1 127 << 1 127 << * 1 254 << ==", SC_OK, "true"},
    {"1 127 << 1 -", SC_OK, "170141183460469231731687303715884105727"},
    {"1 128 << neg", SC_OK, "-340282366920938463463374607431768211456"},
    {"3 126 <<", SC_OK, "255211775190703847597530955573826158592"},
    {"1e100 1 <<", SC_OK,
     "20000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "000000000000000000000"},
    {"0x1p333 0 <<", SC_OK,
     "17498005798264095394980017816940970922825355447145699491406164851279623993595007"
     "385788105416184430592"},
    {"1e300 990 >>", SC_OK, "95"},
    {"1e300 0 <<", SC_E_OVERFLOW, NULL}, /* 997 bits */
    /* Go's 512 bits: 2^511 and -2^511 fit, 2^512 needs 513 */
    {"1 511 <<", SC_OK,
     "67039039649712985497870124991029230637396829102961966888617807218608820150367734"
     "88400937149083451713845015929093243025426876941405973284973216824503042048"},
    {"1 511 << neg", SC_OK,
     "-6703903964971298549787012499102923063739682910296196688861780721860882015036773"
     "488400937149083451713845015929093243025426876941405973284973216824503042048"},
    {"1 511 << 1 - 2 * 1 +", SC_OK,
     "13407807929942597099574024998205846127479365820592393377723561443721764030073546"
     "976801874298166903427690031858186486050853753882811946569946433649006084095"},
    {"1 512 <<", SC_E_OVERFLOW, NULL},
    {"1 511 << 1 511 << +", SC_E_OVERFLOW, NULL},
    {"1 511 << neg 2 *", SC_E_OVERFLOW, NULL},
    {"1 511 << 1 - 2 * 1 + cpl", SC_E_OVERFLOW, NULL},
    {"1 511 << 1 - 2 * 1 + neg 1 -", SC_E_OVERFLOW, NULL},
    {"1 300 << 1 300 << *", SC_E_OVERFLOW, NULL},
    {"1 300 << 1 300 << * 1 300 << /", SC_E_OVERFLOW, NULL},
    /* infinite two's complement */
    {"1 300 << neg 1 301 << 1 - &", SC_OK,
     "2037035976334486086268445688409378161051468393665936250636140449354381299763336706183397376"},
    {"1 300 << neg 5 |", SC_OK,
     "-2037035976334486086268445688409378161051468393665936250636140449354381299763336"
     "706183397371"},
    {"1 300 << neg 1 299 << neg ^", SC_OK,
     "1018517988167243043134222844204689080525734196832968125318070224677190649881668353091698688"},
    {"1 301 << 1 - 1 300 << neg &^", SC_OK,
     "2037035976334486086268445688409378161051468393665936250636140449354381299763336706183397375"},
    {"1 300 << cpl", SC_OK,
     "-2037035976334486086268445688409378161051468393665936250636140449354381299763336"
     "706183397377"},
    {"1 300 << cpl cpl 1 300 << ==", SC_OK, "true"},
    {"1 300 << neg 1 &", SC_OK, "0"},
    {"1 300 << 1 - neg 1 &", SC_OK, "1"},
    /* truncated division and arithmetic >> */
    {"1 300 << 12345 + neg 100 >>", SC_OK,
     "-1606938044258990275541962092341162602522202993782792835301377"},
    {"1 300 << 12345 + 1 100 << 7 + neg /", SC_OK,
     "-1606938044258990275541962092332289048320605387972315912863793"},
    {"1 300 << 12345 + 1 100 << 7 + neg %", SC_OK, "12002"},
    {"1 300 << 12345 + neg 1 100 << 7 + %", SC_OK, "-12002"},
    {"1 300 << 0 /", SC_E_DIV_ZERO, NULL},
    {"1 300 << 0 %", SC_E_DIV_ZERO, NULL},
    /* a big literal: fine alone, its operations' results are held to 512 bits */
    {LIT724 " 700 >>", SC_OK, "8388608"},
    {LIT724 " 0 *", SC_OK, "0"},
    {LIT724 " 1 &", SC_OK, "0"},
    {LIT724 " 0 +", SC_E_OVERFLOW, NULL},
    {LIT724 " 1 |", SC_E_OVERFLOW, NULL},
    {LIT724 " 2 /", SC_E_OVERFLOW, NULL},
    {LIT724 " pos", SC_E_OVERFLOW, NULL}, /* Go: "constant overflow" for +x too */
    {LIT724 " neg", SC_E_OVERFLOW, NULL},
    {LIT724 " 1 500 << / 1 223 << ==", SC_OK, "true"},
    {LIT724 " 1 711 << /", SC_E_OVERFLOW, NULL}, /* 2^711: 712 bits */
    {LIT724 " 1e300 <", SC_OK, "true"},
    {LIT724 " 1.0 *", SC_OK, "4.41252e+217"},
    /* shift counts: Go's bound is 1074 */
    {"0 1074 <<", SC_OK, "0"},
    {"0 1075 <<", SC_E_SHIFT, NULL},
    {"1 1074 <<", SC_E_OVERFLOW, NULL},
    {"1 1074 >>", SC_OK, "0"},
    {"1 9999 <<", SC_E_SHIFT, NULL},
    {"1 2.0 <<", SC_OK, "4"},
    {"2.5 1 <<", SC_E_TRUNCATED, NULL},
    {"1 200 << 1 200 << <<", SC_E_SHIFT, NULL},
    /* exact fractions */
    {"1.0 3 / 3 * 1 ==", SC_OK, "true"},
    {"1.0 3 / 3 *", SC_OK, "1"},
    {"1.0 3 /", SC_OK, "0.333333"},
    {"1 3 /", SC_OK, "0"}, /* two untyped integers: an integer division */
    {"1.0 3 / 1.0 3 / + 2.0 6 / 2 * ==", SC_OK, "true"},
    {"2.0 6 / 1.0 3 / ==", SC_OK, "true"},
    {"1.0 3 / 0.333333333333333333333333333333 >", SC_OK, "true"},
    {"0.1 0.2 + 0.3 ==", SC_OK, "true"},
    {"0.1 0.2 +", SC_OK, "0.3"},
    {"0.1 0.2 + f64 0.3 f64 ==", SC_OK, "true"}, /* the exact sum, rounded once */
    {"0.1 f64 0.2 f64 + 0.3 f64 ==", SC_OK, "false"}, /* the doubles' sum, exact */
    {"1e300 1e-300 *", SC_OK, "1"},
    {"1e400 1e399 /", SC_OK, "10"},
    {"1e-400 1e400 * 1 ==", SC_OK, "true"},
    {"1e-400 0 >", SC_OK, "true"},
    {"1e-400 neg 0 <", SC_OK, "true"},
    {"1e308 10 * 10 / 1e308 ==", SC_OK, "true"},
    {"1 200 << 0.5 + 1 200 << -", SC_OK, "0.5"},
    {"1 200 << 1.0 * 1 200 << ==", SC_OK, "true"},
    {"1 200 << 1 + 1 200 << >", SC_OK, "true"},
    {"1 200 << 1 + 1.0 * 1 200 << 1.0 * >", SC_OK, "true"},
    {"1 200 << neg 1 199 << neg <", SC_OK, "true"},
    {"1e100 1 200 << >", SC_OK, "true"},
    {"0.1 1.0 10 / ==", SC_OK, "true"},
    {"0.5 0.25 + 0.75 ==", SC_OK, "true"},
    {"7.0 2 /", SC_OK, "3.5"},
    {"1.0 0 /", SC_E_DIV_ZERO, NULL},
    {"1.0 1e-400 /", SC_OK, "1e+400"},
    {"1e-400 1e-400 /", SC_OK, "1"},
    /* beyond the doubles: exact, and only float64 refuses what is too large */
    {"1e308 10 *", SC_OK, "1e+309"},
    {"1e400", SC_OK, "1e+400"},
    {"1e400 neg", SC_OK, "-1e+400"},
    {"1e-400", SC_OK, "1e-400"},
    {"1e-400 3 *", SC_OK, "3e-400"},
    {"1e-400 neg", SC_OK, "-1e-400"},
    {"0x1p1024", SC_OK, "1.79769e+308"},
    {"1e2466", SC_OK, "1e+2466"},
    {"1e-2400", SC_OK, "1e-2400"},
    {"1e400 f64", SC_E_OVERFLOW, NULL},
    {"1e-400 f64", SC_OK, "0"},
    {"1e-400 f64 0 ==", SC_OK, "true"},
    {"0x1p1023 f64", SC_OK, "8.98847e+307"},
    {"0x1p1023 2 * f64", SC_E_OVERFLOW, NULL},
    {"0x1p-600 0x1p-600 *", SC_OK, "0.580771e-361"}, /* sic: go/constant's approximation */
    /* rounding to the doubles: to nearest, ties to even */
    {"0x1.fffffffffffff8p1023 f64", SC_E_OVERFLOW, NULL},
    {"0x1.fffffffffffff7p1023 f64", SC_OK, "1.79769e+308"},
    {"9007199254740993.0 f64 9007199254740992 ==", SC_OK, "true"},
    {"9007199254740995.0 f64 9007199254740996 ==", SC_OK, "true"},
    {"9007199254740993 f64 9007199254740992 ==", SC_OK, "true"},
    {"1 200 << 1 + f64 1 200 << f64 ==", SC_OK, "true"},
    {"2.4703282292062327e-324 f64 0 ==", SC_OK, "true"},
    {"2.4703282292062328e-324 f64 0x1p-1074 ==", SC_OK, "true"},
    {"0x1p-1075 f64 0 ==", SC_OK, "true"},     /* half the least: even is 0 */
    {"0x1.8p-1074 f64 0x1p-1073 ==", SC_OK, "true"}, /* 1.5 units: even is 2 */
    /* the limits: magnitudes below 2^8192, and 0 below 2^-8192 */
    {"1e2000 1e2000 *", SC_E_OVERFLOW, NULL},
    {"1e2000 1e-2000 /", SC_E_OVERFLOW, NULL},
    {"1e-2000 1e-2000 * 0 ==", SC_OK, "true"},
    {"1e2000 1e2000 /", SC_OK, "1"},
};

START_TEST(t_exact)
{
    sc_const_err err = SC_E_SHIFT;
    sc_const v = rpn(exact_rows[_i].expr, &err);
    ck_assert_msg(err == exact_rows[_i].err, "row %d (%s): err %s, want %s (value %s)", _i,
                  exact_rows[_i].expr, err_name(err), err_name(exact_rows[_i].err), show(v));
    if (err != SC_OK)
        ck_assert_msg(v.kind == SC_C_UNKNOWN, "row %d: error with a value", _i);
    else
        ck_assert_msg(strcmp(show(v), exact_rows[_i].want) == 0, "row %d (%s): got %s, want %s",
                      _i, exact_rows[_i].expr, show(v), exact_rows[_i].want);
}
END_TEST

/* the doubles of literals and results, bit for bit */
static const struct {
    const char *expr;
    uint64_t bits;
} double_rows[] = {
    {"0.1", 0x3FB999999999999A},
    {"0.3", 0x3FD3333333333333},
    {"0.1 0.2 +", 0x3FD3333333333333},     /* not 0.1+0.2's 0x3FD3333333333334 */
    {"0.1 f64 0.2 f64 + f64", 0x3FD3333333333334}, /* typed float64: 0.1+0.2's */
    {"1.0 3 /", 0x3FD5555555555555},
    {"2.0 3 /", 0x3FE5555555555555},
    {"1e23", 0x44B52D02C7E14AF6},           /* below the tie: rounds down */
    {"8.98846567431158e307", 0x7FE0000000000000},
    {"1.7976931348623157e308", 0x7FEFFFFFFFFFFFFF},
    {"1.7976931348623158e308", 0x7FEFFFFFFFFFFFFF},
    {"2.2250738585072011e-308", 0x000FFFFFFFFFFFFF},
    {"2.2250738585072012e-308", 0x0010000000000000},
    {"4.9e-324", 0x0000000000000001},
    {"2.4703282292062328e-324", 0x0000000000000001},
    {"2.4703282292062327e-324", 0x0000000000000000},
    {"1e-400", 0x0000000000000000},
    {"1e400", 0x7FF0000000000000},
    {"1e400 neg", 0xFFF0000000000000},
    {"9007199254740993.0", 0x4340000000000000}, /* a tie: even */
    {"9007199254740995.0", 0x4340000000000002},
    {"1.00000000000000011102230246251565404236316680908203125", 0x3FF0000000000000},
    {"1.00000000000000011102230246251565404236316680908203126", 0x3FF0000000000001},
    {"0x1.0000000000000fp0", 0x3FF0000000000001},
    {"1 200 << 1.0 *", 0x4C70000000000000},
    {"1 200 << 1 - 1.0 *", 0x4C70000000000000},
    {"1 64 << 1 - 1.0 *", 0x43F0000000000000},
};

START_TEST(t_double)
{
    sc_const_err err;
    sc_const v = rpn(double_rows[_i].expr, &err);
    uint64_t bits;
    ck_assert_int_eq(err, SC_OK);
    ck_assert_int_eq(v.kind, SC_C_FLOAT);
    memcpy(&bits, &v.f, sizeof bits);
    ck_assert_msg(bits == double_rows[_i].bits, "row %d (%s): %016llx, want %016llx", _i,
                  double_rows[_i].expr, (unsigned long long)bits,
                  (unsigned long long)double_rows[_i].bits);
    ck_assert(sc_const_f64(v) == v.f);
}
END_TEST

START_TEST(t_double_strtod)
{
    /* pseudo-random literals (of every shape: long mantissas, ties, subnormals, hexadecimal)
       against the C library's correctly rounded strtod */
    uint64_t s = 0x9E3779B97F4A7C15u;
    for (int n = 0; n < 3000; n++) {
        char text[128];
        s = s * 6364136223846793005u + 1442695040888963407u;
        uint64_t a = s >> 11;
        s = s * 6364136223846793005u + 1442695040888963407u;
        int e = (int)(s >> 33) % 700 - 350, shape = (int)(s >> 20) % 4;
        switch (shape) {
        case 0: snprintf(text, sizeof text, "%llue%d", (unsigned long long)a, e); break;
        case 1: snprintf(text, sizeof text, "0.%llu%llue%d", (unsigned long long)a,
                         (unsigned long long)(s >> 5), e); break;
        case 2: snprintf(text, sizeof text, "%.17e", ldexp((double)a, e * 3) * 1.5); break;
        default: snprintf(text, sizeof text, "0x%llx.8p%d", (unsigned long long)a, e * 3); break;
        }
        if (!strpbrk(text, ".ep") || strstr(text, "inf"))
            continue;
        sc_const_err err;
        sc_const v = lit(text, &err);
        double want = strtod(text, NULL);
        if (isinf(want)) {
            ck_assert_msg(err == SC_E_OVERFLOW || isinf(v.f), "%s", text);
            continue;
        }
        ck_assert_msg(err == SC_OK && v.f == want, "%s: %a, want %a", text, v.f, want);
    }
}
END_TEST

/* big_text: a big integer's digits */
static const char *big_text(const struct sc_big *x)
{
    return x ? sc_big_decimal(x) : "(null)";
}

START_TEST(t_exact_repr)
{
    sc_const_err err;
    /* INTs: i holds every value that fits, else its sign (saturated) */
    sc_const v = rpn("1 200 <<", &err);
    ck_assert_ptr_nonnull(v.num);
    ck_assert(v.i == MAX128);
    v = rpn("1 200 << neg", &err);
    ck_assert(v.num && v.i == MIN128);
    v = rpn("1 200 << 1 200 << -", &err);
    ck_assert(v.kind == SC_C_INT && !v.num && v.i == 0);
    v = rpn("1 200 << 1 130 << /", &err);
    ck_assert(!v.num && v.i == P2(70));
    v = rpn("170141183460469231731687303715884105727 neg 1 -", &err);
    ck_assert(!v.num && v.i == MIN128);
    /* FLOATs: exactly a double is f alone; else num/den, normalized */
    v = rpn("0.5 0.25 +", &err);
    ck_assert(v.kind == SC_C_FLOAT && !v.num && v.f == 0.75);
    v = rpn("2.0 6 /", &err);
    ck_assert_str_eq(big_text(v.num), "1");
    ck_assert_str_eq(big_text(v.den), "3");
    ck_assert(v.f == 1.0 / 3);
    v = rpn("2.0 neg 6 /", &err);
    ck_assert_str_eq(big_text(v.num), "-1");
    ck_assert_str_eq(big_text(v.den), "3");
    v = rpn("2.0 6 neg /", &err);
    ck_assert_str_eq(big_text(v.num), "-1");
    ck_assert_str_eq(big_text(v.den), "3");
    v = rpn("0.1 0.2 +", &err);
    ck_assert_str_eq(big_text(v.num), "3");
    ck_assert_str_eq(big_text(v.den), "10");
    ck_assert(v.f == 0.3 && v.f != 0.1 + 0.2);
    v = rpn("1.5 3 * 2 /", &err); /* 9/4: exactly a double */
    ck_assert(!v.num && v.f == 2.25);
    v = rpn("123456789.123456789", &err);
    ck_assert_str_eq(big_text(v.num), "123456789123456789");
    ck_assert_str_eq(big_text(v.den), "1000000000");
    v = rpn("1e-400", &err);
    ck_assert(v.num && v.f == 0 && !signbit(v.f));
    v = rpn("1e-400 neg", &err);
    ck_assert(v.num && v.f == 0 && !signbit(v.f)); /* no -0, even as a rounding */
    v = rpn("1e400", &err);
    ck_assert(v.num && isinf(v.f) && v.f > 0);
    /* fractions whose parts reach 4096 bits are rounded to 512-bit mantissas */
    v = rpn("1.0 3 /", &err);
    for (int k = 0; k < 2600 && err == SC_OK; k++)
        v = sc_const_binary(T_QUO, v, sc_const_int(3), false, &err);
    ck_assert_int_eq(err, SC_OK);
    ck_assert(v.num && sc_big_bitlen(v.num) <= 512); /* m / 2^k */
    ck_assert(sc_big_ctz(v.den) == sc_big_bitlen(v.den) - 1);
}
END_TEST

START_TEST(t_exact_represent)
{
    sc_const_err err;
    sc_const big = rpn("1 200 <<", &err), nbig = rpn("1 200 << neg", &err);
    static const sc_repr ints[] = {SC_R_INT8, SC_R_INT16, SC_R_INT32, SC_R_INT64,
                                   SC_R_UINT8, SC_R_UINT16, SC_R_UINT32, SC_R_UINT64};
    for (int k = 0; k < ROWS(ints); k++) {
        ck_assert_int_eq(sc_const_represent(big, ints[k], &err).kind, SC_C_UNKNOWN);
        ck_assert_int_eq(err, SC_E_OVERFLOW);
        ck_assert_int_eq(sc_const_convert(nbig, ints[k], &err).kind, SC_C_UNKNOWN);
        ck_assert_int_eq(err, SC_E_OVERFLOW);
    }
    sc_const v = sc_const_represent(big, SC_R_UNTYPED, &err);
    ck_assert(err == SC_OK && same(v, big));
    v = sc_const_represent(big, SC_R_FLOAT64, &err);
    ck_assert(err == SC_OK && same(v, (sc_const)CF(0x1p200)));
    v = sc_const_convert(nbig, SC_R_FLOAT64, &err);
    ck_assert(err == SC_OK && same(v, (sc_const)CF(-0x1p200)));
    v = sc_const_convert(big, SC_R_STRING, &err);
    ck_assert(err == SC_OK && same(v, (sc_const)CS(FFFD)));
    v = sc_const_convert(nbig, SC_R_STRING, &err);
    ck_assert(err == SC_OK && same(v, (sc_const)CS(FFFD)));
    /* exact floats as integers */
    v = sc_const_represent(rpn("1e300", &err), SC_R_INT64, &err);
    ck_assert_int_eq(err, SC_E_OVERFLOW);
    v = sc_const_represent(rpn("1.0 3 /", &err), SC_R_INT64, &err);
    ck_assert_int_eq(err, SC_E_TRUNCATED);
    v = sc_const_represent(rpn("1 70 << 0.5 +", &err), SC_R_UINT64, &err);
    ck_assert_int_eq(err, SC_E_TRUNCATED); /* its double is integral, it is not */
    v = sc_const_represent(rpn("9007199254740993.0", &err), SC_R_INT64, &err);
    ck_assert(err == SC_OK && same(v, (sc_const)CI(P2(53) + 1))); /* not its double's 2^53 */
    v = sc_const_represent(rpn("1.0 3 / 3 *", &err), SC_R_UINT8, &err);
    ck_assert(err == SC_OK && same(v, (sc_const)CI(1)));
    /* float64 rounds once, and the result is exactly that double */
    v = sc_const_represent(rpn("1e-400", &err), SC_R_FLOAT64, &err);
    ck_assert(err == SC_OK && !v.num && v.f == 0);
    ck_assert(sc_const_compare(T_EQL, v, sc_const_int(0)));
    v = sc_const_represent(rpn("1.0 3 /", &err), SC_R_FLOAT64, &err);
    ck_assert(err == SC_OK && !v.num && v.f == 1.0 / 3);
    ck_assert(!sc_const_compare(T_EQL, v, rpn("1.0 3 /", &err)));
    v = sc_const_represent(rpn("1e308 10 *", &err), SC_R_FLOAT64, &err);
    ck_assert_int_eq(err, SC_E_OVERFLOW);
    /* the C scalars */
    ck_assert_int_eq(sc_const_int64(rpn("1 200 << 7 +", &err)), 7); /* the low 64 bits */
    ck_assert_int_eq(sc_const_int64(rpn("1 200 << 7 + neg", &err)), -7);
    ck_assert(sc_const_uint64(rpn("1 200 << 1 -", &err)) == UINT64_MAX);
    ck_assert_int_eq(sc_const_int64(rpn("9007199254740993.0", &err)), 9007199254740993);
    ck_assert(sc_const_uint64(rpn("9007199254740993.0", &err)) == 9007199254740993u);
    ck_assert(sc_const_f64(big) == 0x1p200);
    ck_assert(sc_const_f64(rpn("1 200 << 1 -", &err)) == 0x1p200);
    ck_assert(sc_const_f64(rpn("1.0 3 /", &err)) == 1.0 / 3);
    ck_assert(sc_const_f64(rpn("1e-400", &err)) == 0);
    /* printing into a short buffer */
    char buf[8];
    ck_assert_str_eq(sc_const_format(big, buf, sizeof buf), "1606938");
    ck_assert_str_eq(sc_const_format(rpn("1e-400", &err), buf, sizeof buf), "1e-400");
}
END_TEST

/* digits: a literal of n copies of c after prefix, and suffix */
static sc_const digits(const char *prefix, char c, size_t n, const char *suffix,
                       sc_const_err *err)
{
    size_t np = strlen(prefix), ns = strlen(suffix);
    char *s = sc_alloc_atomic(np + n + ns + 1);
    memcpy(s, prefix, np);
    memset(s + np, c, n);
    memcpy(s + np + n, suffix, ns);
    return lit(s, err);
}

START_TEST(t_limits)
{
    sc_const_err err;
    /* integer literals: up to 8192 bits */
    sc_const v = digits("0x", 'f', 2048, "", &err); /* 2^8192 - 1 */
    ck_assert_int_eq(err, SC_OK);
    ck_assert_int_eq(v.kind, SC_C_INT);
    v = sc_const_binary(T_QUO, v, digits("0x1", '0', 1968, "", &err), true, &err);
    ck_assert_int_eq(err, SC_OK); /* (2^8192 - 1) / 2^7872 */
    ck_assert(sc_const_compare(T_EQL, v, rpn("1 320 << 1 -", &err)));
    v = digits("0x1", '0', 2048, "", &err); /* 2^8192 */
    ck_assert(err == SC_E_OVERFLOW && v.kind == SC_C_UNKNOWN);
    v = digits("0x0000", '0', 100000, "1", &err); /* leading zeros do not count */
    ck_assert(err == SC_OK && same(v, (sc_const)CI(1)));
    v = digits("9", '9', 2465, "", &err); /* 10^2466 - 1 < 2^8192 */
    ck_assert_int_eq(err, SC_OK);
    v = digits("9", '9', 1000000, "", &err);
    ck_assert(err == SC_E_OVERFLOW && v.kind == SC_C_UNKNOWN);
    v = digits("0b1", '1', 1000000, "", &err);
    ck_assert_int_eq(err, SC_E_OVERFLOW);
    /* float literals: 2500 significant digits, magnitudes below 2^8192, 0 below 2^-8192 */
    v = digits("0.", '3', 2500, "", &err);
    ck_assert(err == SC_OK && v.f == 1.0 / 3); /* a 512-bit mantissa: its parts are large */
    ck_assert(v.num && sc_big_bitlen(v.num) <= 512);
    v = digits("0.", '3', 2501, "", &err);
    ck_assert_int_eq(err, SC_E_OVERFLOW);
    v = digits("3.", '0', 100000, "", &err); /* trailing zeros do not count */
    ck_assert(err == SC_OK && same(v, (sc_const)CF(3.0)));
    v = digits("0.", '0', 100000, "3", &err);
    ck_assert(err == SC_OK && same(v, (sc_const)CF(0.0)));
    v = digits("1", '0', 100000, ".0", &err);
    ck_assert_int_eq(err, SC_E_OVERFLOW);
    v = digits("0x1", '0', 100000, "p-400000", &err);
    ck_assert(err == SC_OK && same(v, (sc_const)CF(1.0)));
    /* repeated squaring stops at the limits, quickly */
    v = sc_const_int(3);
    int k = 0;
    for (; k < 100 && err == SC_OK; k++)
        v = sc_const_binary(T_MUL, v, v, true, &err);
    ck_assert(err == SC_E_OVERFLOW && k == 9); /* 3^256 has 406 bits, 3^512 812 */
    v = rpn("1e300", &err);
    for (k = 0; k < 100 && err == SC_OK; k++)
        v = sc_const_binary(T_MUL, v, v, false, &err);
    ck_assert(err == SC_E_OVERFLOW && k == 4); /* 1e2400, then 1e4800 */
    v = rpn("1e-300", &err);
    for (k = 0; k < 4; k++)
        v = sc_const_binary(T_MUL, v, v, false, &err);
    ck_assert(err == SC_OK && same(v, (sc_const)CF(0.0))); /* 1e-4800: 0 */
    v = digits("0x", 'f', 2048, "", &err);
    v = sc_const_binary(T_MUL, v, v, true, &err);
    ck_assert_int_eq(err, SC_E_OVERFLOW);
    /* long chains of fractions stay bounded: x/3 + 1 tends to 3/2 */
    v = sc_const_float(1.0);
    for (k = 0; k < 3000; k++) {
        v = sc_const_binary(T_QUO, v, sc_const_int(3), false, &err);
        ck_assert_int_eq(err, SC_OK);
        v = sc_const_binary(T_ADD, v, sc_const_int(1), false, &err);
        ck_assert_int_eq(err, SC_OK);
    }
    ck_assert(v.f == 1.5);
    ck_assert(!v.num || (sc_big_bitlen(v.num) < 5000 && sc_big_bitlen(v.den) < 5000));
}
END_TEST

/* ---------------------------------------------------------------- suite */

static TCase *table(const char *name, const TTest *test, int rows)
{
    TCase *tc = tcase_create(name);
    tcase_add_loop_test(tc, test, 0, rows);
    return tc;
}

Suite *lang_const_suite(void)
{
    Suite *s = suite_create("lang_const");
    suite_add_tcase(s, table("literal", t_literal, ROWS(literal_rows)));
    suite_add_tcase(s, table("unary", t_unary, ROWS(unary_rows)));
    suite_add_tcase(s, table("binary", t_binary, ROWS(binary_rows)));
    suite_add_tcase(s, table("shift", t_shift, ROWS(shift_rows)));
    suite_add_tcase(s, table("compare", t_compare, ROWS(compare_rows)));
    suite_add_tcase(s, table("represent", t_represent, ROWS(represent_rows)));
    suite_add_tcase(s, table("convert", t_convert, ROWS(convert_rows)));
    suite_add_tcase(s, table("format", t_format, ROWS(format_rows)));
    suite_add_tcase(s, table("exact", t_exact, ROWS(exact_rows)));
    suite_add_tcase(s, table("double", t_double, ROWS(double_rows)));
    TCase *tc = tcase_create("misc");
    tcase_add_test(tc, t_literal_binary_max);
    tcase_add_test(tc, t_literal_rune_string);
    tcase_add_test(tc, t_concat_fresh);
    tcase_add_test(tc, t_format_long_string);
    tcase_add_test(tc, t_format_buffer);
    tcase_add_test(tc, t_scalars);
    tcase_add_test(tc, t_constructors);
    tcase_add_test(tc, t_null_err);
    tcase_add_test(tc, t_double_strtod);
    tcase_add_test(tc, t_exact_repr);
    tcase_add_test(tc, t_exact_represent);
    tcase_add_test(tc, t_limits);
    suite_add_tcase(s, tc);
    return s;
}
