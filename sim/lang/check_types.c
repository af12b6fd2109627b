/*
 * check_types.c — type expressions to types (Go's "Types"), signatures, the underlying
 * type of a declared type, and the layout of every type on the simulated heap (Go's
 * sizes and alignments on a 64-bit machine, so objects land in Go's size classes).
 */
#include "sim/lang/check.h"

static sc_type *invalid(void) { return &sc_basic[K_INVALID]; }

static sc_type *named_type(checker *c, sc_expr *x)
{
    ck_expr_or_type(c, x);
    if (x->mode == M_INVALID)
        return invalid();
    if (x->mode != M_TYPE) {
        ck_error(c, x->pos, "%s is not a type", sc_expr_string(x));
        return invalid();
    }
    return x->type;
}

static sc_type *array_type(checker *c, sc_expr *x)
{
    sc_type *elem = ck_type(c, x->array.elem);
    if (!x->array.len)
        return sc_slice_of(elem);
    sc_expr *n = x->array.len;
    if (n->kind == E_ELLIPSIS) {
        ck_error(c, n->pos, "invalid use of [...] array (outside a composite literal)");
        return invalid();
    }
    ck_expr(c, n);
    if (n->mode == M_INVALID)
        return invalid();
    if (n->mode != M_CONST) {
        ck_error(c, n->pos, "array length %s (%s) must be constant", sc_expr_string(n),
                 n->mode == M_VARIABLE ? sc_sprintf("variable of type %s", sc_type_string(n->type))
                                       : sc_sprintf("value of type %s", sc_type_string(n->type)));
        return invalid();
    }
    sc_const_err err;
    sc_const v = sc_is_integer(n->type) || sc_is_untyped(n->type)
                     ? sc_const_represent(n->cval, SC_R_INT64, &err)
                     : (sc_const){0};
    if (v.kind != SC_C_INT) {
        ck_error(c, n->pos, "array length %s must be integer", ck_describe(n));
        return invalid();
    }
    if (v.i < 0 || v.i > ((sc_int128)1 << 40)) {
        ck_error(c, n->pos, "invalid array length %s", ck_describe(n));
        return invalid();
    }
    return sc_array_of(elem, (int64_t)v.i);
}

static sc_type *struct_type(checker *c, sc_expr *x)
{
    sc_type *t = sc_new_type(K_STRUCT);
    sc_fields *f = &x->strct.fields;
    int cap = 0;
    for (int i = 0; i < f->n; i++) {
        sc_type *ft = ck_type(c, f->v[i].type);
        if (!f->v[i].names.n) { /* embedded: T or *T, named after T */
            sc_expr *e = f->v[i].type;
            if (e->kind == E_STAR)
                e = e->star.x;
            const char *name = e->kind == E_SELECTOR ? e->selector.sel->ident.name
                               : e->kind == E_IDENT  ? e->ident.name
                                                     : "?";
            sc_type *base = ft->kind == K_POINTER ? ft->elem : ft;
            if (base->kind != K_NAMED && sc_under(base)->kind == K_POINTER)
                ck_error(c, e->pos, "embedded field type cannot be a pointer");
            sc_sfield sf = {.name = name, .type = ft, .embedded = true, .pos = f->v[i].pos};
            CK_PUSH(t->fields, t->nfields, cap, sf);
            continue;
        }
        for (int k = 0; k < f->v[i].names.n; k++) {
            sc_expr *n = f->v[i].names.v[k];
            sc_sfield sf = {.name = n->ident.name, .type = ft, .pos = n->pos};
            CK_PUSH(t->fields, t->nfields, cap, sf);
        }
    }
    for (int i = 0; i < t->nfields; i++)
        for (int k = 0; k < i; k++)
            if (strcmp(t->fields[i].name, "_") && !strcmp(t->fields[i].name, t->fields[k].name)) {
                ck_error(c, t->fields[i].pos, "%s redeclared", t->fields[i].name);
                break;
            }
    return t;
}

