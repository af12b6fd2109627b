/*
 * compile_call.c — the expressions that build or reach values: field, index and deref
 * reads, address-of, composite literals, closures, slice expressions, type assertions,
 * conversions, calls (static, through a closure, native) and the built-in functions.
 */
#include "sim/vm/compile.h"

int cp_emitp(fcomp *fc, vm_opcode op, int a, int b, int c, const void *p);
int cp_emitk(fcomp *fc, vm_opcode op, int a, int b, int c, int64_t k);
const vm_type *cp_type_of(fcomp *fc, sc_expr *x);
#define emitp cp_emitp
#define emitk cp_emitk
#define type_of cp_type_of

static sc_type *concrete(sc_type *t) { return sc_is_untyped(t) ? sc_default_type(t) : t; }

static int zero(fcomp *fc, const vm_type *t)
{
    int s = cp_slots(fc, t);
    cp_ins(fc, cp_emit(fc, OP_ZERO, s, 0, 0))->w = (uint32_t)t->words;
    return s;
}

/* ---------------------------------------------------------------- reads */

int cp_access(fcomp *fc, sc_expr *x)
{
    if (x->kind == E_SELECTOR && x->obj && !(x->obj->flags & OF_FIELD)) {
        if (x->obj->kind == O_FUNC && !(x->obj->flags & OF_METHOD)) {
            extern int cp_func_value(fcomp * fc, sc_object * o);
            return cp_func_value(fc, x->obj); /* pkg.F as a value */
        }
        extern int cp_method_value(fcomp * fc, sc_expr * x);
        return cp_method_value(fc, x);
    }
    if (x->kind == E_INDEX) {
        sc_type *u = sc_under(x->index.x->type);
        if (u->kind == K_STRING) {
            int s = cp_expr(fc, x->index.x), i = cp_expr(fc, x->index.index);
            int d = cp_slots_raw(fc, 1, false);
            cp_emit(fc, OP_STRIDX, d, s, i);
            return d;
        }
    }
    lvalue lv = cp_lvalue(fc, x);
    return cp_load(fc, &lv);
}

int cp_address_of(fcomp *fc, sc_expr *x)
{
    while (x->kind == E_PAREN)
        x = x->paren.x;
    if (x->kind == E_COMPOSITE) { /* &T{...}: a new object, then its fields */
        const vm_type *t = type_of(fc, x);
        int p = cp_slots_raw(fc, 1, true);
        emitp(fc, OP_NEW, p, 0, 0, t);
        int v = cp_expr(fc, x);
        lvalue lv = {LV_MEM, t, p, 0, true, 0, NULL};
        cp_store(fc, &lv, v);
        return p;
    }
    lvalue lv = cp_lvalue(fc, x);
    if (lv.kind != LV_MEM) {
        cp_unsupported(fc, x->pos, "taking this address");
        return cp_slots_raw(fc, 1, true);
    }
    if (!lv.off)
        return lv.slot;
    int p = cp_slots_raw(fc, 1, true);
    emitk(fc, OP_ADDR, p, lv.slot, 0, lv.off);
    return p;
}

/* ---------------------------------------------------------------- composite literals */

static void elem_store(fcomp *fc, lvalue *lv, sc_expr *v, sc_type *et)
{
    int s = cp_convert_to(fc, v, et);
    cp_store(fc, lv, s);
}

static void struct_lit(fcomp *fc, sc_expr *x, sc_type *u, int s, const vm_type *t)
{
    for (int i = 0; i < x->composite.elts.n; i++) {
        sc_expr *e = x->composite.elts.v[i];
        int f = i;
        if (e->kind == E_KEYVALUE) {
            for (f = 0; f < u->nfields; f++)
                if (!strcmp(u->fields[f].name, e->kv.key->ident.name))
                    break;
            e = e->kv.value;
        }
        lvalue lv = {LV_SLOT, cp_type(fc, u->fields[f].type), s, u->fields[f].offset, false, 0, NULL};
        (void)t;
        elem_store(fc, &lv, e, u->fields[f].type);
    }
}

