/*
 * fmt_num.c — strconv's number formatting, byte for byte as Go 1.19: FormatInt and
 * FormatUint in bases 2..36, and FormatFloat / AppendFloat for 'b' 'e' 'E' 'f' 'g' 'G'
 * 'x' 'X' with any precision, for float64 and float32 (size 32: fmt's float32 operands).
 *
 * Where the decimal digits come from:
 *  - a fixed precision ('e' 'f' with prec >= 0, 'g' with prec significant digits): the C
 *    library's printf, which (glibc) rounds the exact binary value half to even, as Go's
 *    decimal rounding does; Go's layout is then applied to those digits;
 *  - the shortest form (prec < 0): Go prints the shortest digit string that reads back as
 *    the same float, and among equally short ones the closest (Ryu; roundShortest in
 *    ftoa.go). We try 1, 2, ... significant digits; at each length the correctly rounded
 *    candidate, then the one a unit away on either side (Go's other candidate, needed where
 *    the rounding interval is lopsided at a power of two), and keep the first that strtod
 *    reads back.
 *
 * Rejected approach: porting ftoaryu.go. It is 500 lines of 128-bit arithmetic to get
 * digits the C library already gives us exactly; the round-trip search costs at most 17
 * printf/strtod pairs per shortest float, which is nothing next to the interpreter.
 */
#include "config.h"
#include "sim/vm/fmt_internal.h"
#include <stdio.h>
#include <stdlib.h>

