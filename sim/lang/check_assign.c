/*
 * check_assign.c — untyped values and assignability (Go's "Assignability" and
 * "Representability"): an untyped constant takes the type its context gives it if it
 * fits ("cannot use 300 (untyped int constant) as uint8 value in assignment
 * (overflows)"); an untyped non-constant expression passes its new type down to its
 * operands, so every expression ends with the concrete type the compiler needs.
 */
#include "sim/lang/check.h"

bool ck_implements(sc_type *t, sc_type *iface, const char **missing)
{
    sc_type *u = sc_under(iface);
    for (int i = 0; i < u->nfields; i++) {
        int path[8], np;
        bool ind;
        sc_object *m = sc_lookup_member(t, u->fields[i].name, path, &np, &ind);
        bool ok = m && !(m->flags & OF_FIELD) && sc_identical(m->type, u->fields[i].type);
        /* a pointer method is not in the method set of the value type */
        if (ok && m->recv && m->recv->kind == K_POINTER && t->kind != K_POINTER && !ind)
            ok = false;
        if (!ok) {
            *missing = u->fields[i].name;
            return false;
        }
    }
    return true;
}

static const char *reason(sc_const_err e)
{
    return e == SC_E_TRUNCATED ? " (truncated)" : e == SC_E_OVERFLOW ? " (overflows)" : "";
}

/* pass_down: an untyped non-constant expression's operands take its new type */
static void pass_down(checker *c, sc_expr *x, sc_type *t)
{
    switch (x->kind) {
    case E_PAREN: ck_set_type(c, x->paren.x, t); break;
    case E_UNARY:
        if (x->unary.op != T_ARROW)
            ck_set_type(c, x->unary.x, t);
        break;
    case E_BINARY:
        if (x->binary.op == T_EQL || x->binary.op == T_NEQ || x->binary.op == T_LSS ||
            x->binary.op == T_LEQ || x->binary.op == T_GTR || x->binary.op == T_GEQ)
            break; /* a comparison's operands keep their own types */
        ck_set_type(c, x->binary.x, t);
        if (x->binary.op != T_SHL && x->binary.op != T_SHR)
            ck_set_type(c, x->binary.y, t);
        break;
    default: break;
    }
}

bool ck_set_type(checker *c, sc_expr *x, sc_type *t)
{
    if (x->mode == M_INVALID || !sc_is_untyped(x->type) || t->kind == K_INVALID)
        return x->mode != M_INVALID;
    sc_type *u = sc_under(t);
    if (u->kind == K_INTERFACE) { /* boxed with its default type */
        if (x->type->kind == K_UNTYPED_NIL) {
            x->type = t;
            return true;
        }
        t = sc_default_type(x->type);
        u = t;
    }
    if (x->type->kind == K_UNTYPED_NIL) {
        if (!sc_has_nil(t)) {
            ck_error(c, sc_expr_start(x), "cannot use nil as %s value in %s", sc_type_string(t), "assignment");
            x->mode = M_INVALID;
            return false;
        }
        x->type = t;
        return true;
    }
    bool fits = x->type->kind == K_UNTYPED_BOOL ? sc_is_boolean(t)
                : x->type->kind == K_UNTYPED_STRING ? sc_is_string(t)
                                                    : sc_is_numeric(t);
    if (!fits) {
        ck_error(c, x->pos, "cannot convert %s to type %s", ck_describe(x), sc_type_string(t));
        x->mode = M_INVALID;
        return false;
    }
    if (x->mode == M_CONST) {
        sc_const_err err = SC_OK;
        sc_const v = sc_const_represent(x->cval, sc_repr_of(t), &err);
        if (v.kind == SC_C_UNKNOWN) {
            ck_error(c, sc_expr_start(x), "cannot use %s as %s value in %s%s", ck_describe(x),
                     sc_type_string(t), "assignment", reason(err));
            x->mode = M_INVALID;
            return false;
        }
        x->cval = v;
    } else if (!sc_is_integer(t) && x->kind == E_BINARY &&
               (x->binary.op == T_SHL || x->binary.op == T_SHR)) {
        ck_error(c, x->pos, "invalid operation: shifted operand %s (type %s) must be integer",
                 sc_expr_string(x->binary.x), sc_type_string(t));
        x->mode = M_INVALID;
        return false;
    }
    x->type = t;
    if (x->mode != M_CONST) /* a constant is compiled as its value: its operands stay */
        pass_down(c, x, t);
    return true;
}

void ck_default(checker *c, sc_expr *x)
{
    if (x->mode != M_INVALID && sc_is_untyped(x->type) && x->type->kind != K_UNTYPED_NIL)
        ck_set_type(c, x, sc_default_type(x->type));
}

/* assignable_typed: Go's assignability of a typed value v of type vt to t */
static bool assignable_typed(sc_type *vt, sc_type *t)
{
    if (sc_identical(vt, t))
        return true;
    sc_type *vu = sc_under(vt), *tu = sc_under(t);
    if ((vt->kind != K_NAMED || t->kind != K_NAMED) && sc_identical(vu, tu))
        return true;
    const char *missing;
    if (tu->kind == K_INTERFACE && ck_implements(vt, t, &missing))
        return true;
    if (vu->kind == K_CHAN && tu->kind == K_CHAN && vu->dir == SC_BOTH &&
        sc_identical(vu->elem, tu->elem) && (vt->kind != K_NAMED || t->kind != K_NAMED))
        return true;
    return false;
}

bool ck_assignable(checker *c, sc_expr *x, sc_type *t, const char *context)
{
    if (x->mode == M_INVALID || t->kind == K_INVALID)
        return false;
    if (sc_is_untyped(x->type)) {
        sc_type *u = sc_under(t);
        if (x->type->kind == K_UNTYPED_NIL) {
            if (!sc_has_nil(t)) {
                ck_error(c, sc_expr_start(x), "cannot use nil as %s value in %s", sc_type_string(t), context);
                return false;
            }
            x->type = t;
            return true;
        }
        sc_kind k = x->type->kind;
        bool fits = u->kind == K_INTERFACE ||
                    (k == K_UNTYPED_BOOL ? sc_is_boolean(t)
                     : k == K_UNTYPED_STRING ? sc_is_string(t)
                                             : sc_is_numeric(t));
        if (!fits || (u->kind == K_INTERFACE && u->nfields &&
                      !assignable_typed(sc_default_type(x->type), t))) {
            ck_error(c, sc_expr_start(x), "cannot use %s as %s value in %s", ck_describe(x),
                     sc_type_string(t), context);
            return false;
        }
        if (x->mode == M_CONST && u->kind != K_INTERFACE) {
            sc_const_err err = SC_OK;
            sc_const v = sc_const_represent(x->cval, sc_repr_of(t), &err);
            if (v.kind == SC_C_UNKNOWN) {
                ck_error(c, sc_expr_start(x), "cannot use %s as %s value in %s%s", ck_describe(x),
                         sc_type_string(t), context, reason(err));
                return false;
            }
        }
        return ck_set_type(c, x, t);
    }
    if (assignable_typed(x->type, t))
        return true;
    const char *missing = NULL;
    if (sc_under(t)->kind == K_INTERFACE && !ck_implements(x->type, t, &missing))
        ck_error(c, sc_expr_start(x), "cannot use %s as %s value in %s: %s does not implement %s "
                 "(missing method %s)", ck_describe(x), sc_type_string(t), context,
                 sc_type_string(x->type), sc_type_string(t), missing);
    else
        ck_error(c, sc_expr_start(x), "cannot use %s as %s value in %s", ck_describe(x), sc_type_string(t),
                 context);
    return false;
}