/* elements of an array or slice literal stored through base (a pointer), heap or frame */
static void array_elems(fcomp *fc, sc_expr *x, sc_type *elem, int base, bool heap)
{
    const vm_type *et = cp_type(fc, elem);
    int64_t next = 0;
    for (int i = 0; i < x->composite.elts.n; i++) {
        sc_expr *e = x->composite.elts.v[i];
        if (e->kind == E_KEYVALUE) {
            next = (int64_t)e->kv.key->cval.i;
            e = e->kv.value;
        }
        lvalue lv = {LV_MEM, et, base, next * et->size, heap, 0, NULL};
        elem_store(fc, &lv, e, elem);
        next++;
    }
}

static int64_t slice_len(sc_expr *x)
{
    int64_t next = 0, len = 0;
    for (int i = 0; i < x->composite.elts.n; i++) {
        sc_expr *e = x->composite.elts.v[i];
        if (e->kind == E_KEYVALUE)
            next = (int64_t)e->kv.key->cval.i;
        next++;
        len = next > len ? next : len;
    }
    return len;
}

int cp_composite(fcomp *fc, sc_expr *x)
{
    sc_type *ct = x->type;
    if (sc_under(ct)->kind == K_POINTER) { /* an elided &T{...} element */
        sc_expr inner = *x;
        inner.type = sc_under(ct)->elem;
        const vm_type *t = cp_type(fc, inner.type);
        int p = cp_slots_raw(fc, 1, true);
        emitp(fc, OP_NEW, p, 0, 0, t);
        int v = cp_composite(fc, &inner);
        lvalue lv = {LV_MEM, t, p, 0, true, 0, NULL};
        cp_store(fc, &lv, v);
        return p;
    }
    const vm_type *t = cp_type(fc, ct);
    sc_type *u = sc_under(ct);
    switch (u->kind) {
    case K_STRUCT: {
        int s = zero(fc, t);
        struct_lit(fc, x, u, s, t);
        return s;
    }
    case K_ARRAY: {
        int s = zero(fc, t);
        int base = cp_slots_raw(fc, 1, false);
        emitk(fc, OP_FADDR, base, s, 0, 0);
        array_elems(fc, x, u->elem, base, false);
        return s;
    }
    case K_SLICE: {
        int s = cp_slots(fc, t);
        int n = cp_const_int(fc, slice_len(x));
        emitp(fc, OP_MAKESLICE, s, n, n, t);
        array_elems(fc, x, u->elem, s, true);
        return s;
    }
    case K_MAP: {
        int s = cp_slots(fc, t);
        int n = cp_const_int(fc, x->composite.elts.n);
        emitp(fc, OP_MAKEMAP, s, n, 0, t);
        for (int i = 0; i < x->composite.elts.n; i++) {
            sc_expr *e = x->composite.elts.v[i];
            int k = cp_convert_to(fc, e->kv.key, u->key);
            int v = cp_convert_to(fc, e->kv.value, u->elem);
            emitp(fc, OP_MAPSET, s, k, v, t);
        }
        return s;
    }
    default:
        cp_unsupported(fc, x->pos, "this composite literal");
        return zero(fc, t);
    }
}

/* ---------------------------------------------------------------- functions as values */

/* a top-level function as a value: a static closure without captures */
int cp_func_value(fcomp *fc, sc_object *o)
{
    int s = cp_slots_raw(fc, 1, true);
    if (o->flags & OF_NATIVE) {
        cp_unsupported(fc, o->pos, "a built-in package's function as a value");
        return s;
    }
    vm_func *f = cp_func_of(fc, o->func);
    if (!f->self) {
        vm_closure *c = calloc(1, sizeof *c);
        if (!c)
            vm_throw("out of host memory");
        c->fn = f;
        f->self = c;
    }
    emitp(fc, OP_CONST, s, 0, 0, f->self);
    cp_ins(fc, cp_here(fc) - 1)->k = (int64_t)(intptr_t)f->self;
    return s;
}

