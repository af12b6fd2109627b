/*
 * bigint.h — arbitrary-precision integers for the compile-time constants (const.c): sign
 * and magnitude in base 2^32 limbs. Values are immutable: every operation returns a new one
 * in host memory (sc_alloc_atomic, never freed) and leaves its operands alone. The sizes are
 * the caller's to bound (const.c keeps its values to a few thousand bits); operations cost
 * at most quadratic time in the limbs.
 */
#ifndef GORSIM_SIM_LANG_BIGINT_H
#define GORSIM_SIM_LANG_BIGINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sc_big {
    bool neg;      /* never for zero */
    uint32_t n;    /* limbs in use: d[n - 1] != 0, and zero has none */
    uint32_t d[];  /* the magnitude, least significant limb first */
} sc_big;

sc_big *sc_big_from_i128(__int128 v);
sc_big *sc_big_from_u64(uint64_t v);
/* sc_big_to_i128: false if x does not fit (*out untouched) */
bool sc_big_to_i128(const sc_big *x, __int128 *out);
/* sc_big_low64: the low 64 bits of x in two's complement (as a Go uint64(x) wraps) */
uint64_t sc_big_low64(const sc_big *x);

int sc_big_sign(const sc_big *x);        /* -1, 0 or 1 */
bool sc_big_is_one(const sc_big *x);     /* x == 1 */
size_t sc_big_bitlen(const sc_big *x);   /* bits of |x| (Go's BitLen): 0 for 0 */
size_t sc_big_ctz(const sc_big *x);      /* trailing zero bits of |x| (0 for 0) */
int sc_big_cmp(const sc_big *a, const sc_big *b);    /* -1, 0, 1 */
int sc_big_cmpabs(const sc_big *a, const sc_big *b); /* compares |a| and |b| */

sc_big *sc_big_neg(const sc_big *x);
sc_big *sc_big_abs(const sc_big *x);
sc_big *sc_big_add(const sc_big *a, const sc_big *b);
sc_big *sc_big_sub(const sc_big *a, const sc_big *b);
sc_big *sc_big_mul(const sc_big *a, const sc_big *b);
/* sc_big_quorem: truncated division as Go's / and % (b != 0): q and r may be NULL */
void sc_big_quorem(const sc_big *a, const sc_big *b, sc_big **q, sc_big **r);
/* sc_big_pow: b^e (b small, e not too large for the caller's bounds) */
sc_big *sc_big_pow(uint32_t b, unsigned e);
/* shifts: << keeps the sign (x * 2^n); >> is arithmetic, rounding down (-1 >> 9 is -1) */
sc_big *sc_big_shl(const sc_big *x, size_t n);
sc_big *sc_big_shr(const sc_big *x, size_t n);
/* bitwise operators on the infinite two's complement of the operands (Go's & | ^ &^ and
   unary ^, which is -x-1) */
sc_big *sc_big_and(const sc_big *a, const sc_big *b);
sc_big *sc_big_or(const sc_big *a, const sc_big *b);
sc_big *sc_big_xor(const sc_big *a, const sc_big *b);
sc_big *sc_big_andnot(const sc_big *a, const sc_big *b);
sc_big *sc_big_not(const sc_big *x);
/* sc_big_gcd: the greatest common divisor of |a| and |b| (non-negative; gcd(0, 0) is 0) */
sc_big *sc_big_gcd(const sc_big *a, const sc_big *b);

/* sc_big_parse: the non-negative value of n digits in base 2, 8, 10 or 16 (no prefix, no
   sign, no underscores); NULL if a character is no digit of the base */
sc_big *sc_big_parse(const char *s, size_t n, int base);
/* sc_big_decimal: x in decimal, "-" before a negative one (a new NUL-terminated string) */
char *sc_big_decimal(const sc_big *x);

#endif
