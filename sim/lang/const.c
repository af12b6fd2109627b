/*
 * const.c — compile-time constants of the scenario language (const.h): literals, the
 * operators of Go's constant expressions, representability and conversions of constants,
 * and their printing in messages.
 *
 * Values are exact, as go/constant's: integers are big integers (bigint.h) and floats
 * rationals num/den. Small values stay in the sc_const's scalars (an INT in i, a FLOAT that
 * is exactly a double in f), so that the usual constants allocate nothing; the operations
 * take the fast __int128 paths when they can and the big ones otherwise. Go's limits:
 * untyped integer results over 512 bits overflow (types2's check after every operation),
 * shift counts above 1074 are invalid, and a fraction whose parts reach 4096 bits is rounded
 * to a 512-bit mantissa (go/constant's switch to big.Float). Ours against absurd inputs:
 * magnitudes from 2^8192 overflow and nonzero ones below 2^-8192 become 0, so that no big
 * integer grows beyond some 17000 bits, even within an operation. No constant is ever NaN
 * or -0.
 */
#include "sim/lang/const.h"
#include "sim/lang/bigint.h"
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define I128_MAX ((sc_int128)(((unsigned __int128)1 << 127) - 1))
#define I128_MIN (-I128_MAX - 1)
#define TWO_127 0x1p127  /* 2^127 as a double: the bound of doubles that fit sc_int128 */
#define INT_PREC 512     /* types2: untyped integer results of more bits overflow */
#define RAT_BITS 4096    /* go/constant's maxExp: exact fractions' parts stay below it */
#define FLOAT_PREC 512   /* go/constant's prec: the mantissa of what is rounded */
#define MAG_LIMIT 8192   /* ours: |x| < 2^MAG_LIMIT, and a nonzero |x| below 2^-MAG_LIMIT is 0 */
#define LIT_DIGITS 2500  /* ours: significant digits of a literal (some 8300 bits) */
#define SHIFT_BOUND 1074 /* types2's shiftBound: larger counts are invalid */
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

static const sc_big *one(void)
{
    return sc_big_from_u64(1);
}

/* int_of: the INT of value v (in i if it fits) */
static sc_const int_of(const sc_big *v)
{
    sc_int128 i;
    if (sc_big_to_i128(v, &i))
        return sc_const_int(i);
    return (sc_const){.kind = SC_C_INT, .i = v->neg ? I128_MIN : I128_MAX, .num = v};
}

/* big_of: the value of an INT as a big integer */
static const sc_big *big_of(sc_const x)
{
    return x.num ? x.num : sc_big_from_i128(x.i);
}

/* int_result: v as the result of an operation: Go's checker allows 512 bits */
static sc_const int_result(const sc_big *v, sc_const_err *err)
{
    if (sc_big_bitlen(v) > INT_PREC)
        return fail(err, SC_E_OVERFLOW);
    return ok(err, int_of(v));
}

/* ---------------------------------------------------------------- rationals */

typedef struct rat {
    const sc_big *num, *den; /* den > 0 */
} rat;

/* rat_of_double: f exactly (false for infinities and NaNs, which only hands make) */
static bool rat_of_double(double f, rat *r)
{
    if (!isfinite(f))
        return false;
    r->den = one();
    if (f == 0) {
        r->num = sc_big_from_u64(0);
        return true;
    }
    int ex;
    uint64_t m = (uint64_t)ldexp(frexp(fabs(f), &ex), 53); /* f = m * 2^(ex - 53) */
    int tz = __builtin_ctzll(m);
    m >>= tz;
    ex += tz - 53;
    const sc_big *n = sc_big_from_u64(m);
    if (ex >= 0)
        n = sc_big_shl(n, (size_t)ex);
    else
        r->den = sc_big_shl(r->den, (size_t)-ex);
    r->num = f < 0 ? sc_big_neg(n) : n;
    return true;
}

/* rat_of: the exact value of an INT or a FLOAT (false for other kinds and hand-made
   non-finite FLOATs) */
