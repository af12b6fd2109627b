/*
 * check_call.c — calls (Go's "Calls", "Passing arguments to ... parameters"), conversions
 * and the built-in functions, with types2's messages ("not enough arguments in call to f
 * \n\thave (number)\n\twant (int, int)").
 */
#include "sim/lang/check.h"

static void set(sc_expr *x, sc_mode m, sc_type *t)
{
    x->mode = (uint8_t)m;
    x->type = t;
}
static void invalid(sc_expr *x) { set(x, M_INVALID, &sc_basic[K_INVALID]); }
static sc_type *basic(sc_kind k) { return &sc_basic[k]; }

/* ---------------------------------------------------------------- conversions */

static bool convertible(sc_type *v, sc_type *t)
{
    sc_type *vu = sc_under(v), *tu = sc_under(t);
    if (sc_identical(vu, tu))
        return true;
    if (vu->kind == K_POINTER && tu->kind == K_POINTER && v->kind != K_NAMED &&
        t->kind != K_NAMED && sc_identical(sc_under(vu->elem), sc_under(tu->elem)))
        return true;
    if (sc_is_numeric(vu) && sc_is_numeric(tu))
        return true;
    if (sc_is_string(tu) && (sc_is_integer(vu) ||
                             (vu->kind == K_SLICE && (sc_under(vu->elem)->kind == K_UINT8 ||
                                                      sc_under(vu->elem)->kind == K_INT32))))
        return true;
    if (sc_is_string(vu) && tu->kind == K_SLICE &&
        (sc_under(tu->elem)->kind == K_UINT8 || sc_under(tu->elem)->kind == K_INT32))
        return true;
    const char *missing;
    if (tu->kind == K_INTERFACE && ck_implements(v, t, &missing))
        return true;
    return false;
}

void ck_conversion(checker *c, sc_expr *x, sc_type *t)
{
    sc_expr *a = x->call.args.v[0];
    bool basic_t = sc_under(t)->kind <= K_STRING;
    if (a->mode == M_CONST && basic_t && sc_under(t)->kind != K_INVALID) {
        sc_const_err err = SC_OK;
        bool str_ok = sc_is_string(t) && (sc_is_integer(a->type) || sc_is_string(a->type));
        bool num_ok = sc_is_numeric(t) && sc_is_numeric(a->type);
        bool bool_ok = sc_is_boolean(t) && sc_is_boolean(a->type);
        sc_const v = str_ok || num_ok || bool_ok ? sc_const_convert(a->cval, sc_repr_of(t), &err)
                                                 : (sc_const){0};
        if (v.kind == SC_C_UNKNOWN) {
            const char *why = err == SC_E_TRUNCATED ? " (truncated)" : "";
            ck_error(c, a->pos, "cannot convert %s to type %s%s", ck_describe(a),
                     sc_type_string(t), why);
            invalid(x);
            return;
        }
        if (sc_is_untyped(a->type)) /* the operand itself: typed as the conversion's source */
            ck_set_type(c, a, sc_is_string(t) || !sc_is_numeric(t) ? sc_default_type(a->type) : t);
        set(x, M_CONST, t);
        x->cval = v;
        return;
    }
    if (sc_is_untyped(a->type)) {
        if (a->type->kind == K_UNTYPED_NIL && !sc_has_nil(t)) {
            ck_error(c, a->pos, "cannot convert nil to type %s", sc_type_string(t));
            invalid(x);
            return;
        }
        if (a->type->kind == K_UNTYPED_NIL || sc_under(t)->kind == K_INTERFACE ||
            !sc_is_numeric(t) || !sc_is_numeric(a->type))
            ck_set_type(c, a, a->type->kind == K_UNTYPED_NIL ? t : sc_default_type(a->type));
        else
            ck_set_type(c, a, t);
    }
    if (a->mode == M_INVALID || !convertible(a->type, t)) {
        if (a->mode != M_INVALID)
            ck_error(c, a->pos, "cannot convert %s to type %s", ck_describe(a), sc_type_string(t));
        invalid(x);
        return;
    }
    set(x, M_VALUE, t);
}

/* ---------------------------------------------------------------- arguments */

