/*
 * check_expr.c — expressions (Go's "Expressions"): names and captures, literals,
 * selectors, index and slice expressions, type assertions, unary and binary operators
 * with constant folding, composite literals and function literals. Calls are in
 * check_call.c, untyped values and assignability in check_assign.c.
 */
#include "sim/lang/check.h"

static void set(sc_expr *x, sc_mode m, sc_type *t)
{
    x->mode = (uint8_t)m;
    x->type = t;
}
static void invalid(sc_expr *x) { set(x, M_INVALID, &sc_basic[K_INVALID]); }
static sc_type *basic(sc_kind k) { return &sc_basic[k]; }

static bool is_exported(const char *name) { return name[0] >= 'A' && name[0] <= 'Z'; }

/* ---------------------------------------------------------------- names */

/* capture: o, found in scope s, is a local of an enclosing function: every function
   between here and there captures it */
static void capture(checker *c, sc_object *o, const sc_scope *found)
{
    func_ctx *fn = c->fn;
    for (const sc_scope *s = c->scope; s && s != found && fn; s = s->parent) {
        if (!s->func)
            continue;
        sc_func_info *in = fn->info;
        bool have = false;
        for (int i = 0; i < in->ncaptures; i++)
            have |= in->captures[i] == o;
        if (!have)
            CK_PUSH(in->captures, in->ncaptures, in->capcaptures, o);
        o->flags |= OF_CAPTURED;
        fn = fn->outer;
    }
}

sc_object *ck_use_ident(checker *c, sc_expr *id)
{
    const char *name = id->ident.name;
    if (!strcmp(name, "_")) {
        ck_error(c, id->pos, "cannot use _ as value");
        invalid(id);
        return NULL;
    }
    const sc_scope *found;
    sc_object *o = sc_scope_lookup(c->scope, name, &found);
    if (!o) {
        ck_error(c, id->pos, "undefined: %s", name);
        invalid(id);
        return NULL;
    }
    id->obj = o;
    o->flags |= OF_USED;
    if (o->decl && o->pkg == c->pkg && (o->kind == O_VAR || o->kind == O_FUNC ||
                                        o->kind == O_CONST || o->kind == O_TYPE)) {
        ck_resolve(c, o);
        if (o->kind == O_VAR || o->kind == O_FUNC)
            ck_add_dep(c, o);
    }
    if (o->kind == O_VAR && !(o->flags & OF_GLOBAL) && found != c->pkg_scope)
        capture(c, o, found);
    return o;
}

static void ident(checker *c, sc_expr *x)
{
    sc_object *o = ck_use_ident(c, x);
    if (!o)
        return;
    switch (o->kind) {
    case O_CONST:
        if (o->id == -1) { /* iota */
            if (c->iota < 0) {
                ck_error(c, x->pos, "cannot use iota outside constant declaration");
                invalid(x);
                return;
            }
            set(x, M_CONST, basic(K_UNTYPED_INT));
            x->cval = sc_const_int(c->iota);
            return;
        }
        set(x, o->type && o->type->kind == K_INVALID ? M_INVALID : M_CONST, o->type);
        x->cval = o->val;
        return;
    case O_TYPE:
        set(x, o->type && o->type->kind == K_INVALID ? M_INVALID : M_TYPE, o->type);
        return;
    case O_VAR: case O_FUNC:
        if (!o->type || o->type->kind == K_INVALID) {
            invalid(x); /* its declaration was reported */
            return;
        }
        set(x, o->kind == O_VAR ? M_VARIABLE : M_VALUE, o->type);
        return;
    case O_BUILTIN: set(x, M_BUILTIN, NULL); return;
    case O_NIL: set(x, M_VALUE, basic(K_UNTYPED_NIL)); return;
    case O_PKG: set(x, M_PACKAGE, NULL); return;
    default: invalid(x); return;
    }
}

static void literal(checker *c, sc_expr *x)
{
    static const sc_kind kinds[] = {[T_INT] = K_UNTYPED_INT, [T_FLOAT] = K_UNTYPED_FLOAT,
                                    [T_CHAR] = K_UNTYPED_RUNE, [T_STRING] = K_UNTYPED_STRING};
    if (x->lit.kind == T_IMAG) {
        ck_error(c, x->pos, "complex numbers are not supported in scenarios");
        invalid(x);
        return;
    }
    sc_const_err err = SC_OK;
    x->cval = sc_const_from_token(&x->lit, &err);
    if (x->cval.kind == SC_C_UNKNOWN) {
        if (err == SC_E_OVERFLOW)
            ck_error(c, x->pos, "constant overflow: %.*s", (int)x->lit.len, x->lit.text);
        invalid(x); /* a malformed literal: the lexer has reported it */
        return;
    }
    set(x, M_CONST, basic(kinds[x->lit.kind]));
}

/* ---------------------------------------------------------------- selectors */