static bool rat_of(sc_const x, rat *r)
{
    if (x.kind == SC_C_INT) {
        *r = (rat){big_of(x), one()};
        return true;
    }
    if (x.kind != SC_C_FLOAT)
        return false;
    if (x.num) {
        *r = (rat){x.num, x.den};
        return true;
    }
    return rat_of_double(x.f, r);
}

/* round_mag: |n| / d (n != 0, d > 0) rounded half to even to at most prec bits, with no
   unit below 2^emin: returns m with |n| / d ~ m * 2^*e (m may be 2^prec after a carry, or 0
   below 2^emin's half); *inexact if they differ. The quotient is computed with two bits
   more than needed and the remainder as a sticky bit. */
static const sc_big *round_mag(const sc_big *n, const sc_big *d, long prec, long emin,
                               long *e, bool *inexact)
{
    long s = prec + 2 - ((long)sc_big_bitlen(n) - (long)sc_big_bitlen(d));
    const sc_big *a = sc_big_abs(n), *b = d;
    if (s > 0)
        a = sc_big_shl(a, (size_t)s);
    else if (s < 0)
        b = sc_big_shl(b, (size_t)-s);
    sc_big *q, *r;
    sc_big_quorem(a, b, &q, &r); /* q has prec + 2 or prec + 3 bits */
    long excess = (long)sc_big_bitlen(q) - prec;
    if (excess - s < emin)
        excess = emin + s;
    const sc_big *m = sc_big_shr(q, (size_t)excess);
    const sc_big *low = sc_big_sub(q, sc_big_shl(m, (size_t)excess));
    int c = sc_big_cmp(low, sc_big_shl(one(), (size_t)excess - 1));
    *inexact = sc_big_sign(low) != 0 || sc_big_sign(r) != 0;
    if (c > 0 || (c == 0 && (sc_big_sign(r) != 0 || (m->n && (m->d[0] & 1)))))
        m = sc_big_add(m, one());
    *e = excess - s;
    return m;
}

/* to_double: num / den correctly rounded (round half to even, subnormals included);
   infinite beyond the doubles. *inexact if the double differs from the value. */
static double to_double(rat x, bool *inexact)
{
    *inexact = false;
    if (sc_big_sign(x.num) == 0)
        return 0;
    long e;
    const sc_big *m = round_mag(x.num, x.den, 53, -1074, &e, inexact);
    double d;
    if ((long)sc_big_bitlen(m) + e > 1024) {
        *inexact = true;
        d = HUGE_VAL;
    } else {
        d = ldexp((double)sc_big_low64(m), (int)e); /* m <= 2^53: exact */
    }
    return x.num->neg ? -d : d;
}

/* make_float: the FLOAT num / den (den != 0), normalized, rounded to FLOAT_PREC bits if
   its parts reach RAT_BITS (go/constant's makeRat), and held to MAG_LIMIT */
static sc_const make_float(const sc_big *num, const sc_big *den, sc_const_err *err)
{
    if (sc_big_sign(num) == 0)
        return ok(err, sc_const_float(0));
    if (den->neg) {
        num = sc_big_neg(num);
        den = sc_big_neg(den);
    }
    if (!sc_big_is_one(den)) {
        const sc_big *g = sc_big_gcd(num, den);
        if (!sc_big_is_one(g)) {
            sc_big *q;
            sc_big_quorem(num, g, &q, NULL);
            num = q;
            sc_big_quorem(den, g, &q, NULL);
            den = q;
        }
    }
    if (sc_big_bitlen(num) >= RAT_BITS || sc_big_bitlen(den) >= RAT_BITS) {
        long e;
        bool inexact, neg = num->neg;
        const sc_big *m = round_mag(num, den, FLOAT_PREC, LONG_MIN / 4, &e, &inexact);
        long mag = (long)sc_big_bitlen(m) + e; /* 2^(mag-1) <= |x| <= 2^mag */
        if (mag > MAG_LIMIT)
            return fail(err, SC_E_OVERFLOW);
        if (mag < -MAG_LIMIT)
            return ok(err, sc_const_float(0));
        if (e >= 0) {
            num = sc_big_shl(m, (size_t)e);
            den = one();
        } else {
            size_t t = sc_big_ctz(m);
            if (t > (size_t)-e)
                t = (size_t)-e;
            num = sc_big_shr(m, t);
            den = sc_big_shl(one(), (size_t)-e - t);
        }
        if (neg)
            num = sc_big_neg(num);
    }
    bool inexact;
    double f = to_double((rat){num, den}, &inexact);
    if (!inexact)
        return ok(err, sc_const_float(f)); /* exactly a double: f alone */
    return ok(err, (sc_const){.kind = SC_C_FLOAT, .f = f == 0 ? 0.0 : f, .num = num,
                              .den = den});
}

