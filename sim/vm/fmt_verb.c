/*
 * fmt_verb.c — Go's fmt/format.go: one operand under the current verb's flags, width and
 * precision (vm__fmt): padding, integers in bases 2 8 10 16 with signs, prefixes and zero
 * padding, %U, strings and byte strings (%s %x %q, truncated to the precision), %c and
 * quoted runes, and floats with the sign, '#' and zero-padding rules. Widths count runes,
 * not bytes, as Go's do.
 */
#include "config.h"
#include "sim/vm/fmt_internal.h"
#include <stdlib.h>

static const char ldigits[] = "0123456789abcdefx";
static const char udigits[] = "0123456789ABCDEFX";

void vm__fmt_clear_flags(vm__fmt *f)
{
    vm_buf *b = f->buf;
    *f = (vm__fmt){.buf = b};
}

/* vm__fmt_padding writes n bytes of padding: zeros with the 0 flag, else spaces. */
void vm__fmt_padding(vm__fmt *f, int n)
{
    char c = f->zero ? '0' : ' ';
    for (; n > 0; n--)
        vm_buf_putc(f->buf, c);
}

/* vm__fmt_pad writes s padded on the left (or the right with '-') to the width. */
void vm__fmt_pad(vm__fmt *f, const char *s, size_t n)
{
    if (!f->wid_present || f->wid == 0) {
        vm_buf_put(f->buf, s, n);
        return;
    }
    int width = f->wid - (int)vm__utf8_count((const uint8_t *)s, n);
    if (!f->minus)
        vm__fmt_padding(f, width);
    vm_buf_put(f->buf, s, n);
    if (f->minus)
        vm__fmt_padding(f, width);
}

/* pad_nozero pads s ignoring the 0 flag (numbers do their own zero padding). */
static void pad_nozero(vm__fmt *f, const char *s, size_t n)
{
    bool zero = f->zero;
    f->zero = false;
    vm__fmt_pad(f, s, n);
    f->zero = zero;
}

void vm__fmt_boolean(vm__fmt *f, bool v)
{
    vm__fmt_pad(f, v ? "true" : "false", v ? 4 : 5);
}

/* vm__fmt_unicode is %U: "U+0078", or with '#' "U+0078 'x'" for a printable rune. */
void vm__fmt_unicode(vm__fmt *f, uint64_t u)
{
    int prec = f->prec_present && f->prec > 4 ? f->prec : 4;
    uint64_t r = u;
    char hex[16];
    int n = 0;
    do {
        hex[n++] = udigits[u & 0xF];
        u >>= 4;
    } while (u);
    vm_buf out = {0};
    vm_buf_puts(&out, "U+");
    for (int i = n; i < prec; i++)
        vm_buf_putc(&out, '0');
    for (int i = n - 1; i >= 0; i--)
        vm_buf_putc(&out, hex[i]);
    if (f->sharp && r <= VM_MAX_RUNE && vm__is_print((int32_t)r)) {
        vm_buf_puts(&out, " '");
        vm__buf_rune(&out, (int32_t)r);
        vm_buf_putc(&out, '\'');
    }
    pad_nozero(f, out.p, out.len);
    vm_buf_free(&out);
}

/* int_prefix adds fmtInteger's '#' prefix, %O's 0o and the sign in front of buf[i..]. */
static int int_prefix(const vm__fmt *f, char *buf, int i, int base, int verb,
                      const char *digits, bool negative)
{
    if (f->sharp) {
        if (base == 2) {
            buf[--i] = 'b';
            buf[--i] = '0';
        } else if (base == 8 && buf[i] != '0') {
            buf[--i] = '0';
        } else if (base == 16) {
            buf[--i] = digits[16];
            buf[--i] = '0';
        }
    }
    if (verb == 'O') {
        buf[--i] = 'o';
        buf[--i] = '0';
    }
    if (negative)
        buf[--i] = '-';
    else if (f->plus)
        buf[--i] = '+';
    else if (f->space)
        buf[--i] = ' ';
    return i;
}

/* int_digits writes u in base right-aligned ending at buf[len], zero-extended to prec
   digits; returns where it starts. */