static void package_member(checker *c, sc_expr *x, sc_object *pkgobj)
{
    if (!pkgobj->pkg) { /* an import that failed: reported there */
        invalid(x);
        return;
    }
    const char *name = x->selector.sel->ident.name;
    sc_object *o = is_exported(name) ? sc_scope_lookup_local(pkgobj->pkg->scope, name) : NULL;
    if (!o) {
        ck_error(c, x->selector.sel->pos, is_exported(name) ? "undefined: %s.%s"
                                                             : "name %2$s not exported by package %1$s",
                 pkgobj->name, name);
        invalid(x);
        return;
    }
    x->obj = x->selector.sel->obj = o;
    switch (o->kind) {
    case O_CONST: set(x, M_CONST, o->type); x->cval = o->val; break;
    case O_TYPE: set(x, M_TYPE, o->type); break;
    case O_VAR: set(x, M_VARIABLE, o->type); break;
    case O_FUNC: set(x, M_VALUE, o->type); break;
    default: invalid(x);
    }
}

/* method_sig: a method's type as a value (its receiver bound) */
static sc_type *method_value_type(sc_object *m) { return m->type; }

static void selector(checker *c, sc_expr *x)
{
    sc_expr *base = x->selector.x;
    if (base->kind == E_IDENT) {
        sc_object *o = sc_scope_lookup(c->scope, base->ident.name, NULL);
        if (o && o->kind == O_PKG) {
            o->flags |= OF_USED;
            base->obj = o;
            base->mode = M_PACKAGE;
            package_member(c, x, o);
            return;
        }
    }
    ck_expr_or_type(c, base);
    if (base->mode == M_INVALID) {
        invalid(x);
        return;
    }
    const char *name = x->selector.sel->ident.name;
    if (base->mode == M_TYPE) {
        ck_error(c, x->pos, "method expressions (%s.%s) are not supported in scenarios",
                 sc_type_string(base->type), name);
        invalid(x);
        return;
    }
    if (!ck_is_value(c, base)) {
        invalid(x);
        return;
    }
    int path[8], npath;
    bool indirect;
    sc_object *m = sc_lookup_member(base->type, name, path, &npath, &indirect);
    if (!m) {
        const char *what = sc_under(base->type)->kind == K_INTERFACE ? "method" : "field or method";
        ck_error(c, x->selector.sel->pos, "%s.%s undefined (type %s has no %s %s)",
                 sc_expr_string(base), name, sc_type_string(base->type), what, name);
        invalid(x);
        return;
    }
    x->obj = x->selector.sel->obj = m;
    if ((m->flags & OF_METHOD) && m->decl)
        ck_add_dep(c, m); /* an initializer calling a method depends on what it uses */
    if (m->flags & OF_FIELD) {
        bool addressable = indirect || base->mode == M_VARIABLE;
        set(x, addressable ? M_VARIABLE : M_VALUE, m->type);
        return;
    }
    /* a method value: a pointer method needs an addressable value or a pointer */
    if (m->recv && m->recv->kind == K_POINTER && !indirect && base->mode != M_VARIABLE) {
        ck_error(c, x->pos, "cannot call pointer method %s on %s", name,
                 sc_type_string(base->type));
        invalid(x);
        return;
    }
    if (m->recv && m->recv->kind == K_POINTER && !indirect)
        ck_mark_addressed(base); /* v.m() with a pointer method takes &v */
    set(x, M_VALUE, method_value_type(m));
}

/* ---------------------------------------------------------------- index and slice */

/* index_value: checks an index (integer, non-negative, below max if constant and max >= 0);
   returns its constant value or -1 */
static int64_t index_value(checker *c, sc_expr *i, int64_t max)
{
    ck_expr(c, i);
    if (i->mode == M_INVALID)
        return -1;
    if (i->mode == M_CONST && sc_is_untyped(i->type))
        ck_set_type(c, i, basic(K_INT));
    if (!sc_is_integer(i->type)) {
        ck_error(c, i->pos, "invalid argument: index %s must be integer", ck_describe(i));
        return -1;
    }
    if (i->mode != M_CONST)
        return -1;
    sc_int128 v = i->cval.i;
    if (v < 0) {
        ck_error(c, i->pos, "invalid argument: index %s must not be negative", ck_describe(i));
        return -1;
    }
    if (max >= 0 && v >= max) {
        ck_error(c, i->pos, "invalid argument: index %s out of bounds [0:%lld]",
                 sc_expr_string(i), (long long)max);
        return -1;
    }
    return (int64_t)v;
}

