/*
 * fmt_internal.h — what the fmt files share (fmt.h is the public face). The split follows
 * Go's own: fmt_verb.c is format.go (one operand under the current flags), fmt.c and
 * fmt_value.c are print.go (verbs, operands, Printf's parser; composite values), fmt_num.c
 * is strconv's number formatting, fmt_quote.c strconv's quoting and UTF-8, fmt_rt.c the
 * runtime's print built-ins and panic values.
 *
 * A value being formatted is a fmt_val: its runtime type and where it is in memory layout
 * (value.h), the analogue of Go's reflect.Value. Nothing here keeps state between calls:
 * every Sprint* call builds its printer (vm__pp) on the C stack.
 */
#ifndef GORSIM_SIM_VM_FMT_INTERNAL_H
#define GORSIM_SIM_VM_FMT_INTERNAL_H

#include "sim/vm/fmt.h"
#include <string.h>

/* ---------------------------------------------------------------- format.go: one operand */

/* Go's fmt.fmt: flags, width and precision of the verb being formatted, and the output. */
typedef struct vm__fmt {
    vm_buf *buf;
    bool wid_present, prec_present;
    bool minus, plus, sharp, space, zero;
    bool plus_v, sharp_v;          /* %+v and %#v: plus and sharp are cleared for them */
    int wid, prec;                 /* both at most 1e6 (Printf's tooLarge) */
} vm__fmt;

void vm__fmt_clear_flags(vm__fmt *f);
void vm__fmt_padding(vm__fmt *f, int n);
void vm__fmt_pad(vm__fmt *f, const char *s, size_t n);
void vm__fmt_boolean(vm__fmt *f, bool v);
void vm__fmt_unicode(vm__fmt *f, uint64_t u);
void vm__fmt_integer(vm__fmt *f, uint64_t u, int base, bool is_signed, int verb,
                     bool upper);
void vm__fmt_s(vm__fmt *f, const uint8_t *s, size_t n);
void vm__fmt_sbx(vm__fmt *f, const uint8_t *s, size_t n, bool upper);
void vm__fmt_q(vm__fmt *f, const uint8_t *s, size_t n);
void vm__fmt_c(vm__fmt *f, uint64_t c);
void vm__fmt_qc(vm__fmt *f, uint64_t c);
void vm__fmt_float(vm__fmt *f, double v, int size, int verb, int prec);

/* ---------------------------------------------------------------- strconv */

/* vm__append_float is strconv.AppendFloat(v, fmt, prec, size) for fmt in "beEfgGxX". */
void vm__append_float(vm_buf *b, double v, int fmt, int prec, int size);

/* UTF-8 as Go's unicode/utf8: an invalid or short sequence decodes as U+FFFD, width 1. */
#define VM_RUNE_ERROR 0xFFFD
#define VM_MAX_RUNE 0x10FFFF
int vm__utf8_decode(const uint8_t *s, size_t n, int32_t *r);  /* returns the width */
int vm__utf8_encode(uint8_t out[4], int32_t r);              /* invalid runes as U+FFFD */
size_t vm__utf8_count(const uint8_t *s, size_t n);           /* utf8.RuneCount */
bool vm__is_print(int32_t r);                                /* strconv.IsPrint */
bool vm__can_backquote(const uint8_t *s, size_t n);
void vm__quote_with(vm_buf *b, const uint8_t *s, size_t n, bool ascii_only);
void vm__quote_rune(vm_buf *b, int32_t r, bool ascii_only);

/* ---------------------------------------------------------------- values */

/* A value as fmt sees it (Go's reflect.Value): t NULL is the invalid value (what a nil
   interface holds); ro marks values reached through an unexported struct field, whose
   methods fmt must not call (reflect's CanInterface is false for them). */
typedef struct fmt_val {
    const vm_type *t;
    const void *p;
    bool ro;
} fmt_val;

