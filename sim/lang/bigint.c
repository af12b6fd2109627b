/*
 * bigint.c — arbitrary-precision integers (bigint.h): schoolbook addition, subtraction and
 * multiplication on base 2^32 limbs, Knuth's algorithm D for division, two's complement
 * views for the bitwise operators, Euclid's GCD with Lehmer's steps, and conversions from
 * digits and to decimal.
 */
#include "sim/lang/bigint.h"
#include "sim/lang/diag.h"
#include <string.h>

#define LIMB_BITS 32

/* ---------------------------------------------------------------- values */

static sc_big *alloc_big(size_t n)
{
    sc_big *x = sc_alloc_atomic(sizeof(sc_big) + (n ? n : 1) * sizeof(uint32_t));
    x->n = (uint32_t)n;
    return x;
}

/* trim drops the zero limbs on top (and the sign of a zero) */
static sc_big *trim(sc_big *x)
{
    while (x->n && x->d[x->n - 1] == 0)
        x->n--;
    if (x->n == 0)
        x->neg = false;
    return x;
}

static sc_big *from_limbs(const uint32_t *d, size_t n, bool neg)
{
    sc_big *x = alloc_big(n);
    if (n)
        memcpy(x->d, d, n * sizeof(uint32_t));
    x->neg = neg;
    return trim(x);
}

sc_big *sc_big_from_i128(__int128 v)
{
    unsigned __int128 u = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
    sc_big *x = alloc_big(4);
    for (int i = 0; i < 4; i++, u >>= 32)
        x->d[i] = (uint32_t)u;
    x->neg = v < 0;
    return trim(x);
}

sc_big *sc_big_from_u64(uint64_t v)
{
    sc_big *x = alloc_big(2);
    x->d[0] = (uint32_t)v;
    x->d[1] = (uint32_t)(v >> 32);
    return trim(x);
}

bool sc_big_to_i128(const sc_big *x, __int128 *out)
{
    if (x->n > 4)
        return false;
    unsigned __int128 u = 0;
    for (size_t i = x->n; i-- > 0;)
        u = u << 32 | x->d[i];
    unsigned __int128 lim = (unsigned __int128)1 << 127; /* |I128_MIN| */
    if (x->neg ? u > lim : u >= lim)
        return false;
    *out = x->neg ? (__int128)(0 - u) : (__int128)u; /* 0 - lim wraps to I128_MIN's bits */
    return true;
}

uint64_t sc_big_low64(const sc_big *x)
{
    uint64_t u = x->n > 0 ? x->d[0] : 0;
    if (x->n > 1)
        u |= (uint64_t)x->d[1] << 32;
    return x->neg ? 0 - u : u;
}

int sc_big_sign(const sc_big *x)
{
    return x->n == 0 ? 0 : x->neg ? -1 : 1;
}

bool sc_big_is_one(const sc_big *x)
{
    return x->n == 1 && x->d[0] == 1 && !x->neg;
}

size_t sc_big_bitlen(const sc_big *x)
{
    if (x->n == 0)
        return 0;
    return (size_t)x->n * LIMB_BITS - (size_t)__builtin_clz(x->d[x->n - 1]);
}

static size_t limbs_ctz(const uint32_t *d, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (d[i])
            return i * LIMB_BITS + (size_t)__builtin_ctz(d[i]);
    return 0;
}

size_t sc_big_ctz(const sc_big *x)
{
    return limbs_ctz(x->d, x->n);
}

/* ---------------------------------------------------------------- magnitudes */