static void index_expr(checker *c, sc_expr *x)
{
    sc_expr *b = x->index.x;
    ck_expr_or_type(c, b);
    if (b->mode == M_INVALID) {
        invalid(x);
        ck_expr(c, x->index.index);
        return;
    }
    if (b->mode == M_TYPE) {
        ck_error(c, x->pos, "%s is not a generic type", sc_type_string(b->type));
        invalid(x);
        return;
    }
    if (!ck_is_value(c, b)) {
        invalid(x);
        return;
    }
    sc_type *u = sc_under(b->type);
    if (u->kind == K_POINTER && sc_under(u->elem)->kind == K_ARRAY) {
        u = sc_under(u->elem);
        index_value(c, x->index.index, u->len);
        set(x, M_VARIABLE, u->elem);
        return;
    }
    switch (u->kind) {
    case K_STRING: case K_UNTYPED_STRING: {
        int64_t len = b->mode == M_CONST ? (int64_t)b->cval.slen : -1;
        int64_t i = index_value(c, x->index.index, len);
        set(x, M_VALUE, &sc_byte);
        if (b->mode == M_CONST && i >= 0) {
            x->mode = M_CONST;
            x->cval = sc_const_int((uint8_t)b->cval.s[i]);
        }
        return;
    }
    case K_ARRAY:
        index_value(c, x->index.index, u->len);
        set(x, b->mode == M_VARIABLE ? M_VARIABLE : M_VALUE, u->elem);
        return;
    case K_SLICE:
        index_value(c, x->index.index, -1);
        set(x, M_VARIABLE, u->elem);
        return;
    case K_MAP:
        ck_expr(c, x->index.index);
        if (x->index.index->mode != M_INVALID)
            ck_assignable(c, x->index.index, u->key, "map index");
        set(x, M_MAPINDEX, u->elem);
        return;
    default:
        ck_error(c, x->pos, "invalid operation: cannot index %s", ck_describe(b));
        invalid(x);
    }
}

static void slice_expr(checker *c, sc_expr *x)
{
    sc_expr *b = x->slice.x;
    ck_expr(c, b);
    sc_expr *ix[3] = {x->slice.lo, x->slice.hi, x->slice.max};
    if (b->mode == M_INVALID) {
        invalid(x);
        return;
    }
    sc_type *u = sc_under(b->type), *result = NULL;
    int64_t len = -1;
    if (u->kind == K_POINTER && sc_under(u->elem)->kind == K_ARRAY) {
        u = sc_under(u->elem);
        len = u->len;
        result = sc_slice_of(u->elem);
    } else if (u->kind == K_ARRAY) {
        if (b->mode != M_VARIABLE) {
            ck_error(c, x->pos, "invalid operation: %s (slice of unaddressable value)",
                     sc_expr_string(x));
            invalid(x);
            return;
        }
        len = u->len;
        result = sc_slice_of(u->elem);
        ck_mark_addressed(b); /* a[:] points into a */
    } else if (u->kind == K_SLICE) {
        result = b->type;
    } else if (u->kind == K_STRING || u->kind == K_UNTYPED_STRING) {
        if (x->slice.three) {
            ck_error(c, x->pos, "invalid operation: 3-index slice of string");
            invalid(x);
            return;
        }
        result = u->kind == K_UNTYPED_STRING ? basic(K_STRING) : b->type;
        if (b->mode == M_CONST)
            len = (int64_t)b->cval.slen;
    } else {
        ck_error(c, x->pos, "cannot slice %s", ck_describe(b));
        invalid(x);
        return;
    }
    int64_t prev = 0;
    for (int i = 0; i < 3; i++) {
        if (!ix[i])
            continue;
        int64_t v = index_value(c, ix[i], len >= 0 ? len + 1 : -1);
        if (v >= 0 && v < prev)
            ck_error(c, ix[i]->pos, "invalid slice indices: %lld < %lld", (long long)v,
                     (long long)prev);
        if (v >= 0)
            prev = v;
    }
    set(x, M_VALUE, result);
}

static void assert_expr(checker *c, sc_expr *x)
{
    sc_expr *b = x->assert.x;
    ck_expr(c, b);
    if (!x->assert.type) {
        ck_error(c, x->pos, "invalid syntax tree: use of .(type) outside type switch");
        invalid(x);
        return;
    }
    sc_type *t = ck_type(c, x->assert.type);
    if (b->mode == M_INVALID || t->kind == K_INVALID) {
        invalid(x);
        return;
    }
    if (sc_under(b->type)->kind != K_INTERFACE) {
        ck_error(c, b->pos, "invalid operation: %s is not an interface", ck_describe(b));
        invalid(x);
        return;
    }
    const char *missing;
    if (sc_under(t)->kind != K_INTERFACE && !ck_implements(t, b->type, &missing)) {
        ck_error(c, x->assert.type->pos, "impossible type assertion: %s\n\t%s does not "
                 "implement %s (missing method %s)", sc_expr_string(x), sc_type_string(t),
                 sc_type_string(b->type), missing);
        invalid(x);
        return;
    }
    set(x, M_COMMAOK, t);
}

/* ---------------------------------------------------------------- unary */