static int int_digits(char *buf, int len, uint64_t u, int base, const char *digits, int prec)
{
    int i = len;
    do {
        buf[--i] = digits[u % (uint64_t)base];
        u /= (uint64_t)base;
    } while (u);
    while (i > 0 && prec > len - i)
        buf[--i] = '0';
    return i;
}

/* vm__fmt_integer is fmtInteger: u (a two's complement int64 when is_signed). */
void vm__fmt_integer(vm__fmt *f, uint64_t u, int base, bool is_signed, int verb, bool upper)
{
    const char *digits = upper ? udigits : ldigits;
    bool negative = is_signed && (int64_t)u < 0;
    if (negative)
        u = -u;
    int prec = 0;
    if (f->prec_present) {
        prec = f->prec;
        if (prec == 0 && u == 0) { /* %.0d of 0 prints nothing but padding */
            bool zero = f->zero;
            f->zero = false;
            vm__fmt_padding(f, f->wid);
            f->zero = zero;
            return;
        }
    } else if (f->zero && f->wid_present) {
        prec = f->wid; /* %05d: zero padding is precision, leaving room for the sign */
        if (negative || f->plus || f->space)
            prec--;
    }
    char small[68]; /* %b of an int64 with its sign, as Go's intbuf */
    int len = 68;
    if ((f->wid_present || f->prec_present) && 3 + f->wid + f->prec > len)
        len = 3 + f->wid + f->prec; /* room for the digits, a sign and 0x */
    char *buf = len == 68 ? small : vm__xcalloc((size_t)len, 1);
    int i = int_digits(buf, len, u, base, digits, prec);
    i = int_prefix(f, buf, i, base, verb, digits, negative);
    pad_nozero(f, buf + i, (size_t)(len - i));
    if (buf != small)
        free(buf);
}

/* truncate returns how many bytes of s hold at most prec runes, if the precision is set. */
static size_t truncate(const vm__fmt *f, const uint8_t *s, size_t n)
{
    if (!f->prec_present)
        return n;
    int left = f->prec;
    for (size_t i = 0; i < n;) {
        if (--left < 0)
            return i;
        int32_t r;
        i += s[i] < 0x80 ? 1 : (size_t)vm__utf8_decode(s + i, n - i, &r);
    }
    return n;
}

/* vm__fmt_s is fmtS / fmtBs: s truncated to the precision, padded. */
void vm__fmt_s(vm__fmt *f, const uint8_t *s, size_t n)
{
    vm__fmt_pad(f, (const char *)s, truncate(f, s, n));
}

/* sbx_width is the encoded width of length bytes for fmtSbx. */
static int sbx_width(const vm__fmt *f, int length)
{
    int width = 2 * length;
    if (f->space) {
        if (f->sharp)
            width *= 2; /* each byte gets its 0x */
        width += length - 1;
    } else if (f->sharp) {
        width += 2;
    }
    return width;
}

/* vm__fmt_sbx is fmtSbx: %x / %X of a string or byte slice, '#' for 0x, ' ' to space. */
void vm__fmt_sbx(vm__fmt *f, const uint8_t *s, size_t n, bool upper)
{
    const char *digits = upper ? udigits : ldigits;
    int length = n > (size_t)INT32_MAX ? INT32_MAX : (int)n;
    if (f->prec_present && f->prec < length)
        length = f->prec;
    if (length <= 0) {
        if (f->wid_present)
            vm__fmt_padding(f, f->wid);
        return;
    }
    int width = sbx_width(f, length);
    if (f->wid_present && f->wid > width && !f->minus)
        vm__fmt_padding(f, f->wid - width);
    if (f->sharp) {
        vm_buf_putc(f->buf, '0');
        vm_buf_putc(f->buf, digits[16]);
    }
    for (int i = 0; i < length; i++) {
        if (f->space && i > 0) {
            vm_buf_putc(f->buf, ' ');
            if (f->sharp) {
                vm_buf_putc(f->buf, '0');
                vm_buf_putc(f->buf, digits[16]);
            }
        }
        vm_buf_putc(f->buf, digits[s[i] >> 4]);
        vm_buf_putc(f->buf, digits[s[i] & 0xF]);
    }
    if (f->wid_present && f->wid > width && f->minus)
        vm__fmt_padding(f, f->wid - width);
}

/* vm__fmt_q is fmtQ: a quoted string; with '#' a raw string when it can be one, with '+'
   ASCII only. */
