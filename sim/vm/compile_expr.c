/*
 * compile_expr.c — expressions to code: constants, variables (frame slots or heap cells),
 * loads and stores by type (a pointer store into the heap or a global goes through the
 * write barrier, a store into the frame does not), arithmetic with Go's wrapping at each
 * integer width, comparisons, conversions, composite literals, closures, index and slice
 * expressions. Calls and built-ins are in compile_call.c.
 */
#include "sim/vm/compile.h"

int cp_emitp(fcomp *fc, vm_opcode op, int a, int b, int c, const void *p)
{
    int at = cp_emit(fc, op, a, b, c);
    cp_ins(fc, at)->p = p;
    return at;
}
int cp_emitk(fcomp *fc, vm_opcode op, int a, int b, int c, int64_t k)
{
    int at = cp_emit(fc, op, a, b, c);
    cp_ins(fc, at)->k = k;
    return at;
}
#define emitp cp_emitp
#define emitk cp_emitk

static sc_type *concrete(sc_type *t) { return sc_is_untyped(t) ? sc_default_type(t) : t; }
const vm_type *cp_type_of(fcomp *fc, sc_expr *x) { return cp_type(fc, concrete(x->type)); }
#define type_of cp_type_of

void cp_copy(fcomp *fc, const vm_type *t, int dst, int src)
{
    if (dst == src)
        return;
    if (t->words == 1)
        cp_emit(fc, OP_MOV, dst, src, 0);
    else
        cp_ins(fc, cp_emit(fc, OP_MOVN, dst, src, 0))->w = (uint32_t)t->words;
}

/* ---------------------------------------------------------------- loads and stores */

static vm_opcode load_op(const vm_type *t)
{
    switch (t->kind) {
    case K_BOOL: case K_UINT8: return OP_LD8U;
    case K_INT8: return OP_LD8S;
    case K_INT16: return OP_LD16S;
    case K_UINT16: return OP_LD16U;
    case K_INT32: return OP_LD32S;
    case K_UINT32: return OP_LD32U;
    default: return t->words == 1 && t->size == 8 ? OP_LD64 : OP_LDN;
    }
}

static vm_opcode store_op(const vm_type *t, bool heap)
{
    bool scalar = t->words == 1 && t->kind != K_STRUCT && t->kind != K_ARRAY;
    if (scalar && t->size == 1)
        return OP_ST8;
    if (scalar && t->size == 2)
        return OP_ST16;
    if (scalar && t->size == 4)
        return OP_ST32;
    if (scalar && t->size == 8)
        return heap && t->gc.ptrdata ? OP_STP : OP_ST64;
    return heap && t->gc.ptrdata ? OP_STT : OP_STN;
}

/* load_mem: the value of type t at [slot base + off] into fresh slots */
static int load_mem(fcomp *fc, const vm_type *t, int base, int64_t off)
{
    int dst = cp_slots(fc, t);
    vm_opcode op = load_op(t);
    int at = emitk(fc, op, dst, base, 0, off);
    cp_ins(fc, at)->w = (uint32_t)t->size;
    return dst;
}

static void store_mem(fcomp *fc, const vm_type *t, int base, int64_t off, int src, bool heap)
{
    if (t->size == 0)
        return;
    vm_opcode op = store_op(t, heap);
    int at = emitk(fc, op, base, src, 0, off);
    vm_ins *in = cp_ins(fc, at);
    in->w = (uint32_t)t->size;
    in->p = t;
}

/* frame_addr: a pointer to byte off of frame slot s (valid until the next call) */
static int frame_addr(fcomp *fc, int s, int64_t off)
{
    int a = cp_slots_raw(fc, 1, false); /* not a heap pointer: never scanned */
    emitk(fc, OP_FADDR, a, s, 0, off);
    return a;
}