/* closure_type: the heap type of a closure with n captured cells (word 0 is the code,
   host memory; the cells are pointers) */
static const gc_type *closure_type(int n)
{
    gc_type *t = calloc(1, sizeof *t);
    uint8_t *m = calloc((size_t)(n + 1) / 8 + 1, 1);
    if (!t || !m)
        vm_throw("out of host memory");
    for (int i = 1; i <= n; i++)
        m[i / 8] |= (uint8_t)(1u << (i % 8));
    *t = (gc_type){(size_t)(n + 1) * 8, n ? (size_t)(n + 1) * 8 : 0, m, "funcval"};
    return t;
}

int cp_closure(fcomp *fc, sc_expr *x)
{
    sc_func_info *info = NULL;
    for (int i = 0; i < fc->prog->src->nfuncs && !info; i++)
        if (fc->prog->src->funcs[i]->lit == x)
            info = fc->prog->src->funcs[i];
    vm_func *f = cp_func_of(fc, info);
    int s = cp_slots_raw(fc, 1, true);
    int at = emitp(fc, OP_CLOSURE, s, 0, 0, f);
    cp_ins(fc, at)->w = (uint32_t)info->ncaptures;
    cp_ins(fc, at)->k = (int64_t)(intptr_t)closure_type(info->ncaptures);
    for (int i = 0; i < info->ncaptures; i++) {
        bool cell;
        int c = cp_var_slot(fc, info->captures[i], &cell);
        emitk(fc, OP_SETCAP, s, c, 0, i);
    }
    return s;
}

/* ---------------------------------------------------------------- slices, assertions */

int cp_slice_expr(fcomp *fc, sc_expr *x)
{
    sc_expr *b = x->slice.x;
    sc_type *u = sc_under(b->type);
    const vm_type *rt = type_of(fc, x);
    int src, kind; /* 0 slice, 1 string, 2 pointer to array */
    int64_t len = 0;
    if (u->kind == K_ARRAY) { /* a[lo:hi] of an addressable array: through its address */
        extern int cp_address_of(fcomp * fc, sc_expr * x);
        src = cp_address_of(fc, b);
        kind = 2;
        len = u->len;
    } else if (u->kind == K_POINTER) {
        src = cp_expr(fc, b);
        kind = 2;
        len = sc_under(u->elem)->len;
    } else {
        src = cp_expr(fc, b);
        kind = sc_is_string(b->type) ? 1 : 0;
    }
    int idx = cp_slots_raw(fc, 3, false);
    sc_expr *ix[3] = {x->slice.lo, x->slice.hi, x->slice.max};
    uint32_t has = 0;
    for (int i = 0; i < 3; i++)
        if (ix[i]) {
            cp_emit(fc, OP_MOV, idx + i, cp_expr(fc, ix[i]), 0);
            has |= 1u << i;
        }
    int s = cp_slots(fc, rt);
    int at = emitp(fc, OP_SLICE, s, src, idx, rt);
    cp_ins(fc, at)->w = has | (uint32_t)kind << 3;
    cp_ins(fc, at)->k = len;
    return s;
}

int cp_assert(fcomp *fc, sc_expr *x, bool ok)
{
    const vm_type *t = cp_type(fc, x->type);
    int i = cp_expr(fc, x->assert.x);
    int s = cp_slots_raw(fc, t->words + (ok ? 1 : 0), false);
    for (int w = 0; w < t->words; w++)
        fc->f->ptr[s + w] = w * 8 < (int)t->gc.ptrdata && (t->gc.ptrmask[w / 8] >> (w % 8) & 1);
    int at = emitp(fc, ok ? OP_ASSERT2 : OP_ASSERT, s, i, 0, t);
    cp_ins(fc, at)->k = (int64_t)(intptr_t)cp_type_of(fc, x->assert.x);
    return s;
}

