/*
 * fmt_rt.c — the runtime's own printing, as Go 1.19's runtime/print.go and error.go do it:
 * the print and println built-ins (floats as +1.500000e+000 with the runtime's 7-digit
 * algorithm, pointers, maps, channels and funcs as 0x..., slices as [len/cap]0x...,
 * interfaces as (0xtype,0xdata)) and the value of `panic: ...` (printpanics: errors and
 * Stringers through their methods, predeclared basic types as print shows them, other
 * named basic types as main.T(5) or main.S("x"), anything else as (T) 0xaddress).
 */
#include "config.h"
#include "sim/vm/fmt_internal.h"

/* print_hex is printhex: 0x and the digits, no padding. */
static void print_hex(vm_buf *b, uint64_t v)
{
    vm_buf_puts(b, "0x");
    vm_format_uint(b, v, 16);
}

enum { FLOAT_DIGITS = 7 }; /* printfloat's significant digits */

/* float_normalize scales v (> 0) into [1, 10), rounded to FLOAT_DIGITS digits, and
   returns its decimal exponent. */
static int float_normalize(double *v)
{
    int e = 0;
    for (; *v >= 10; *v /= 10)
        e++;
    for (; *v < 1; *v *= 10)
        e--;
    double h = 5.0;
    for (int i = 0; i < FLOAT_DIGITS; i++)
        h /= 10;
    *v += h;
    if (*v >= 10) {
        e++;
        *v /= 10;
    }
    return e;
}

/* print_float is printfloat, digit for digit: +d.dddddde+ddd from repeated
   multiplication (not correctly rounded, and that is what Go prints). */
static void print_float(vm_buf *b, double v)
{
    if (v != v) {
        vm_buf_puts(b, "NaN");
        return;
    }
    if (v + v == v && v != 0) {
        vm_buf_puts(b, v > 0 ? "+Inf" : "-Inf");
        return;
    }
    char buf[FLOAT_DIGITS + 7];
    int e = 0;
    buf[0] = v < 0 || (v == 0 && 1 / v < 0) ? '-' : '+';
    if (v != 0) {
        v = v < 0 ? -v : v;
        e = float_normalize(&v);
    }
    for (int i = 0; i < FLOAT_DIGITS; i++) {
        int s = (int)v;
        buf[i + 2] = (char)(s + '0');
        v -= s;
        v *= 10;
    }
    buf[1] = buf[2];
    buf[2] = '.';
    buf[FLOAT_DIGITS + 2] = 'e';
    buf[FLOAT_DIGITS + 3] = e < 0 ? '-' : '+';
    e = e < 0 ? -e : e;
    buf[FLOAT_DIGITS + 4] = (char)(e / 100 + '0');
    buf[FLOAT_DIGITS + 5] = (char)(e / 10 % 10 + '0');
    buf[FLOAT_DIGITS + 6] = (char)(e % 10 + '0');
    vm_buf_put(b, buf, sizeof buf);
}

/* print_value prints one operand of print / println by its (static) type. */
static void print_value(vm_buf *b, const vm_type *t, const void *p)
{
    if (vm__kind_is_signed(t->kind)) {
        vm_format_int(b, (int64_t)vm__load_int(t, p), 10);
        return;
    }
    if (vm__kind_is_unsigned(t->kind)) {
        vm_format_uint(b, vm__load_int(t, p), 10);
        return;
    }
    switch (t->kind) {
    case K_BOOL: vm_buf_puts(b, *(const uint8_t *)p ? "true" : "false"); return;
    case K_FLOAT32: case K_FLOAT64: print_float(b, vm__load_float(t, p)); return;
    case K_STRING: {
        const vm_string *s = p;
        vm_buf_put(b, s->ptr, (size_t)s->len);
        return;
    }
    case K_SLICE: {
        const vm_slice *s = p;
        vm_buf_putc(b, '[');
        vm_format_int(b, s->len, 10);
        vm_buf_putc(b, '/');
        vm_format_int(b, s->cap, 10);
        vm_buf_putc(b, ']');
        print_hex(b, (uintptr_t)s->ptr);
        return;
    }
    case K_INTERFACE: {
        const vm_iface *i = p;
        vm_buf_putc(b, '(');
        print_hex(b, (uintptr_t)i->type);
        vm_buf_putc(b, ',');
        print_hex(b, (uintptr_t)i->data);
        vm_buf_putc(b, ')');
        return;
    }
    default: /* pointers, maps, channels, funcs; Go rejects the rest at compile time */
        print_hex(b, (uintptr_t)vm__load_ptr(p));
    }
}

void vm_builtin_print(vm_buf *b, const vm_iface *args, int n, bool ln)
{
    for (int i = 0; i < n; i++) {
        if (ln && i > 0)
            vm_buf_putc(b, ' ');
        if (!args[i].type) /* untyped nil (Go rejects it): as a nil interface */
            vm_buf_puts(b, "(0x0,0x0)");
        else
            print_value(b, args[i].type, vm_iface_value(&args[i]));
    }
    if (ln)
        vm_buf_putc(b, '\n');
}

/* panic_method prints the result of v's Error or String method (preprintpanics). */
static bool panic_method(vm_buf *b, const vm_fmt_env *env, const vm_type *t, const void *p)
{
    if (!env || !env->call_method)
        return false;
    static const char *const names[] = {"Error", "String"};
    for (int i = 0; i < 2; i++) {
        vm_string s;
        if (vm__find_method(t, names[i]) && env->call_method(env->ctx, t, p, names[i], &s)) {
            vm_buf_put(b, s.ptr, (size_t)s.len);
            return true;
        }
    }
    return false;
}

static bool basic_kind(sc_kind k)
{
    return k == K_BOOL || vm__kind_is_int(k) || k == K_FLOAT32 || k == K_FLOAT64 ||
           k == K_STRING;
}

void vm_panic_value(vm_buf *b, const vm_fmt_env *env, const vm_iface *v)
{
    vm_iface i = v ? *v : (vm_iface){0};
    if (i.type && i.type->kind == K_INTERFACE) /* an interface operand: its content */
        i = *(const vm_iface *)i.data;
    if (!i.type) {
        vm_buf_puts(b, "nil");
        return;
    }
    const vm_type *t = i.type;
    const void *p = vm_iface_value(&i);
    if (panic_method(b, env, t, p))
        return;
    if (!basic_kind(t->kind)) { /* printanycustomtype's default */
        vm_buf_putc(b, '(');
        vm_buf_puts(b, t->name);
        vm_buf_puts(b, ") ");
        print_hex(b, (uintptr_t)i.data);
        return;
    }
    if (!t->named) { /* a predeclared type: printany prints it bare */
        print_value(b, t, p);
        return;
    }
    vm_buf_puts(b, t->name); /* main.T(5), main.S("x") */
    vm_buf_puts(b, t->kind == K_STRING ? "(\"" : "(");
    print_value(b, t, p);
    vm_buf_puts(b, t->kind == K_STRING ? "\")" : ")");
}