static void const_error(checker *c, sc_expr *x, sc_const_err err)
{
    switch (err) {
    case SC_E_DIV_ZERO: ck_error(c, x->pos, "invalid operation: division by zero"); break;
    case SC_E_OVERFLOW: ck_error(c, x->pos, "constant overflow"); break;
    case SC_E_SHIFT: ck_error(c, x->pos, "invalid shift count"); break;
    default: ck_error(c, x->pos, "invalid constant operation %s", sc_expr_string(x)); break;
    }
    invalid(x);
}

/* check_typed_const: a typed constant result must fit its type (Go: "overflows") */
static void check_typed_const(checker *c, sc_expr *x)
{
    if (x->mode != M_CONST || sc_is_untyped(x->type))
        return;
    sc_const_err err;
    sc_const v = sc_const_represent(x->cval, sc_repr_of(x->type), &err);
    if (v.kind == SC_C_UNKNOWN) {
        char buf[64];
        ck_error(c, sc_expr_start(x), "%s (constant %s of type %s) overflows %s", sc_expr_string(x),
                 sc_const_format(x->cval, buf, sizeof buf), sc_type_string(x->type),
                 sc_type_string(x->type));
        invalid(x);
        return;
    }
    x->cval = v;
}

/* ck_mark_addressed: the variable whose memory x is part of (through fields and array
   elements, not through pointers or slices) has its address taken */
void ck_mark_addressed(sc_expr *x)
{
    for (int guard = 0; x && guard < 100000; guard++) {
        switch (x->kind) {
        case E_PAREN: x = x->paren.x; continue;
        case E_SELECTOR:
            if (!x->obj || !(x->obj->flags & OF_FIELD) || !x->selector.x->type ||
                sc_under(x->selector.x->type)->kind == K_POINTER)
                return;
            x = x->selector.x;
            continue;
        case E_INDEX:
            if (!x->index.x->type || sc_under(x->index.x->type)->kind != K_ARRAY)
                return;
            x = x->index.x;
            continue;
        case E_IDENT:
            if (x->obj && x->obj->kind == O_VAR)
                x->obj->flags |= OF_ADDRESSED;
            return;
        default:
            return;
        }
    }
}

static void address_of(checker *c, sc_expr *x)
{
    sc_expr *o = x->unary.x;
    while (o->kind == E_PAREN)
        o = o->paren.x;
    if (o->kind == E_COMPOSITE) { /* &T{...}: a new heap object */
        ck_expr(c, o);
        if (o->mode != M_INVALID)
            set(x, M_VALUE, sc_pointer_to(o->type));
        else
            invalid(x);
        return;
    }
    ck_expr(c, x->unary.x);
    if (x->unary.x->mode == M_INVALID) {
        invalid(x);
        return;
    }
    if (x->unary.x->mode != M_VARIABLE) {
        ck_error(c, x->pos, "invalid operation: cannot take address of %s", ck_describe(x->unary.x));
        invalid(x);
        return;
    }
    ck_mark_addressed(o); /* &v, &v.f, &v[i]: v lives on the heap (Go's worst case) */
    set(x, M_VALUE, sc_pointer_to(x->unary.x->type));
}

static void receive(checker *c, sc_expr *x)
{
    sc_expr *ch = x->unary.x;
    sc_type *u = sc_under(ch->type);
    if (u->kind != K_CHAN) {
        ck_error(c, x->pos, "invalid operation: cannot receive from non-channel %s", ck_describe(ch));
        invalid(x);
        return;
    }
    if (u->dir == SC_SEND) {
        ck_error(c, x->pos, "invalid operation: cannot receive from send-only channel %s",
                 ck_describe(ch));
        invalid(x);
        return;
    }
    set(x, M_COMMAOK, u->elem);
}

static void unary(checker *c, sc_expr *x)
{
    sc_tok op = x->unary.op;
    if (op == T_AND) {
        address_of(c, x);
        return;
    }
    sc_expr *o = x->unary.x;
    ck_expr(c, o);
    if (o->mode == M_INVALID) {
        invalid(x);
        return;
    }
    if (op == T_ARROW) {
        receive(c, x);
        return;
    }
    bool ok = op == T_NOT ? sc_is_boolean(o->type)
              : op == T_XOR ? sc_is_integer(o->type)
              : op == T_TILDE ? false
                              : sc_is_numeric(o->type);
    if (!ok) {
        ck_error(c, sc_expr_start(o), "invalid operation: operator %s not defined on %s",
                 sc_tok_text(op), ck_describe(o));
        invalid(x);
        return;
    }
    set(x, M_VALUE, o->type);
    if (o->mode != M_CONST)
        return;
    sc_const_err err = SC_OK;
    x->cval = sc_const_unary(op, o->cval, sc_repr_of(o->type), &err);
    if (x->cval.kind == SC_C_UNKNOWN) {
        const_error(c, x, err);
        return;
    }
    x->mode = M_CONST;
    check_typed_const(c, x);
}

/* ---------------------------------------------------------------- binary */