int cp_receive(fcomp *fc, sc_expr *x, bool ok)
{
    const vm_type *t = cp_type(fc, sc_under(x->unary.x->type)->elem);
    int ch = cp_expr(fc, x->unary.x);
    int s = cp_slots_raw(fc, t->words + (ok ? 1 : 0), false);
    for (int w = 0; w < t->words; w++)
        fc->f->ptr[s + w] = w * 8 < (int)t->gc.ptrdata && (t->gc.ptrmask[w / 8] >> (w % 8) & 1);
    int at = emitp(fc, OP_RECV, s, ch, 0, t);
    cp_ins(fc, at)->w = ok;
    return s;
}

/* ---------------------------------------------------------------- calls */

/* value_words: words of a value list (results or parameters) */
static int list_words(fcomp *fc, sc_type **v, int n)
{
    int w = 0;
    for (int i = 0; i < n; i++)
        w += cp_type(fc, v[i])->words;
    return w;
}

/* convert_slot: a value in slot s of type from as type to (boxed into an interface) */
static int convert_slot(fcomp *fc, int s, sc_type *from, sc_type *to)
{
    if (sc_under(to)->kind != K_INTERFACE || sc_under(from)->kind == K_INTERFACE)
        return s;
    int d = cp_slots(fc, cp_type(fc, to));
    emitp(fc, OP_BOX, d, s, 0, cp_type(fc, from));
    return d;
}

/* pack_variadic: the extra arguments of a variadic call (n values in slots v, of types
   vt) as a new slice of st */
static int pack_values(fcomp *fc, const int *v, sc_type **vt, int n, sc_type *st)
{
    const vm_type *t = cp_type(fc, st);
    int s = cp_slots(fc, t);
    if (!n) {
        cp_ins(fc, cp_emit(fc, OP_ZERO, s, 0, 0))->w = (uint32_t)t->words;
        return s;
    }
    int len = cp_const_int(fc, n);
    emitp(fc, OP_MAKESLICE, s, len, len, t);
    sc_type *et = sc_under(st)->elem;
    for (int i = 0; i < n; i++) {
        lvalue lv = {LV_MEM, t->elem, s, i * t->elem->size, true, 0, NULL};
        cp_store(fc, &lv, convert_slot(fc, v[i], vt[i], et));
    }
    return s;
}

/* arg_values: the call's argument values, n of them, in slots with their types (a single
   multi-value call spreads into its results) */
static int arg_values(fcomp *fc, sc_expr *x, int **slots, sc_type ***types)
{
    int n = x->call.args.n;
    sc_expr **a = x->call.args.v;
    if (n == 1 && a[0]->type->kind == K_TUPLE) {
        sc_type *tu = a[0]->type;
        int base = cp_expr(fc, a[0]);
        *slots = sc_alloc_atomic((size_t)tu->nresults * sizeof **slots + 1);
        *types = tu->results;
        for (int i = 0; i < tu->nresults; i++) {
            (*slots)[i] = base;
            base += cp_type(fc, tu->results[i])->words;
        }
        return tu->nresults;
    }
    *slots = sc_alloc_atomic((size_t)(n + 1) * sizeof **slots);
    *types = sc_alloc((size_t)(n + 1) * sizeof **types);
    for (int i = 0; i < n; i++) {
        (*types)[i] = a[i]->type->kind == K_UNTYPED_NIL ? a[i]->type : a[i]->type;
        (*slots)[i] = -1; /* evaluated with their parameter types below */
    }
    return n;
}

/* receiver: the value a method is called on, as the method's receiver type wants it */
static int receiver(fcomp *fc, sc_expr *sel, sc_object *m)
{
    sc_expr *b = sel->selector.x;
    bool want_ptr = m->recv && m->recv->kind == K_POINTER;
    bool have_ptr = sc_under(b->type)->kind == K_POINTER;
    if (want_ptr == have_ptr)
        return cp_expr(fc, b);
    if (want_ptr)
        return cp_address_of(fc, b);
    const vm_type *t = cp_type(fc, m->recv);
    lvalue lv = {LV_MEM, t, cp_expr(fc, b), 0, true, 0, NULL};
    return cp_load(fc, &lv);
}