int cp_load(fcomp *fc, const lvalue *lv)
{
    switch (lv->kind) {
    case LV_SLOT:
        if (lv->off == 0 && (lv->t->words > 1 || lv->t->kind == K_STRUCT || lv->t->kind == K_ARRAY ||
                             lv->t->size == 8 || lv->t->size == 0))
            return lv->slot;
        if (lv->off == 0 && lv->t->words == 1 && lv->t->kind != K_STRUCT && lv->t->kind != K_ARRAY)
            return lv->slot; /* a scalar variable in register form */
        return load_mem(fc, lv->t, frame_addr(fc, lv->slot, lv->off), 0);
    case LV_MEM: return load_mem(fc, lv->t, lv->slot, lv->off);
    case LV_MAP: {
        int dst = cp_slots(fc, lv->t);
        emitp(fc, OP_MAPGET, dst, lv->slot, lv->key, lv->mt);
        return dst;
    }
    default: return cp_slots(fc, lv->t);
    }
}

void cp_store(fcomp *fc, const lvalue *lv, int src)
{
    switch (lv->kind) {
    case LV_SLOT:
        if (lv->off == 0 && !(lv->t->kind == K_STRUCT || lv->t->kind == K_ARRAY) &&
            lv->t->words == 1) {
            cp_emit(fc, OP_MOV, lv->slot, src, 0);
            return;
        }
        if (lv->off == 0 && lv->t->size % 8 == 0) {
            cp_copy(fc, lv->t, lv->slot, src);
            return;
        }
        store_mem(fc, lv->t, frame_addr(fc, lv->slot, lv->off), 0, src, false);
        return;
    case LV_MEM: store_mem(fc, lv->t, lv->slot, lv->off, src, lv->heap); return;
    case LV_MAP: emitp(fc, OP_MAPSET, lv->slot, lv->key, src, lv->mt); return;
    default: return;
    }
}

/* ---------------------------------------------------------------- lvalues */

/* field_step: lv moves to field i of struct type st (following a pointer first if lv
   holds one) */
static void field_step(fcomp *fc, lvalue *lv, sc_type *st, int i)
{
    sc_type *u = sc_under(st);
    if (u->kind == K_POINTER) { /* an embedded *T, or a pointer base: load it */
        int p = cp_load(fc, lv);
        *lv = (lvalue){LV_MEM, NULL, p, 0, true, 0, NULL};
        u = sc_under(u->elem);
    }
    lv->off += u->fields[i].offset;
    lv->t = cp_type(fc, u->fields[i].type);
}

static lvalue path_lvalue(fcomp *fc, sc_expr *b, const int *path, int n);

static lvalue selector_lvalue(fcomp *fc, sc_expr *x)
{
    sc_expr *b = x->selector.x;
    int path[8], n;
    bool ind;
    sc_lookup_member(b->type, x->selector.sel->ident.name, path, &n, &ind);
    return path_lvalue(fc, b, path, n);
}

lvalue cp_embedded_lvalue(fcomp *fc, sc_expr *b, const int *path, int n)
{
    return path_lvalue(fc, b, path, n);
}

/* path_lvalue: the field reached from b through the field indexes of path (embedded
   fields followed, pointers among them loaded) */
static lvalue path_lvalue(fcomp *fc, sc_expr *b, const int *path, int n)
{
    lvalue lv;
    sc_type *t = b->type;
    if (sc_under(t)->kind == K_POINTER) {
        lv = (lvalue){LV_MEM, NULL, cp_expr(fc, b), 0, true, 0, NULL};
        t = sc_under(t)->elem;
    } else if (b->mode == M_VARIABLE) {
        lv = cp_lvalue(fc, b);
    } else { /* a field of a value that is not addressable (a call's result) */
        lv = (lvalue){LV_SLOT, type_of(fc, b), cp_expr(fc, b), 0, false, 0, NULL};
    }
    for (int i = 0; i < n; i++) {
        field_step(fc, &lv, t, path[i]);
        t = sc_under(sc_under(t)->kind == K_POINTER ? sc_under(t)->elem : t)->fields[path[i]].type;
    }
    return lv;
}

