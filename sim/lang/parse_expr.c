/*
 * parse_expr.c — expressions and types (Go's "Expressions" and "Types" productions).
 * Types appear where expressions do (conversions, make, composite literals), so operands
 * include type literals and the checker sorts them out, as in Go's own parser.
 */
#include "sim/lang/parse.h"

static sc_expr *unary(parser *p);
static sc_expr *primary(parser *p, sc_expr *x);

sc_expr *sc_p_name(parser *p)
{
    sc_expr *x = sc_p_expr_node(E_IDENT, p->tok.pos);
    if (p->tok.kind == T_IDENT) {
        x->ident.name = sc_strndup(p->tok.text, p->tok.len);
        sc_p_next(p);
        return x;
    }
    x->ident.name = "_";
    sc_p_syntax_error(p, "expecting name");
    return x;
}

static int precedence(sc_tok t)
{
    switch (t) {
    case T_LOR: return 1;
    case T_LAND: return 2;
    case T_EQL: case T_NEQ: case T_LSS: case T_LEQ: case T_GTR: case T_GEQ: return 3;
    case T_ADD: case T_SUB: case T_OR: case T_XOR: return 4;
    case T_MUL: case T_QUO: case T_REM: case T_SHL: case T_SHR: case T_AND: case T_AND_NOT:
        return 5;
    default: return 0;
    }
}

/* binary: a chain a + b + c builds a left-deep tree; each link counts toward the nesting
   budget (sc_p_enter), so no input builds a tree deeper than the checker can walk */
static sc_expr *binary(parser *p, int prec)
{
    sc_expr *x = unary(p);
    int links = 0;
    for (;; links++) {
        int q = precedence(p->tok.kind);
        if (q <= prec || !sc_p_enter(p))
            break;
        sc_expr *b = sc_p_expr_node(E_BINARY, p->tok.pos);
        b->binary.op = p->tok.kind;
        sc_p_next(p);
        b->binary.x = x;
        b->binary.y = binary(p, q);
        x = b;
    }
    p->depth -= links;
    return x;
}

sc_expr *sc_p_expr(parser *p)
{
    if (!sc_p_enter(p))
        return sc_p_bad_expr(p->tok.pos);
    sc_expr *x = binary(p, 0);
    sc_p_leave(p);
    return x;
}

sc_exprs sc_p_expr_list(parser *p)
{
    sc_exprs l = {0};
    do
        sc_p_push_expr(&l, sc_p_expr(p));
    while (sc_p_got(p, T_COMMA));
    return l;
}

sc_expr *sc_p_unary_expr(parser *p) { return unary(p); }

static sc_expr *unary(parser *p)
{
    sc_pos pos = p->tok.pos;
    switch (p->tok.kind) {
    case T_MUL: {
        sc_p_next(p);
        sc_expr *x = sc_p_expr_node(E_STAR, pos);
        if (!sc_p_enter(p))
            return x;
        x->star.x = unary(p);
        sc_p_leave(p);
        return x;
    }
    case T_ADD: case T_SUB: case T_NOT: case T_XOR: case T_AND: case T_TILDE: {
        sc_expr *x = sc_p_expr_node(E_UNARY, pos);
        x->unary.op = p->tok.kind;
        sc_p_next(p);
        if (!sc_p_enter(p))
            return x;
        x->unary.x = unary(p);
        sc_p_leave(p);
        return x;
    }
    case T_ARROW: {
        sc_p_next(p);
        if (!sc_p_enter(p))
            return sc_p_bad_expr(pos);
        sc_expr *x = unary(p);
        sc_p_leave(p);
        if (x->kind == E_CHANTYPE) { /* <-chan T: re-associate as Go's parser does */
            if (x->chan.dir == SC_SEND) {
                sc_p_syntax_error_at(p, x->pos, "unexpected <-, expecting chan");
                return x;
            }
            x->chan.dir = SC_RECV;
            x->pos = pos;
            return x;
        }
        sc_expr *u = sc_p_expr_node(E_UNARY, pos);
        u->unary.op = T_ARROW;
        u->unary.x = x;
        return u;
    }
    default:
        return primary(p, NULL);
    }
}

