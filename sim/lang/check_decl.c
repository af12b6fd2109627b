/*
 * check_decl.c — local declarations (var, const, type inside functions), assignments and
 * short variable declarations (Go's "Assignment statements", "Short variable
 * declarations"), and function bodies with what Go checks at their end: missing return,
 * unused variables and labels.
 */
#include "sim/lang/check.h"

static const char *plural(int n) { return n == 1 ? "" : "s"; }

/* mismatch reports "assignment mismatch: 2 variables but f() returns 1 value" */
static void mismatch(checker *c, sc_pos pos, int nl, sc_exprs *values)
{
    sc_expr *v = values->v[0];
    (void)pos;
    pos = sc_expr_start(v); /* Go reports at the first value */
    if (values->n == 1 && v->kind == E_CALL && v->mode != M_INVALID) {
        int nr = v->type && v->type->kind == K_TUPLE ? v->type->nresults : 1;
        ck_error(c, pos, "assignment mismatch: %d variable%s but %s returns %d value%s", nl,
                 plural(nl), sc_expr_string(v->call.fun), nr, plural(nr));
        return;
    }
    ck_error(c, pos, "assignment mismatch: %d variable%s but %d value%s", nl, plural(nl),
             values->n, plural(values->n));
}

/* rhs_types: the types n values provide (n:n, a tuple, or a comma-ok form); NULL after
   an error */
static sc_type **rhs_types(checker *c, int n, sc_exprs *values, sc_pos pos)
{
    sc_type **ts = sc_alloc((size_t)(n ? n : 1) * sizeof *ts);
    if (values->n == n) {
        for (int i = 0; i < n; i++) {
            if (n == 1) { /* x := f() with f returning two values is a mismatch */
                ck_multi_expr(c, values->v[0]);
                if (values->v[0]->mode != M_INVALID && values->v[0]->type->kind == K_TUPLE) {
                    mismatch(c, pos, 1, values);
                    values->v[0]->mode = M_INVALID;
                }
            } else {
                ck_expr(c, values->v[i]);
            }
            ts[i] = values->v[i]->mode == M_INVALID ? NULL : values->v[i]->type;
        }
        return ts;
    }
    if (values->n == 1) {
        sc_expr *v = values->v[0];
        ck_multi_expr(c, v);
        if (v->mode == M_INVALID)
            return NULL;
        if (v->type->kind == K_TUPLE && v->type->nresults == n) {
            for (int i = 0; i < n; i++)
                ts[i] = v->type->results[i];
            return ts;
        }
        if (n == 2 && (v->mode == M_MAPINDEX || v->mode == M_COMMAOK)) {
            ts[0] = v->type;
            ts[1] = &sc_basic[K_UNTYPED_BOOL];
            return ts;
        }
    } else {
        for (int i = 0; i < values->n; i++)
            ck_expr(c, values->v[i]);
    }
    mismatch(c, pos, n, values);
    return NULL;
}

/* one_to_one: values and lhs pair up, so each value is converted where it stands */
static bool one_to_one(int n, sc_exprs *values) { return values->n == n; }

void ck_init_vars(checker *c, sc_object **lhs, int n, sc_type *t, sc_exprs *values, sc_pos pos)
{
    if (!values->n) {
        for (int i = 0; i < n; i++)
            lhs[i]->type = t ? t : &sc_basic[K_INVALID];
        return;
    }
    sc_type **ts = rhs_types(c, n, values, pos);
    for (int i = 0; i < n; i++) {
        sc_type *vt = ts ? ts[i] : NULL;
        if (!vt) {
            lhs[i]->type = t ? t : &sc_basic[K_INVALID];
            continue;
        }
        if (one_to_one(n, values)) {
            sc_expr *v = values->v[i];
            if (t) {
                ck_assignable(c, v, t, "variable declaration");
            } else if (v->type->kind == K_UNTYPED_NIL) {
                ck_error(c, v->pos, "use of untyped nil in %s", "variable declaration");
                v->type = &sc_basic[K_INVALID];
            } else {
                ck_default(c, v);
            }
            lhs[i]->type = t ? t : v->type;
            continue;
        }
        lhs[i]->type = t ? t : sc_default_type(vt);
        if (t && !sc_identical(sc_default_type(vt), t) && vt->kind != K_UNTYPED_BOOL) {
            sc_expr tmp = {.kind = E_BAD, .pos = pos, .mode = M_VALUE, .type = vt};
            ck_assignable(c, &tmp, t, "variable declaration");
        }
    }
}

