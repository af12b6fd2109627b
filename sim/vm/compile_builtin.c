/*
 * compile_builtin.c — conversions (Go's "Conversions": integer widths, integers and
 * floats, strings and byte or rune slices, interfaces) and the built-in functions (len,
 * cap, append, make, new, delete, copy, clear, close, panic, recover, print, println).
 */
#include "sim/vm/compile.h"

int cp_emitp(fcomp *fc, vm_opcode op, int a, int b, int c, const void *p);
const vm_type *cp_type_of(fcomp *fc, sc_expr *x);
#define emitp cp_emitp
#define type_of cp_type_of

static sc_type *concrete(sc_type *t) { return sc_is_untyped(t) ? sc_default_type(t) : t; }
static bool is_float(const vm_type *t) { return t->kind == K_FLOAT64 || t->kind == K_FLOAT32; }
static bool is_unsigned(const vm_type *t) { return t->kind >= K_UINT && t->kind <= K_UINTPTR; }
static bool is_int(const vm_type *t) { return t->kind >= K_INT && t->kind <= K_UINTPTR; }

static int one(fcomp *fc, vm_opcode op, const vm_type *t, int src, uint32_t w)
{
    int s = cp_slots(fc, t);
    cp_ins(fc, cp_emit(fc, op, s, src, 0))->w = w;
    return s;
}

/* fit: an integer value in register form for target type t (sign or zero extension) */
static int fit(fcomp *fc, const vm_type *t, int s)
{
    if (t->size >= 8)
        return s;
    bool sign = t->kind == K_INT8 || t->kind == K_INT16 || t->kind == K_INT32;
    return one(fc, sign ? OP_SEXT : OP_ZEXT, t, s, (uint32_t)(t->size * 8));
}

enum { SC_RUNE = 1, SC_TO_BYTES, SC_FROM_BYTES, SC_TO_RUNES, SC_FROM_RUNES };

int cp_conversion(fcomp *fc, sc_expr *a, sc_type *to)
{
    const vm_type *t = cp_type(fc, to), *f = cp_type(fc, concrete(a->type));
    if (a->mode == M_CONST && sc_under(to)->kind != K_INTERFACE) {
        sc_expr c = *a; /* the conversion's value is the checker's constant */
        c.type = to;
        return cp_expr(fc, &c);
    }
    if (t->kind == K_INTERFACE)
        return cp_convert_to(fc, a, to);
    int s = cp_expr(fc, a);
    if (is_int(t) && is_int(f))
        return fit(fc, t, s);
    if (is_float(t) && is_int(f))
        return one(fc, is_unsigned(f) ? OP_U2F : OP_I2F, t, s, 0);
    if (is_int(t) && is_float(f))
        return fit(fc, t, one(fc, is_unsigned(t) ? OP_F2U : OP_F2I, t, s, 0));
    if (t->kind == K_STRING && is_int(f))
        return one(fc, OP_STRCONV, t, s, SC_RUNE);
    if (t->kind == K_SLICE && f->kind == K_STRING)
        return one(fc, OP_STRCONV, t, s, t->elem->kind == K_UINT8 ? SC_TO_BYTES : SC_TO_RUNES);
    if (t->kind == K_STRING && f->kind == K_SLICE)
        return one(fc, OP_STRCONV, t, s, f->elem->kind == K_UINT8 ? SC_FROM_BYTES : SC_FROM_RUNES);
    return s; /* the same representation */
}

/* ---------------------------------------------------------------- built-ins */

static int len_cap(fcomp *fc, sc_expr *x, bool cap)
{
    sc_expr *a = x->call.args.v[0];
    if (x->mode == M_CONST)
        return cp_expr(fc, x);
    sc_type *u = sc_under(a->type);
    int s = cp_expr(fc, a);
    int d = cp_slots_raw(fc, 1, false);
    switch (u->kind) {
    case K_STRING: case K_SLICE: cp_emit(fc, OP_MOV, d, s + (cap ? 2 : 1), 0); break;
    case K_MAP: cp_emit(fc, OP_MAPLEN, d, s, 0); break;
    case K_CHAN: cp_ins(fc, cp_emit(fc, OP_CHANLEN, d, s, 0))->w = cap; break;
    case K_POINTER: cp_ins(fc, cp_emit(fc, OP_CONST, d, 0, 0))->k = sc_under(u->elem)->len; break;
    default: cp_ins(fc, cp_emit(fc, OP_CONST, d, 0, 0))->k = u->len; break;
    }
    return d;
}