/* promoted_receiver: the receiver of a method promoted from an embedded field (x.M where
   M belongs to the type of x.E or *x.E) */
static int promoted_receiver(fcomp *fc, sc_expr *sel, sc_object *m, const int *path, int n)
{
    lvalue lv = cp_embedded_lvalue(fc, sel->selector.x, path, n);
    bool want_ptr = m->recv->kind == K_POINTER;
    if (lv.t->kind == K_POINTER) { /* an embedded *T */
        int p = cp_load(fc, &lv);
        if (want_ptr)
            return p;
        lvalue d = {LV_MEM, cp_type(fc, m->recv), p, 0, true, 0, NULL};
        return cp_load(fc, &d);
    }
    if (!want_ptr)
        return cp_load(fc, &lv);
    if (lv.kind != LV_MEM) {
        cp_unsupported(fc, sel->pos, "a pointer method promoted from a value not in memory");
        return cp_slots_raw(fc, 1, true);
    }
    int p = cp_slots_raw(fc, 1, true);
    cp_emitk(fc, OP_ADDR, p, lv.slot, 0, lv.off);
    return p;
}

static const char *native_name(sc_object *o)
{
    if (!(o->flags & OF_METHOD))
        return sc_sprintf("%s.%s", o->pkg->path, o->name);
    sc_type *r = o->recv;
    if (r->kind == K_POINTER)
        return sc_sprintf("%s.(*%s).%s", o->pkg->path, r->elem->name, o->name);
    return sc_sprintf("%s.%s.%s", o->pkg->path, r->name, o->name);
}

/* callee: what a call calls; *clo is the closure slot for a dynamic call */
static sc_object *callee(sc_expr *f)
{
    while (f->kind == E_PAREN)
        f = f->paren.x;
    if ((f->kind == E_IDENT || f->kind == E_SELECTOR) && f->obj && f->obj->kind == O_FUNC)
        return f->obj;
    return NULL;
}

/* args_to_out: evaluates the arguments (after the receiver, if any) into temporaries,
   then moves them into the outgoing area from word `at` */
static void args_to_out(fcomp *fc, sc_expr *x, sc_type *sig, int recv, sc_type *recvt, int at)
{
    int np = sig->nparams;
    int *v;
    sc_type **vt;
    int n = arg_values(fc, x, &v, &vt);
    int *tmp = sc_alloc_atomic((size_t)(np + 1) * sizeof *tmp);
    for (int i = 0; i < np; i++) {
        bool pack = sig->variadic && i == np - 1 && !x->call.dots;
        sc_type *pt = sig->params[i];
        if (pack) {
            int k = n - i > 0 ? n - i : 0;
            int *pv = sc_alloc_atomic((size_t)(k + 1) * sizeof *pv);
            for (int j = 0; j < k; j++)
                pv[j] = v[i + j] >= 0 ? v[i + j]
                                      : cp_convert_to(fc, x->call.args.v[i + j], sc_under(pt)->elem);
            sc_type **pvt = sc_alloc((size_t)(k + 1) * sizeof *pvt);
            for (int j = 0; j < k; j++)
                pvt[j] = v[i + j] >= 0 ? vt[i + j] : sc_under(pt)->elem;
            tmp[i] = pack_values(fc, pv, pvt, k, pt);
        } else if (v[i] >= 0) {
            tmp[i] = convert_slot(fc, v[i], vt[i], pt);
        } else {
            tmp[i] = cp_convert_to(fc, x->call.args.v[i], pt);
        }
    }
    if (recv >= 0) {
        const vm_type *rt = cp_type(fc, recvt);
        cp_copy(fc, rt, OUT(at), recv);
        at += rt->words;
    }
    for (int i = 0; i < np; i++) {
        const vm_type *t = cp_type(fc, sig->params[i]);
        cp_copy(fc, t, OUT(at), tmp[i]);
        at += t->words;
    }
    if (at > fc->out_words)
        fc->out_words = at;
}

