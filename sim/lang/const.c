/*
 * const.c — compile-time constants of the scenario language (const.h): literals, the
 * operators of Go's constant expressions, representability and conversions of constants,
 * and their printing in messages.
 *
 * Integers are exact in signed 128 bits: every operation checks for overflow instead of
 * wrapping (Go never wraps constants; a typed constant's range is checked separately by
 * sc_const_represent). Floats are doubles, rounded once per operation; a result that would
 * be infinite is an overflow, and no constant is ever NaN or -0.
 */
#include "sim/lang/const.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define I128_MAX ((sc_int128)(((unsigned __int128)1 << 127) - 1))
#define I128_MIN (-I128_MAX - 1)
#define TWO_127 0x1p127 /* 2^127 as a double: the bound of doubles that fit sc_int128 */
#define SHIFT_LIMIT 1100 /* shift counts from here on are errors (const.h) */
#define QUOTE_MAX 72     /* runes of a quoted string in a message (Go's go/constant) */

/* ---------------------------------------------------------------- values */

sc_const sc_const_int(sc_int128 v)
{
    return (sc_const){.kind = SC_C_INT, .i = v};
}

sc_const sc_const_float(double v)
{
    /* Go's constants have no negative zero (-0.0 is 0) */
    return (sc_const){.kind = SC_C_FLOAT, .f = v == 0 ? 0.0 : v};
}

sc_const sc_const_bool(bool v)
{
    return (sc_const){.kind = SC_C_BOOL, .b = v};
}

sc_const sc_const_string(const char *s, size_t n)
{
    return (sc_const){.kind = SC_C_STRING, .s = s ? s : "", .slen = n};
}

/* fail and ok set *err (callers may pass NULL when they only want the value) */
static sc_const fail(sc_const_err *err, sc_const_err e)
{
    if (err)
        *err = e;
    return (sc_const){.kind = SC_C_UNKNOWN};
}

static sc_const ok(sc_const_err *err, sc_const v)
{
    if (err)
        *err = SC_OK;
    return v;
}

/* as_int turns an integral FLOAT into the INT of the same value (Go lets an untyped float
   constant with no fraction stand where an integer is needed); other kinds are left. */
static sc_const_err as_int(sc_const *x)
{
    if (x->kind != SC_C_FLOAT)
        return SC_OK;
    if (x->f != trunc(x->f)) /* a fraction (NaN cannot occur, but fails here too) */
        return SC_E_TRUNCATED;
    if (x->f >= TWO_127 || x->f < -TWO_127)
        return SC_E_OVERFLOW;
    *x = sc_const_int((sc_int128)x->f);
    return SC_OK;
}

/* ---------------------------------------------------------------- literals */

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        return (c | 0x20) - 'a' + 10;
    return 99; /* no digit of any base */
}

/* int_base: the base of an integer literal; *start is where its digits begin. A leading 0
   followed by anything but a prefix letter is legacy octal (0777, 0_7). */
static int int_base(const char *s, size_t n, size_t *start)
{
    *start = 0;
    if (n < 2 || s[0] != '0')
        return 10;
    *start = 2;
    switch (s[1] | 0x20) {
    case 'x': return 16;
    case 'o': return 8;
    case 'b': return 2;
    }
    *start = 1;
    return 8;
}

/* parse_int: a T_INT's value; underscores are skipped (the lexer checked their places).
   A digit outside the base ("08", "0b2") or no digit at all ("0x") is SC_E_BAD_OP. */
static sc_const parse_int(const char *s, size_t n, sc_const_err *err)
{
    size_t i;
    int base = int_base(s, n, &i);
    bool any = base == 8 && i == 1; /* legacy octal: the leading 0 is a digit */
    sc_int128 v = 0;
    for (; i < n; i++) {
        if (s[i] == '_')
            continue;
        int d = digit_value(s[i]);
        if (d >= base)
            return fail(err, SC_E_BAD_OP);
        if (__builtin_mul_overflow(v, (sc_int128)base, &v) ||
            __builtin_add_overflow(v, (sc_int128)d, &v))
            return fail(err, SC_E_OVERFLOW);
        any = true;
    }
    return any ? ok(err, sc_const_int(v)) : fail(err, SC_E_BAD_OP);
}