void vm__fmt_q(vm__fmt *f, const uint8_t *s, size_t n)
{
    n = truncate(f, s, n);
    vm_buf out = {0};
    if (f->sharp && vm__can_backquote(s, n)) {
        vm_buf_putc(&out, '`');
        vm_buf_put(&out, s, n);
        vm_buf_putc(&out, '`');
    } else {
        vm__quote_with(&out, s, n, f->plus);
    }
    vm__fmt_pad(f, out.p, out.len);
    vm_buf_free(&out);
}

/* vm__fmt_c is %c: the rune c (U+FFFD when it is not one). */
void vm__fmt_c(vm__fmt *f, uint64_t c)
{
    uint8_t tmp[4];
    int32_t r = c > VM_MAX_RUNE ? VM_RUNE_ERROR : (int32_t)c;
    vm__fmt_pad(f, (const char *)tmp, (size_t)vm__utf8_encode(tmp, r));
}

/* vm__fmt_qc is %q of an integer: a quoted rune. */
void vm__fmt_qc(vm__fmt *f, uint64_t c)
{
    vm_buf out = {0};
    int32_t r = c > VM_MAX_RUNE ? VM_RUNE_ERROR : (int32_t)c;
    vm__quote_rune(&out, r, f->plus);
    vm__fmt_pad(f, out.p, out.len);
    vm_buf_free(&out);
}

/* sharp_float is '#' for floats: always a decimal point, and for %g %v %x the trailing
   zeros up to the precision (6 by default). num[0] is the sign. */
static void sharp_float(vm_buf *num, int verb, int prec)
{
    int digits = 0;
    if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x')
        digits = prec == -1 ? 6 : prec;
    vm_buf tail = {0};
    bool has_point = false, saw_nonzero = false;
    for (size_t i = 1; i < num->len; i++) {
        char c = num->p[i];
        if (c == '.') {
            has_point = true;
        } else if (c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' &&
                                             verb != 'X')) {
            vm_buf_put(&tail, num->p + i, num->len - i); /* the exponent */
            num->len = i;
            break;
        } else {
            saw_nonzero |= c != '0';
            if (saw_nonzero)
                digits--; /* significant digits after the first non-zero one */
        }
    }
    if (!has_point) {
        if (num->len == 2 && num->p[1] == '0')
            digits--; /* a leading 0 counts once */
        vm_buf_putc(num, '.');
    }
    for (; digits > 0; digits--)
        vm_buf_putc(num, '0');
    vm_buf_put(num, tail.p, tail.len);
    vm_buf_free(&tail);
}

/* put_float writes num (sign first) under the width: the sign only when wanted, zero
   padding between the sign and the digits. */
static void put_float(vm__fmt *f, const vm_buf *num)
{
    if (f->plus || num->p[0] != '+') {
        if (f->zero && f->wid_present && f->wid > (int)num->len) {
            vm_buf_putc(f->buf, num->p[0]);
            vm__fmt_padding(f, f->wid - (int)num->len);
            vm_buf_put(f->buf, num->p + 1, num->len - 1);
            return;
        }
        vm__fmt_pad(f, num->p, num->len);
        return;
    }
    vm__fmt_pad(f, num->p + 1, num->len - 1);
}

/* vm__fmt_float is fmtFloat: v with strconv's verb and prec (the precision flag wins). */
void vm__fmt_float(vm__fmt *f, double v, int size, int verb, int prec)
{
    if (f->prec_present)
        prec = f->prec;
    vm_buf num = {0};
    vm_buf_putc(&num, '+');
    vm__append_float(&num, v, verb, prec, size);
    if (num.p[1] == '-' || num.p[1] == '+')
        memmove(num.p, num.p + 1, --num.len);
    if (f->space && num.p[0] == '+' && !f->plus)
        num.p[0] = ' ';
    if (num.p[1] == 'I' || num.p[1] == 'N') { /* no zero padding for Inf and NaN */
        size_t skip = num.p[1] == 'N' && !f->space && !f->plus; /* NaN has no sign */
        pad_nozero(f, num.p + skip, num.len - skip);
    } else {
        if (f->sharp && verb != 'b')
            sharp_float(&num, verb, prec);
        put_float(f, &num);
    }
    vm_buf_free(&num);
}