/* index_lvalue: a[i] of an array, pointer to array or slice, bounds checked */
static lvalue index_lvalue(fcomp *fc, sc_expr *x)
{
    sc_expr *b = x->index.x;
    sc_type *u = sc_under(b->type);
    const vm_type *et;
    int base, len;
    bool heap = true;
    if (u->kind == K_SLICE) {
        int s = cp_expr(fc, b);
        base = s;
        len = s + 1;
        et = cp_type(fc, u->elem);
    } else {
        lvalue arr;
        if (u->kind == K_POINTER) {
            arr = (lvalue){LV_MEM, NULL, cp_expr(fc, b), 0, true, 0, NULL};
            u = sc_under(u->elem);
        } else if (b->mode == M_VARIABLE) {
            arr = cp_lvalue(fc, b);
        } else {
            arr = (lvalue){LV_SLOT, type_of(fc, b), cp_expr(fc, b), 0, false, 0, NULL};
        }
        et = cp_type(fc, u->elem);
        len = cp_const_int(fc, u->len);
        if (arr.kind == LV_SLOT) {
            base = frame_addr(fc, arr.slot, arr.off);
            heap = false;
        } else {
            base = cp_slots_raw(fc, 1, true);
            emitk(fc, OP_ADDR, base, arr.slot, 0, arr.off);
            heap = arr.heap;
        }
    }
    int i = cp_expr(fc, x->index.index);
    cp_emit(fc, OP_BOUNDS, i, len, 0);
    int addr = cp_slots_raw(fc, 1, heap);
    cp_ins(fc, cp_emit(fc, OP_IDX, addr, base, i))->w = (uint32_t)et->size;
    return (lvalue){LV_MEM, et, addr, 0, heap, 0, NULL};
}

lvalue cp_lvalue_var(fcomp *fc, sc_object *o)
{
    bool cell;
    int s = cp_var_slot(fc, o, &cell);
    return (lvalue){cell ? LV_MEM : LV_SLOT, cp_type(fc, o->type), s, 0, cell, 0, NULL};
}

lvalue cp_lvalue(fcomp *fc, sc_expr *x)
{
    while (x->kind == E_PAREN)
        x = x->paren.x;
    switch (x->kind) {
    case E_IDENT: {
        if (!strcmp(x->ident.name, "_") || !x->obj)
            return (lvalue){.kind = LV_BLANK, .t = x->type ? type_of(fc, x) : NULL};
        bool cell;
        int s = cp_var_slot(fc, x->obj, &cell);
        const vm_type *t = cp_type(fc, x->obj->type);
        return (lvalue){cell ? LV_MEM : LV_SLOT, t, s, 0, cell, 0, NULL};
    }
    case E_STAR:
        return (lvalue){LV_MEM, type_of(fc, x), cp_expr(fc, x->star.x), 0, true, 0, NULL};
    case E_SELECTOR:
        if (x->obj && (x->obj->flags & OF_FIELD))
            return selector_lvalue(fc, x);
        break;
    case E_INDEX:
        if (sc_under(x->index.x->type)->kind == K_MAP) {
            sc_type *m = sc_under(x->index.x->type);
            lvalue lv = {LV_MAP, cp_type(fc, m->elem), cp_expr(fc, x->index.x), 0, false, 0, NULL};
            lv.key = cp_convert_to(fc, x->index.index, m->key);
            lv.mt = type_of(fc, x->index.x);
            return lv;
        }
        return index_lvalue(fc, x);
    default:
        break;
    }
    cp_unsupported(fc, x->pos, "this kind of assignment target");
    return (lvalue){.kind = LV_BLANK, .t = type_of(fc, x)};
}

/* ---------------------------------------------------------------- constants */