static int mag_cmp(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    if (na != nb)
        return na < nb ? -1 : 1;
    for (size_t i = na; i-- > 0;)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

int sc_big_cmpabs(const sc_big *a, const sc_big *b)
{
    return mag_cmp(a->d, a->n, b->d, b->n);
}

int sc_big_cmp(const sc_big *a, const sc_big *b)
{
    int sa = sc_big_sign(a), sb = sc_big_sign(b);
    if (sa != sb)
        return sa < sb ? -1 : 1;
    int c = sc_big_cmpabs(a, b);
    return sa < 0 ? -c : c;
}

/* |a| + |b| with the given sign */
static sc_big *mag_add(const sc_big *a, const sc_big *b, bool neg)
{
    if (a->n < b->n) {
        const sc_big *t = a;
        a = b;
        b = t;
    }
    sc_big *r = alloc_big((size_t)a->n + 1);
    uint64_t carry = 0;
    for (size_t i = 0; i < a->n; i++) {
        carry += (uint64_t)a->d[i] + (i < b->n ? b->d[i] : 0);
        r->d[i] = (uint32_t)carry;
        carry >>= 32;
    }
    r->d[a->n] = (uint32_t)carry;
    r->neg = neg;
    return trim(r);
}

/* in place: a (na limbs) -= b (nb limbs), |a| >= |b| */
static void limbs_sub(uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    int64_t borrow = 0;
    for (size_t i = 0; i < na; i++) {
        int64_t t = (int64_t)a[i] - (i < nb ? b[i] : 0) - borrow;
        borrow = t < 0;
        a[i] = (uint32_t)t; /* t + 2^32 when negative: the low 32 bits */
        if (i >= nb && !borrow)
            break;
    }
}

/* |a| - |b| (|a| >= |b|) with the given sign */
static sc_big *mag_sub(const sc_big *a, const sc_big *b, bool neg)
{
    sc_big *r = from_limbs(a->d, a->n, false);
    limbs_sub(r->d, r->n, b->d, b->n);
    r->neg = neg;
    return trim(r);
}

sc_big *sc_big_neg(const sc_big *x)
{
    sc_big *r = from_limbs(x->d, x->n, !x->neg);
    return trim(r);
}

sc_big *sc_big_abs(const sc_big *x)
{
    return from_limbs(x->d, x->n, false);
}

/* a + (negb ? -b : b) */
static sc_big *add_signed(const sc_big *a, const sc_big *b, bool negb)
{
    if (a->neg == negb)
        return mag_add(a, b, a->neg);
    if (sc_big_cmpabs(a, b) >= 0)
        return mag_sub(a, b, a->neg);
    return mag_sub(b, a, negb);
}

sc_big *sc_big_add(const sc_big *a, const sc_big *b)
{
    return add_signed(a, b, b->neg);
}

sc_big *sc_big_sub(const sc_big *a, const sc_big *b)
{
    return add_signed(a, b, b->n ? !b->neg : false);
}

sc_big *sc_big_mul(const sc_big *a, const sc_big *b)
{
    if (a->n == 0 || b->n == 0)
        return alloc_big(0);
    sc_big *r = alloc_big((size_t)a->n + b->n);
    for (size_t i = 0; i < a->n; i++) {
        uint64_t carry = 0, ai = a->d[i];
        for (size_t j = 0; j < b->n; j++) {
            carry += ai * b->d[j] + r->d[i + j];
            r->d[i + j] = (uint32_t)carry;
            carry >>= 32;
        }
        r->d[i + b->n] = (uint32_t)carry;
    }
    r->neg = a->neg != b->neg;
    return trim(r);
}

/* mag_divmod: Knuth's algorithm D (after Hacker's Delight's divmnu): u (m limbs) divided
   by v (n limbs, v[n-1] != 0, m >= n) into q (m - n + 1 limbs) and r (n limbs) */
static void mag_divmod(const uint32_t *u, size_t m, const uint32_t *v, size_t n, uint32_t *q,
                       uint32_t *r)
{
    const uint64_t b = (uint64_t)1 << 32;
    if (n == 1) {
        uint64_t k = 0;
        for (size_t j = m; j-- > 0;) {
            uint64_t cur = k << 32 | u[j];
            q[j] = (uint32_t)(cur / v[0]);
            k = cur % v[0];
        }
        r[0] = (uint32_t)k;
        return;
    }
    int s = __builtin_clz(v[n - 1]);
    uint32_t *vn = sc_alloc_atomic(n * sizeof(uint32_t));
    uint32_t *un = sc_alloc_atomic((m + 1) * sizeof(uint32_t));
    for (size_t i = n - 1; i > 0; i--)
        vn[i] = (uint32_t)((uint64_t)v[i] << s | (uint64_t)v[i - 1] >> (32 - s));
    vn[0] = v[0] << s;
    un[m] = (uint32_t)((uint64_t)u[m - 1] >> (32 - s));
    for (size_t i = m - 1; i > 0; i--)
        un[i] = (uint32_t)((uint64_t)u[i] << s | (uint64_t)u[i - 1] >> (32 - s));
    un[0] = u[0] << s;
    for (size_t j = m - n + 1; j-- > 0;) {
        uint64_t top = (uint64_t)un[j + n] << 32 | un[j + n - 1];
        uint64_t qhat = top / vn[n - 1], rhat = top % vn[n - 1];
        while (qhat >= b || qhat * vn[n - 2] > (rhat << 32 | un[j + n - 2])) {
            qhat--;
            rhat += vn[n - 1];
            if (rhat >= b)
                break;
        }
        /* un[j..j+n] -= qhat * vn */
        int64_t k = 0, t;
        for (size_t i = 0; i < n; i++) {
            uint64_t p = qhat * vn[i];
            t = (int64_t)un[i + j] - k - (int64_t)(p & 0xFFFFFFFFu);
            un[i + j] = (uint32_t)t;
            k = (int64_t)(p >> 32) - (t >> 32); /* t >> 32: -1 on a borrow (gcc: arithmetic) */
        }
        t = (int64_t)un[j + n] - k;
        un[j + n] = (uint32_t)t;
        q[j] = (uint32_t)qhat;
        if (t < 0) { /* qhat was one too large: add vn back */
            q[j]--;
            uint64_t c = 0;
            for (size_t i = 0; i < n; i++) {
                c += (uint64_t)un[i + j] + vn[i];
                un[i + j] = (uint32_t)c;
                c >>= 32;
            }
            un[j + n] += (uint32_t)c;
        }
    }
    for (size_t i = 0; i + 1 < n; i++)
        r[i] = (uint32_t)((uint64_t)un[i] >> s | (uint64_t)un[i + 1] << (32 - s));
    r[n - 1] = un[n - 1] >> s;
}

void sc_big_quorem(const sc_big *a, const sc_big *b, sc_big **q, sc_big **r)
{
    if (b->n == 0) { /* the caller's error; no trap here */
        if (q)
            *q = alloc_big(0);
        if (r)
            *r = alloc_big(0);
        return;
    }
    if (sc_big_cmpabs(a, b) < 0) {
        if (q)
            *q = alloc_big(0);
        if (r)
            *r = from_limbs(a->d, a->n, a->neg);
        return;
    }
    sc_big *qq = alloc_big((size_t)a->n - b->n + 1), *rr = alloc_big(b->n);
    mag_divmod(a->d, a->n, b->d, b->n, qq->d, rr->d);
    qq->neg = a->neg != b->neg;
    rr->neg = a->neg;
    if (q)
        *q = trim(qq);
    if (r)
        *r = trim(rr);
}

sc_big *sc_big_pow(uint32_t b, unsigned e)
{
    sc_big *r = sc_big_from_u64(1), *p = sc_big_from_u64(b);
    for (; e; e >>= 1) {
        if (e & 1)
            r = sc_big_mul(r, p);
        if (e > 1)
            p = sc_big_mul(p, p);
    }
    return r;
}

/* ---------------------------------------------------------------- shifts */

sc_big *sc_big_shl(const sc_big *x, size_t n)
{
    if (x->n == 0)
        return alloc_big(0);
    size_t w = n / LIMB_BITS, s = n % LIMB_BITS;
    sc_big *r = alloc_big(x->n + w + 1);
    for (size_t i = 0; i < x->n; i++) {
        uint64_t v = (uint64_t)x->d[i] << s;
        r->d[i + w] |= (uint32_t)v;
        r->d[i + w + 1] = (uint32_t)(v >> 32);
    }
    r->neg = x->neg;
    return trim(r);
}

/* magnitude >> n, truncating; *lost tells whether a one bit was shifted out */
static sc_big *mag_shr(const sc_big *x, size_t n, bool *lost)
{
    size_t w = n / LIMB_BITS, s = n % LIMB_BITS;
    *lost = false;
    if (w >= x->n) {
        *lost = x->n != 0;
        return alloc_big(0);
    }
    for (size_t i = 0; i < w; i++)
        *lost |= x->d[i] != 0;
    if (s)
        *lost |= (x->d[w] & ((1u << s) - 1)) != 0;
    sc_big *r = alloc_big(x->n - w);
    for (size_t i = w; i < x->n; i++) {
        uint64_t v = x->d[i] | (i + 1 < x->n ? (uint64_t)x->d[i + 1] << 32 : 0);
        r->d[i - w] = (uint32_t)(v >> s);
    }
    return trim(r);
}

sc_big *sc_big_shr(const sc_big *x, size_t n)
{
    bool lost;
    sc_big *r = mag_shr(x, n, &lost);
    if (!x->neg)
        return r;
    /* floor(-m / 2^n) = -ceil(m / 2^n) */
    if (lost)
        r = mag_add(r, sc_big_from_u64(1), false);
    r->neg = r->n != 0;
    return r;
}

/* ---------------------------------------------------------------- bitwise */

/* twos: x as n limbs of two's complement (n > x->n, so the top bit is the sign) */
static uint32_t *twos(const sc_big *x, size_t n)
{
    uint32_t *t = sc_alloc_atomic(n * sizeof(uint32_t));
    memcpy(t, x->d, x->n * sizeof(uint32_t));
    if (x->neg) {
        uint64_t carry = 1;
        for (size_t i = 0; i < n; i++) {
            carry += (uint32_t)~t[i];
            t[i] = (uint32_t)carry;
            carry >>= 32;
        }
    }
    return t;
}

/* from_twos: the value of n limbs of two's complement */
static sc_big *from_twos(uint32_t *t, size_t n)
{
    bool neg = n && (t[n - 1] >> 31);
    if (neg) {
        uint64_t carry = 1;
        for (size_t i = 0; i < n; i++) {
            carry += (uint32_t)~t[i];
            t[i] = (uint32_t)carry;
            carry >>= 32;
        }
    }
    return from_limbs(t, n, neg);
}

typedef enum { B_AND, B_OR, B_XOR, B_ANDNOT } bitop;

static sc_big *bitwise(const sc_big *a, const sc_big *b, bitop op)
{
    size_t n = (a->n > b->n ? a->n : b->n) + 1;
    uint32_t *x = twos(a, n), *y = twos(b, n);
    for (size_t i = 0; i < n; i++) {
        switch (op) {
        case B_AND: x[i] &= y[i]; break;
        case B_OR: x[i] |= y[i]; break;
        case B_XOR: x[i] ^= y[i]; break;
        default: x[i] &= ~y[i]; break;
        }
    }
    return from_twos(x, n);
}

sc_big *sc_big_and(const sc_big *a, const sc_big *b) { return bitwise(a, b, B_AND); }
sc_big *sc_big_or(const sc_big *a, const sc_big *b) { return bitwise(a, b, B_OR); }
sc_big *sc_big_xor(const sc_big *a, const sc_big *b) { return bitwise(a, b, B_XOR); }
sc_big *sc_big_andnot(const sc_big *a, const sc_big *b) { return bitwise(a, b, B_ANDNOT); }

sc_big *sc_big_not(const sc_big *x)
{
    /* ^x = -x - 1 */
    return sc_big_sub(sc_big_neg(x), sc_big_from_u64(1));
}

/* ---------------------------------------------------------------- gcd */

static uint64_t gcd64(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static uint64_t limbs_u64(const uint32_t *d, size_t n)
{
    return (n > 0 ? d[0] : 0) | (n > 1 ? (uint64_t)d[1] << 32 : 0);
}

/* bits32: bits k .. k+31 of d (n limbs) */
static uint32_t bits32(const uint32_t *d, size_t n, size_t k)
{
    size_t w = k / LIMB_BITS, b = k % LIMB_BITS;
    uint64_t v = (w < n ? d[w] : 0) | (w + 1 < n ? (uint64_t)d[w + 1] << 32 : 0);
    return (uint32_t)(v >> b);
}

/* lehmer_step: Lehmer's simulation of Euclid's steps on the leading 32 bits of u >= v
   (Knuth's algorithm L): the cofactors A B C D, with B == 0 when no step was certain */
static void lehmer_step(const uint32_t *u, size_t nu, const uint32_t *v, size_t nv, int64_t *cf)
{
    size_t k = (size_t)nu * LIMB_BITS - (size_t)__builtin_clz(u[nu - 1]);
    k = k > 32 ? k - 32 : 0;
    int64_t uh = bits32(u, nu, k), vh = bits32(v, nv, k);
    int64_t a = 1, b = 0, c = 0, d = 1;
    while (vh + c != 0 && vh + d != 0) {
        int64_t q = (uh + a) / (vh + c);
        if (q != (uh + b) / (vh + d))
            break;
        int64_t t = a - q * c;
        a = c;
        c = t;
        t = b - q * d;
        b = d;
        d = t;
        t = uh - q * vh;
        uh = vh;
        vh = t;
    }
    cf[0] = a;
    cf[1] = b;
    cf[2] = c;
    cf[3] = d;
}

sc_big *sc_big_gcd(const sc_big *a, const sc_big *b)
{
    if (a->n == 0)
        return sc_big_abs(b);
    if (b->n == 0)
        return sc_big_abs(a);
    if (sc_big_cmpabs(a, b) < 0) {
        const sc_big *t = a;
        a = b;
        b = t;
    }
    /* Euclid on copies of the magnitudes, u >= v, with Lehmer's steps while v is large */
    size_t nu = a->n, nv = b->n;
    uint32_t *u = sc_alloc_atomic(nu * sizeof(uint32_t));
    uint32_t *v = sc_alloc_atomic(nu * sizeof(uint32_t));
    uint32_t *q = sc_alloc_atomic(nu * sizeof(uint32_t));
    memcpy(u, a->d, nu * sizeof(uint32_t));
    memcpy(v, b->d, nv * sizeof(uint32_t));
    while (nv > 2) {
        int64_t cf[4];
        lehmer_step(u, nu, v, nv, cf);
        if (cf[1] == 0) { /* a full division step: u, v = v, u mod v */
            uint32_t *r = sc_alloc_atomic(nv * sizeof(uint32_t));
            mag_divmod(u, nu, v, nv, q, r);
            memcpy(u, v, nv * sizeof(uint32_t));
            memset(u + nv, 0, (nu - nv) * sizeof(uint32_t));
            nu = nv;
            memcpy(v, r, nv * sizeof(uint32_t));
        } else { /* u, v = A u + B v, C u + D v: the remainders Euclid would reach */
            __int128 cu = 0, cv = 0;
            for (size_t i = 0; i < nu; i++) {
                int64_t ui = u[i], vi = i < nv ? v[i] : 0;
                cu += (__int128)cf[0] * ui + (__int128)cf[1] * vi;
                cv += (__int128)cf[2] * ui + (__int128)cf[3] * vi;
                u[i] = (uint32_t)cu;
                v[i] = (uint32_t)cv;
                cu >>= 32; /* arithmetic (gcc) */
                cv >>= 32;
            }
        }
        while (nu && u[nu - 1] == 0)
            nu--;
        nv = nu;
        while (nv && v[nv - 1] == 0)
            nv--;
    }
    if (nv == 0)
        return from_limbs(u, nu, false);
    /* v fits 64 bits: one division, then words */
    uint64_t y = limbs_u64(v, nv), x;
    if (nu > 2) {
        uint32_t r[2];
        mag_divmod(u, nu, v, nv, q, r);
        x = limbs_u64(r, nv);
    } else {
        x = limbs_u64(u, nu);
    }
    return sc_big_from_u64(gcd64(y, x));
}

/* ---------------------------------------------------------------- digits */

static int digit_of(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        return (c | 0x20) - 'a' + 10;
    return 99;
}

sc_big *sc_big_parse(const char *s, size_t n, int base)
{
    int bits = base == 2 ? 1 : base == 8 ? 3 : base == 16 ? 4 : 0;
    if (bits == 0 && base != 10)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (digit_of(s[i]) >= base)
            return NULL;
    if (bits) { /* a power of two: the digits' bits go straight into the limbs */
        sc_big *x = alloc_big((n * (size_t)bits + LIMB_BITS - 1) / LIMB_BITS);
        size_t pos = 0;
        for (size_t i = n; i-- > 0; pos += (size_t)bits) {
            uint64_t d = (uint64_t)digit_of(s[i]) << (pos % LIMB_BITS);
            x->d[pos / LIMB_BITS] |= (uint32_t)d;
            if ((d >> 32) && pos / LIMB_BITS + 1 < x->n)
                x->d[pos / LIMB_BITS + 1] |= (uint32_t)(d >> 32);
        }
        return trim(x);
    }
    /* decimal: nine digits at a time, x = x * 10^k + chunk in place */
    size_t cap = n / 9 + 2, m = 0;
    sc_big *x = alloc_big(cap);
    for (size_t i = 0; i < n;) {
        size_t k = n - i < 9 ? n - i : 9;
        uint32_t chunk = 0, mul = 1;
        for (size_t j = 0; j < k; j++, i++) {
            chunk = chunk * 10 + (uint32_t)(s[i] - '0');
            mul *= 10;
        }
        uint64_t carry = chunk;
        for (size_t j = 0; j < m; j++) {
            carry += (uint64_t)x->d[j] * mul;
            x->d[j] = (uint32_t)carry;
            carry >>= 32;
        }
        if (carry)
            x->d[m++] = (uint32_t)carry;
    }
    x->n = (uint32_t)m;
    return trim(x);
}

char *sc_big_decimal(const sc_big *x)
{
    /* nine digits at a time, dividing a copy by 10^9; 10 digits per 32 bits suffice */
    size_t n = x->n, len = 0;
    uint32_t *t = sc_alloc_atomic((n ? n : 1) * sizeof(uint32_t));
    memcpy(t, x->d, n * sizeof(uint32_t));
    char *buf = sc_alloc_atomic(n * 10 + 3), *p = buf + n * 10 + 2;
    *p = '\0';
    do {
        uint64_t rem = 0;
        for (size_t i = n; i-- > 0;) {
            uint64_t cur = rem << 32 | t[i];
            t[i] = (uint32_t)(cur / 1000000000u);
            rem = cur % 1000000000u;
        }
        while (n && t[n - 1] == 0)
            n--;
        for (int j = 0; j < 9 && (n || rem); j++, len++) {
            *--p = (char)('0' + rem % 10);
            rem /= 10;
        }
    } while (n);
    if (len == 0)
        *--p = '0';
    if (x->neg)
        *--p = '-';
    return p;
}