/* to_float: an INT as a FLOAT (go/constant's ToFloat) */
static sc_const_err to_float(sc_const *x)
{
    if (x->kind != SC_C_INT)
        return SC_OK;
    if (!x->num && x->i > -((sc_int128)1 << 53) && x->i < ((sc_int128)1 << 53)) {
        *x = sc_const_float((double)x->i); /* exact */
        return SC_OK;
    }
    sc_const_err e;
    *x = make_float(big_of(*x), one(), &e);
    return e;
}

/* as_int turns an integral FLOAT into the INT of the same value (Go lets an untyped float
   constant with no fraction stand where an integer is needed); other kinds are left. */
static sc_const_err as_int(sc_const *x)
{
    if (x->kind != SC_C_FLOAT)
        return SC_OK;
    if (x->num) {
        if (!sc_big_is_one(x->den))
            return SC_E_TRUNCATED;
        *x = int_of(x->num);
        return SC_OK;
    }
    if (!isfinite(x->f))
        return SC_E_OVERFLOW;
    if (x->f != trunc(x->f))
        return SC_E_TRUNCATED;
    if (fabs(x->f) < TWO_127) {
        *x = sc_const_int((sc_int128)x->f);
        return SC_OK;
    }
    rat r;
    rat_of_double(x->f, &r); /* den is 1 */
    *x = int_of(r.num);
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
    char *digits = sc_alloc_atomic(n + 1);
    size_t nd = 0;
    for (; i < n; i++) {
        if (s[i] == '_')
            continue;
        if (digit_value(s[i]) >= base)
            return fail(err, SC_E_BAD_OP);
        any = true;
        if (nd || s[i] != '0') /* leading zeros dropped */
            digits[nd++] = s[i];
    }
    if (!any)
        return fail(err, SC_E_BAD_OP);
    if (nd > MAG_LIMIT) /* every digit is a bit at least */
        return fail(err, SC_E_OVERFLOW);
    const sc_big *v = sc_big_parse(digits, nd, base);
    if (sc_big_bitlen(v) > MAG_LIMIT)
        return fail(err, SC_E_OVERFLOW);
    return ok(err, int_of(v));
}

/* parse_float: a T_FLOAT's exact value: mantissa digits (decimal, or hexadecimal after 0x)
   with at most one '.', then an exponent (e: of 10, p: of 2, for hexadecimal mantissas;
   Go requires it there, the lexer reports its absence). Underscores are skipped. */