static int constant(fcomp *fc, sc_expr *x)
{
    const vm_type *t = type_of(fc, x);
    sc_const v = x->cval;
    int s = cp_slots(fc, t);
    vm_ins *in = cp_ins(fc, cp_emit(fc, OP_CONST, s, 0, 0));
    switch (v.kind) {
    case SC_C_BOOL: in->k = v.b; break;
    case SC_C_INT:
        if (t->kind == K_FLOAT64) {
            double d = (double)v.i;
            memcpy(&in->k, &d, 8);
        } else {
            in->k = (int64_t)(uint64_t)v.i;
        }
        break;
    case SC_C_FLOAT:
        if (t->kind == K_FLOAT64 || t->kind == K_FLOAT32) {
            memcpy(&in->k, &v.f, 8);
        } else {
            in->k = (int64_t)v.f;
        }
        break;
    case SC_C_STRING: {
        in->p = v.s; /* host memory: never freed, never scanned */
        in->k = (int64_t)(intptr_t)v.s;
        vm_ins *l = cp_ins(fc, cp_emit(fc, OP_CONST, s + 1, 0, 0));
        l->k = (int64_t)v.slen;
        break;
    }
    default: break;
    }
    if (t->kind == K_INTERFACE) /* a constant converted to any: boxed by the caller */
        in->k = 0;
    return s;
}

/* ---------------------------------------------------------------- unary and binary */

/* narrow: integer results of width < 64 wrap (Go's arithmetic at the type's width) */
static void narrow(fcomp *fc, const vm_type *t, int s)
{
    if (t->size >= 8 || t->kind == K_BOOL || t->kind == K_FLOAT64)
        return;
    bool sign = t->kind == K_INT8 || t->kind == K_INT16 || t->kind == K_INT32;
    cp_ins(fc, cp_emit(fc, sign ? OP_SEXT : OP_ZEXT, s, s, 0))->w = (uint32_t)(t->size * 8);
}

static bool is_float(const vm_type *t) { return t->kind == K_FLOAT64 || t->kind == K_FLOAT32; }
static bool is_unsigned(const vm_type *t) { return t->kind >= K_UINT && t->kind <= K_UINTPTR; }

static int unary(fcomp *fc, sc_expr *x)
{
    const vm_type *t = type_of(fc, x);
    sc_tok op = x->unary.op;
    if (op == T_AND) {
        extern int cp_address_of(fcomp * fc, sc_expr * x);
        return cp_address_of(fc, x->unary.x);
    }
    if (op == T_ARROW) {
        extern int cp_receive(fcomp * fc, sc_expr * x, bool ok);
        return cp_receive(fc, x, false);
    }
    int o = cp_expr(fc, x->unary.x);
    if (op == T_ADD)
        return o;
    int s = cp_slots(fc, t);
    vm_opcode code = op == T_NOT ? OP_NOT : op == T_XOR ? OP_COM : is_float(t) ? OP_FNEG : OP_NEG;
    cp_emit(fc, code, s, o, 0);
    if (code != OP_NOT)
        narrow(fc, t, s);
    return s;
}

static vm_opcode arith_op(sc_tok op, const vm_type *t)
{
    bool f = is_float(t), u = is_unsigned(t);
    switch (op) {
    case T_ADD: return f ? OP_FADD : OP_ADD;
    case T_SUB: return f ? OP_FSUB : OP_SUB;
    case T_MUL: return f ? OP_FMUL : OP_MUL;
    case T_QUO: return f ? OP_FDIV : u ? OP_DIVU : OP_DIV;
    case T_REM: return u ? OP_REMU : OP_REM;
    case T_AND: return OP_AND;
    case T_OR: return OP_OR;
    case T_XOR: return OP_XOR;
    case T_AND_NOT: return OP_ANDNOT;
    case T_SHL: return OP_SHL;
    case T_SHR: return u ? OP_SHRU : OP_SHR;
    default: return OP_NOP;
    }
}