/* have_list: the argument types as types2 shows them ("number" for untyped numbers) */
static const char *have_list(sc_expr **args, int n)
{
    char buf[256] = "(";
    size_t len = 1;
    for (int i = 0; i < n && len < sizeof buf - 40; i++) {
        sc_type *t = args[i]->type;
        const char *s = !t ? "invalid type"
                        : t->kind == K_UNTYPED_INT || t->kind == K_UNTYPED_FLOAT ||
                                  t->kind == K_UNTYPED_RUNE
                            ? "number"
                            : sc_type_string(t);
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? ", " : "", s);
    }
    snprintf(buf + len, sizeof buf - len, ")");
    return sc_strndup(buf, strlen(buf));
}

static const char *want_list(sc_type *sig)
{
    sc_type tmp = *sig;
    tmp.nresults = 0;
    const char *s = sc_type_string(&tmp); /* "func(int, string)" */
    return s + 4;
}

/* args: the call's arguments, expanded when a single argument is a multi-value call */
static sc_expr **expand(checker *c, sc_expr *x, int *n, bool *spread)
{
    sc_exprs *a = &x->call.args;
    *spread = false;
    for (int i = 0; i < a->n; i++)
        if (a->n == 1)
            ck_multi_expr(c, a->v[i]);
        else
            ck_expr(c, a->v[i]);
    if (a->n == 1 && a->v[0]->mode != M_INVALID && a->v[0]->type &&
        a->v[0]->type->kind == K_TUPLE) {
        sc_type *tu = a->v[0]->type;
        sc_expr **v = sc_alloc((size_t)tu->nresults * sizeof *v);
        for (int i = 0; i < tu->nresults; i++) {
            v[i] = sc_alloc(sizeof **v);
            *v[i] = (sc_expr){.kind = E_BAD, .pos = a->v[0]->pos, .mode = M_VALUE,
                              .type = tu->results[i]};
        }
        *n = tu->nresults;
        *spread = true;
        return v;
    }
    *n = a->n;
    return a->v;
}

static void arguments(checker *c, sc_expr *x, sc_type *sig, const char *fname)
{
    int n;
    bool spread;
    sc_expr **args = expand(c, x, &n, &spread);
    for (int i = 0; i < n; i++)
        if (args[i]->mode == M_INVALID)
            return;
    int np = sig->nparams;
    bool variadic = sig->variadic && !x->call.dots;
    if (x->call.dots && !sig->variadic) {
        ck_error(c, x->call.args.v[n ? n - 1 : 0]->pos, "have (...) but function is not variadic: %s",
                 fname);
        return;
    }
    bool few = variadic ? n < np - 1 : n < np, many = !variadic && n > np;
    if (few || many) {
        sc_pos at = few ? (n ? sc_expr_start(args[n - 1]) : x->call.rparen) : sc_expr_start(args[np]);
        ck_error(c, at, "%s arguments in call to %s\n\thave %s\n\twant %s",
                 few ? "not enough" : "too many", fname, have_list(args, n), want_list(sig));
        return;
    }
    char ctx[128];
    snprintf(ctx, sizeof ctx, "argument to %s", fname);
    for (int i = 0; i < n; i++) {
        sc_type *pt = i < np - 1 || !sig->variadic ? sig->params[i]
                      : variadic                   ? sig->params[np - 1]->elem
                                                   : sig->params[np - 1];
        if (spread) {
            sc_expr tmp = *args[i];
            if (!sc_identical(tmp.type, pt) && !ck_assignable(c, &tmp, pt, ctx))
                return;
        } else {
            ck_assignable(c, args[i], pt, ctx);
        }
    }
}

static void record_param(checker *c, sc_expr *x)
{
    sc_expr **a = x->call.args.v;
    if (x->call.args.n != 2 || a[0]->mode != M_CONST || a[0]->cval.kind != SC_C_STRING ||
        a[1]->mode != M_CONST) {
        if (x->call.args.n == 2 && a[0]->mode != M_INVALID && a[1]->mode != M_INVALID)
            ck_error(c, x->pos, "sim.Param needs a constant name and a constant default");
        return;
    }
    const char *name = sc_strndup(a[0]->cval.s, a[0]->cval.slen);
    int64_t def = sc_const_int64(a[1]->cval);
    sc_program *p = c->prog;
    for (int i = 0; i < p->nparams; i++)
        if (!strcmp(p->params[i].name, name)) {
            if (p->params[i].def != def)
                ck_error(c, x->pos, "parameter %s declared again with another default (%lld, "
                         "first %lld)", name, (long long)def, (long long)p->params[i].def);
            return;
        }
    sc_param pr = {name, def, x->pos};
    CK_PUSH(p->params, p->nparams, p->capparams, pr);
}