static bool is_comparison(sc_tok op)
{
    return op == T_EQL || op == T_NEQ || op == T_LSS || op == T_LEQ || op == T_GTR || op == T_GEQ;
}

/* untyped_rank: the kind two untyped constants combine to (int < rune < float) */
static int untyped_rank(sc_kind k)
{
    return k == K_UNTYPED_INT ? 1 : k == K_UNTYPED_RUNE ? 2 : k == K_UNTYPED_FLOAT ? 3 : 0;
}

/* match: bring x and y to one type (an untyped operand takes the other's type); false
   with an error reported when they cannot be */
static bool match(checker *c, sc_expr *e, sc_expr *x, sc_expr *y)
{
    bool ux = sc_is_untyped(x->type), uy = sc_is_untyped(y->type);
    if (ux && !uy)
        return ck_set_type(c, x, y->type);
    if (uy && !ux)
        return ck_set_type(c, y, x->type);
    if (ux && uy) {
        int rx = untyped_rank(x->type->kind), ry = untyped_rank(y->type->kind);
        if (rx && ry) {
            sc_type *t = rx >= ry ? x->type : y->type;
            x->type = y->type = t;
            return true;
        }
        if (x->type->kind == K_UNTYPED_NIL || y->type->kind == K_UNTYPED_NIL ||
            x->type->kind != y->type->kind) {
            if (x->type->kind == y->type->kind)
                return true;
            goto mismatch;
        }
        return true;
    }
    if (sc_identical(x->type, y->type))
        return true;
mismatch:
    ck_error(c, sc_expr_start(e), "invalid operation: %s (mismatched types %s and %s)", sc_expr_string(e),
             sc_type_string(x->type), sc_type_string(y->type));
    return false;
}

static const char *comparison_problem(sc_tok op, sc_expr *x, sc_expr *y, bool xn, bool yn)
{
    sc_type *t = xn ? y->type : x->type;
    if (op == T_EQL || op == T_NEQ) {
        if (xn || yn) {
            if (xn && yn)
                return "operator == not defined on nil";
            return sc_has_nil(t) ? NULL : sc_sprintf("mismatched types %s and untyped nil",
                                                     sc_type_string(t));
        }
        if (sc_comparable(t))
            return NULL;
        sc_kind k = sc_under(t)->kind;
        if (k == K_SLICE || k == K_MAP || k == K_FUNC)
            return sc_sprintf("%s can only be compared to nil",
                              k == K_SLICE ? "slice" : k == K_MAP ? "map" : "func");
        return sc_sprintf("%s cannot be compared", sc_type_string(t));
    }
    if (sc_ordered(t))
        return NULL;
    return sc_sprintf("operator %s not defined on %s", sc_tok_text(op), ck_describe(x));
}

/* mixed_iface: an interface compared with a value of a type that implements it */
static bool mixed_iface(sc_expr *x, sc_expr *y)
{
    const char *missing;
    if (sc_is_untyped(x->type) || sc_is_untyped(y->type))
        return false;
    if (sc_under(x->type)->kind == K_INTERFACE && ck_implements(y->type, x->type, &missing))
        return sc_comparable(y->type);
    if (sc_under(y->type)->kind == K_INTERFACE && ck_implements(x->type, y->type, &missing))
        return sc_comparable(x->type);
    return false;
}

static void comparison(checker *c, sc_expr *e, sc_expr *x, sc_expr *y)
{
    sc_tok op = e->binary.op;
    bool xn = x->type->kind == K_UNTYPED_NIL, yn = y->type->kind == K_UNTYPED_NIL;
    const char *why;
    if (xn != yn) { /* nil takes the other side's type if it can hold nil */
        sc_expr *n = xn ? x : y, *o = xn ? y : x;
        why = comparison_problem(op, x, y, xn, yn);
        if (!why && !sc_is_untyped(o->type))
            n->type = o->type;
    } else if (op != T_EQL && op != T_NEQ ? !match(c, e, x, y)
                                          : !mixed_iface(x, y) && !match(c, e, x, y)) {
        invalid(e);
        return;
    } else {
        why = mixed_iface(x, y) ? NULL : comparison_problem(op, x, y, xn, yn);
    }
    if (why) {
        ck_error(c, sc_expr_start(e), "invalid operation: %s (%s)", sc_expr_string(e), why);
        invalid(e);
        return;
    }
    set(e, M_VALUE, basic(K_UNTYPED_BOOL));
    if (x->mode == M_CONST && y->mode == M_CONST) {
        e->mode = M_CONST;
        e->cval = sc_const_bool(sc_const_compare(op, x->cval, y->cval));
    }
}