/* ---------------------------------------------------------------- operands */

static sc_expr *func_lit_or_type(parser *p)
{
    sc_pos pos = p->tok.pos;
    sc_p_next(p);
    sc_expr *t = sc_p_func_type(p, pos);
    if (p->tok.kind != T_LBRACE)
        return t;
    sc_expr *f = sc_p_expr_node(E_FUNCLIT, pos);
    f->funclit.type = t;
    p->xnest++;
    f->funclit.body = sc_p_func_body(p);
    p->xnest--;
    return f;
}

static sc_expr *operand(parser *p)
{
    sc_pos pos = p->tok.pos;
    switch (p->tok.kind) {
    case T_IDENT:
        return sc_p_name(p);
    case T_INT: case T_FLOAT: case T_IMAG: case T_CHAR: case T_STRING: {
        sc_expr *x = sc_p_expr_node(E_LIT, pos);
        x->lit = p->tok;
        sc_p_next(p);
        return x;
    }
    case T_LPAREN: {
        sc_p_next(p);
        sc_expr *x = sc_p_expr_node(E_PAREN, pos);
        p->xnest++;
        x->paren.x = sc_p_expr(p);
        p->xnest--;
        sc_p_want(p, T_RPAREN);
        return x;
    }
    case T_FUNC:
        return func_lit_or_type(p);
    case T_LBRACK: case T_CHAN: case T_MAP: case T_STRUCT: case T_INTERFACE:
        return sc_p_type(p);
    default:
        sc_p_syntax_error(p, "expecting expression");
        sc_p_advance(p, (const sc_tok[]){T_RPAREN, T_RBRACK, T_RBRACE}, 3);
        return sc_p_bad_expr(pos);
    }
}

/* ---------------------------------------------------------------- primary expressions */

static sc_expr *selector_or_assert(parser *p, sc_expr *x)
{
    sc_pos pos = p->tok.pos;
    sc_p_next(p); /* . */
    if (p->tok.kind == T_IDENT) {
        sc_expr *s = sc_p_expr_node(E_SELECTOR, pos);
        s->selector.x = x;
        s->selector.sel = sc_p_name(p);
        return s;
    }
    if (p->tok.kind == T_LPAREN) {
        sc_p_next(p);
        sc_expr *a = sc_p_expr_node(E_ASSERT, pos);
        a->assert.x = x;
        if (!sc_p_got(p, T_TYPE))
            a->assert.type = sc_p_type(p);
        sc_p_want(p, T_RPAREN);
        return a;
    }
    sc_p_syntax_error(p, "expecting name or (");
    sc_p_advance(p, (const sc_tok[]){T_SEMICOLON, T_RPAREN}, 2);
    return x;
}

static sc_expr *index_or_slice(parser *p, sc_expr *x)
{
    sc_pos pos = p->tok.pos;
    sc_p_next(p); /* [ */
    p->xnest++;
    sc_expr *i = NULL;
    if (p->tok.kind != T_COLON) {
        i = sc_p_expr(p);
        if (sc_p_got(p, T_RBRACK)) {
            p->xnest--;
            sc_expr *e = sc_p_expr_node(E_INDEX, pos);
            e->index.x = x;
            e->index.index = i;
            return e;
        }
    }
    sc_expr *s = sc_p_expr_node(E_SLICE, pos);
    s->slice.x = x;
    s->slice.lo = i;
    if (!sc_p_got(p, T_COLON)) {
        sc_p_syntax_error(p, "expecting comma, : or ]");
        sc_p_advance(p, (const sc_tok[]){T_RBRACK}, 1);
    }
    if (p->tok.kind != T_COLON && p->tok.kind != T_RBRACK)
        s->slice.hi = sc_p_expr(p);
    if (sc_p_got(p, T_COLON)) {
        s->slice.three = true;
        if (!s->slice.hi)
            sc_p_syntax_error_at(p, p->tok.pos, "middle index required in 3-index slice");
        if (p->tok.kind == T_RBRACK)
            sc_p_syntax_error_at(p, p->tok.pos, "final index required in 3-index slice");
        else
            s->slice.max = sc_p_expr(p);
    }
    p->xnest--;
    sc_p_want(p, T_RBRACK);
    return s;
}