static void results(sc_expr *x, sc_type *sig)
{
    if (sig->nresults == 0)
        set(x, M_NOVALUE, sc_tuple(NULL, 0));
    else if (sig->nresults == 1)
        set(x, M_VALUE, sig->results[0]);
    else
        set(x, M_VALUE, sc_tuple(sig->results, sig->nresults));
}

/* ---------------------------------------------------------------- built-ins */

static bool nargs(checker *c, sc_expr *x, const char *name, int min, int max)
{
    (void)name; /* the call itself names the built-in in the message */
    int n = x->call.args.n;
    if (n >= min && (max < 0 || n <= max))
        return true;
    ck_error(c, n < min ? x->call.rparen : x->call.args.v[max]->pos,
             "%s arguments for %s (expected %d, found %d)", n < min ? "not enough" : "too many",
             sc_expr_string(x), n < min ? min : max, n);
    invalid(x);
    return false;
}

static bool int_arg(checker *c, sc_expr *a, const char *what)
{
    ck_expr(c, a);
    if (a->mode == M_INVALID)
        return false;
    if (sc_is_untyped(a->type) && a->mode == M_CONST && !ck_set_type(c, a, basic(K_INT)))
        return false;
    if (!sc_is_integer(a->type)) {
        ck_error(c, a->pos, "cannot convert %s to type int", ck_describe(a));
        return false;
    }
    if (a->mode == M_CONST && a->cval.i < 0) {
        ck_error(c, a->pos, "invalid argument: %s %s must not be negative", what, sc_expr_string(a));
        return false;
    }
    return true;
}

static void make_(checker *c, sc_expr *x)
{
    if (!nargs(c, x, "make", 1, 3))
        return;
    sc_type *t = ck_type(c, x->call.args.v[0]);
    if (t->kind == K_INVALID) {
        invalid(x);
        return;
    }
    sc_kind k = sc_under(t)->kind;
    int min = k == K_SLICE ? 2 : 1, max = k == K_SLICE ? 3 : 2, n = x->call.args.n;
    if (k != K_SLICE && k != K_MAP && k != K_CHAN) {
        ck_error(c, x->call.args.v[0]->pos, "invalid argument: cannot make %s; type must be "
                 "slice, map, or channel", sc_expr_string(x->call.args.v[0]));
        invalid(x);
        return;
    }
    if (n < min || n > max) {
        ck_error(c, x->pos, "invalid operation: %s expects %d or %d arguments; found %d",
                 sc_expr_string(x), min, max, n);
        invalid(x);
        return;
    }
    for (int i = 1; i < n; i++)
        int_arg(c, x->call.args.v[i], i == 1 ? (k == K_SLICE ? "index" : "size") : "index");
    if (n == 3 && x->call.args.v[1]->mode == M_CONST && x->call.args.v[2]->mode == M_CONST &&
        x->call.args.v[1]->cval.i > x->call.args.v[2]->cval.i)
        ck_error(c, x->call.args.v[1]->pos, "invalid argument: length and capacity swapped");
    set(x, M_VALUE, t);
}