static void shift(checker *c, sc_expr *e, sc_expr *x, sc_expr *y)
{
    if (y->mode == M_CONST) {
        sc_const_err err;
        sc_const v = sc_const_represent(y->cval, SC_R_UINT64, &err);
        if (v.kind == SC_C_UNKNOWN || !sc_is_numeric(y->type)) {
            ck_error(c, y->pos, y->cval.kind == SC_C_INT && y->cval.i < 0
                                    ? "invalid operation: negative shift count %s"
                                    : "invalid operation: shift count %s must be integer",
                     ck_describe(y));
            invalid(e);
            return;
        }
        if (sc_is_untyped(y->type))
            ck_set_type(c, y, basic(K_UINT));
    } else if (!sc_is_integer(y->type)) {
        ck_error(c, y->pos, "invalid operation: shift count %s must be integer", ck_describe(y));
        invalid(e);
        return;
    }
    if (x->mode == M_CONST && sc_is_untyped(x->type) && x->cval.kind == SC_C_FLOAT) {
        /* an untyped float with no fraction shifts as an integer (1e100 << 1) */
        sc_const_err err = SC_OK;
        sc_const one = sc_const_int(1);
        sc_const i = sc_const_binary(T_MUL, x->cval, one, true, &err);
        if (err == SC_OK && i.kind == SC_C_INT) {
            x->cval = i;
            x->type = basic(K_UNTYPED_INT);
        }
    }
    if (!sc_is_integer(x->type)) {
        ck_error(c, x->pos, "invalid operation: shifted operand %s must be integer", ck_describe(x));
        invalid(e);
        return;
    }
    set(e, M_VALUE, x->type);
    if (x->mode == M_CONST && y->mode == M_CONST) {
        sc_const_err err = SC_OK;
        e->cval = sc_const_shift(e->binary.op, x->cval, y->cval, &err);
        if (e->cval.kind == SC_C_UNKNOWN) {
            const_error(c, e, err);
            return;
        }
        e->mode = M_CONST;
        check_typed_const(c, e);
    }
    /* an untyped constant shifted by a variable stays untyped until the context types it
       (ck_set_type passes the type down to x), as Go's delayed typing */
}

static bool op_defined(sc_tok op, sc_type *t)
{
    switch (op) {
    case T_ADD: return sc_is_numeric(t) || sc_is_string(t);
    case T_SUB: case T_MUL: case T_QUO: return sc_is_numeric(t);
    case T_REM: case T_AND: case T_OR: case T_XOR: case T_AND_NOT: return sc_is_integer(t);
    case T_LAND: case T_LOR: return sc_is_boolean(t);
    default: return false;
    }
}

static void binary(checker *c, sc_expr *e)
{
    sc_expr *x = e->binary.x, *y = e->binary.y;
    sc_tok op = e->binary.op;
    ck_expr(c, x);
    ck_expr(c, y);
    if (x->mode == M_INVALID || y->mode == M_INVALID) {
        invalid(e);
        return;
    }
    if (op == T_SHL || op == T_SHR) {
        shift(c, e, x, y);
        return;
    }
    if (is_comparison(op)) {
        comparison(c, e, x, y);
        return;
    }
    if (!match(c, e, x, y)) {
        invalid(e);
        return;
    }
    if (!op_defined(op, x->type)) {
        ck_error(c, sc_expr_start(e), "invalid operation: operator %s not defined on %s",
                 sc_tok_text(op), ck_describe(x));
        invalid(e);
        return;
    }
    bool zero = y->mode == M_CONST && sc_is_numeric(y->type) &&
                (y->cval.kind == SC_C_INT || y->cval.kind == SC_C_FLOAT) &&
                sc_const_compare(T_EQL, y->cval, sc_const_int(0)); /* exact: 1e-400 is not 0 */
    if ((op == T_QUO || op == T_REM) && zero &&
        (y->cval.kind == SC_C_INT || x->mode == M_CONST || sc_is_integer(x->type))) {
        ck_error(c, sc_expr_start(y), "invalid operation: division by zero");
        invalid(e);
        return;
    }
    set(e, M_VALUE, x->type);
    if (x->mode != M_CONST || y->mode != M_CONST)
        return;
    sc_const_err err = SC_OK;
    e->cval = sc_const_binary(op, x->cval, y->cval, sc_is_integer(x->type), &err);
    if (e->cval.kind == SC_C_UNKNOWN) {
        const_error(c, e, err);
        return;
    }
    e->mode = M_CONST;
    check_typed_const(c, e);
}

/* ---------------------------------------------------------------- composite literals */

static void elem_value(checker *c, sc_expr *v, sc_type *t, const char *ctx)
{
    ck_expr_hint(c, v, t);
    if (v->mode != M_INVALID)
        ck_assignable(c, v, t, ctx);
}