static int compare(fcomp *fc, sc_tok op, const vm_type *t, int l, int r)
{
    int s = cp_slots_raw(fc, 1, false);
    if (t->kind == K_STRING) {
        if (op == T_EQL || op == T_NEQ) {
            cp_emit(fc, OP_STREQ, s, l, r);
            if (op == T_NEQ)
                cp_emit(fc, OP_NOT, s, s, 0);
            return s;
        }
        bool swap = op == T_GTR || op == T_GEQ;
        cp_emit(fc, op == T_LSS || op == T_GTR ? OP_STRLT : OP_STRLE, s, swap ? r : l, swap ? l : r);
        return s;
    }
    if (t->words > 1 || t->kind == K_STRUCT || t->kind == K_ARRAY || t->kind == K_INTERFACE) {
        emitp(fc, OP_EQMEM, s, l, r, t);
        if (op == T_NEQ)
            cp_emit(fc, OP_NOT, s, s, 0);
        return s;
    }
    bool f = is_float(t), u = is_unsigned(t);
    switch (op) {
    case T_EQL: cp_emit(fc, f ? OP_FEQ : OP_EQ, s, l, r); break;
    case T_NEQ: cp_emit(fc, f ? OP_FNE : OP_NE, s, l, r); break;
    case T_LSS: cp_emit(fc, f ? OP_FLT : u ? OP_LTU : OP_LT, s, l, r); break;
    case T_LEQ: cp_emit(fc, f ? OP_FLE : u ? OP_LEU : OP_LE, s, l, r); break;
    case T_GTR: cp_emit(fc, f ? OP_FLT : u ? OP_LTU : OP_LT, s, r, l); break;
    case T_GEQ: cp_emit(fc, f ? OP_FLE : u ? OP_LEU : OP_LE, s, r, l); break;
    default: break;
    }
    return s;
}

static int logical(fcomp *fc, sc_expr *x)
{
    int s = cp_slots_raw(fc, 1, false);
    jump_list done = {0};
    cp_expr_to(fc, x->binary.x, s);
    cp_jump_add(&done, cp_emit(fc, x->binary.op == T_LAND ? OP_JF : OP_JT, s, 0, 0));
    cp_expr_to(fc, x->binary.y, s);
    cp_jumps_patch(fc, &done, cp_here(fc));
    return s;
}

static bool is_comparison(sc_tok op)
{
    return op == T_EQL || op == T_NEQ || op == T_LSS || op == T_LEQ || op == T_GTR || op == T_GEQ;
}

/* cp_arith: d = l op r at type t (rt: the right operand's type, for shift counts) */
void cp_arith(fcomp *fc, sc_tok op, const vm_type *t, const vm_type *rt, int d, int l, int r)
{
    if (t->kind == K_STRING) {
        cp_emit(fc, OP_STRCAT, d, l, r);
        return;
    }
    int at = cp_emit(fc, arith_op(op, t), d, l, r);
    if ((op == T_SHL || op == T_SHR) && !is_unsigned(rt))
        cp_ins(fc, at)->w = 1; /* a signed count: negative panics */
    narrow(fc, t, d);
}

static int binary(fcomp *fc, sc_expr *x)
{
    sc_tok op = x->binary.op;
    if (op == T_LAND || op == T_LOR)
        return logical(fc, x);
    if (is_comparison(op)) {
        sc_type *ot = x->binary.x->type;
        if (ot->kind == K_UNTYPED_NIL)
            ot = x->binary.y->type;
        if (sc_under(x->binary.y->type)->kind == K_INTERFACE && x->binary.y->type->kind != K_UNTYPED_NIL)
            ot = x->binary.y->type; /* an interface compared with a concrete value */
        int l = cp_convert_to(fc, x->binary.x, concrete(ot));
        int r = cp_convert_to(fc, x->binary.y, concrete(ot));
        const vm_type *ct = cp_type(fc, concrete(ot));
        if ((x->binary.x->type->kind == K_UNTYPED_NIL || x->binary.y->type->kind == K_UNTYPED_NIL) &&
            ct->words > 1) { /* s == nil, i == nil: the pointer or type word decides */
            int d = cp_slots_raw(fc, 1, false);
            cp_emit(fc, op == T_EQL ? OP_EQ : OP_NE, d, l, r);
            return d;
        }
        return compare(fc, op, ct, l, r);
    }
    const vm_type *t = type_of(fc, x);
    int l = cp_expr(fc, x->binary.x), r = cp_expr(fc, x->binary.y);
    int s = cp_slots(fc, t);
    cp_arith(fc, op, t, type_of(fc, x->binary.y), s, l, r);
    return s;
}