static const char digits36[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* ---------------------------------------------------------------- integers */

/* format_bits is strconv.formatBits: u in base (2..36), with a '-' when neg. */
static void format_bits(vm_buf *b, uint64_t u, int base, bool neg)
{
    char tmp[65];
    int i = (int)sizeof tmp;
    do {
        tmp[--i] = digits36[u % (uint64_t)base];
        u /= (uint64_t)base;
    } while (u);
    if (neg)
        tmp[--i] = '-';
    vm_buf_put(b, tmp + i, sizeof tmp - (size_t)i);
}

/* An invalid base is the caller's to reject (Go panics); we print base 10 meanwhile. */
static int check_base(int base) { return base < 2 || base > 36 ? 10 : base; }

void vm_format_int(vm_buf *b, int64_t v, int base)
{
    uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
    format_bits(b, u, check_base(base), v < 0);
}

void vm_format_uint(vm_buf *b, uint64_t v, int base) { format_bits(b, v, check_base(base), false); }

/* ---------------------------------------------------------------- decimal digits */

/* A decimal d[0..nd) * 10^(dp - nd), digits without trailing zeros (Go's decimalSlice);
   nd 0 is zero. */
typedef struct digs {
    vm_buf d;
    int nd, dp;
} digs;

/* put_printf appends printf(fmt, prec, v), however long. */
static void put_printf(vm_buf *b, const char *fmt, int prec, double v)
{
    char small[128];
    int n = snprintf(small, sizeof small, fmt, prec, v);
    if (n < (int)sizeof small) {
        vm_buf_put(b, small, (size_t)n);
        return;
    }
    char *big = vm__xcalloc((size_t)n + 1, 1);
    snprintf(big, (size_t)n + 1, fmt, prec, v);
    vm_buf_put(b, big, (size_t)n);
    free(big);
}

/* e_digits sets d to v (> 0) rounded to n significant digits, trailing zeros kept. */
static void e_digits(double v, int n, digs *d)
{
    vm_buf s = {0};
    put_printf(&s, "%.*e", n - 1, v); /* "d.ddde+XX" */
    vm_buf_putc(&s, '\0');
    d->d.len = 0;
    vm_buf_putc(&d->d, s.p[0]);
    if (n > 1)
        vm_buf_put(&d->d, s.p + 2, (size_t)n - 1);
    d->nd = n;
    d->dp = atoi(strchr(s.p, 'e') + 1) + 1;
    vm_buf_free(&s);
}

static void trim_zeros(digs *d)
{
    while (d->nd > 0 && d->d.p[d->nd - 1] == '0')
        d->nd--;
}

/* reads_back reports whether 0.d * 10^dp parses as v (float32 when size is 32). */
static bool reads_back(const char *d, int nd, int dp, double v, int size)
{
    char s[64];
    snprintf(s, sizeof s, "0.%.*se%d", nd, d, dp);
    if (size == 32)
        return strtof(s, NULL) == (float)v;
    return strtod(s, NULL) == v;
}

/* step moves the n digits of d by one unit in the last place, up or down (n < 32). */
static void step(char *d, int n, int *dp, bool up)
{
    int i = n - 1;
    char wrap = up ? '9' : '0';
    for (; i >= 0 && d[i] == wrap; i--)
        d[i] = up ? '0' : '9';
    if (up && i < 0) { /* 99..9 + 1 = 100..0 one place up */
        d[0] = '1';
        (*dp)++;
        return;
    }
    d[i] = (char)(d[i] + (up ? 1 : -1));
    if (!up && d[0] == '0') { /* 100..0 - 1 = 99..9 one place down */
        memmove(d, d + 1, (size_t)n - 1);
        d[n - 1] = '9';
        (*dp)--;
    }
}

/* try_neighbour replaces d by its neighbour up or down if that reads back as v. */
static bool try_neighbour(digs *d, double v, int size, bool up)
{
    char tmp[32];
    int dp = d->dp;
    memcpy(tmp, d->d.p, (size_t)d->nd);
    step(tmp, d->nd, &dp, up);
    if (!reads_back(tmp, d->nd, dp, v, size))
        return false;
    memcpy(d->d.p, tmp, (size_t)d->nd);
    d->dp = dp;
    return true;
}

/* shortest_digits sets d to Go's shortest decimal for v (> 0, finite). */
static void shortest_digits(double v, int size, digs *d)
{
    int maxn = size == 32 ? 9 : 17; /* always enough to read back */
    for (int n = 1; n <= maxn; n++) {
        e_digits(v, n, d);
        if (reads_back(d->d.p, n, d->dp, v, size))
            break;
        if (try_neighbour(d, v, size, false) || try_neighbour(d, v, size, true))
            break;
    }
    trim_zeros(d);
}

/* ---------------------------------------------------------------- layouts (ftoa.go) */

static int imin(int a, int b) { return a < b ? a : b; }
static int imax(int a, int b) { return a > b ? a : b; }

/* fmt_e is %e: -d.ddddde±dd */
static void fmt_e(vm_buf *b, bool neg, const digs *d, int prec, char fmt)
{
    if (neg)
        vm_buf_putc(b, '-');
    vm_buf_putc(b, d->nd ? d->d.p[0] : '0');
    if (prec > 0) {
        vm_buf_putc(b, '.');
        int i = 1, m = imin(d->nd, prec + 1);
        if (i < m) {
            vm_buf_put(b, d->d.p + i, (size_t)(m - i));
            i = m;
        }
        for (; i <= prec; i++)
            vm_buf_putc(b, '0');
    }
    vm_buf_putc(b, fmt);
    int exp = d->nd ? d->dp - 1 : 0; /* 0 has exponent 0 */
    vm_buf_putc(b, exp < 0 ? '-' : '+');
    exp = exp < 0 ? -exp : exp;
    char tmp[8];
    int n = snprintf(tmp, sizeof tmp, "%02d", exp); /* two digits at least, as Go */
    vm_buf_put(b, tmp, (size_t)n);
}

/* fmt_f is %f: -ddddddd.ddddd */
static void fmt_f(vm_buf *b, bool neg, const digs *d, int prec)
{
    if (neg)
        vm_buf_putc(b, '-');
    if (d->dp > 0) {
        int m = imin(d->nd, d->dp);
        vm_buf_put(b, d->d.p, (size_t)m);
        for (; m < d->dp; m++)
            vm_buf_putc(b, '0');
    } else {
        vm_buf_putc(b, '0');
    }
    if (prec > 0) {
        vm_buf_putc(b, '.');
        for (int i = 0; i < prec; i++) {
            int j = d->dp + i;
            vm_buf_putc(b, j >= 0 && j < d->nd ? d->d.p[j] : '0');
        }
    }
}

/* format_digits is ftoa.go's formatDigits. */
static void format_digits(vm_buf *b, bool shortest, bool neg, const digs *d, int prec,
                          char fmt)
{
    if (fmt == 'e' || fmt == 'E') {
        fmt_e(b, neg, d, prec, fmt);
        return;
    }
    if (fmt == 'f') {
        fmt_f(b, neg, d, prec);
        return;
    }
    int eprec = prec;
    if (eprec > d->nd && d->nd >= d->dp)
        eprec = d->nd;
    if (shortest)
        eprec = 6; /* %e is used if the exponent is < -4 or >= the precision */
    int exp = d->dp - 1;
    if (exp < -4 || exp >= eprec) {
        if (prec > d->nd)
            prec = d->nd;
        fmt_e(b, neg, d, prec - 1, (char)(fmt + 'e' - 'g'));
        return;
    }
    if (prec > d->dp)
        prec = d->nd;
    fmt_f(b, neg, d, imax(prec - d->dp, 0));
}

/* ---------------------------------------------------------------- binary layouts */

typedef struct flt_info {
    int mantbits, expbits, bias;
} flt_info;

static const flt_info float64_info = {52, 11, -1023};
static const flt_info float32_info = {23, 8, -127};

/* fmt_b is %b: -ddddp±ddd, the mantissa and binary exponent in decimal. */
static void fmt_b(vm_buf *b, bool neg, uint64_t mant, int exp, const flt_info *flt)
{
    format_bits(b, mant, 10, neg);
    vm_buf_putc(b, 'p');
    exp -= flt->mantbits;
    if (exp >= 0)
        vm_buf_putc(b, '+');
    format_bits(b, (uint64_t)(exp < 0 ? -exp : exp), 10, exp < 0);
}

/* round_hex rounds the 1.60 fixed-point mantissa to prec hex digits, half to even. */
static void round_hex(uint64_t *mant, int *exp, int prec)
{
    unsigned shift = (unsigned)prec * 4;
    uint64_t extra = (*mant << shift) & (((uint64_t)1 << 60) - 1);
    *mant >>= 60 - shift;
    if ((extra | (*mant & 1)) > (uint64_t)1 << 59)
        (*mant)++;
    *mant <<= 60 - shift;
    if (*mant & ((uint64_t)1 << 61)) { /* wrapped around to 2.0 */
        *mant >>= 1;
        (*exp)++;
    }
}

/* fmt_x is %x: -0x1.yyyyyyp±dd, with the shortest digits when prec < 0. */
static void fmt_x(vm_buf *b, int prec, char fmt, bool neg, uint64_t mant, int exp,
                  const flt_info *flt)
{
    if (!mant)
        exp = 0;
    mant <<= 60 - flt->mantbits; /* 1.60 fixed point */
    while (mant && !(mant & ((uint64_t)1 << 60))) {
        mant <<= 1;
        exp--;
    }
    if (prec >= 0 && prec < 15)
        round_hex(&mant, &exp, prec);
    const char *hex = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    if (neg)
        vm_buf_putc(b, '-');
    vm_buf_putc(b, '0');
    vm_buf_putc(b, fmt);
    vm_buf_putc(b, (char)('0' + (mant >> 60 & 1)));
    mant <<= 4; /* drop the leading 0 or 1 */
    if ((prec < 0 && mant) || prec > 0)
        vm_buf_putc(b, '.');
    for (int i = 0; prec < 0 ? mant != 0 : i < prec; i++) {
        vm_buf_putc(b, hex[mant >> 60 & 15]);
        mant <<= 4;
    }
    vm_buf_putc(b, fmt == 'X' ? 'P' : 'p');
    vm_buf_putc(b, exp < 0 ? '-' : '+');
    char tmp[8];
    int n = snprintf(tmp, sizeof tmp, "%02d", exp < 0 ? -exp : exp);
    vm_buf_put(b, tmp, (size_t)n);
}

/* ---------------------------------------------------------------- FormatFloat */

/* shortest_float is the prec < 0 case of genericFtoa for 'e' 'E' 'f' 'g' 'G'. */
static void shortest_float(vm_buf *b, double v, char fmt, int size, bool neg)
{
    digs d = {{0}, 0, 0};
    if (v != 0)
        shortest_digits(neg ? -v : v, size, &d);
    int prec = d.nd; /* 'g' 'G' */
    if (fmt == 'e' || fmt == 'E')
        prec = imax(d.nd - 1, 0);
    else if (fmt == 'f')
        prec = imax(d.nd - d.dp, 0);
    format_digits(b, true, neg, &d, prec, fmt);
    vm_buf_free(&d.d);
}

/* precise_g is 'g' / 'G' with prec significant digits. */
static void precise_g(vm_buf *b, double v, char fmt, int prec, bool neg)
{
    digs d = {{0}, 0, 0};
    if (prec == 0)
        prec = 1;
    if (v != 0) {
        e_digits(neg ? -v : v, prec, &d);
        trim_zeros(&d);
    }
    format_digits(b, false, neg, &d, prec, fmt);
    vm_buf_free(&d.d);
}

/* float_bits splits v (as a float of size bits) into sign, biased exponent, mantissa. */
static void float_bits(double v, int size, bool *neg, int *exp, uint64_t *mant)
{
    const flt_info *flt = size == 32 ? &float32_info : &float64_info;
    uint64_t bits;
    if (size == 32) {
        float f = (float)v;
        uint32_t u;
        memcpy(&u, &f, 4);
        bits = u;
    } else {
        memcpy(&bits, &v, 8);
    }
    *neg = bits >> (flt->expbits + flt->mantbits) != 0;
    *exp = (int)(bits >> flt->mantbits) & ((1 << flt->expbits) - 1);
    *mant = bits & (((uint64_t)1 << flt->mantbits) - 1);
}

void vm__append_float(vm_buf *b, double v, int fmt, int prec, int size)
{
    const flt_info *flt = size == 32 ? &float32_info : &float64_info;
    bool neg;
    int exp;
    uint64_t mant;
    float_bits(v, size, &neg, &exp, &mant);
    if (exp == (1 << flt->expbits) - 1) {
        vm_buf_puts(b, mant ? "NaN" : neg ? "-Inf" : "+Inf");
        return;
    }
    if (exp == 0)
        exp++; /* denormal */
    else
        mant |= (uint64_t)1 << flt->mantbits;
    exp += flt->bias;
    if (size == 32)
        v = (float)v;
    switch (fmt) {
    case 'b': fmt_b(b, neg, mant, exp, flt); return;
    case 'x': case 'X': fmt_x(b, prec, (char)fmt, neg, mant, exp, flt); return;
    case 'e': case 'E': case 'f': case 'g': case 'G': break;
    default: vm_buf_putc(b, '%'); vm_buf_putc(b, (char)fmt); return;
    }
    if (prec < 0)
        shortest_float(b, v, (char)fmt, size, neg);
    else if (fmt == 'g' || fmt == 'G')
        precise_g(b, v, (char)fmt, prec, neg);
    else /* printf's %e %E %f have Go's layout exactly */
        put_printf(b, fmt == 'e' ? "%.*e" : fmt == 'E' ? "%.*E" : "%.*f", prec, v);
}

void vm_format_float(vm_buf *b, double f, char fmt, int prec)
{
    vm__append_float(b, f, fmt, prec, 64);
}