static void append_(checker *c, sc_expr *x)
{
    if (!nargs(c, x, "append", 1, -1))
        return;
    sc_expr *s = x->call.args.v[0];
    ck_expr(c, s);
    if (s->mode == M_INVALID) {
        invalid(x);
        return;
    }
    if (s->type->kind == K_UNTYPED_NIL || sc_under(s->type)->kind != K_SLICE) {
        ck_error(c, s->pos, "invalid argument: %s is not a slice", ck_describe(s));
        invalid(x);
        return;
    }
    sc_type *elem = sc_under(s->type)->elem;
    for (int i = 1; i < x->call.args.n; i++) {
        sc_expr *a = x->call.args.v[i];
        if (x->call.dots && i == x->call.args.n - 1) {
            ck_expr(c, a);
            if (a->mode == M_INVALID)
                break;
            if (sc_under(elem)->kind == K_UINT8 && sc_is_string(a->type)) {
                ck_default(c, a);
                break;
            }
            ck_assignable(c, a, sc_slice_of(elem), "append");
            break;
        }
        ck_expr_hint(c, a, elem);
        ck_assignable(c, a, elem, "argument to append");
    }
    set(x, M_VALUE, s->type);
}

/* length: len and cap (constant for a constant string, or an array not needing a call) */
static void length(checker *c, sc_expr *x, bool cap)
{
    if (!nargs(c, x, cap ? "cap" : "len", 1, 1))
        return;
    sc_expr *a = x->call.args.v[0];
    ck_expr(c, a);
    if (a->mode == M_INVALID) {
        invalid(x);
        return;
    }
    sc_type *u = sc_under(a->type);
    if (u->kind == K_POINTER && sc_under(u->elem)->kind == K_ARRAY)
        u = sc_under(u->elem);
    bool ok = u->kind == K_ARRAY || u->kind == K_SLICE || u->kind == K_CHAN ||
              (!cap && (u->kind == K_STRING || u->kind == K_UNTYPED_STRING || u->kind == K_MAP));
    if (!ok) {
        ck_error(c, a->pos, "invalid argument: %s for %s", ck_describe(a), cap ? "cap" : "len");
        invalid(x);
        return;
    }
    set(x, M_VALUE, basic(K_INT));
    if (a->mode == M_CONST && sc_is_string(a->type)) {
        x->mode = M_CONST;
        x->cval = sc_const_int((sc_int128)a->cval.slen);
        ck_default(c, a);
    } else if (u->kind == K_ARRAY && (a->kind == E_IDENT || a->kind == E_SELECTOR)) {
        x->mode = M_CONST;
        x->cval = sc_const_int(u->len);
    }
}

static void copy_(checker *c, sc_expr *x)
{
    if (!nargs(c, x, "copy", 2, 2))
        return;
    sc_expr *d = x->call.args.v[0], *s = x->call.args.v[1];
    ck_expr(c, d);
    ck_expr(c, s);
    if (d->mode == M_INVALID || s->mode == M_INVALID) {
        invalid(x);
        return;
    }
    sc_type *du = sc_under(d->type), *su = sc_under(s->type);
    bool ok = du->kind == K_SLICE &&
              ((su->kind == K_SLICE && sc_identical(du->elem, su->elem)) ||
               (sc_is_string(s->type) && sc_under(du->elem)->kind == K_UINT8));
    if (!ok) {
        ck_error(c, x->pos, "invalid argument: copy expects slice arguments; found %s and %s",
                 ck_describe(d), ck_describe(s));
        invalid(x);
        return;
    }
    ck_default(c, s);
    set(x, M_VALUE, basic(K_INT));
}

static void delete_(checker *c, sc_expr *x)
{
    if (!nargs(c, x, "delete", 2, 2))
        return;
    sc_expr *m = x->call.args.v[0], *k = x->call.args.v[1];
    ck_expr(c, m);
    ck_expr(c, k);
    set(x, M_NOVALUE, sc_tuple(NULL, 0));
    if (m->mode == M_INVALID || k->mode == M_INVALID)
        return;
    if (sc_under(m->type)->kind != K_MAP) {
        ck_error(c, m->pos, "invalid argument: %s is not a map", ck_describe(m));
        return;
    }
    ck_assignable(c, k, sc_under(m->type)->key, "argument to delete");
}