/* parse_float: a T_FLOAT's value, by strtod (correctly rounded, and C99 reads hexadecimal
   floats) on a copy without underscores. The text must start with a digit or '.', so that
   strtod's own extras (leading blanks, signs, "inf", "nan") are refused. A literal beyond
   the doubles is an overflow; one below them rounds to 0 as float64(1e-400) does in Go.
   strtod follows LC_NUMERIC: gorsim never changes it from "C". */
static sc_const parse_float(const char *s, size_t n, sc_const_err *err)
{
    if (n == 0 || !((s[0] >= '0' && s[0] <= '9') || s[0] == '.'))
        return fail(err, SC_E_BAD_OP);
    char *buf = sc_alloc_atomic(n + 1), *end;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '_')
            buf[m++] = s[i];
    double f = strtod(buf, &end);
    if (end != buf + m)
        return fail(err, SC_E_BAD_OP);
    return isinf(f) ? fail(err, SC_E_OVERFLOW) : ok(err, sc_const_float(f));
}

sc_const sc_const_from_token(const sc_token *t, sc_const_err *err)
{
    if (!t)
        return fail(err, SC_E_BAD_OP);
    switch (t->kind) {
    case T_INT:
        return t->text ? parse_int(t->text, t->len, err) : fail(err, SC_E_BAD_OP);
    case T_FLOAT:
        return t->text ? parse_float(t->text, t->len, err) : fail(err, SC_E_BAD_OP);
    case T_CHAR:
        return ok(err, sc_const_int(t->rune));
    case T_STRING:
        return ok(err, sc_const_string(t->str, t->slen));
    default: /* T_IMAG among them: the language has no complex numbers */
        return fail(err, SC_E_BAD_OP);
    }
}

/* ---------------------------------------------------------------- representations */

static bool repr_integer(sc_repr r)
{
    return r >= SC_R_INT8 && r <= SC_R_UINT64;
}

static bool repr_unsigned(sc_repr r)
{
    return r >= SC_R_UINT8 && r <= SC_R_UINT64;
}

/* repr_range: the values of an integer representation (SC_R_UNTYPED: all of 128 bits) */
static void repr_range(sc_repr r, sc_int128 *lo, sc_int128 *hi)
{
    static const int bits[] = {
        [SC_R_INT8] = 8, [SC_R_INT16] = 16, [SC_R_INT32] = 32, [SC_R_INT64] = 64,
        [SC_R_UINT8] = 8, [SC_R_UINT16] = 16, [SC_R_UINT32] = 32, [SC_R_UINT64] = 64,
    };
    if (!repr_integer(r)) {
        *lo = I128_MIN;
        *hi = I128_MAX;
        return;
    }
    sc_int128 one = 1;
    if (repr_unsigned(r)) {
        *lo = 0;
        *hi = (one << bits[r]) - 1;
    } else {
        *hi = (one << (bits[r] - 1)) - 1;
        *lo = -*hi - 1;
    }
}

static sc_const to_integer(sc_const x, sc_repr r, sc_const_err *err)
{
    sc_const_err e = as_int(&x);
    if (e != SC_OK)
        return fail(err, e);
    if (x.kind != SC_C_INT)
        return fail(err, SC_E_BAD_OP);
    sc_int128 lo, hi;
    repr_range(r, &lo, &hi);
    return x.i < lo || x.i > hi ? fail(err, SC_E_OVERFLOW) : ok(err, x);
}

/* to_float64 rounds to the nearest double; an __int128 never overflows a double */
static sc_const to_float64(sc_const x, sc_const_err *err)
{
    if (x.kind == SC_C_INT)
        return ok(err, sc_const_float((double)x.i));
    if (x.kind != SC_C_FLOAT)
        return fail(err, SC_E_BAD_OP);
    return isfinite(x.f) ? ok(err, x) : fail(err, SC_E_OVERFLOW);
}

sc_const sc_const_represent(sc_const x, sc_repr r, sc_const_err *err)
{
    if (x.kind == SC_C_UNKNOWN)
        return fail(err, SC_E_BAD_OP);
    switch (r) {
    case SC_R_UNTYPED:
        return ok(err, x);
    case SC_R_FLOAT64:
        return to_float64(x, err);
    case SC_R_BOOL:
        return x.kind == SC_C_BOOL ? ok(err, x) : fail(err, SC_E_BAD_OP);
    case SC_R_STRING:
        return x.kind == SC_C_STRING ? ok(err, x) : fail(err, SC_E_BAD_OP);
    default:
        return repr_integer(r) ? to_integer(x, r, err) : fail(err, SC_E_BAD_OP);
    }
}