static int append_(fcomp *fc, sc_expr *x)
{
    sc_exprs *a = &x->call.args;
    const vm_type *st = type_of(fc, x);
    int s = cp_expr(fc, a->v[0]);
    int d = cp_slots(fc, st);
    if (x->call.dots) {
        int o = cp_expr(fc, a->v[1]);
        cp_ins(fc, emitp(fc, OP_APPENDSL, d, s, o, st))->w = sc_is_string(a->v[1]->type);
        return d;
    }
    int n = a->n - 1;
    const vm_type *et = st->elem;
    int e = cp_slots_raw(fc, n * et->words + 1, false);
    for (int i = 0; i < n; i++) {
        for (int w = 0; w < et->words; w++)
            fc->f->ptr[e + i * et->words + w] =
                w * 8 < (int)et->gc.ptrdata && (et->gc.ptrmask[w / 8] >> (w % 8) & 1);
        cp_copy(fc, et, e + i * et->words, cp_convert_to(fc, a->v[i + 1], sc_under(a->v[0]->type)->elem));
    }
    cp_ins(fc, emitp(fc, OP_APPEND, d, s, e, st))->k = n;
    return d;
}

static int make_(fcomp *fc, sc_expr *x)
{
    sc_exprs *a = &x->call.args;
    const vm_type *t = cp_type(fc, a->v[0]->type);
    int d = cp_slots(fc, t);
    int n = a->n > 1 ? cp_expr(fc, a->v[1]) : cp_const_int(fc, 0);
    switch (t->kind) {
    case K_SLICE: emitp(fc, OP_MAKESLICE, d, n, a->n > 2 ? cp_expr(fc, a->v[2]) : n, t); break;
    case K_MAP: emitp(fc, OP_MAKEMAP, d, n, 0, t); break;
    default: emitp(fc, OP_MAKECHAN, d, n, 0, t); break;
    }
    return d;
}

/* print_args: the arguments boxed into consecutive interfaces (print, println, panic) */
static int boxed_args(fcomp *fc, sc_exprs *a)
{
    int base = cp_slots_raw(fc, 2 * a->n + 1, false);
    for (int i = 0; i < a->n; i++) {
        fc->f->ptr[base + 2 * i + 1] = 1;
        int v = cp_convert_to(fc, a->v[i], sc_any);
        cp_ins(fc, cp_emit(fc, OP_MOVN, base + 2 * i, v, 0))->w = 2;
    }
    return base;
}

int cp_builtin(fcomp *fc, sc_expr *x, int id)
{
    sc_exprs *a = &x->call.args;
    int none = cp_slots_raw(fc, 1, false);
    switch (id) {
    case BI_LEN: return len_cap(fc, x, false);
    case BI_CAP: return len_cap(fc, x, true);
    case BI_APPEND: return append_(fc, x);
    case BI_MAKE: return make_(fc, x);
    case BI_NEW: {
        int d = cp_slots_raw(fc, 1, true);
        emitp(fc, OP_NEW, d, 0, 0, cp_type(fc, a->v[0]->type));
        return d;
    }
    case BI_DELETE: {
        sc_type *m = sc_under(a->v[0]->type);
        emitp(fc, OP_MAPDEL, cp_expr(fc, a->v[0]), cp_convert_to(fc, a->v[1], m->key), 0,
              type_of(fc, a->v[0]));
        return none;
    }
    case BI_COPY: {
        int d = cp_slots_raw(fc, 1, false);
        int at = emitp(fc, OP_COPY, d, cp_expr(fc, a->v[0]), cp_expr(fc, a->v[1]),
                       type_of(fc, a->v[0]));
        cp_ins(fc, at)->w = sc_is_string(a->v[1]->type);
        return d;
    }
    case BI_CLEAR:
        if (sc_under(a->v[0]->type)->kind == K_MAP)
            emitp(fc, OP_MAPCLEAR, cp_expr(fc, a->v[0]), 0, 0, type_of(fc, a->v[0]));
        else
            cp_unsupported(fc, x->pos, "clear of a slice");
        return none;
    case BI_CLOSE: cp_emit(fc, OP_CLOSE, cp_expr(fc, a->v[0]), 0, 0); return none;
    case BI_PANIC: cp_emit(fc, OP_PANIC, cp_convert_to(fc, a->v[0], sc_any), 0, 0); return none;
    case BI_RECOVER: {
        int d = cp_slots(fc, cp_type(fc, sc_any));
        cp_emit(fc, OP_RECOVER, d, 0, 0);
        return d;
    }
    case BI_PRINT: case BI_PRINTLN: {
        int base = boxed_args(fc, a);
        int at = emitp(fc, OP_CALLN, base, 0, 0,
                       (const void *)vm_native_lookup(id == BI_PRINT ? "builtin.print"
                                                                     : "builtin.println"));
        cp_ins(fc, at)->w = (uint32_t)a->n;
        return none;
    }
    default:
        cp_unsupported(fc, x->pos, "this built-in function");
        return none;
    }
}