/* results_from_out: the call's results moved from the outgoing area into temporaries */
static int results_from_out(fcomp *fc, sc_type *sig)
{
    if (!sig->nresults)
        return cp_slots_raw(fc, 1, false);
    int first = -1;
    int at = 0;
    for (int i = 0; i < sig->nresults; i++) {
        const vm_type *t = cp_type(fc, sig->results[i]);
        int s = cp_slots(fc, t);
        if (first < 0)
            first = s;
        cp_copy(fc, t, s, OUT(at));
        at += t->words;
    }
    return first;
}

int cp_call(fcomp *fc, sc_expr *x)
{
    sc_expr *f = x->call.fun;
    while (f->kind == E_PAREN)
        f = f->paren.x;
    if (f->mode == M_TYPE) {
        extern int cp_conversion(fcomp * fc, sc_expr * x, sc_type * t);
        return cp_conversion(fc, x->call.args.v[0], f->type);
    }
    if (f->mode == M_BUILTIN) {
        extern int cp_builtin(fcomp * fc, sc_expr * x, int id);
        return cp_builtin(fc, x, f->obj->id);
    }
    sc_type *sig = sc_under(f->type);
    sc_object *o = callee(f);
    bool method = o && (o->flags & OF_METHOD);
    if (method && f->kind == E_SELECTOR && !o->recv) { /* through an interface */
        int iv = cp_expr(fc, f->selector.x);
        int rw = list_words(fc, sig->results, sig->nresults);
        args_to_out(fc, x, sig, -1, NULL, rw + 1); /* a word for the receiver first */
        cp_emit(fc, OP_MOV, OUT(rw), iv + 1, 0);     /* the data word, dispatch fixes it */
        if (rw + 1 > fc->out_words)
            fc->out_words = rw + 1;
        int at = emitp(fc, OP_CALLI, OUT(0), iv, rw, o->name);
        cp_ins(fc, at)->w = (uint32_t)list_words(fc, sig->params, sig->nparams);
        return results_from_out(fc, sig);
    }
    if (method && f->kind != E_SELECTOR) {
        cp_unsupported(fc, x->pos, "this method call");
        return cp_slots_raw(fc, 1, false);
    }
    int path[8], npath = 0;
    bool ind;
    if (method)
        sc_lookup_member(f->selector.x->type, o->name, path, &npath, &ind);
    int clo = o ? -1 : cp_expr(fc, f);
    int recv = method ? (npath ? promoted_receiver(fc, f, o, path, npath) : receiver(fc, f, o)) : -1;
    int rw = list_words(fc, sig->results, sig->nresults);
    args_to_out(fc, x, sig, recv, method ? o->recv : NULL, rw);
    if (o && (o->flags & OF_NATIVE)) {
        const char *name = native_name(o);
        vm_native_fn fn = vm_native_lookup(name);
        if (!strncmp(name, "sync.(*Map).", 12)) { /* its natives need map[any]any's type */
            fc->prog->syncmap = cp_type(fc, sc_under(o->recv->elem)->fields[2].type);
            fc->prog->any_slice = cp_type(fc, sc_slice_of(sc_any));
        }
        if (!fn)
            cp_unsupported(fc, x->pos, sc_sprintf("%s", name));
        int at = emitp(fc, OP_CALLN, OUT(0), 0, 0, (const void *)fn);
        cp_ins(fc, at)->k = (int64_t)(intptr_t)name;
        /* the words of its frame, scanned (conservatively typed) while it runs */
        cp_ins(fc, at)->c = rw + list_words(fc, sig->params, sig->nparams) +
                            (method ? cp_type(fc, o->recv)->words : 0);
    } else if (o) {
        emitp(fc, OP_CALL, OUT(0), 0, 0, cp_func_of(fc, o->func));
    } else {
        cp_emit(fc, OP_CALLC, OUT(0), clo, 0);
    }
    return results_from_out(fc, sig);
}