/* ---------------------------------------------------------------- local declarations */

static void declare_all(checker *c, sc_object **objs, sc_exprs *names)
{
    for (int i = 0; i < names->n; i++) {
        names->v[i]->obj = objs[i];
        if (ck_declare(c, c->scope, objs[i]) && objs[i]->kind == O_VAR && c->fn)
            CK_PUSH(c->fn->info->locals, c->fn->info->nlocals, c->fn->info->caplocals, objs[i]);
    }
}

static sc_object **new_objects(sc_obj_kind k, sc_exprs *names)
{
    sc_object **objs = sc_alloc((size_t)(names->n ? names->n : 1) * sizeof *objs);
    for (int i = 0; i < names->n; i++)
        objs[i] = sc_new_object(k, names->v[i]->ident.name, names->v[i]->pos, NULL);
    return objs;
}

static void local_const(checker *c, sc_decl *d, sc_spec *s)
{
    sc_spec *src = s;
    while (src->implicit && src > d->specs)
        src--;
    sc_object **objs = new_objects(O_CONST, &s->names);
    int saved = c->iota;
    c->iota = s->iota;
    sc_type *t = src->type ? ck_type(c, src->type) : NULL;
    for (int i = 0; i < s->names.n; i++) {
        objs[i]->type = &sc_basic[K_INVALID];
        if (i >= src->values.n) {
            ck_error(c, objs[i]->pos, "missing init expr for const declaration");
            continue;
        }
        sc_expr *x = src->values.v[i];
        if (src != s) {
            sc_expr *copy = sc_alloc(sizeof *copy);
            *copy = *x;
            x = copy;
        }
        ck_expr(c, x);
        if (x->mode == M_INVALID)
            continue;
        if (x->mode != M_CONST) {
            ck_error(c, x->pos, "%s is not constant", ck_describe(x));
            continue;
        }
        if (t && !ck_assignable(c, x, t, "constant declaration"))
            continue;
        objs[i]->type = x->type;
        objs[i]->val = x->cval;
    }
    if (src->values.n > s->names.n && src == s)
        ck_error(c, src->values.v[s->names.n]->pos, "extra init expr");
    c->iota = saved;
    declare_all(c, objs, &s->names);
    for (int i = 0; i < s->names.n; i++)
        objs[i]->flags |= OF_USED; /* unused constants are fine in Go */
}

static void local_type(checker *c, sc_spec *s)
{
    sc_expr *name = s->names.v[0];
    sc_object *o = sc_new_object(O_TYPE, name->ident.name, name->pos, NULL);
    o->pkg = c->pkg;
    name->obj = o;
    if (s->alias) {
        o->type = ck_type(c, s->type);
        ck_declare(c, c->scope, o);
        return;
    }
    o->type = sc_new_type(K_NAMED);
    o->type->name = o->name;
    o->type->obj = o;
    ck_declare(c, c->scope, o); /* before its underlying type: it may refer to itself */
    ck_named_underlying(c, o->type, s->type);
    if (!ck_layout(o->type))
        ck_error(c, o->pos, "invalid recursive type %s", o->name);
}