static sc_const parse_float(const char *s, size_t n, sc_const_err *err)
{
    if (n == 0 || !((s[0] >= '0' && s[0] <= '9') || s[0] == '.'))
        return fail(err, SC_E_BAD_OP);
    bool hex = n >= 2 && s[0] == '0' && (s[1] | 0x20) == 'x', dot = false, any = false;
    int base = hex ? 16 : 10;
    char *digits = sc_alloc_atomic(n + 1);
    size_t i = hex ? 2 : 0, nd = 0;
    long frac = 0; /* digits after the '.' */
    for (; i < n; i++) {
        if (s[i] == '_')
            continue;
        if (s[i] == '.') {
            if (dot)
                return fail(err, SC_E_BAD_OP);
            dot = true;
            continue;
        }
        if (digit_value(s[i]) >= base)
            break;
        any = true;
        frac += dot;
        if (nd || s[i] != '0')
            digits[nd++] = s[i];
    }
    if (!any)
        return fail(err, SC_E_BAD_OP);
    long exp = 0;
    if (i < n) {
        if ((s[i++] | 0x20) != (hex ? 'p' : 'e'))
            return fail(err, SC_E_BAD_OP);
        bool neg = i < n && s[i] == '-', anyexp = false;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        for (; i < n; i++) {
            if (s[i] == '_')
                continue;
            if (s[i] < '0' || s[i] > '9')
                return fail(err, SC_E_BAD_OP);
            anyexp = true;
            if (exp < 100000000) /* saturates: far beyond every limit */
                exp = exp * 10 + (s[i] - '0');
        }
        if (!anyexp)
            return fail(err, SC_E_BAD_OP);
        exp = neg ? -exp : exp;
    }
    if (nd == 0)
        return ok(err, sc_const_float(0)); /* 0e999999999 too */
    long tz = 0;
    while (digits[nd - 1] == '0') {
        nd--;
        tz++;
    }
    if (nd > LIT_DIGITS)
        return fail(err, SC_E_OVERFLOW);
    const sc_big *d = sc_big_parse(digits, nd, base);
    /* the value is d * 10^e10 or d * 2^e2; its magnitude in bits, roughly */
    long scale = hex ? exp + 4 * (tz - frac) : exp + tz - frac;
    double bits = (double)sc_big_bitlen(d) + (hex ? (double)scale : scale * 3.321928094887362);
    if (bits > MAG_LIMIT + 8)
        return fail(err, SC_E_OVERFLOW);
    if (bits < -MAG_LIMIT - 8)
        return ok(err, sc_const_float(0));
    const sc_big *p = hex ? sc_big_shl(one(), (size_t)labs(scale))
                          : sc_big_pow(10, (unsigned)labs(scale));
    return scale >= 0 ? make_float(sc_big_mul(d, p), one(), err) : make_float(d, p, err);
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

/* repr_range: the values of an integer representation */
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
    if (x.num) /* beyond 128 bits: beyond every representation */
        return fail(err, SC_E_OVERFLOW);
    sc_int128 lo, hi;
    repr_range(r, &lo, &hi);
    return x.i < lo || x.i > hi ? fail(err, SC_E_OVERFLOW) : ok(err, x);
}

/* f64_of: the value rounded to the nearest double (Go's float64 of a constant); infinite
   beyond the doubles (or for a hand-made infinity), NaN for no number */
static double f64_of(sc_const x)
{
    if (x.kind == SC_C_FLOAT)
        return x.f; /* kept correctly rounded */
    if (x.kind != SC_C_INT)
        return NAN;
    if (!x.num && x.i > -((sc_int128)1 << 53) && x.i < ((sc_int128)1 << 53))
        return (double)x.i;
    bool inexact;
    return to_double((rat){big_of(x), one()}, &inexact);
}