/* arg_list: ( [args [...]] ), Go's "in argument list; possibly missing comma or )" */
static sc_expr *call(parser *p, sc_expr *fun)
{
    sc_expr *c = sc_p_expr_node(E_CALL, p->tok.pos);
    c->call.fun = fun;
    sc_p_next(p); /* ( */
    p->xnest++;
    while (p->tok.kind != T_RPAREN && p->tok.kind != T_EOF) {
        SC_PROGRESS_BEGIN(p);
        sc_p_push_expr(&c->call.args, sc_p_expr(p)); /* types too: make([]int, n) */
        if (sc_p_got(p, T_ELLIPSIS))
            c->call.dots = true;
        if (!sc_p_got(p, T_COMMA)) {
            if (p->tok.kind != T_RPAREN) {
                sc_p_syntax_error(p, "in argument list; possibly missing comma or )");
                sc_p_advance(p, (const sc_tok[]){T_RPAREN, T_RBRACK, T_RBRACE}, 3);
            }
            break;
        }
        SC_PROGRESS_END(p);
    }
    p->xnest--;
    c->call.rparen = p->tok.pos;
    sc_p_want(p, T_RPAREN);
    return c;
}

static sc_expr *element(parser *p)
{
    if (p->tok.kind == T_LBRACE) { /* an elided type: {1, 2} inside [][]int{...} */
        sc_expr *c = sc_p_expr_node(E_COMPOSITE, p->tok.pos);
        return primary(p, c); /* primary sees { on an E_COMPOSITE without type */
    }
    return sc_p_expr(p);
}

static sc_expr *composite(parser *p, sc_expr *type)
{
    sc_expr *c = type && type->kind == E_COMPOSITE && !type->composite.type ? type
                                                                                : NULL;
    if (!c) {
        c = sc_p_expr_node(E_COMPOSITE, type ? type->pos : p->tok.pos);
        c->composite.type = type;
    }
    sc_p_next(p); /* { */
    p->xnest++;
    while (p->tok.kind != T_RBRACE && p->tok.kind != T_EOF) {
        SC_PROGRESS_BEGIN(p);
        sc_expr *e = element(p);
        if (p->tok.kind == T_COLON) {
            sc_expr *kv = sc_p_expr_node(E_KEYVALUE, p->tok.pos);
            sc_p_next(p);
            kv->kv.key = e;
            kv->kv.value = element(p);
            e = kv;
        }
        sc_p_push_expr(&c->composite.elts, e);
        if (!sc_p_got(p, T_COMMA)) {
            if (p->tok.kind != T_RBRACE) {
                sc_p_syntax_error(p, "in composite literal; possibly missing comma or }");
                sc_p_advance(p, (const sc_tok[]){T_RPAREN, T_RBRACK, T_RBRACE}, 3);
            }
            break;
        }
        SC_PROGRESS_END(p);
    }
    p->xnest--;
    c->composite.rbrace = p->tok.pos;
    sc_p_want(p, T_RBRACE);
    return c;
}

/* complit_ok: whether { after x starts a composite literal (Go's rule: a bare type name
   only outside control clauses; a type literal always) */