/* ---------------------------------------------------------------- variables */

static int ident(fcomp *fc, sc_expr *x)
{
    sc_object *o = x->obj;
    if (o->kind == O_NIL) {
        const vm_type *t = type_of(fc, x);
        int s = cp_slots(fc, t);
        cp_ins(fc, cp_emit(fc, OP_ZERO, s, 0, 0))->w = (uint32_t)t->words;
        return s;
    }
    if (o->kind == O_FUNC) {
        extern int cp_func_value(fcomp * fc, sc_object * o);
        return cp_func_value(fc, o);
    }
    lvalue lv = cp_lvalue(fc, x);
    return cp_load(fc, &lv);
}

/* ---------------------------------------------------------------- entry points */

int cp_expr(fcomp *fc, sc_expr *x)
{
    if (x->mode == M_CONST)
        return constant(fc, x);
    switch (x->kind) {
    case E_PAREN: return cp_expr(fc, x->paren.x);
    case E_IDENT: return ident(fc, x);
    case E_UNARY: return unary(fc, x);
    case E_BINARY: return binary(fc, x);
    case E_STAR: case E_INDEX: case E_SELECTOR: {
        extern int cp_access(fcomp * fc, sc_expr * x);
        return cp_access(fc, x);
    }
    case E_CALL: {
        extern int cp_call(fcomp * fc, sc_expr * x);
        return cp_call(fc, x);
    }
    case E_COMPOSITE: {
        extern int cp_composite(fcomp * fc, sc_expr * x);
        return cp_composite(fc, x);
    }
    case E_FUNCLIT: {
        extern int cp_closure(fcomp * fc, sc_expr * x);
        return cp_closure(fc, x);
    }
    case E_SLICE: {
        extern int cp_slice_expr(fcomp * fc, sc_expr * x);
        return cp_slice_expr(fc, x);
    }
    case E_ASSERT: {
        extern int cp_assert(fcomp * fc, sc_expr * x, bool ok);
        return cp_assert(fc, x, false);
    }
    default:
        cp_unsupported(fc, x->pos, "this expression");
        return cp_slots(fc, type_of(fc, x));
    }
}

void cp_expr_to(fcomp *fc, sc_expr *x, int dst)
{
    int s = cp_expr(fc, x);
    cp_copy(fc, type_of(fc, x), dst, s);
}

void cp_cond_jump(fcomp *fc, sc_expr *x, bool when, jump_list *l)
{
    int s = cp_expr(fc, x);
    cp_jump_add(l, cp_emit(fc, when ? OP_JT : OP_JF, s, 0, 0));
}

/* cp_convert_to: x's value as type `to` — boxed into an interface when `to` is one and x
   is not, otherwise x itself (assignability needs no code) */
int cp_convert_to(fcomp *fc, sc_expr *x, sc_type *to)
{
    sc_type *from = concrete(x->type);
    if (sc_under(to)->kind != K_INTERFACE || sc_under(from)->kind == K_INTERFACE ||
        x->type->kind == K_UNTYPED_NIL) {
        if (x->type->kind == K_UNTYPED_NIL) {
            const vm_type *t = cp_type(fc, to);
            int s = cp_slots(fc, t);
            cp_ins(fc, cp_emit(fc, OP_ZERO, s, 0, 0))->w = (uint32_t)t->words;
            return s;
        }
        return cp_expr(fc, x);
    }
    int v = cp_expr(fc, x);
    int s = cp_slots(fc, cp_type(fc, to));
    emitp(fc, OP_BOX, s, v, 0, cp_type(fc, from));
    return s;
}