/* to_float64 rounds to the nearest double, which becomes the exact value */
static sc_const to_float64(sc_const x, sc_const_err *err)
{
    if (x.kind != SC_C_INT && x.kind != SC_C_FLOAT)
        return fail(err, SC_E_BAD_OP);
    double f = f64_of(x);
    return isfinite(f) ? ok(err, sc_const_float(f)) : fail(err, SC_E_OVERFLOW);
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

/* complement: ^x. Untyped and signed integers are infinite two's complement (-x-1); an
   unsigned N-bit x flips its N bits, so x must be in range. */
static sc_const complement(sc_const x, sc_repr r, sc_const_err *err)
{
    if (x.kind != SC_C_INT || !(r == SC_R_UNTYPED || repr_integer(r)))
        return fail(err, SC_E_BAD_OP);
    if (!repr_unsigned(r))
        return x.num ? int_result(sc_big_not(x.num), err) : ok(err, sc_const_int(~x.i));
    sc_int128 lo, hi;
    repr_range(r, &lo, &hi);
    if (x.num || x.i < lo || x.i > hi)
        return fail(err, SC_E_OVERFLOW);
    return ok(err, sc_const_int(x.i ^ hi));
}

static sc_const negate(sc_const x, sc_const_err *err)
{
    if (x.kind == SC_C_FLOAT) {
        sc_const v = sc_const_float(-x.f);
        if (x.num) {
            v.num = sc_big_neg(x.num);
            v.den = x.den;
        }
        return ok(err, v);
    }
    if (x.kind != SC_C_INT)
        return fail(err, SC_E_BAD_OP);
    if (!x.num && x.i != I128_MIN)
        return ok(err, sc_const_int(-x.i));
    return int_result(sc_big_neg(big_of(x)), err);
}

sc_const sc_const_unary(sc_tok op, sc_const x, sc_repr r, sc_const_err *err)
{
    switch (op) {
    case T_ADD:
        if (x.kind == SC_C_INT) /* Go checks +x's size too */
            return x.num ? int_result(x.num, err) : ok(err, x);
        return x.kind == SC_C_FLOAT ? ok(err, x) : fail(err, SC_E_BAD_OP);
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

/* cmp_num compares two numbers (INT or FLOAT) exactly */
static int cmp_num(sc_const x, sc_const y)
{
    if (x.kind == SC_C_INT && y.kind == SC_C_INT) {
        if (!x.num && !y.num)
            return x.i < y.i ? -1 : x.i > y.i;
        return sc_big_cmp(big_of(x), big_of(y));
    }
    rat a, b;
    if ((x.kind == SC_C_FLOAT && !x.num && y.kind == SC_C_FLOAT && !y.num) ||
        !rat_of(x, &a) || !rat_of(y, &b)) { /* doubles (or hand-made infinities) */
        double fx = f64_of(x), fy = f64_of(y);
        return fx < fy ? -1 : fx > fy;
    }
    /* a.num / a.den <=> b.num / b.den, the denominators positive */
    return sc_big_cmp(sc_big_mul(a.num, b.den), sc_big_mul(b.num, a.den));
}

static int cmp_bytes(const char *a, size_t na, const char *b, size_t nb)
{
    int c = memcmp(a, b, na < nb ? na : nb); /* memcmp compares as unsigned char */
    if (c != 0)
        return c < 0 ? -1 : 1;
    return na < nb ? -1 : na > nb;
}

static bool is_number(sc_const x)
{
    return x.kind == SC_C_INT || x.kind == SC_C_FLOAT;
}

/* cmp3: -1, 0 or 1 as x <, == or > y; NO_ORDER for kinds that do not compare. Bools give
   0 or 1 (equal or not) with *ordered false: only == and != apply to them. */
static int cmp3(sc_const x, sc_const y, bool *ordered)
{
    *ordered = true;
    if (is_number(x) && is_number(y))
        return cmp_num(x, y);
    if (x.kind != y.kind)
        return NO_ORDER;
    switch (x.kind) {
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

/* shift_count: s as a count, SC_E_SHIFT unless a non-negative integer up to SHIFT_BOUND
   (an integral FLOAT counts: Go accepts 1 << 2.0) */
static sc_const_err shift_count(sc_const s, unsigned *n)
{
    if (s.kind != SC_C_INT && s.kind != SC_C_FLOAT)
        return SC_E_BAD_OP;
    if (as_int(&s) != SC_OK || s.num || s.i < 0 || s.i > SHIFT_BOUND)
        return SC_E_SHIFT;
    *n = (unsigned)s.i;
    return SC_OK;
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
    if (!x.num) { /* the fast paths: within 128 bits */
        if (op == T_SHR)
            return ok(err, sc_const_int(n >= 128 ? (x.i < 0 ? -1 : 0) : x.i >> n));
        if (x.i == 0)
            return ok(err, x);
        if (n < 127) {
            sc_int128 lim = x.i > 0 ? I128_MAX >> n : I128_MIN >> n;
            if (x.i > 0 ? x.i <= lim : x.i >= lim)
                return ok(err, sc_const_int((sc_int128)((unsigned __int128)x.i << n)));
        }
    }
    const sc_big *v = big_of(x);
    return int_result(op == T_SHL ? sc_big_shl(v, n) : sc_big_shr(v, n), err);
}

/* ---------------------------------------------------------------- binary operators */

/* int_fast: op on 128-bit operands; false if the result needs the big integers */
static bool int_fast(sc_tok op, sc_int128 a, sc_int128 b, sc_int128 *r)
{
    switch (op) {
    case T_ADD: return !__builtin_add_overflow(a, b, r);
    case T_SUB: return !__builtin_sub_overflow(a, b, r);
    case T_MUL: return !__builtin_mul_overflow(a, b, r);
    case T_QUO:
    case T_REM:
        if (b == 0 || (b == -1 && a == I128_MIN))
            return false;
        *r = op == T_QUO ? a / b : a % b;
        return true;
    /* the bitwise operators' results of 128-bit operands fit 128 bits */
    case T_AND: *r = a & b; return true;
    case T_OR: *r = a | b; return true;
    case T_XOR: *r = a ^ b; return true;
    case T_AND_NOT: *r = a & ~b; return true;
    default: return false;
    }
}

/* int_binary: Go's integer operators, / and % truncated */
static sc_const int_binary(sc_tok op, sc_const x, sc_const y, sc_const_err *err)
{
    sc_int128 r;
    if (!x.num && !y.num && int_fast(op, x.i, y.i, &r))
        return ok(err, sc_const_int(r));
    const sc_big *a = big_of(x), *b = big_of(y);
    sc_big *q;
    switch (op) {
    case T_ADD: return int_result(sc_big_add(a, b), err);
    case T_SUB: return int_result(sc_big_sub(a, b), err);
    case T_MUL: return int_result(sc_big_mul(a, b), err);
    case T_QUO:
    case T_REM:
        if (sc_big_sign(b) == 0)
            return fail(err, SC_E_DIV_ZERO);
        if (op == T_QUO)
            sc_big_quorem(a, b, &q, NULL);
        else
            sc_big_quorem(a, b, NULL, &q);
        return int_result(q, err);
    case T_AND: return int_result(sc_big_and(a, b), err);
    case T_OR: return int_result(sc_big_or(a, b), err);
    case T_XOR: return int_result(sc_big_xor(a, b), err);
    case T_AND_NOT: return int_result(sc_big_andnot(a, b), err);
    default: return fail(err, SC_E_BAD_OP);
    }
}

/* float_binary: + - * / on exact fractions */
static sc_const float_binary(sc_tok op, sc_const x, sc_const y, sc_const_err *err)
{
    rat a, b;
    if (op != T_ADD && op != T_SUB && op != T_MUL && op != T_QUO)
        return fail(err, SC_E_BAD_OP);
    if (!rat_of(x, &a) || !rat_of(y, &b)) /* hand-made infinities */
        return fail(err, SC_E_OVERFLOW);
    switch (op) {
    case T_ADD:
        return make_float(sc_big_add(sc_big_mul(a.num, b.den), sc_big_mul(b.num, a.den)),
                          sc_big_mul(a.den, b.den), err);
    case T_SUB:
        return make_float(sc_big_sub(sc_big_mul(a.num, b.den), sc_big_mul(b.num, a.den)),
                          sc_big_mul(a.den, b.den), err);
    case T_MUL:
        return make_float(sc_big_mul(a.num, b.num), sc_big_mul(a.den, b.den), err);
    default:
        if (sc_big_sign(b.num) == 0) /* Go: "division by zero" for float constants too */
            return fail(err, SC_E_DIV_ZERO);
        return make_float(sc_big_mul(a.num, b.den), sc_big_mul(a.den, b.num), err);
    }
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
    if (is_number(*x) && is_number(*y) &&
        (x->kind == SC_C_FLOAT || y->kind == SC_C_FLOAT || (!integer && divide))) {
        if ((*e = to_float(x)) == SC_OK)
            *e = to_float(y);
        if (*e != SC_OK)
            return false;
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
    case SC_C_INT: return int_binary(op, x, y, err);
    case SC_C_FLOAT: return float_binary(op, x, y, err);
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

/* format_beyond: a value the doubles do not hold (1e+400, 1e-400), approximated as
   go/constant's floatVal.String does: a float64 mantissa and a decimal exponent */
static void format_beyond(rat x, char *buf, size_t len)
{
    long e;
    bool inexact;
    const sc_big *m = round_mag(x.num, x.den, 53, LONG_MIN / 4, &e, &inexact);
    long mb = (long)sc_big_bitlen(m), exp = e + mb; /* |x| ~ mant * 2^exp, 0.5 <= mant <= 1 */
    double mant = ldexp((double)sc_big_low64(m), (int)-mb);
    if (x.num->neg)
        mant = -mant;
    double d = (double)exp * 0.30102999566398119521373889472449302676818988146; /* log10(2) */
    long de = (long)d;
    mant *= pow(10, d - (double)de);
    if (fabs(mant) < 1 - 0.5e-6) { /* so that %.6g cannot round mant * 10 up to 10 */
        mant *= 10;
        de--;
    } else if (fabs(mant) >= 10) {
        mant /= 10;
        de++;
    }
    snprintf(buf, len, "%.6ge%+ld", mant, de);
}

/* format_float: go/constant prints floats with %.6g of their double, and newer Go with the
   shortest form of the double when %.6g would hide a fraction (1000000.5 is 1.0000005e+06,
   not 1e+06). Integral values below 1e21 print as integers (300, not 3e+02) */
static void format_float(sc_const x, char *buf, size_t len)
{
    double f = x.f;
    if (x.num && (f == 0 || isinf(f))) {
        format_beyond((rat){x.num, x.den}, buf, len);
        return;
    }
    if (!isfinite(f)) { /* only made by hand */
        snprintf(buf, len, "%g", f);
        return;
    }
    bool integral = x.num ? sc_big_is_one(x.den) : f == trunc(f);
    if (integral && fabs(f) < 1e21) {
        if (x.num)
            snprintf(buf, len, "%s", sc_big_decimal(x.num));
        else
            snprintf(buf, len, "%.0f", f == 0 ? 0.0 : f);
        return;
    }
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%.6g", f);
    if (!integral && !strchr(tmp, '.'))
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
    case SC_C_INT:
        if (x.num)
            snprintf(buf, len, "%s", sc_big_decimal(x.num));
        else
            format_int(x.i, buf, len);
        break;
    case SC_C_FLOAT: format_float(x, buf, len); break;
    case SC_C_STRING: format_string(x.s, x.slen, buf, len); break;
    default: snprintf(buf, len, "unknown"); break; /* as go/constant prints Unknown */
    }
    return buf;
}

/* ---------------------------------------------------------------- C scalars */

int64_t sc_const_int64(sc_const x)
{
    sc_const v = x;
    if (as_int(&v) == SC_OK && v.kind == SC_C_INT)
        return v.num ? (int64_t)sc_big_low64(v.num) : (int64_t)v.i;
    if (x.kind == SC_C_FLOAT && fabs(x.f) < 0x1p63) /* a fraction: truncated */
        return (int64_t)x.f;
    return 0;
}

uint64_t sc_const_uint64(sc_const x)
{
    sc_const v = x;
    if (as_int(&v) == SC_OK && v.kind == SC_C_INT)
        return v.num ? sc_big_low64(v.num) : (uint64_t)v.i;
    if (x.kind == SC_C_FLOAT && x.f >= 0 && x.f < 0x1p64)
        return (uint64_t)x.f;
    if (x.kind == SC_C_FLOAT && x.f < 0 && x.f > -0x1p63)
        return (uint64_t)(int64_t)x.f;
    return 0;
}

double sc_const_f64(sc_const x)
{
    return is_number(x) ? f64_of(x) : 0;
}