/* ---------------------------------------------------------------- go and defer */

/* callsite: the packet layout of a go or defer whose arguments are `argw` words typed by
   the frame slots at args */
static vm_callsite *callsite(fcomp *fc, int args, int argw)
{
    vm_callsite *cs = calloc(1, sizeof *cs);
    int words = VM_PACKET_HEADER_WORDS + argw;
    cs->mask = calloc((size_t)words / 8 + 1, 1);
    if (!cs || !cs->mask)
        vm_throw("out of host memory");
    cs->mask[0] = 0x3; /* next, clo */
    int last = 1;
    for (int i = 0; i < argw; i++)
        if (fc->f->ptr[args + i]) {
            int w = VM_PACKET_HEADER_WORDS + i;
            cs->mask[w / 8] |= (uint8_t)(1u << (w % 8));
            last = w;
        }
    cs->argw = argw;
    cs->packet = (gc_type){(size_t)words * 8, (size_t)(last + 1) * 8, cs->mask, "runtime._defer"};
    return cs;
}

void cp_go_defer(fcomp *fc, sc_expr *x, bool go)
{
    sc_expr *f = x->call.fun;
    while (f->kind == E_PAREN)
        f = f->paren.x;
    if (f->mode == M_BUILTIN || f->mode == M_TYPE) {
        cp_unsupported(fc, x->pos, go ? "go with a built-in" : "defer of a built-in");
        return;
    }
    sc_type *sig = sc_under(f->type);
    sc_object *o = callee(f);
    bool method = o && (o->flags & OF_METHOD);
    int clo = o ? -1 : cp_expr(fc, f);
    int recv = method ? receiver(fc, f, o) : -1;
    /* the arguments into a block of temporaries, as they would go to the outgoing area */
    int pw = list_words(fc, sig->params, sig->nparams) +
             (method ? cp_type(fc, o->recv)->words : 0);
    int mark = fc->f->nslots;
    int save = fc->out_words;
    args_to_out(fc, x, sig, recv, method ? o->recv : NULL, 0);
    fc->out_words = save;
    /* args_to_out wrote OUT(0..pw): move that block into fresh temporaries */
    int block = cp_slots_raw(fc, pw + 1, false);
    (void)mark;
    int off = 0; /* the block's pointer slots, from the receiver's and parameters' types */
    for (int i = -1; i < sig->nparams; i++) {
        if (i < 0 && !method)
            continue;
        const vm_type *t = cp_type(fc, i < 0 ? o->recv : sig->params[i]);
        for (int w = 0; w < t->words; w++)
            fc->f->ptr[block + off + w] = w * 8 < (int)t->gc.ptrdata && (t->gc.ptrmask[w / 8] >> (w % 8) & 1);
        off += t->words;
    }
    for (int i = 0; i < pw; i++)
        cp_emit(fc, OP_MOV, block + i, OUT(i), 0);
    vm_callsite *cs = callsite(fc, block, pw);
    cs->resw = list_words(fc, sig->results, sig->nresults);
    if (o && (o->flags & OF_NATIVE)) {
        cs->native_name = native_name(o);
        cs->native = vm_native_lookup(cs->native_name);
        if (!cs->native)
            cp_unsupported(fc, x->pos, cs->native_name);
    } else if (o) {
        cs->fn = cp_func_of(fc, o->func);
    }
    int at = cp_emitp(fc, go ? OP_GO : OP_DEFER, clo, block, fc->f->defer_slot, cs);
    cp_ins(fc, at)->w = (uint32_t)pw;
}

/* ---------------------------------------------------------------- method values */

/* bound_wrapper: a function that calls method m on the receiver held in its closure's
   one cell, forwarding its parameters and results (Go's method value wrapper) */