static sc_type *iface_type(checker *c, sc_expr *x)
{
    sc_type *t = sc_new_type(K_INTERFACE);
    sc_fields *f = &x->iface.methods;
    int cap = 0;
    for (int i = 0; i < f->n; i++) {
        if (!f->v[i].names.n) {
            sc_type *e = ck_type(c, f->v[i].type);
            sc_type *u = sc_under(e);
            if (u->kind != K_INTERFACE) {
                if (u->kind != K_INVALID)
                    ck_error(c, f->v[i].pos, "cannot use %s as interface (type sets are not "
                             "supported in scenarios)", sc_type_string(e));
                continue;
            }
            for (int k = 0; k < u->nfields; k++)
                CK_PUSH(t->fields, t->nfields, cap, u->fields[k]);
            continue;
        }
        sc_sfield sf = {.name = f->v[i].names.v[0]->ident.name,
                        .type = ck_signature(c, f->v[i].type, NULL), .pos = f->v[i].pos};
        CK_PUSH(t->fields, t->nfields, cap, sf);
    }
    /* methods sorted by name, as Go's method sets (identity compares them in order) */
    for (int i = 1; i < t->nfields; i++)
        for (int k = i; k > 0 && strcmp(t->fields[k - 1].name, t->fields[k].name) > 0; k--) {
            sc_sfield s = t->fields[k];
            t->fields[k] = t->fields[k - 1];
            t->fields[k - 1] = s;
        }
    return t->nfields ? t : sc_any;
}

sc_type *ck_type(checker *c, sc_expr *x)
{
    sc_type *t;
    switch (x->kind) {
    case E_IDENT: case E_SELECTOR: t = named_type(c, x); break;
    case E_PAREN: t = ck_type(c, x->paren.x); break;
    case E_STAR: t = sc_pointer_to(ck_type(c, x->star.x)); break;
    case E_ARRAYTYPE: t = array_type(c, x); break;
    case E_MAPTYPE: {
        sc_type *k = ck_type(c, x->map.key), *v = ck_type(c, x->map.value);
        if (k->kind != K_INVALID && !sc_comparable(k) &&
            !(k->kind == K_NAMED && !k->underlying)) {
            ck_error(c, x->map.key->pos, "invalid map key type %s", sc_type_string(k));
            return invalid();
        }
        t = sc_map_of(k, v);
        break;
    }
    case E_CHANTYPE: t = sc_chan_of(ck_type(c, x->chan.value), x->chan.dir); break;
    case E_FUNCTYPE: t = ck_signature(c, x, NULL); break;
    case E_STRUCTTYPE: t = struct_type(c, x); break;
    case E_IFACETYPE: t = iface_type(c, x); break;
    case E_BAD: t = invalid(); break;
    default:
        ck_error(c, x->pos, "%s is not a type", sc_expr_string(x));
        t = invalid();
    }
    x->mode = t->kind == K_INVALID ? M_INVALID : M_TYPE;
    x->type = t;
    return t;
}

/* ---------------------------------------------------------------- signatures */

static int count_names(const sc_fields *f)
{
    int n = 0;
    for (int i = 0; i < f->n; i++)
        n += f->v[i].names.n ? f->v[i].names.n : 1;
    return n;
}

static sc_type **field_types(checker *c, sc_fields *f, bool params, bool *variadic)
{
    int n = count_names(f), k = 0;
    sc_type **v = sc_alloc((size_t)(n ? n : 1) * sizeof *v);
    for (int i = 0; i < f->n; i++) {
        sc_expr *tx = f->v[i].type;
        sc_type *t;
        if (tx->kind == E_ELLIPSIS) {
            if (!params || i != f->n - 1 || f->v[i].names.n > 1)
                ck_error(c, tx->pos, "can only use ... with final parameter in list");
            else
                *variadic = true;
            t = sc_slice_of(ck_type(c, tx->ellipsis.elt));
            tx->type = t;
            tx->mode = M_TYPE;
        } else {
            t = ck_type(c, tx);
        }
        for (int m = 0; m < (f->v[i].names.n ? f->v[i].names.n : 1); m++)
            v[k++] = t;
    }
    return v;
}

sc_type *ck_signature(checker *c, sc_expr *ftype, sc_object *recv)
{
    (void)recv;
    bool variadic = false, dummy = false;
    sc_type **p = field_types(c, &ftype->func.params, true, &variadic);
    sc_type **r = field_types(c, &ftype->func.results, false, &dummy);
    sc_type *t = sc_func_type(p, count_names(&ftype->func.params), r,
                              count_names(&ftype->func.results), variadic);
    ftype->type = t;
    ftype->mode = M_TYPE;
    return t;
}

