/*
 * check_lang_const.c — compile-time constants (sim/lang/const.c): literals, every operator
 * and its errors, representability at each boundary, conversions and message formatting.
 * Tables drive the tests (one Check loop iteration a row, so a failure names its row);
 * tokens are built by hand so that these tests do not depend on the lexer.
 */
#include "tests/check_lang.h"
#include <float.h>
#include <math.h>

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

/* same: equal kind and value; floats by bits' meaning, -0 differing from 0 */
static bool same(sc_const a, sc_const b)
{
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case SC_C_INT: return a.i == b.i;
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
    {T_INT, "170141183460469231731687303715884105728", SC_E_OVERFLOW, CU},
    {T_INT, "0x80000000000000000000000000000000", SC_E_OVERFLOW, CU},
    {T_INT, "999999999999999999999999999999999999999999", SC_E_OVERFLOW, CU},
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
    {T_FLOAT, "08.5", SC_OK, CF(8.5)}, /* floats are decimal despite the leading 0 */
    {T_FLOAT, "09e1", SC_OK, CF(90.0)},
    {T_FLOAT, "0777.0", SC_OK, CF(777.0)},
    {T_FLOAT, "0x1p-2", SC_OK, CF(0.25)},
    {T_FLOAT, "0x1.8p1", SC_OK, CF(3.0)},
    {T_FLOAT, "0X_1P+4", SC_OK, CF(16.0)},
    {T_FLOAT, "1.7976931348623157e308", SC_OK, CF(DBL_MAX)},
    {T_FLOAT, "1e-400", SC_OK, CF(0.0)}, /* below the doubles: 0, as float64(1e-400) */
    {T_FLOAT, "1e309", SC_E_OVERFLOW, CU},
    {T_FLOAT, "0x1p1024", SC_E_OVERFLOW, CU},
    {T_FLOAT, "inf", SC_E_BAD_OP, CU},
    {T_FLOAT, " 1.0", SC_E_BAD_OP, CU},
    {T_FLOAT, "1e", SC_E_BAD_OP, CU},
    {T_FLOAT, "1.5x", SC_E_BAD_OP, CU},
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
    {T_SUB, CI(MIN128), SC_R_UNTYPED, SC_E_OVERFLOW, CU},
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
    {T_ADD, CI(MAX128), CI(1), true, SC_E_OVERFLOW, CU},
    {T_ADD, CI(MIN128), CI(-1), true, SC_E_OVERFLOW, CU},
    {T_SUB, CI(2), CI(5), true, SC_OK, CI(-3)},
    {T_SUB, CI(MIN128), CI(1), true, SC_E_OVERFLOW, CU},
    {T_SUB, CI(0), CI(MIN128), true, SC_E_OVERFLOW, CU},
    {T_MUL, CI(6), CI(7), true, SC_OK, CI(42)},
    {T_MUL, CI(P2(64)), CI(-P2(63)), true, SC_OK, CI(MIN128)},
    {T_MUL, CI(P2(64)), CI(P2(63)), true, SC_E_OVERFLOW, CU},
    {T_MUL, CI(-1), CI(MIN128), true, SC_E_OVERFLOW, CU},
    {T_QUO, CI(7), CI(2), true, SC_OK, CI(3)},
    {T_QUO, CI(-7), CI(2), true, SC_OK, CI(-3)}, /* truncated */
    {T_QUO, CI(7), CI(-2), true, SC_OK, CI(-3)},
    {T_QUO, CI(-7), CI(-2), true, SC_OK, CI(3)},
    {T_QUO, CI(MIN128), CI(1), true, SC_OK, CI(MIN128)},
    {T_QUO, CI(MIN128), CI(-1), true, SC_E_OVERFLOW, CU},
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
    {T_ADD, CF(1e100), CI(1), true, SC_E_OVERFLOW, CU},
    /* floats */
    {T_ADD, CF(1.5), CF(2.25), false, SC_OK, CF(3.75)},
    {T_SUB, CF(1.5), CF(2.25), false, SC_OK, CF(-0.75)},
    {T_MUL, CF(1.5), CF(2.0), false, SC_OK, CF(3.0)},
    {T_QUO, CF(1.0), CF(4.0), false, SC_OK, CF(0.25)},
    {T_MUL, CF(-1.0), CF(0.0), false, SC_OK, CF(0.0)}, /* no -0 */
    {T_MUL, CF(1e-300), CF(1e-300), false, SC_OK, CF(0.0)},
    {T_QUO, CF(1.0), CF(0.0), false, SC_E_DIV_ZERO, CU},
    {T_QUO, CF(0.0), CF(0.0), false, SC_E_DIV_ZERO, CU},
    {T_QUO, CI(1), CF(0.0), false, SC_E_DIV_ZERO, CU},
    {T_MUL, CF(1e308), CF(10.0), false, SC_E_OVERFLOW, CU},
    {T_ADD, CF(DBL_MAX), CF(DBL_MAX), false, SC_E_OVERFLOW, CU},
    {T_SUB, CF(-DBL_MAX), CF(DBL_MAX), false, SC_E_OVERFLOW, CU},
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
    {T_SHL, CI(1), CI(127), SC_E_OVERFLOW, CU}, /* must fit signed 128 bits */
    {T_SHL, CI(-1), CI(127), SC_OK, CI(MIN128)},
    {T_SHL, CI(-1), CI(128), SC_E_OVERFLOW, CU},
    {T_SHL, CI(-2), CI(126), SC_OK, CI(MIN128)},
    {T_SHL, CI(-3), CI(126), SC_E_OVERFLOW, CU},
    {T_SHL, CI(3), CI(125), SC_OK, CI(P2(126) + P2(125))},
    {T_SHL, CI(3), CI(126), SC_E_OVERFLOW, CU},
    {T_SHL, CI(MAX128 >> 3), CI(3), SC_OK, CI(MAX128 - 7)},
    {T_SHL, CI((MAX128 >> 3) + 1), CI(3), SC_E_OVERFLOW, CU},
    {T_SHL, CI(1), CI(1099), SC_E_OVERFLOW, CU},
    {T_SHL, CI(0), CI(1099), SC_OK, CI(0)},
    {T_SHL, CI(0), CI(1100), SC_E_SHIFT, CU},
    {T_SHL, CI(1), CI(-1), SC_E_SHIFT, CU},
    {T_SHL, CI(1), CI(MAX128), SC_E_SHIFT, CU},
    {T_SHL, CI(1), CF(2.0), SC_OK, CI(4)}, /* an integral float count */
    {T_SHL, CI(1), CF(2.5), SC_E_SHIFT, CU},
    {T_SHL, CI(1), CF(-1.0), SC_E_SHIFT, CU},
    {T_SHL, CI(1), CF(1e10), SC_E_SHIFT, CU},
    {T_SHL, CF(1.0), CI(3), SC_OK, CI(8)}, /* 1.0 << 3 is an integer */
    {T_SHL, CF(1.5), CI(1), SC_E_TRUNCATED, CU},
    {T_SHL, CF(1e100), CI(1), SC_E_OVERFLOW, CU},
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
    TCase *tc = tcase_create("misc");
    tcase_add_test(tc, t_literal_binary_max);
    tcase_add_test(tc, t_literal_rune_string);
    tcase_add_test(tc, t_concat_fresh);
    tcase_add_test(tc, t_format_long_string);
    tcase_add_test(tc, t_format_buffer);
    tcase_add_test(tc, t_scalars);
    tcase_add_test(tc, t_constructors);
    tcase_add_test(tc, t_null_err);
    suite_add_tcase(s, tc);
    return s;
}