static vm_func *bound_wrapper(fcomp *outer, sc_object *m)
{
    static struct { sc_object *m; vm_func *f; } made[256];
    static int nmade;
    for (int i = 0; i < nmade; i++)
        if (made[i].m == m)
            return made[i].f;
    vm_func *f = calloc(1, sizeof *f);
    if (!f)
        vm_throw("out of host memory");
    f->name = sc_sprintf("%s-fm", native_name(m));
    f->defer_slot = -1;
    fcomp fc = {.prog = outer->prog, .f = f, .info = outer->info, .d = outer->d};
    sc_type *sig = m->type;
    const vm_type *rt = cp_type(&fc, m->recv);
    for (int i = 0; i < sig->nresults; i++)
        cp_slots(&fc, cp_type(&fc, sig->results[i]));
    int rw = f->nslots;
    for (int i = 0; i < sig->nparams; i++)
        cp_slots(&fc, cp_type(&fc, sig->params[i]));
    f->nresult_words = rw;
    f->nparams_words = f->nslots - rw;
    cp_keep(&fc, 0, f->nslots);
    int cell = cp_slots_raw(&fc, 1, true);
    cp_ins(&fc, cp_emit(&fc, OP_CAPREF, cell, 0, 0))->k = 0;
    lvalue lv = {LV_MEM, rt, cell, 0, true, 0, NULL};
    cp_copy(&fc, rt, OUT(rw), cp_load(&fc, &lv));
    for (int w = 0; w < f->nparams_words; w++)
        cp_emit(&fc, OP_MOV, OUT(rw + rt->words + w), rw + w, 0);
    fc.out_words = rw + rt->words + f->nparams_words;
    if (m->flags & OF_NATIVE) {
        int at = cp_emitp(&fc, OP_CALLN, OUT(0), 0, 0, (const void *)vm_native_lookup(native_name(m)));
        cp_ins(&fc, at)->c = fc.out_words;
    } else {
        cp_emitp(&fc, OP_CALL, OUT(0), 0, 0, cp_func_of(&fc, m->func));
    }
    for (int w = 0; w < rw; w++)
        cp_emit(&fc, OP_MOV, w, OUT(w), 0);
    f->epilogue = cp_here(&fc);
    cp_emit(&fc, OP_RET, 0, 0, 0);
    f->out_words = fc.out_words;
    cp_rebase_out(f);
    cp_free_scratch(&fc);
    vm_compile_add(outer->prog, f);
    if (nmade < 256)
        made[nmade++] = (typeof(made[0])){m, f};
    return f;
}

/* cp_method_value: x.M as a func value — a closure over a copy of the receiver, made now
   (Go evaluates the receiver when the method value is) */
int cp_method_value(fcomp *fc, sc_expr *x)
{
    sc_object *m = x->obj;
    if (!m->recv) {
        cp_unsupported(fc, x->pos, "a method value of an interface");
        return zero(fc, type_of(fc, x));
    }
    int path[8], npath = 0;
    bool ind;
    sc_lookup_member(x->selector.x->type, m->name, path, &npath, &ind);
    int r = npath ? promoted_receiver(fc, x, m, path, npath) : receiver(fc, x, m);
    const vm_type *rt = cp_type(fc, m->recv);
    int cell = cp_slots_raw(fc, 1, true);
    cp_emitp(fc, OP_NEW, cell, 0, 0, rt);
    lvalue lv = {LV_MEM, rt, cell, 0, true, 0, NULL};
    cp_store(fc, &lv, r);
    int s = cp_slots_raw(fc, 1, true);
    int at = cp_emitp(fc, OP_CLOSURE, s, 0, 0, bound_wrapper(fc, m));
    cp_ins(fc, at)->w = 1;
    cp_ins(fc, at)->k = (int64_t)(intptr_t)closure_type(1);
    cp_emitk(fc, OP_SETCAP, s, cell, 0, 0);
    return s;
}