void ck_local_decl(checker *c, sc_decl *d)
{
    for (int k = 0; k < d->nspecs; k++) {
        sc_spec *s = &d->specs[k];
        switch (d->kind) {
        case D_CONST: local_const(c, d, s); break;
        case D_TYPE: local_type(c, s); break;
        case D_VAR: {
            sc_object **objs = new_objects(O_VAR, &s->names);
            sc_type *t = s->type ? ck_type(c, s->type) : NULL;
            if (s->values.n && s->values.n != s->names.n && s->values.n != 1) {
                for (int i = 0; i < s->values.n; i++)
                    ck_expr(c, s->values.v[i]);
                mismatch(c, s->names.v[0]->pos, s->names.n, &s->values);
                for (int i = 0; i < s->names.n; i++)
                    objs[i]->type = t ? t : &sc_basic[K_INVALID];
            } else {
                ck_init_vars(c, objs, s->names.n, t, &s->values, s->names.v[0]->pos);
            }
            declare_all(c, objs, &s->names);
            break;
        }
        default: break;
        }
    }
}

/* ---------------------------------------------------------------- assignments */

/* lhs_expr checks an assignment's left side without counting it as a use */
static void lhs_expr(checker *c, sc_expr *x)
{
    if (x->kind == E_IDENT && !strcmp(x->ident.name, "_")) {
        x->mode = M_VARIABLE;
        x->type = NULL; /* blank: takes anything */
        return;
    }
    sc_object *o = x->kind == E_IDENT ? sc_scope_lookup(c->scope, x->ident.name, NULL) : NULL;
    bool was_used = o && (o->flags & OF_USED);
    ck_expr(c, x);
    if (o && o->kind == O_VAR && !was_used && !(o->flags & OF_GLOBAL))
        o->flags &= ~(unsigned)OF_USED;
    if (x->mode == M_INVALID || x->mode == M_VARIABLE || x->mode == M_MAPINDEX)
        return;
    sc_expr *b = x->kind == E_SELECTOR ? x->selector.x : NULL;
    while (b && b->kind == E_PAREN)
        b = b->paren.x;
    if (b && b->mode == M_MAPINDEX) {
        ck_error(c, sc_expr_start(x), "cannot assign to struct field %s in map",
                 sc_expr_string(x));
    } else {
        ck_error(c, sc_expr_start(x), "cannot assign to %s", ck_describe(x));
    }
    x->mode = M_INVALID;
}

static void assign_value(checker *c, sc_expr *l, sc_expr *v)
{
    if (l->mode == M_INVALID || v->mode == M_INVALID)
        return;
    if (!l->type) { /* _ = v */
        if (v->type->kind == K_UNTYPED_NIL)
            ck_error(c, v->pos, "use of untyped nil in assignment");
        ck_default(c, v);
        return;
    }
    ck_assignable(c, v, l->type, "assignment");
}

static void plain_assign(checker *c, sc_stmt *s)
{
    sc_exprs *lhs = &s->assign.lhs, *rhs = &s->assign.rhs;
    for (int i = 0; i < lhs->n; i++)
        lhs_expr(c, lhs->v[i]);
    if (lhs->n == rhs->n) {
        for (int i = 0; i < rhs->n; i++) {
            ck_expr_hint(c, rhs->v[i], lhs->v[i]->type);
            assign_value(c, lhs->v[i], rhs->v[i]);
        }
        return;
    }
    sc_type **ts = rhs_types(c, lhs->n, rhs, lhs->v[0]->pos);
    for (int i = 0; ts && i < lhs->n; i++) {
        sc_expr tmp = {.kind = E_BAD, .pos = rhs->v[0]->pos, .mode = M_VALUE, .type = ts[i]};
        assign_value(c, lhs->v[i], &tmp);
    }
}

