/*
 * fmt.h — Go's formatting over interpreter values (value.h): fmt's Print, Println and
 * Printf families with Go 1.19's verbs and flags, strconv's number formatting, the print
 * and println built-ins, and how a panic prints its value. Pure functions into a host
 * buffer (vm_buf); calling a value's String or Error method goes through env.
 */
#ifndef GORSIM_SIM_VM_FMT_H
#define GORSIM_SIM_VM_FMT_H

#include "sim/vm/value.h"

typedef struct vm_fmt_env {
    /* call_method runs the method `name` (String or Error, no arguments, one string
       result) of the value of type t at p (memory layout); false if t's method set has no
       such method. NULL env or NULL call_method: no method is ever called. */
    bool (*call_method)(void *ctx, const vm_type *t, const void *p, const char *name,
                        vm_string *out);
    void *ctx;
} vm_fmt_env;

/* fmt.Sprint: operands formatted with %v, a space between operands when neither side is
   a string. fmt.Sprintln: always a space, and a newline at the end. */
void vm_sprint(vm_buf *b, const vm_fmt_env *env, const vm_iface *args, int n);
void vm_sprintln(vm_buf *b, const vm_fmt_env *env, const vm_iface *args, int n);
/* fmt.Sprintf, with Go's error forms (%!d(string=x), %!(EXTRA int=1), %!v(MISSING)). */
void vm_sprintf(vm_buf *b, const vm_fmt_env *env, const uint8_t *format, size_t flen,
                const vm_iface *args, int n);

/* strconv */
void vm_format_int(vm_buf *b, int64_t v, int base);               /* FormatInt */
void vm_format_uint(vm_buf *b, uint64_t v, int base);
void vm_format_float(vm_buf *b, double f, char fmt, int prec);    /* FormatFloat(f, fmt,
                                                                     prec, 64) */
void vm_quote(vm_buf *b, const uint8_t *s, size_t n);             /* Quote */

/* the print / println built-ins (runtime's printing: floats as +1.500000e+000 ...) */
void vm_builtin_print(vm_buf *b, const vm_iface *args, int n, bool ln);

/* how `panic: ...` shows its value (Go's printpanicval): strings as they are, errors and
   Stringers through their methods, other values as print does or "(T) 0x..." */
void vm_panic_value(vm_buf *b, const vm_fmt_env *env, const vm_iface *v);

#endif