void ck_named_underlying(checker *c, sc_type *named, sc_expr *x)
{
    sc_type *u = ck_type(c, x);
    if (u->kind == K_NAMED) {
        if (!u->underlying) { /* type A B where B is being declared: resolve it first */
            if (u->obj)
                ck_resolve(c, u->obj);
        }
        if (u == named || !u->underlying) {
            ck_error(c, named->obj ? named->obj->pos : x->pos, "invalid recursive type %s",
                     named->name);
            u = invalid();
        } else {
            u = u->underlying;
        }
    }
    named->underlying = u;
}

/* ---------------------------------------------------------------- layout */

static bool layout(sc_type *t, int depth);

static int64_t align_up(int64_t n, int64_t a) { return (n + a - 1) / a * a; }

static bool basic_layout(sc_type *t)
{
    static const int8_t sizes[] = {
        [K_BOOL] = 1, [K_INT] = 8, [K_INT8] = 1, [K_INT16] = 2, [K_INT32] = 4, [K_INT64] = 8,
        [K_UINT] = 8, [K_UINT8] = 1, [K_UINT16] = 2, [K_UINT32] = 4, [K_UINT64] = 8,
        [K_UINTPTR] = 8, [K_FLOAT32] = 4, [K_FLOAT64] = 8, [K_STRING] = 16,
        [K_UNSAFE_POINTER] = 8,
    };
    if (t->kind > K_UNSAFE_POINTER || !sizes[t->kind])
        return false;
    t->size = sizes[t->kind];
    t->align = t->kind == K_STRING ? 8 : t->size;
    t->has_ptrs = t->kind == K_STRING || t->kind == K_UNSAFE_POINTER;
    return true;
}

static bool struct_layout(sc_type *t, int depth)
{
    int64_t off = 0, align = 1;
    bool ptrs = false;
    for (int i = 0; i < t->nfields; i++) {
        sc_type *f = t->fields[i].type;
        if (!layout(f, depth + 1))
            return false;
        off = align_up(off, f->align);
        t->fields[i].offset = off;
        off += f->size;
        align = f->align > align ? f->align : align;
        ptrs |= f->has_ptrs;
    }
    /* Go pads a struct ending in a zero-size field so a pointer to it stays inside */
    if (t->nfields && t->fields[t->nfields - 1].type->size == 0 && off > 0)
        off++;
    t->size = align_up(off, align);
    t->align = align;
    t->has_ptrs = ptrs;
    return true;
}

bool ck_layout(sc_type *t) { return layout(t, 0); }
bool sc_layout(sc_type *t) { return layout(t, 0); }

/* layout: depth bounds the recursion (a chain of nested struct types) */
static bool layout(sc_type *t, int depth)
{
    if (depth > 2000)
        return false;
    if (t->laid_out)
        return true;
    if (t->size < 0)
        return false; /* in progress: a type that contains itself */
    t->size = -1;
    bool ok = true;
    switch (t->kind) {
    case K_NAMED:
        ok = t->underlying && layout(t->underlying, depth + 1);
        if (ok) {
            t->size = t->underlying->size;
            t->align = t->underlying->align;
            t->has_ptrs = t->underlying->has_ptrs;
        }
        break;
    case K_POINTER: case K_MAP: case K_CHAN: case K_FUNC:
        t->size = t->align = 8;
        t->has_ptrs = true;
        break;
    case K_SLICE:
        t->size = 24;
        t->align = 8;
        t->has_ptrs = true;
        break;
    case K_INTERFACE:
        t->size = 16;
        t->align = 8;
        t->has_ptrs = true;
        break;
    case K_ARRAY:
        ok = layout(t->elem, depth + 1) && (t->elem->size == 0 || t->len <= ((int64_t)1 << 40) / t->elem->size);
        if (ok) {
            t->size = t->elem->size * t->len;
            t->align = t->elem->align;
            t->has_ptrs = t->len > 0 && t->elem->has_ptrs;
        }
        break;
    case K_STRUCT: ok = struct_layout(t, depth); break;
    case K_TUPLE: case K_INVALID: t->size = 0; t->align = 1; break;
    default: ok = basic_layout(t); break;
    }
    if (!ok) {
        t->size = 0;
        return false;
    }
    t->laid_out = true;
    return true;
}