/* utf8_encode writes code point c (valid) and returns its length */
static size_t utf8_encode(uint32_t c, char *out)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | c >> 12);
        out[1] = (char)(0x80 | (c >> 6 & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | c >> 18);
    out[1] = (char)(0x80 | (c >> 12 & 0x3F));
    out[2] = (char)(0x80 | (c >> 6 & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* rune_string: string(rune(v)) — Go gives "\uFFFD" for what is no Unicode scalar value
   (negative, beyond U+10FFFF, or a surrogate) */
static sc_const rune_string(sc_int128 v)
{
    bool valid = v >= 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF);
    char *s = sc_alloc_atomic(5);
    size_t n = utf8_encode(valid ? (uint32_t)v : 0xFFFD, s);
    return sc_const_string(s, n);
}

sc_const sc_const_convert(sc_const x, sc_repr r, sc_const_err *err)
{
    if (r == SC_R_STRING && x.kind == SC_C_INT)
        return ok(err, rune_string(x.i));
    /* everything else, float -> float64 rounding included, is representability */
    return sc_const_represent(x, r, err);
}

/* ---------------------------------------------------------------- unary operators */

/* complement: ^x. Untyped and signed integers are infinite two's complement (-x-1, which
   cannot overflow); an unsigned N-bit x flips its N bits, so x must be in range. */
static sc_const complement(sc_const x, sc_repr r, sc_const_err *err)
{
    if (x.kind != SC_C_INT || !(r == SC_R_UNTYPED || repr_integer(r)))
        return fail(err, SC_E_BAD_OP);
    if (!repr_unsigned(r))
        return ok(err, sc_const_int(~x.i));
    sc_int128 lo, hi;
    repr_range(r, &lo, &hi);
    if (x.i < lo || x.i > hi)
        return fail(err, SC_E_OVERFLOW);
    return ok(err, sc_const_int(x.i ^ hi));
}

static sc_const negate(sc_const x, sc_const_err *err)
{
    if (x.kind == SC_C_FLOAT)
        return ok(err, sc_const_float(-x.f));
    if (x.kind != SC_C_INT)
        return fail(err, SC_E_BAD_OP);
    return x.i == I128_MIN ? fail(err, SC_E_OVERFLOW) : ok(err, sc_const_int(-x.i));
}

sc_const sc_const_unary(sc_tok op, sc_const x, sc_repr r, sc_const_err *err)
{
    switch (op) {
    case T_ADD:
        return x.kind == SC_C_INT || x.kind == SC_C_FLOAT ? ok(err, x)
                                                          : fail(err, SC_E_BAD_OP);
    case T_SUB:
        return negate(x, err);
    case T_XOR:
        return complement(x, r, err);
    case T_NOT:
        return x.kind == SC_C_BOOL ? ok(err, sc_const_bool(!x.b)) : fail(err, SC_E_BAD_OP);
    default:
        return fail(err, SC_E_BAD_OP);
    }
}

/* ---------------------------------------------------------------- comparison */

#define NO_ORDER 2 /* cmp3: the operands cannot be compared at all */

/* cmp_int_float compares an integer with a double exactly (converting the integer to a
   double could round 2^100+1 to 2^100 and call them equal) */
static int cmp_int_float(sc_int128 i, double f)
{
    if (f >= TWO_127)
        return -1;
    if (f < -TWO_127)
        return 1;
    double fl = floor(f);
    sc_int128 k = (sc_int128)fl; /* exact: fl is integral and in range */
    if (i != k)
        return i < k ? -1 : 1;
    return f > fl ? -1 : 0;
}

static int cmp_bytes(const char *a, size_t na, const char *b, size_t nb)
{
    int c = memcmp(a, b, na < nb ? na : nb); /* memcmp compares as unsigned char */
    if (c != 0)
        return c < 0 ? -1 : 1;
    return na < nb ? -1 : na > nb;
}

/* cmp3: -1, 0 or 1 as x <, == or > y; NO_ORDER for kinds that do not compare. Bools give
   0 or 1 (equal or not) with *ordered false: only == and != apply to them. */
static int cmp3(sc_const x, sc_const y, bool *ordered)
{
    *ordered = true;
    if (x.kind == SC_C_INT && y.kind == SC_C_FLOAT)
        return cmp_int_float(x.i, y.f);
    if (x.kind == SC_C_FLOAT && y.kind == SC_C_INT)
        return -cmp_int_float(y.i, x.f);
    if (x.kind != y.kind)
        return NO_ORDER;
    switch (x.kind) {
    case SC_C_INT:
        return x.i < y.i ? -1 : x.i > y.i;
    case SC_C_FLOAT:
        return x.f < y.f ? -1 : x.f > y.f;
    case SC_C_STRING:
        return cmp_bytes(x.s, x.slen, y.s, y.slen);
    case SC_C_BOOL:
        *ordered = false;
        return x.b != y.b;
    default:
        return NO_ORDER;
    }
}

static bool is_comparison(sc_tok op)
{
    return op == T_EQL || op == T_NEQ || op == T_LSS || op == T_LEQ || op == T_GTR ||
           op == T_GEQ;
}

/* compare_op: op applied to x and y; false in *valid if it does not apply */
static bool compare_op(sc_tok op, sc_const x, sc_const y, bool *valid)
{
    bool ordered;
    int c = cmp3(x, y, &ordered);
    *valid = is_comparison(op) && c != NO_ORDER && (ordered || op == T_EQL || op == T_NEQ);
    if (!*valid)
        return false;
    switch (op) {
    case T_EQL: return c == 0;
    case T_NEQ: return c != 0;
    case T_LSS: return c < 0;
    case T_LEQ: return c <= 0;
    case T_GTR: return c > 0;
    default:    return c >= 0;
    }
}

bool sc_const_compare(sc_tok op, sc_const x, sc_const y)
{
    bool valid;
    return compare_op(op, x, y, &valid);
}

/* ---------------------------------------------------------------- shifts */

/* shift_count: s as a count, SC_E_SHIFT unless a non-negative integer below SHIFT_LIMIT
   (an integral FLOAT counts: Go accepts 1 << 2.0) */
static sc_const_err shift_count(sc_const s, unsigned *n)
{
    if (s.kind == SC_C_FLOAT) {
        if (s.f != trunc(s.f) || s.f < 0 || s.f >= SHIFT_LIMIT)
            return SC_E_SHIFT;
        *n = (unsigned)s.f;
        return SC_OK;
    }
    if (s.kind != SC_C_INT)
        return SC_E_BAD_OP;
    if (s.i < 0 || s.i >= SHIFT_LIMIT)
        return SC_E_SHIFT;
    *n = (unsigned)s.i;
    return SC_OK;
}

/* shl: x << n must fit signed 128 bits, so 1<<127 overflows while -1<<127 does not */
static sc_const shl(sc_int128 x, unsigned n, sc_const_err *err)
{
    if (x == 0)
        return ok(err, sc_const_int(0));
    if (n >= 128)
        return fail(err, SC_E_OVERFLOW);
    sc_int128 lim = x > 0 ? I128_MAX >> n : I128_MIN >> n;
    if (x > 0 ? x > lim : x < lim)
        return fail(err, SC_E_OVERFLOW);
    return ok(err, sc_const_int((sc_int128)((unsigned __int128)x << n))); /* no UB */
}

/* shr is arithmetic (gcc's >> on signed values, documented as such) */
static sc_const shr(sc_int128 x, unsigned n, sc_const_err *err)
{
    if (n >= 128)
        return ok(err, sc_const_int(x < 0 ? -1 : 0));
    return ok(err, sc_const_int(x >> n));
}

sc_const sc_const_shift(sc_tok op, sc_const x, sc_const s, sc_const_err *err)
{
    if (op != T_SHL && op != T_SHR)
        return fail(err, SC_E_BAD_OP);
    unsigned n = 0;
    sc_const_err e = shift_count(s, &n);
    if (e == SC_OK)
        e = as_int(&x); /* 1.0 << 3 is the integer 8; 1.5 << 3 is truncated */
    if (e == SC_OK && x.kind != SC_C_INT)
        e = SC_E_BAD_OP;
    if (e != SC_OK)
        return fail(err, e);
    return op == T_SHL ? shl(x.i, n, err) : shr(x.i, n, err);
}

/* ---------------------------------------------------------------- binary operators */

/* int_divide: Go's truncated / and %, with MIN / -1 overflowing (and MIN % -1, undefined
   in C, is 0) */
static sc_const int_divide(sc_tok op, sc_int128 a, sc_int128 b, sc_const_err *err)
{
    if (b == 0)
        return fail(err, SC_E_DIV_ZERO);
    if (b == -1 && a == I128_MIN)
        return op == T_QUO ? fail(err, SC_E_OVERFLOW) : ok(err, sc_const_int(0));
    return ok(err, sc_const_int(op == T_QUO ? a / b : a % b));
}

static sc_const int_binary(sc_tok op, sc_int128 a, sc_int128 b, sc_const_err *err)
{
    sc_int128 r = 0;
    bool overflow = false;
    switch (op) {
    case T_ADD: overflow = __builtin_add_overflow(a, b, &r); break;
    case T_SUB: overflow = __builtin_sub_overflow(a, b, &r); break;
    case T_MUL: overflow = __builtin_mul_overflow(a, b, &r); break;
    case T_QUO:
    case T_REM: return int_divide(op, a, b, err);
    /* two's complement in 128 bits is exact for the bitwise operators: their results of
       128-bit operands always fit */
    case T_AND: r = a & b; break;
    case T_OR: r = a | b; break;
    case T_XOR: r = a ^ b; break;
    case T_AND_NOT: r = a & ~b; break;
    default: return fail(err, SC_E_BAD_OP);
    }
    return overflow ? fail(err, SC_E_OVERFLOW) : ok(err, sc_const_int(r));
}

static sc_const float_binary(sc_tok op, double a, double b, sc_const_err *err)
{
    double r;
    switch (op) {
    case T_ADD: r = a + b; break;
    case T_SUB: r = a - b; break;
    case T_MUL: r = a * b; break;
    case T_QUO:
        if (b == 0) /* Go: "division by zero" for float constants too */
            return fail(err, SC_E_DIV_ZERO);
        r = a / b;
        break;
    default: return fail(err, SC_E_BAD_OP);
    }
    return isinf(r) ? fail(err, SC_E_OVERFLOW) : ok(err, sc_const_float(r));
}

static sc_const concat(sc_tok op, sc_const x, sc_const y, sc_const_err *err)
{
    size_t n = x.slen + y.slen;
    if (op != T_ADD)
        return fail(err, SC_E_BAD_OP);
    if (n < x.slen)
        return fail(err, SC_E_OVERFLOW);
    char *s = sc_alloc_atomic(n + 1); /* NUL-terminated too, for the callers' ease */
    if (x.slen)
        memcpy(s, x.s, x.slen);
    if (y.slen)
        memcpy(s + x.slen, y.s, y.slen);
    return ok(err, sc_const_string(s, n));
}

static sc_const logical(sc_tok op, bool a, bool b, sc_const_err *err)
{
    if (op == T_LAND)
        return ok(err, sc_const_bool(a && b));
    if (op == T_LOR)
        return ok(err, sc_const_bool(a || b));
    return fail(err, SC_E_BAD_OP);
}

/* operands: prepares x and y for op. With integer, integral FLOATs become INTs (typed
   integer operands are integers whatever kind they were computed as); without it, / and %
   of two INTs are float operations. Then an INT and a FLOAT mix into FLOATs. Returns
   false (and sets *e) if the kinds differ or are unknown. */
static bool operands(sc_tok op, sc_const *x, sc_const *y, bool integer, sc_const_err *e)
{
    *e = SC_OK;
    if (integer && (*e = as_int(x)) == SC_OK)
        *e = as_int(y);
    if (*e != SC_OK)
        return false;
    bool divide = op == T_QUO || op == T_REM;
    if (x->kind == SC_C_FLOAT || y->kind == SC_C_FLOAT || (!integer && divide)) {
        if (x->kind == SC_C_INT)
            *x = sc_const_float((double)x->i);
        if (y->kind == SC_C_INT)
            *y = sc_const_float((double)y->i);
    }
    if (x->kind != y->kind || x->kind == SC_C_UNKNOWN)
        *e = SC_E_BAD_OP;
    return *e == SC_OK;
}

sc_const sc_const_binary(sc_tok op, sc_const x, sc_const y, bool integer, sc_const_err *err)
{
    sc_const_err e;
    if (op == T_SHL || op == T_SHR)
        return sc_const_shift(op, x, y, err);
    if (is_comparison(op)) {
        bool valid, r = compare_op(op, x, y, &valid);
        return valid ? ok(err, sc_const_bool(r)) : fail(err, SC_E_BAD_OP);
    }
    if (!operands(op, &x, &y, integer, &e))
        return fail(err, e);
    switch (x.kind) {
    case SC_C_INT: return int_binary(op, x.i, y.i, err);
    case SC_C_FLOAT: return float_binary(op, x.f, y.f, err);
    case SC_C_STRING: return concat(op, x, y, err);
    default: return logical(op, x.b, y.b, err);
    }
}

/* ---------------------------------------------------------------- printing */

static void format_int(sc_int128 v, char *buf, size_t len)
{
    char tmp[48];
    char *p = tmp + sizeof tmp;
    /* the magnitude as unsigned, so that I128_MIN needs no special case */
    unsigned __int128 u = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
    *--p = '\0';
    do
        *--p = (char)('0' + (int)(u % 10));
    while ((u /= 10) != 0);
    if (v < 0)
        *--p = '-';
    snprintf(buf, len, "%s", p);
}

/* format_shortest: Go's %g with the shortest precision that reads back as f (strconv's
   'g', -1): exponent form when the decimal exponent is < -4 or >= 6 */
static void format_shortest(double f, char *buf, size_t len)
{
    char tmp[40];
    int digits = 1;
    for (; digits < 17; digits++) {
        snprintf(tmp, sizeof tmp, "%.*e", digits - 1, f);
        if (strtod(tmp, NULL) == f)
            break;
    }
    int exp = atoi(strchr(tmp, 'e') + 1);
    if (exp < -4 || exp >= 6)
        snprintf(buf, len, "%.*e", digits - 1, f);
    else
        snprintf(buf, len, "%.*f", digits - 1 - exp > 0 ? digits - 1 - exp : 0, f);
}

/* format_float: go/constant prints floats with %.6g, and with the shortest exact form
   when %.6g would hide a fraction (1000000.5 is 1.0000005e+06, not 1e+06). Integral
   values below 1e21 print as integers (300, not 3e+02) */
static void format_float(double f, char *buf, size_t len)
{
    if (f == trunc(f) && fabs(f) < 1e21) {
        snprintf(buf, len, "%.0f", f == 0 ? 0.0 : f);
        return;
    }
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%.6g", f);
    if (f != trunc(f) && !strchr(tmp, '.'))
        format_shortest(f, buf, len);
    else
        snprintf(buf, len, "%s", tmp);
}

/* utf8_decode: the code point at s (n bytes left) and its length in *w, or -1 with *w 1
   if the bytes are no valid UTF-8 (overlong forms and surrogates included, as Go's) */
static int32_t utf8_decode(const unsigned char *s, size_t n, size_t *w)
{
    static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    size_t len = s[0] < 0x80 ? 1 : s[0] < 0xC0 ? 0 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3
               : s[0] < 0xF8 ? 4 : 0;
    *w = 1;
    if (len == 1)
        return s[0];
    if (len == 0 || len > n)
        return -1;
    uint32_t c = s[0] & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        c = c << 6 | (s[i] & 0x3F);
    }
    if (c < min[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return -1;
    *w = len;
    return (int32_t)c;
}

/* rune_printable approximates Go's unicode.IsPrint for non-ASCII code points: Go escapes
   the spaces but U+0020, the controls, the format characters and private use; without
   Unicode's tables, unassigned code points count as printable here */
static bool rune_printable(int32_t c)
{
    static const int32_t no[][2] = {
        {0x80, 0xA0}, {0xAD, 0xAD}, {0x600, 0x605}, {0x61C, 0x61C}, {0x6DD, 0x6DD},
        {0x70F, 0x70F}, {0x1680, 0x1680}, {0x180E, 0x180E}, {0x2000, 0x200F},
        {0x2028, 0x202F}, {0x205F, 0x206F}, {0x3000, 0x3000}, {0xE000, 0xF8FF},
        {0xFEFF, 0xFEFF}, {0xFFF9, 0xFFFB}, {0xFFFE, 0xFFFF}, {0xE0000, 0xE007F},
        {0xF0000, 0x10FFFF},
    };
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (c >= no[i][0] && c <= no[i][1])
            return false;
    return true;
}

/* quote_rune appends c (a valid code point of w bytes at s) as strconv.Quote writes it */
static size_t quote_rune(int32_t c, const char *s, size_t w, char *out)
{
    static const char esc[] = "\a" "a" "\b" "b" "\f" "f" "\n" "n" "\r" "r" "\t" "t" "\v" "v";
    if (c == '"' || c == '\\')
        return (size_t)sprintf(out, "\\%c", c);
    if ((c >= 0x20 && c < 0x7F) || (c >= 0x80 && rune_printable(c))) {
        memcpy(out, s, w);
        return w;
    }
    for (const char *e = esc; *e; e += 2)
        if (c == *e)
            return (size_t)sprintf(out, "\\%c", e[1]);
    if (c < 0x20 || c == 0x7F)
        return (size_t)sprintf(out, "\\x%02x", (unsigned)c);
    return (size_t)sprintf(out, c < 0x10000 ? "\\u%04x" : "\\U%08x", (unsigned)c);
}

/* quote: strconv.Quote(s) in a new buffer. No byte takes more than 4 bytes quoted (\xNN;
   \u00a0 is 6 for 2 bytes, \U000e0001 10 for 4), and the buffer is zeroed: the NUL is there. */
static char *quote(const char *s, size_t n)
{
    char *out = sc_alloc_atomic(4 * n + 3), *p = out;
    const unsigned char *u = (const unsigned char *)s;
    *p++ = '"';
    for (size_t i = 0, w; i < n; i += w) {
        int32_t c = utf8_decode(u + i, n - i, &w);
        if (c < 0)
            p += sprintf(p, "\\x%02x", u[i]); /* a byte that is no UTF-8 */
        else
            p += quote_rune(c, s + i, w, p);
    }
    *p++ = '"';
    return out;
}

/* format_string: the quoted string; beyond QUOTE_MAX runes Go keeps the first
   QUOTE_MAX-3 and adds "..." (no closing quote) */
static void format_string(const char *s, size_t n, char *buf, size_t len)
{
    char *q = quote(s, n);
    size_t runes = 0, i = 0, cut = 0;
    for (; q[i]; i++) {
        if (((unsigned char)q[i] & 0xC0) == 0x80)
            continue; /* a UTF-8 continuation byte: the quoted form is valid UTF-8 */
        if (runes++ == QUOTE_MAX - 3)
            cut = i;
    }
    if (runes > QUOTE_MAX)
        snprintf(buf, len, "%.*s...", (int)cut, q);
    else
        snprintf(buf, len, "%s", q);
}

const char *sc_const_format(sc_const x, char *buf, size_t len)
{
    if (!buf || len == 0)
        return buf;
    switch (x.kind) {
    case SC_C_BOOL: snprintf(buf, len, "%s", x.b ? "true" : "false"); break;
    case SC_C_INT: format_int(x.i, buf, len); break;
    case SC_C_FLOAT: format_float(x.f, buf, len); break;
    case SC_C_STRING: format_string(x.s, x.slen, buf, len); break;
    default: snprintf(buf, len, "unknown"); break; /* as go/constant prints Unknown */
    }
    return buf;
}

/* ---------------------------------------------------------------- C scalars */

int64_t sc_const_int64(sc_const x)
{
    if (x.kind == SC_C_FLOAT)
        return (int64_t)x.f;
    return x.kind == SC_C_INT ? (int64_t)x.i : 0;
}

uint64_t sc_const_uint64(sc_const x)
{
    if (x.kind == SC_C_FLOAT)
        return (uint64_t)x.f;
    return x.kind == SC_C_INT ? (uint64_t)x.i : 0;
}

double sc_const_f64(sc_const x)
{
    if (x.kind == SC_C_FLOAT)
        return x.f;
    return x.kind == SC_C_INT ? (double)x.i : 0;
}