static bool complit_ok(const parser *p, const sc_expr *x)
{
    switch (x->kind) {
    case E_IDENT: case E_SELECTOR:
        return p->xnest >= 0;
    case E_ARRAYTYPE: case E_STRUCTTYPE: case E_MAPTYPE:
        return true;
    case E_COMPOSITE:
        return !x->composite.type && !x->composite.elts.n && !x->composite.rbrace.line;
    default:
        return false;
    }
}

static sc_expr *primary(parser *p, sc_expr *x)
{
    if (!sc_p_enter(p))
        return sc_p_bad_expr(p->tok.pos);
    if (!x)
        x = operand(p);
    int links = 0; /* x.f(y)[z]...: each link deepens the tree (see binary) */
    for (; sc_p_enter(p); links++) {
        switch (p->tok.kind) {
        case T_PERIOD: x = selector_or_assert(p, x); continue;
        case T_LBRACK: x = index_or_slice(p, x); continue;
        case T_LPAREN: x = call(p, x); continue;
        case T_LBRACE:
            if (complit_ok(p, x)) {
                x = composite(p, x);
                continue;
            }
            break;
        default:
            break;
        }
        sc_p_leave(p);
        break;
    }
    p->depth -= links;
    sc_p_leave(p);
    return x;
}

/* ---------------------------------------------------------------- types */

static sc_expr *type_name(parser *p)
{
    sc_expr *x = sc_p_name(p);
    if (p->tok.kind != T_PERIOD)
        return x;
    sc_expr *s = sc_p_expr_node(E_SELECTOR, p->tok.pos);
    sc_p_next(p);
    s->selector.x = x;
    s->selector.sel = sc_p_name(p);
    return s;
}

/* fields: a struct's { name T; ... } or an interface's { method(sig); ... } */
static sc_fields field_block(parser *p, bool iface)
{
    sc_fields f = {0};
    f.open = p->tok.pos;
    sc_p_want(p, T_LBRACE);
    while (p->tok.kind != T_RBRACE && p->tok.kind != T_EOF) {
        SC_PROGRESS_BEGIN(p);
        sc_field fl = {.pos = p->tok.pos};
        if (iface) {
            sc_expr *n = type_name(p);
            if (n->kind == E_IDENT && p->tok.kind == T_LPAREN) {
                sc_p_push_expr(&fl.names, n);
                fl.type = sc_p_func_type(p, p->tok.pos);
            } else {
                fl.type = n; /* an embedded interface */
            }
        } else if (p->tok.kind == T_MUL) { /* embedded *T */
            sc_expr *s = sc_p_expr_node(E_STAR, p->tok.pos);
            sc_p_next(p);
            s->star.x = type_name(p);
            fl.type = s;
        } else {
            sc_expr *n = type_name(p);
            if (n->kind == E_IDENT && p->tok.kind != T_SEMICOLON && p->tok.kind != T_RBRACE &&
                p->tok.kind != T_STRING) {
                sc_p_push_expr(&fl.names, n);
                while (sc_p_got(p, T_COMMA))
                    sc_p_push_expr(&fl.names, sc_p_name(p));
                fl.type = sc_p_type(p);
            } else {
                fl.type = n; /* an embedded field */
            }
            if (p->tok.kind == T_STRING)
                sc_p_next(p); /* a tag: read and ignored */
        }
        sc_p_push_field(&f, fl);
        if (!sc_p_got(p, T_SEMICOLON) && p->tok.kind != T_RBRACE) {
            sc_p_syntax_error(p, iface ? "after method or embedded type in interface"
                                       : "expecting semicolon, newline, or }");
            sc_p_advance(p, (const sc_tok[]){T_SEMICOLON, T_RBRACE}, 2);
            sc_p_got(p, T_SEMICOLON);
        }
        SC_PROGRESS_END(p);
    }
    f.close = p->tok.pos;
    sc_p_want(p, T_RBRACE);
    return f;
}