static void struct_lit(checker *c, sc_expr *x, sc_type *u)
{
    sc_exprs *el = &x->composite.elts;
    if (!el->n)
        return;
    bool keyed = el->v[0]->kind == E_KEYVALUE;
    bool *seen = sc_alloc((size_t)(u->nfields + 1));
    for (int i = 0; i < el->n; i++) {
        sc_expr *e = el->v[i];
        if ((e->kind == E_KEYVALUE) != keyed) {
            ck_error(c, e->pos, "mixture of field:value and value elements in struct literal");
            return;
        }
        if (!keyed) {
            if (i >= u->nfields) {
                ck_error(c, e->pos, "too many values in struct literal of type %s",
                         sc_type_string(x->type));
                return;
            }
            elem_value(c, e, u->fields[i].type, "struct literal");
            continue;
        }
        sc_expr *k = e->kv.key;
        int f = -1;
        if (k->kind == E_IDENT)
            for (int j = 0; j < u->nfields; j++)
                if (!strcmp(u->fields[j].name, k->ident.name))
                    f = j;
        if (f < 0) {
            ck_error(c, k->pos, "unknown field '%s' in struct literal of type %s",
                     sc_expr_string(k), sc_type_string(x->type));
            ck_expr_hint(c, e->kv.value, NULL);
            continue;
        }
        if (seen[f])
            ck_error(c, k->pos, "duplicate field name %s in struct literal", k->ident.name);
        seen[f] = true;
        elem_value(c, e->kv.value, u->fields[f].type, "struct literal");
    }
    if (!keyed && el->n < u->nfields)
        ck_error(c, x->composite.rbrace, "too few values in struct literal of type %s",
                 sc_type_string(x->type));
}

/* array_lit: elements of an array or slice literal; returns the length they need */
static int64_t array_lit(checker *c, sc_expr *x, sc_type *elem, int64_t max)
{
    int64_t next = 0, len = 0;
    for (int i = 0; i < x->composite.elts.n; i++) {
        sc_expr *e = x->composite.elts.v[i];
        if (e->kind == E_KEYVALUE) {
            int64_t k = index_value(c, e->kv.key, max);
            if (k >= 0)
                next = k;
            else if (e->kv.key->mode != M_CONST && e->kv.key->mode != M_INVALID)
                ck_error(c, e->kv.key->pos, "index %s must be integer constant",
                         sc_expr_string(e->kv.key));
            e = e->kv.value;
        } else if (max >= 0 && next >= max) {
            ck_error(c, e->pos, "index %lld out of bounds [0:%lld]", (long long)next, (long long)max);
        }
        elem_value(c, e, elem, "array or slice literal");
        next++;
        len = next > len ? next : len;
    }
    return len;
}

static void map_lit(checker *c, sc_expr *x, sc_type *u)
{
    for (int i = 0; i < x->composite.elts.n; i++) {
        sc_expr *e = x->composite.elts.v[i];
        if (e->kind != E_KEYVALUE) {
            ck_error(c, e->pos, "missing key in map literal");
            continue;
        }
        elem_value(c, e->kv.key, u->key, "map literal");
        elem_value(c, e->kv.value, u->elem, "map literal");
        sc_expr *k = e->kv.key;
        if (k->mode != M_CONST)
            continue;
        for (int j = 0; j < i; j++) { /* duplicate constant keys */
            sc_expr *o = x->composite.elts.v[j];
            if (o->kind == E_KEYVALUE && o->kv.key->mode == M_CONST &&
                o->kv.key->cval.kind == k->cval.kind && sc_const_compare(T_EQL, o->kv.key->cval, k->cval)) {
                ck_error(c, k->pos, "duplicate key %s in map literal", sc_expr_string(k));
                break;
            }
        }
    }
}

static void composite(checker *c, sc_expr *x, sc_type *hint)
{
    sc_type *t;
    sc_expr *tx = x->composite.type;
    if (tx && tx->kind == E_ARRAYTYPE && tx->array.len && tx->array.len->kind == E_ELLIPSIS) {
        sc_type *elem = ck_type(c, tx->array.elem); /* [...]T{...}: length from the elements */
        int64_t n = array_lit(c, x, elem, -1);
        t = sc_array_of(elem, n);
        tx->type = t;
        tx->mode = M_TYPE;
        set(x, M_VALUE, t);
        return;
    }
    if (tx) {
        t = ck_type(c, tx);
    } else if (hint) {
        t = hint;
        if (sc_under(t)->kind == K_POINTER) /* []*T{{...}}: &T{...} */
            t = sc_under(t)->elem;
    } else {
        ck_error(c, x->pos, "invalid composite literal type: missing type");
        invalid(x);
        return;
    }
    if (t->kind == K_INVALID) {
        invalid(x);
        return;
    }
    set(x, M_VALUE, t);
    sc_type *u = sc_under(t);
    switch (u->kind) {
    case K_STRUCT: struct_lit(c, x, u); break;
    case K_ARRAY: array_lit(c, x, u->elem, u->len); break;
    case K_SLICE: array_lit(c, x, u->elem, -1); break;
    case K_MAP: map_lit(c, x, u); break;
    default:
        ck_error(c, x->pos, "invalid composite literal type %s", sc_type_string(t));
        invalid(x);
        return;
    }
    if (!tx && hint && sc_under(hint)->kind == K_POINTER)
        x->type = hint; /* the element is &T{...} */
}