static inline bool vm__kind_is_signed(sc_kind k) { return k >= K_INT && k <= K_INT64; }
static inline bool vm__kind_is_unsigned(sc_kind k) { return k >= K_UINT && k <= K_UINTPTR; }
static inline bool vm__kind_is_int(sc_kind k) { return k >= K_INT && k <= K_UINTPTR; }

/* vm__load_int reads an integer of type t at p, sign- or zero-extended to 64 bits. */
static inline uint64_t vm__load_int(const vm_type *t, const void *p)
{
    switch (t->size) {
    case 1: { uint8_t v; memcpy(&v, p, 1);
              return vm__kind_is_signed(t->kind) ? (uint64_t)(int64_t)(int8_t)v : v; }
    case 2: { uint16_t v; memcpy(&v, p, 2);
              return vm__kind_is_signed(t->kind) ? (uint64_t)(int64_t)(int16_t)v : v; }
    case 4: { uint32_t v; memcpy(&v, p, 4);
              return vm__kind_is_signed(t->kind) ? (uint64_t)(int64_t)(int32_t)v : v; }
    default: { uint64_t v; memcpy(&v, p, 8); return v; }
    }
}

/* vm__load_float reads a float32 or float64 at p. */
static inline double vm__load_float(const vm_type *t, const void *p)
{
    if (t->kind == K_FLOAT32) {
        float f;
        memcpy(&f, p, 4);
        return f;
    }
    double d;
    memcpy(&d, p, 8);
    return d;
}

static inline void *vm__load_ptr(const void *p)
{
    void *v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* vm__pointer_of is reflect's Value.Pointer for pointer-like kinds: the address fmt prints
   (a func's is its code, the vm_func, as Go prints the code pointer). */
uintptr_t vm__pointer_of(fmt_val v);

/* vm__compare orders two map keys of type t as internal/fmtsort does. */
int vm__compare(const vm_type *t, const void *a, const void *b);

/* vm__find_method finds name in t's method set: T's methods, or for a pointer *T the
   method set of *T (ptr_methods of T); NULL if there is none. */
const vm_method *vm__find_method(const vm_type *t, const char *name);

/* ---------------------------------------------------------------- print.go */

/* Go's pp: one Sprint/Sprintf call's printer. */
typedef struct vm__pp {
    vm__fmt f;
    const vm_fmt_env *env;
    fmt_val arg;                   /* Go's p.arg: the operand as an interface (t NULL: nil) */
    fmt_val value;                 /* Go's p.value: set while printing through reflection */
    bool erroring;                 /* printing an error form: no methods */
    bool reordered, good_arg_num;  /* Printf's [n] argument indexes */
} vm__pp;

void vm__print_value(vm__pp *p, fmt_val v, int verb, int depth);
bool vm__handle_methods(vm__pp *p, int verb);
void vm__bad_verb(vm__pp *p, int verb);
void vm__fmt_bool(vm__pp *p, bool v, int verb);
void vm__fmt_int(vm__pp *p, uint64_t v, bool is_signed, int verb);
void vm__fmt_float_verb(vm__pp *p, double v, int size, int verb);
void vm__fmt_string(vm__pp *p, const uint8_t *s, size_t n, int verb);
void vm__fmt_bytes(vm__pp *p, const uint8_t *s, size_t n, int verb);
void vm__fmt_pointer(vm__pp *p, fmt_val v, int verb);
void vm__fmt_0x64(vm__pp *p, uint64_t v, bool leading0x);

/* vm__iface_elem is the dynamic value of the interface value at p (t NULL when nil). */
static inline fmt_val vm__iface_elem(const void *p, bool ro)
{
    const vm_iface *i = p;
    if (!i->type)
        return (fmt_val){NULL, NULL, ro};
    return (fmt_val){i->type, vm_iface_value(i), ro};
}

/* vm__xcalloc is calloc that exits on exhaustion, as vm_buf does (buf.c). */
void *vm__xcalloc(size_t n, size_t size);

/* vm__buf_rune appends r in UTF-8. */
void vm__buf_rune(vm_buf *b, int32_t r);

#endif