static sc_expr *array_or_slice(parser *p)
{
    sc_expr *t = sc_p_expr_node(E_ARRAYTYPE, p->tok.pos);
    sc_p_next(p); /* [ */
    if (!sc_p_got(p, T_RBRACK)) {
        p->xnest++;
        if (p->tok.kind == T_ELLIPSIS) {
            t->array.len = sc_p_expr_node(E_ELLIPSIS, p->tok.pos);
            sc_p_next(p);
        } else {
            t->array.len = sc_p_expr(p);
        }
        p->xnest--;
        sc_p_want(p, T_RBRACK);
    }
    t->array.elem = sc_p_type(p);
    return t;
}

static sc_expr *chan_type(parser *p)
{
    sc_expr *t = sc_p_expr_node(E_CHANTYPE, p->tok.pos);
    sc_p_next(p); /* chan */
    t->chan.dir = SC_BOTH;
    if (sc_p_got(p, T_ARROW))
        t->chan.dir = SC_SEND;
    t->chan.value = sc_p_type(p);
    return t;
}

sc_expr *sc_p_type_or_nil(parser *p)
{
    sc_pos pos = p->tok.pos;
    sc_expr *t;
    if (!sc_p_enter(p))
        return sc_p_bad_expr(pos);
    switch (p->tok.kind) {
    case T_MUL:
        sc_p_next(p);
        t = sc_p_expr_node(E_STAR, pos);
        t->star.x = sc_p_type(p);
        break;
    case T_ARROW:
        sc_p_next(p);
        t = sc_p_expr_node(E_CHANTYPE, pos);
        if (p->tok.kind != T_CHAN) {
            sc_p_syntax_error(p, "expecting chan");
            t->chan.value = sc_p_bad_expr(pos);
            break;
        }
        sc_p_next(p);
        t->chan.dir = SC_RECV;
        t->chan.value = sc_p_type(p);
        break;
    case T_FUNC:
        sc_p_next(p);
        t = sc_p_func_type(p, pos);
        break;
    case T_LBRACK: t = array_or_slice(p); break;
    case T_CHAN: t = chan_type(p); break;
    case T_MAP:
        sc_p_next(p);
        t = sc_p_expr_node(E_MAPTYPE, pos);
        sc_p_want(p, T_LBRACK);
        t->map.key = sc_p_type(p);
        sc_p_want(p, T_RBRACK);
        t->map.value = sc_p_type(p);
        break;
    case T_STRUCT:
        sc_p_next(p);
        t = sc_p_expr_node(E_STRUCTTYPE, pos);
        t->strct.fields = field_block(p, false);
        break;
    case T_INTERFACE:
        sc_p_next(p);
        t = sc_p_expr_node(E_IFACETYPE, pos);
        t->iface.methods = field_block(p, true);
        break;
    case T_IDENT: t = type_name(p); break;
    case T_LPAREN:
        sc_p_next(p);
        t = sc_p_expr_node(E_PAREN, pos);
        t->paren.x = sc_p_type(p);
        sc_p_want(p, T_RPAREN);
        break;
    default:
        t = NULL;
    }
    sc_p_leave(p);
    return t;
}

sc_expr *sc_p_type(parser *p)
{
    sc_expr *t = sc_p_type_or_nil(p);
    if (t)
        return t;
    sc_pos pos = p->tok.pos;
    sc_p_syntax_error(p, "expecting type");
    sc_p_advance(p, (const sc_tok[]){T_COMMA, T_COLON, T_SEMICOLON, T_RPAREN, T_RBRACK,
                                     T_RBRACE}, 6);
    return sc_p_bad_expr(pos);
}

/* ---------------------------------------------------------------- signatures */

/* one entry of a parameter list: [name] [...]Type, or a lone name (a name or a type: the
   list as a whole decides) */