static void op_assign(checker *c, sc_stmt *s)
{
    sc_expr *l = s->assign.lhs.v[0], *r = s->assign.rhs.v[0];
    lhs_expr(c, l);
    if (l->mode == M_INVALID || !l->type) {
        ck_expr(c, r);
        if (l->mode != M_INVALID)
            ck_error(c, l->pos, "cannot use _ as value");
        return;
    }
    /* x op= y is x = x op y with x evaluated once: check the binary expression */
    sc_expr *b = sc_alloc(sizeof *b);
    sc_expr *lcopy = sc_alloc(sizeof *lcopy);
    *lcopy = *l;
    b->kind = E_BINARY;
    b->pos = s->pos;
    b->binary.op = (sc_tok)(s->assign.op - T_ADD_ASSIGN + T_ADD);
    b->binary.x = lcopy;
    b->binary.y = r;
    ck_expr(c, b); /* x op= y reads x: a use, as in Go */
    if (l->kind == E_IDENT && l->obj)
        l->obj->flags |= OF_USED;
    if (b->mode != M_INVALID)
        ck_assignable(c, b, l->type, "assignment");
}

static void short_var_decl(checker *c, sc_stmt *s)
{
    sc_exprs *lhs = &s->assign.lhs, *rhs = &s->assign.rhs;
    sc_object **objs = sc_alloc((size_t)lhs->n * sizeof *objs);
    bool any_new = false, ok = true;
    for (int i = 0; i < lhs->n; i++) {
        sc_expr *l = lhs->v[i];
        if (l->kind != E_IDENT) {
            ck_error(c, l->pos, "non-name %s on left side of :=", sc_expr_string(l));
            ok = false;
            continue;
        }
        sc_object *old = strcmp(l->ident.name, "_") ? sc_scope_lookup_local(c->scope, l->ident.name)
                                                    : NULL;
        if (old && old->kind == O_VAR) {
            objs[i] = old; /* redeclared: assigned */
            l->obj = old;
            l->mode = M_VARIABLE;
            l->type = old->type;
            continue;
        }
        objs[i] = sc_new_object(O_VAR, l->ident.name, l->pos, NULL);
        any_new |= strcmp(l->ident.name, "_") != 0;
        for (int k = 0; k < i; k++)
            if (objs[k] && !strcmp(objs[k]->name, l->ident.name) && strcmp(l->ident.name, "_")) {
                ck_error(c, l->pos, "%s repeated on left side of :=", l->ident.name);
                ok = false;
            }
    }
    if (!any_new && ok)
        ck_error(c, s->assign.oppos, "no new variables on left side of :=");
    if (!ok) {
        for (int i = 0; i < rhs->n; i++)
            ck_expr(c, rhs->v[i]);
        return;
    }
    /* the new variables get their types from the values; old ones are assigned to */
    sc_object **fresh = sc_alloc((size_t)lhs->n * sizeof *fresh);
    for (int i = 0; i < lhs->n; i++)
        fresh[i] = lhs->v[i]->obj == objs[i] ? sc_new_object(O_VAR, "_", lhs->v[i]->pos, NULL)
                                             : objs[i];
    ck_init_vars(c, fresh, lhs->n, NULL, rhs, lhs->v[0]->pos);
    for (int i = 0; i < lhs->n; i++) {
        if (fresh[i] != objs[i]) { /* an existing variable: the value must be assignable */
            if (fresh[i]->type && fresh[i]->type->kind != K_INVALID && objs[i]->type &&
                !sc_identical(fresh[i]->type, objs[i]->type)) {
                sc_expr tmp = {.kind = E_BAD, .pos = lhs->v[i]->pos, .mode = M_VALUE,
                               .type = fresh[i]->type};
                if (rhs->n == lhs->n)
                    tmp = *rhs->v[i];
                ck_assignable(c, &tmp, objs[i]->type, "assignment");
            }
            continue;
        }
        lhs->v[i]->obj = objs[i];
        lhs->v[i]->mode = M_VARIABLE;
        lhs->v[i]->type = objs[i]->type;
        if (ck_declare(c, c->scope, objs[i]) && c->fn)
            CK_PUSH(c->fn->info->locals, c->fn->info->nlocals, c->fn->info->caplocals, objs[i]);
    }
}

void ck_assign_stmt(checker *c, sc_stmt *s)
{
    if (s->assign.op == T_DEFINE)
        short_var_decl(c, s);
    else if (s->assign.op == T_ASSIGN)
        plain_assign(c, s);
    else
        op_assign(c, s);
}