/* ---------------------------------------------------------------- function literals */

static void func_lit(checker *c, sc_expr *x)
{
    sc_type *sig = ck_signature(c, x->funclit.type, NULL);
    sc_func_info *info = sc_alloc(sizeof *info);
    info->lit = x;
    info->outer = c->fn ? c->fn->info : NULL;
    ck_func_body(c, info, x->funclit.type, x->funclit.body);
    CK_PUSH(c->prog->funcs, c->prog->nfuncs, c->prog->capfuncs, info);
    x->obj = NULL;
    set(x, M_VALUE, sig);
}

/* ---------------------------------------------------------------- entry points */

static void star(checker *c, sc_expr *x)
{
    ck_expr_or_type(c, x->star.x);
    sc_expr *o = x->star.x;
    if (o->mode == M_INVALID) {
        invalid(x);
        return;
    }
    if (o->mode == M_TYPE) {
        set(x, M_TYPE, sc_pointer_to(o->type));
        return;
    }
    if (!ck_is_value(c, o)) {
        invalid(x);
        return;
    }
    if (o->type->kind == K_UNTYPED_NIL) {
        ck_error(c, x->pos, "invalid operation: cannot indirect nil");
        invalid(x);
        return;
    }
    if (sc_under(o->type)->kind != K_POINTER) {
        ck_error(c, sc_expr_start(o), "invalid operation: cannot indirect %s", ck_describe(o));
        invalid(x);
        return;
    }
    set(x, M_VARIABLE, sc_under(o->type)->elem);
}

static void dispatch(checker *c, sc_expr *x, sc_type *hint)
{
    switch (x->kind) {
    case E_BAD: invalid(x); return;
    case E_IDENT: ident(c, x); return;
    case E_LIT: literal(c, x); return;
    case E_COMPOSITE: composite(c, x, hint); return;
    case E_FUNCLIT: func_lit(c, x); return;
    case E_PAREN:
        ck_expr_or_type(c, x->paren.x);
        *x = (sc_expr){.kind = E_PAREN, .pos = x->pos, .paren = x->paren,
                       .mode = x->paren.x->mode, .type = x->paren.x->type,
                       .cval = x->paren.x->cval, .obj = x->paren.x->obj};
        return;
    case E_SELECTOR: selector(c, x); return;
    case E_INDEX: index_expr(c, x); return;
    case E_SLICE: slice_expr(c, x); return;
    case E_ASSERT: assert_expr(c, x); return;
    case E_CALL: ck_call(c, x); return;
    case E_STAR: star(c, x); return;
    case E_UNARY: unary(c, x); return;
    case E_BINARY: binary(c, x); return;
    case E_KEYVALUE:
        ck_error(c, x->pos, "unexpected key:value expression");
        invalid(x);
        return;
    case E_ELLIPSIS:
        ck_error(c, x->pos, "invalid use of ...");
        invalid(x);
        return;
    default:
        ck_type(c, x);
        return;
    }
}

void ck_expr_or_type(checker *c, sc_expr *x) { dispatch(c, x, NULL); }

void ck_stmt_expr(checker *c, sc_expr *x)
{
    dispatch(c, x, NULL);
    if (x->mode != M_NOVALUE)
        ck_is_value(c, x);
}

bool ck_is_value(checker *c, sc_expr *x)
{
    switch (x->mode) {
    case M_INVALID: return false;
    case M_TYPE:
        ck_error(c, x->pos, "%s (type) is not an expression", sc_expr_string(x));
        break;
    case M_NOVALUE:
        ck_error(c, x->pos, "%s (no value) used as value", sc_expr_string(x));
        break;
    case M_BUILTIN:
        ck_error(c, x->pos, "%s (built-in) must be called", sc_expr_string(x));
        break;
    case M_PACKAGE:
        ck_error(c, x->pos, "use of package %s without selector", sc_expr_string(x));
        break;
    default:
        return true;
    }
    invalid(x);
    return false;
}

void ck_multi_expr(checker *c, sc_expr *x)
{
    dispatch(c, x, NULL);
    ck_is_value(c, x);
}

static void single(checker *c, sc_expr *x)
{
    if (x->mode != M_INVALID && x->type && x->type->kind == K_TUPLE) {
        ck_error(c, sc_expr_start(x), "multiple-value %s (value of type %s) in single-value context",
                 sc_expr_string(x), sc_type_string(x->type));
        invalid(x);
    }
}

void ck_expr(checker *c, sc_expr *x)
{
    ck_multi_expr(c, x);
    single(c, x);
}

void ck_expr_hint(checker *c, sc_expr *x, sc_type *hint)
{
    dispatch(c, x, hint);
    ck_is_value(c, x);
    single(c, x);
}