static sc_field param(parser *p)
{
    sc_field f = {.pos = p->tok.pos};
    if (p->tok.kind == T_IDENT) {
        sc_expr *n = sc_p_name(p);
        if (p->tok.kind == T_PERIOD) { /* pkg.T */
            sc_expr *s = sc_p_expr_node(E_SELECTOR, p->tok.pos);
            sc_p_next(p);
            s->selector.x = n;
            s->selector.sel = sc_p_name(p);
            f.type = s;
            return f;
        }
        if (p->tok.kind == T_ELLIPSIS) {
            sc_p_push_expr(&f.names, n);
            f.type = sc_p_expr_node(E_ELLIPSIS, p->tok.pos);
            sc_p_next(p);
            f.type->ellipsis.elt = sc_p_type(p);
            return f;
        }
        sc_expr *t = sc_p_type_or_nil(p);
        if (t)
            sc_p_push_expr(&f.names, n);
        f.type = t ? t : n;
        if (!t)
            f.names.n = -1; /* a lone name: decided by the list */
        return f;
    }
    if (p->tok.kind == T_ELLIPSIS) {
        f.type = sc_p_expr_node(E_ELLIPSIS, p->tok.pos);
        sc_p_next(p);
        f.type->ellipsis.elt = sc_p_type(p);
        return f;
    }
    f.type = sc_p_type(p);
    return f;
}

/* distribute: in a list with named parameters, a lone name takes the type of the next
   entry that has one (a, b int) */
static void distribute(parser *p, sc_fields *l)
{
    bool named = false;
    for (int i = 0; i < l->n; i++)
        named |= l->v[i].names.n > 0;
    if (!named) {
        for (int i = 0; i < l->n; i++)
            l->v[i].names.n = 0; /* lone names are types */
        return;
    }
    sc_fields out = {.open = l->open, .close = l->close};
    out.v = sc_p_node((size_t)l->n * sizeof *out.v);
    sc_exprs pending = {0};
    for (int i = 0; i < l->n; i++) {
        sc_field *f = &l->v[i];
        if (f->names.n < 0) {
            sc_p_push_expr(&pending, f->type);
            continue;
        }
        if (f->names.n == 0) {
            sc_p_syntax_error_at(p, f->pos, "mixed named and unnamed parameters");
            continue;
        }
        sc_field g = *f;
        g.names = pending;
        for (int k = 0; k < f->names.n; k++)
            sc_p_push_expr(&g.names, f->names.v[k]);
        g.pos = g.names.v[0]->pos;
        pending = (sc_exprs){0};
        out.v[out.n++] = g;
    }
    if (pending.n)
        sc_p_syntax_error_at(p, pending.v[0]->pos, "mixed named and unnamed parameters");
    *l = out;
}

sc_fields sc_p_params(parser *p)
{
    sc_fields l = {0};
    l.open = p->tok.pos;
    sc_p_want(p, T_LPAREN);
    while (p->tok.kind != T_RPAREN && p->tok.kind != T_EOF) {
        SC_PROGRESS_BEGIN(p);
        sc_p_push_field(&l, param(p));
        if (!sc_p_got(p, T_COMMA)) {
            if (p->tok.kind != T_RPAREN) {
                sc_p_syntax_error(p, "in parameter list; possibly missing comma or )");
                sc_p_advance(p, (const sc_tok[]){T_RPAREN, T_RBRACK, T_RBRACE}, 3);
            }
            break;
        }
        SC_PROGRESS_END(p);
    }
    l.close = p->tok.pos;
    sc_p_want(p, T_RPAREN);
    distribute(p, &l);
    return l;
}

sc_expr *sc_p_func_type(parser *p, sc_pos pos)
{
    sc_expr *t = sc_p_expr_node(E_FUNCTYPE, pos);
    t->func.params = sc_p_params(p);
    if (p->tok.kind == T_LPAREN) {
        t->func.results = sc_p_params(p);
    } else {
        sc_expr *r = sc_p_type_or_nil(p);
        if (r) {
            t->func.results.v = sc_p_node(sizeof(sc_field));
            t->func.results.v[0] = (sc_field){.pos = r->pos, .type = r};
            t->func.results.n = 1;
        }
    }
    return t;
}