static void simple_builtin(checker *c, sc_expr *x, int id)
{
    sc_exprs *a = &x->call.args;
    switch (id) {
    case BI_NEW:
        if (nargs(c, x, "new", 1, 1))
            set(x, M_VALUE, sc_pointer_to(ck_type(c, a->v[0])));
        return;
    case BI_PANIC:
        if (nargs(c, x, "panic", 1, 1)) {
            ck_expr(c, a->v[0]);
            ck_assignable(c, a->v[0], sc_any, "argument to panic");
            set(x, M_NOVALUE, sc_tuple(NULL, 0));
        }
        return;
    case BI_RECOVER:
        if (nargs(c, x, "recover", 0, 0))
            set(x, M_VALUE, sc_any);
        if (c->fn)
            c->fn->info->has_recover_call = true;
        return;
    case BI_PRINT: case BI_PRINTLN:
        for (int i = 0; i < a->n; i++) {
            ck_expr(c, a->v[i]);
            ck_default(c, a->v[i]);
        }
        set(x, M_NOVALUE, sc_tuple(NULL, 0));
        return;
    case BI_CLOSE:
        if (!nargs(c, x, "close", 1, 1))
            return;
        ck_expr(c, a->v[0]);
        set(x, M_NOVALUE, sc_tuple(NULL, 0));
        if (a->v[0]->mode == M_INVALID)
            return;
        if (sc_under(a->v[0]->type)->kind != K_CHAN)
            ck_error(c, a->v[0]->pos, "invalid operation: non-chan argument %s", ck_describe(a->v[0]));
        else if (sc_under(a->v[0]->type)->dir == SC_RECV)
            ck_error(c, a->v[0]->pos, "invalid operation: cannot close receive-only channel %s",
                     ck_describe(a->v[0]));
        return;
    case BI_CLEAR:
        if (!nargs(c, x, "clear", 1, 1))
            return;
        ck_expr(c, a->v[0]);
        set(x, M_NOVALUE, sc_tuple(NULL, 0));
        if (a->v[0]->mode != M_INVALID && sc_under(a->v[0]->type)->kind != K_MAP &&
            sc_under(a->v[0]->type)->kind != K_SLICE)
            ck_error(c, a->v[0]->pos, "invalid argument: %s must be a map or slice",
                     ck_describe(a->v[0]));
        return;
    default:
        ck_error(c, x->pos, "complex numbers are not supported in scenarios");
        invalid(x);
    }
}

static void builtin(checker *c, sc_expr *x, int id)
{
    switch (id) {
    case BI_LEN: length(c, x, false); return;
    case BI_CAP: length(c, x, true); return;
    case BI_MAKE: make_(c, x); return;
    case BI_APPEND: append_(c, x); return;
    case BI_COPY: copy_(c, x); return;
    case BI_DELETE: delete_(c, x); return;
    default: simple_builtin(c, x, id); return;
    }
}

/* ---------------------------------------------------------------- calls */

void ck_call(checker *c, sc_expr *x)
{
    sc_expr *f = x->call.fun;
    ck_expr_or_type(c, f);
    if (f->mode == M_INVALID) {
        for (int i = 0; i < x->call.args.n; i++)
            ck_expr_or_type(c, x->call.args.v[i]);
        invalid(x);
        return;
    }
    if (f->mode == M_TYPE) {
        int n = x->call.args.n;
        if (n != 1 || x->call.dots) {
            ck_error(c, n ? x->call.args.v[n - 1]->pos : x->call.rparen, "%s in conversion to %s",
                     n ? "too many arguments" : "missing argument", sc_type_string(f->type));
            invalid(x);
            return;
        }
        ck_expr(c, x->call.args.v[0]);
        if (x->call.args.v[0]->mode == M_INVALID) {
            invalid(x);
            return;
        }
        ck_conversion(c, x, f->type);
        return;
    }
    if (f->mode == M_BUILTIN) {
        builtin(c, x, f->obj->id);
        return;
    }
    if (!ck_is_value(c, f)) {
        invalid(x);
        return;
    }
    sc_type *sig = sc_under(f->type);
    if (sig->kind != K_FUNC) {
        ck_error(c, sc_expr_start(f), "invalid operation: cannot call non-function %s",
                 ck_describe(f));
        for (int i = 0; i < x->call.args.n; i++)
            ck_expr_or_type(c, x->call.args.v[i]);
        invalid(x);
        return;
    }
    arguments(c, x, sig, sc_expr_string(f));
    results(x, sig);
    if (f->obj && f->obj->pkg && !strcmp(f->obj->pkg->path, "sim") && !strcmp(f->obj->name, "Param"))
        record_param(c, x);
}
