/*
 * check_stmt.c — statements (Go's "Statements"): blocks and scopes, if, for, range,
 * switch, type switch, select, go, defer, return, break/continue/goto/fallthrough with
 * labels, and the body of a function with Go's end checks (missing return, unused
 * variables and labels).
 */
#include "sim/lang/check.h"

static void stmt(checker *c, sc_stmt *s);

static void open_scope(checker *c) { c->scope = sc_scope_new(c->scope, false); }
static void close_scope(checker *c) { c->scope = c->scope->parent; }

void ck_stmts(checker *c, sc_stmts *l)
{
    for (int i = 0; i < l->n; i++)
        stmt(c, l->v[i]);
}

void ck_block(checker *c, sc_stmt *b)
{
    open_scope(c);
    ck_stmts(c, &b->block.list);
    close_scope(c);
}

/* ---------------------------------------------------------------- statement contexts */

static void push_ctx(checker *c, stmt_ctx *ctx, const char *label, bool loop)
{
    *ctx = (stmt_ctx){.outer = c->fn->stmts, .label = label, .loop = loop, .brk = true};
    c->fn->stmts = ctx;
}
static void pop_ctx(checker *c) { c->fn->stmts = c->fn->stmts->outer; }

static void cond(checker *c, sc_expr *x, const char *what)
{
    ck_expr(c, x);
    if (x->mode == M_INVALID)
        return;
    if (!sc_is_boolean(x->type)) {
        ck_error(c, x->pos, "non-boolean condition in %s statement", what);
        return;
    }
    ck_default(c, x);
}

static void simple(checker *c, sc_stmt *s)
{
    if (s)
        stmt(c, s);
}

/* ---------------------------------------------------------------- expression statements */

static void expr_stmt(checker *c, sc_stmt *s)
{
    sc_expr *x = s->x;
    ck_stmt_expr(c, x);
    if (x->mode == M_INVALID)
        return;
    sc_expr *u = x;
    while (u->kind == E_PAREN)
        u = u->paren.x;
    bool call = u->kind == E_CALL, recv = u->kind == E_UNARY && u->unary.op == T_ARROW;
    if (call && u->call.fun->mode == M_BUILTIN) {
        int id = u->call.fun->obj->id;
        if (id == BI_APPEND || id == BI_CAP || id == BI_LEN || id == BI_MAKE || id == BI_NEW) {
            ck_error(c, x->pos, "%s (value of type %s) is not used", sc_expr_string(x),
                     sc_type_string(x->type));
        }
        return;
    }
    if (call && u->call.fun->mode == M_TYPE) {
        ck_error(c, x->pos, "%s is not used", ck_describe(x));
        return;
    }
    if (!call && !recv)
        ck_error(c, x->pos, "%s is not used", ck_describe(x));
}

static void send_stmt(checker *c, sc_stmt *s)
{
    ck_expr(c, s->send.ch);
    ck_expr(c, s->send.value);
    sc_expr *ch = s->send.ch;
    if (ch->mode == M_INVALID || s->send.value->mode == M_INVALID)
        return;
    sc_type *u = sc_under(ch->type);
    if (u->kind != K_CHAN) {
        ck_error(c, s->pos, "invalid operation: cannot send to non-channel %s", ck_describe(ch));
        return;
    }
    if (u->dir == SC_RECV) {
        ck_error(c, s->pos, "invalid operation: cannot send to receive-only channel %s",
                 ck_describe(ch));
        return;
    }
    ck_assignable(c, s->send.value, u->elem, "send");
}

static void incdec(checker *c, sc_stmt *s)
{
    /* x++ is x += 1 */
    sc_expr *one = sc_alloc(sizeof *one);
    one->kind = E_LIT;
    one->pos = s->pos;
    one->lit = (sc_token){.kind = T_INT, .pos = s->pos, .text = "1", .len = 1};
    sc_stmt as = {.kind = S_ASSIGN, .pos = s->pos};
    as.assign.op = s->incdec.op == T_INC ? T_ADD_ASSIGN : T_SUB_ASSIGN;
    sc_expr *lv[1] = {s->incdec.x}, *rv[1] = {one};
    as.assign.lhs = (sc_exprs){lv, 1};
    as.assign.rhs = (sc_exprs){rv, 1};
    ck_assign_stmt(c, &as); /* a non-numeric x is reported by the binary check */
}

static void go_defer(checker *c, sc_stmt *s, const char *kw)
{
    sc_expr *x = s->x;
    if (x->kind == E_BAD)
        return;
    ck_stmt_expr(c, x);
    if (x->mode == M_INVALID || x->kind != E_CALL)
        return;
    if (x->call.fun->mode == M_TYPE) {
        ck_error(c, x->pos, "%s requires function call, not conversion", kw);
        return;
    }
    if (x->call.fun->mode == M_BUILTIN) {
        int id = x->call.fun->obj->id;
        if (id == BI_APPEND || id == BI_CAP || id == BI_LEN || id == BI_MAKE || id == BI_NEW)
            ck_error(c, x->pos, "%s discards result of %s", kw, sc_expr_string(x));
    }
    if (s->kind == S_DEFER)
        c->fn->info->has_defer = true;
}

/* ---------------------------------------------------------------- return */

static void return_stmt(checker *c, sc_stmt *s)
{
    sc_type *sig = c->fn->sig;
    sc_exprs *r = &s->ret.results;
    if (!r->n) {
        if (sig->nresults && !c->fn->results)
            ck_error(c, s->pos, "not enough return values\n\thave ()\n\twant %s",
                     sc_type_string(sc_tuple(sig->results, sig->nresults)));
        for (int i = 0; c->fn->results && i < sig->nresults; i++) {
            sc_object *o = c->fn->results[i];
            if (strcmp(o->name, "_") && sc_scope_lookup(c->scope, o->name, NULL) != o)
                ck_error(c, s->pos, "result parameter %s not in scope at return", o->name);
        }
        return;
    }
    if (r->n == 1 && sig->nresults > 1) {
        ck_multi_expr(c, r->v[0]);
        sc_type *t = r->v[0]->type;
        if (r->v[0]->mode != M_INVALID && t->kind == K_TUPLE && t->nresults == sig->nresults) {
            for (int i = 0; i < t->nresults; i++) {
                sc_expr tmp = {.kind = E_BAD, .pos = r->v[0]->pos, .mode = M_VALUE,
                               .type = t->results[i]};
                ck_assignable(c, &tmp, sig->results[i], "return statement");
            }
            return;
        }
    } else {
        for (int i = 0; i < r->n; i++)
            ck_expr_hint(c, r->v[i], i < sig->nresults ? sig->results[i] : NULL);
    }
    for (int i = 0; i < r->n; i++)
        if (r->v[i]->mode == M_INVALID)
            return;
    if (r->n != sig->nresults) {
        sc_type **have = sc_alloc((size_t)r->n * sizeof *have);
        for (int i = 0; i < r->n; i++) {
            sc_type *t = r->v[i]->type;
            have[i] = t;
        }
        char buf[256] = "(";
        size_t len = 1;
        for (int i = 0; i < r->n && len < 200; i++) {
            sc_kind k = have[i]->kind;
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? ", " : "",
                                    k == K_UNTYPED_INT || k == K_UNTYPED_FLOAT || k == K_UNTYPED_RUNE
                                        ? "number"
                                        : sc_type_string(have[i]));
        }
        snprintf(buf + len, sizeof buf - len, ")");
        bool many = r->n > sig->nresults;
        ck_error(c, sc_expr_start(r->v[many ? sig->nresults : r->n - 1]),
                 "%s return values\n\thave %s\n\twant %s",
                 r->n > sig->nresults ? "too many" : "not enough", buf,
                 sc_type_string(sc_tuple(sig->results, sig->nresults)));
        return;
    }
    for (int i = 0; i < r->n; i++)
        ck_assignable(c, r->v[i], sig->results[i], "return statement");
}

/* ---------------------------------------------------------------- branches */

static void branch(checker *c, sc_stmt *s)
{
    sc_tok t = s->branch.tok;
    const char *label = s->branch.label ? s->branch.label->ident.name : NULL;
    if (t == T_GOTO) {
        sc_object *l = sc_scope_lookup_local(c->fn->labels, label);
        if (!l)
            ck_error(c, s->branch.label->pos, "label %s not defined", label);
        else
            l->flags |= OF_USED;
        return;
    }
    if (t == T_FALLTHROUGH)
        return; /* placement is checked by the switch */
    const char *kw = t == T_BREAK ? "break" : "continue";
    for (stmt_ctx *x = c->fn->stmts; x; x = x->outer) {
        if (label ? (x->label && !strcmp(x->label, label)) : (t == T_BREAK ? x->brk : x->loop)) {
            if (label && t == T_CONTINUE && !x->loop) {
                ck_error(c, s->branch.label->pos, "invalid continue label %s", label);
                return;
            }
            if (label) {
                sc_object *l = sc_scope_lookup_local(c->fn->labels, label);
                if (l)
                    l->flags |= OF_USED;
            }
            return;
        }
    }
    if (label) {
        sc_object *l = sc_scope_lookup_local(c->fn->labels, label);
        if (l)
            l->flags |= OF_USED;
        ck_error(c, s->branch.label->pos, l ? "invalid %s label %s" : "%s label not defined: %s",
                 kw, label);
        return;
    }
    ck_error(c, s->pos, t == T_BREAK ? "break is not in a loop, switch, or select"
                                     : "continue is not in a loop");
}

/* ---------------------------------------------------------------- if, for, range */

static void if_stmt(checker *c, sc_stmt *s)
{
    open_scope(c);
    simple(c, s->ifs.init);
    if (s->ifs.cond)
        cond(c, s->ifs.cond, "if");
    ck_block(c, s->ifs.then);
    if (s->ifs.els)
        stmt(c, s->ifs.els);
    close_scope(c);
}

static void for_stmt(checker *c, sc_stmt *s, const char *label)
{
    open_scope(c);
    simple(c, s->fors.init);
    if (s->fors.cond)
        cond(c, s->fors.cond, "for");
    if (s->fors.post) {
        if (s->fors.post->kind == S_ASSIGN && s->fors.post->assign.op == T_DEFINE)
            ck_error(c, s->fors.post->pos, "cannot declare in post statement of for loop");
        else
            stmt(c, s->fors.post);
    }
    stmt_ctx ctx;
    push_ctx(c, &ctx, label, true);
    ck_block(c, s->fors.body);
    pop_ctx(c);
    close_scope(c);
}

/* range_types: the key and value types ranging over x gives (value NULL if none) */
static bool range_types(checker *c, sc_expr *x, sc_type **k, sc_type **v, bool *one)
{
    sc_type *u = sc_under(x->type);
    *one = false;
    if (u->kind == K_POINTER && sc_under(u->elem)->kind == K_ARRAY)
        u = sc_under(u->elem);
    switch (u->kind) {
    case K_STRING: case K_UNTYPED_STRING:
        ck_default(c, x);
        *k = &sc_basic[K_INT];
        *v = &sc_rune;
        return true;
    case K_ARRAY: case K_SLICE:
        *k = &sc_basic[K_INT];
        *v = u->elem;
        return true;
    case K_MAP:
        *k = u->key;
        *v = u->elem;
        return true;
    case K_CHAN:
        if (u->dir == SC_SEND) {
            ck_error(c, x->pos, "invalid operation: range %s: receive from send-only channel",
                     sc_expr_string(x));
            return false;
        }
        *k = u->elem;
        *v = NULL;
        *one = true;
        return true;
    default:
        if (sc_is_integer(x->type)) { /* range over an int (Go 1.22) */
            ck_default(c, x);
            *k = x->type;
            *v = NULL;
            *one = true;
            return true;
        }
        ck_error(c, x->pos, "cannot range over %s", ck_describe(x));
        return false;
    }
}

static void range_stmt(checker *c, sc_stmt *s, const char *label)
{
    open_scope(c);
    sc_expr *x = s->range.x;
    ck_expr(c, x);
    sc_type *kt = NULL, *vt = NULL;
    bool one = false, ok = x->mode != M_INVALID && range_types(c, x, &kt, &vt, &one);
    sc_expr *vars[2] = {s->range.key, s->range.value};
    if (ok && one && vars[1])
        ck_error(c, vars[1]->pos, "range over %s permits only one iteration variable",
                 ck_describe(x));
    sc_type *types[2] = {kt, vt};
    for (int i = 0; i < 2; i++) {
        sc_expr *v = vars[i];
        if (!v)
            continue;
        sc_type *t = ok ? types[i] : NULL;
        if (s->range.tok == T_DEFINE) {
            if (v->kind != E_IDENT) {
                ck_error(c, v->pos, "non-name %s on left side of :=", sc_expr_string(v));
                continue;
            }
            ck_new_local(c, v, t ? t : &sc_basic[K_INVALID]);
            continue;
        }
        ck_expr(c, v); /* range with = assigns to existing variables */
        if (v->mode == M_INVALID || !t)
            continue;
        if (v->mode != M_VARIABLE && v->mode != M_MAPINDEX &&
            !(v->kind == E_IDENT && !strcmp(v->ident.name, "_"))) {
            ck_error(c, v->pos, "cannot assign to %s", ck_describe(v));
            continue;
        }
        sc_expr tmp = {.kind = E_BAD, .pos = v->pos, .mode = M_VALUE, .type = t};
        ck_assignable(c, &tmp, v->type, "range");
    }
    stmt_ctx ctx;
    push_ctx(c, &ctx, label, true);
    ck_block(c, s->range.body);
    pop_ctx(c);
    close_scope(c);
}

/* ---------------------------------------------------------------- switch and select */

static void case_body(checker *c, sc_stmt *cl, bool last, bool type_switch)
{
    sc_stmts *b = &cl->clause.body;
    for (int i = 0; i < b->n; i++) {
        sc_stmt *s = b->v[i];
        if (s->kind != S_BRANCH || s->branch.tok != T_FALLTHROUGH)
            continue;
        if (type_switch)
            ck_error(c, s->pos, "cannot fallthrough in type switch");
        else if (i != b->n - 1)
            ck_error(c, s->pos, "fallthrough statement out of place");
        else if (last)
            ck_error(c, s->pos, "cannot fallthrough final case in switch");
    }
    ck_stmts(c, b);
}

static void switch_stmt(checker *c, sc_stmt *s, const char *label)
{
    open_scope(c);
    simple(c, s->sw.init);
    sc_expr *tag = s->sw.tag;
    if (tag) {
        ck_expr(c, tag);
        ck_default(c, tag);
        if (tag->mode != M_INVALID && !sc_comparable(tag->type) && tag->type->kind != K_UNTYPED_NIL)
            ck_error(c, tag->pos, "cannot switch on %s", ck_describe(tag));
    }
    stmt_ctx ctx;
    push_ctx(c, &ctx, label, false);
    sc_stmts *cl = &s->sw.body->block.list;
    bool dflt = false;
    for (int i = 0; i < cl->n; i++) {
        sc_stmt *k = cl->v[i];
        if (k->clause.dflt) {
            if (dflt)
                ck_error(c, k->pos, "multiple defaults in switch");
            dflt = true;
        }
        for (int e = 0; e < k->clause.list.n; e++) {
            sc_expr *x = k->clause.list.v[e];
            if (!tag) {
                cond(c, x, "case");
                continue;
            }
            /* case x is tag == x */
            sc_expr cmp = {.kind = E_BINARY, .pos = x->pos};
            cmp.binary.op = T_EQL;
            cmp.binary.x = tag;
            cmp.binary.y = x;
            ck_expr(c, &cmp);
            if (x->mode == M_CONST)
                for (int p = 0; p <= i; p++)
                    for (int q = 0; q < cl->v[p]->clause.list.n && (p < i || q < e); q++) {
                        sc_expr *y = cl->v[p]->clause.list.v[q];
                        if (y->mode == M_CONST && y->cval.kind == x->cval.kind &&
                            sc_const_compare(T_EQL, y->cval, x->cval)) {
                            ck_error(c, x->pos, "duplicate case %s in expression switch",
                                     sc_expr_string(x));
                            p = i + 1;
                            break;
                        }
                    }
        }
        open_scope(c);
        case_body(c, k, i == cl->n - 1, false);
        close_scope(c);
    }
    pop_ctx(c);
    close_scope(c);
}

static void type_switch(checker *c, sc_stmt *s, const char *label)
{
    open_scope(c);
    simple(c, s->tsw.init);
    sc_stmt *g = s->tsw.assign;
    sc_expr *ax = g->kind == S_EXPR ? g->x : g->assign.rhs.v[0];
    sc_expr *bind = g->kind == S_ASSIGN ? g->assign.lhs.v[0] : NULL;
    sc_expr *x = ax->assert.x;
    ck_expr(c, x);
    bool ok = x->mode != M_INVALID;
    if (ok && sc_under(x->type)->kind != K_INTERFACE) {
        ck_error(c, x->pos, "%s is not an interface", ck_describe(x));
        ok = false;
    }
    ax->mode = ok ? M_VALUE : M_INVALID;
    ax->type = ok ? x->type : &sc_basic[K_INVALID];
    stmt_ctx ctx;
    push_ctx(c, &ctx, label, false);
    sc_stmts *cl = &s->tsw.body->block.list;
    sc_object **bound = sc_alloc((size_t)(cl->n ? cl->n : 1) * sizeof *bound);
    bool used = false;
    for (int i = 0; i < cl->n; i++) {
        sc_stmt *k = cl->v[i];
        sc_type *single = NULL;
        for (int e = 0; e < k->clause.list.n; e++) {
            sc_expr *t = k->clause.list.v[e];
            if (t->kind == E_IDENT && !strcmp(t->ident.name, "nil")) {
                ck_expr(c, t);
                continue;
            }
            single = ck_type(c, t);
            const char *missing;
            if (ok && single->kind != K_INVALID && sc_under(single)->kind != K_INTERFACE &&
                !ck_implements(single, x->type, &missing))
                ck_error(c, t->pos, "impossible type switch case: %s cannot have dynamic type "
                         "%s (missing method %s)", ck_describe(x), sc_type_string(single), missing);
        }
        open_scope(c);
        if (bind && strcmp(bind->ident.name, "_")) {
            sc_type *bt = k->clause.list.n == 1 && single ? single : (ok ? x->type : NULL);
            sc_object *o = sc_new_object(O_VAR, bind->ident.name, bind->pos,
                                         bt ? bt : &sc_basic[K_INVALID]);
            ck_declare(c, c->scope, o);
            CK_PUSH(c->fn->info->locals, c->fn->info->nlocals, c->fn->info->caplocals, o);
            bound[i] = o;
        }
        case_body(c, k, i == cl->n - 1, true);
        if (bound[i]) {
            used |= (bound[i]->flags & OF_USED) != 0;
            bound[i]->flags |= OF_USED; /* reported once, below, as Go does */
        }
        close_scope(c);
    }
    if (bind && strcmp(bind->ident.name, "_") && !used)
        ck_error(c, bind->pos, "%s declared but not used", bind->ident.name);
    pop_ctx(c);
    close_scope(c);
}

static void select_stmt(checker *c, sc_stmt *s, const char *label)
{
    stmt_ctx ctx;
    push_ctx(c, &ctx, label, false);
    sc_stmts *cl = &s->select.body->block.list;
    bool dflt = false;
    for (int i = 0; i < cl->n; i++) {
        sc_stmt *k = cl->v[i], *comm = k->comm.comm;
        open_scope(c);
        if (!comm) {
            if (dflt)
                ck_error(c, k->pos, "multiple defaults in select");
            dflt = true;
        } else {
            sc_expr *rx = comm->kind == S_EXPR ? comm->x
                          : comm->kind == S_ASSIGN && comm->assign.rhs.n == 1 ? comm->assign.rhs.v[0]
                                                                               : NULL;
            while (rx && rx->kind == E_PAREN)
                rx = rx->paren.x;
            bool recv = rx && rx->kind == E_UNARY && rx->unary.op == T_ARROW &&
                        (comm->kind == S_EXPR || comm->assign.lhs.n <= 2) &&
                        (comm->kind == S_EXPR || comm->assign.op == T_DEFINE ||
                         comm->assign.op == T_ASSIGN);
            if (comm->kind != S_SEND && !recv)
                ck_error(c, comm->pos, "select case must be receive, send or assign recv");
            else
                stmt(c, comm);
        }
        ck_stmts(c, &k->comm.body);
        close_scope(c);
    }
    pop_ctx(c);
}

/* ---------------------------------------------------------------- labels */

static void labeled(checker *c, sc_stmt *s)
{
    const char *label = s->labeled.label->ident.name;
    sc_stmt *in = s->labeled.stmt;
    switch (in->kind) {
    case S_FOR: for_stmt(c, in, label); return;
    case S_RANGE: range_stmt(c, in, label); return;
    case S_SWITCH: switch_stmt(c, in, label); return;
    case S_TYPESWITCH: type_switch(c, in, label); return;
    case S_SELECT: select_stmt(c, in, label); return;
    default: stmt(c, in); return;
    }
}

/* collect_labels declares every label of a function body (goto may jump forward) */
static void collect_labels(checker *c, sc_stmt *s)
{
    if (!s)
        return;
    switch (s->kind) {
    case S_LABELED: {
        sc_expr *l = s->labeled.label;
        sc_object *o = sc_new_object(O_LABEL, l->ident.name, l->pos, NULL);
        if (strcmp(l->ident.name, "_") && sc_scope_insert(c->fn->labels, o))
            ck_error(c, l->pos, "label %s already defined", l->ident.name);
        collect_labels(c, s->labeled.stmt);
        return;
    }
    case S_BLOCK:
        for (int i = 0; i < s->block.list.n; i++)
            collect_labels(c, s->block.list.v[i]);
        return;
    case S_IF: collect_labels(c, s->ifs.then); collect_labels(c, s->ifs.els); return;
    case S_FOR: collect_labels(c, s->fors.body); return;
    case S_RANGE: collect_labels(c, s->range.body); return;
    case S_SWITCH: collect_labels(c, s->sw.body); return;
    case S_TYPESWITCH: collect_labels(c, s->tsw.body); return;
    case S_SELECT: collect_labels(c, s->select.body); return;
    case S_CASE:
        for (int i = 0; i < s->clause.body.n; i++)
            collect_labels(c, s->clause.body.v[i]);
        return;
    case S_COMM:
        for (int i = 0; i < s->comm.body.n; i++)
            collect_labels(c, s->comm.body.v[i]);
        return;
    default: return;
    }
}

/* ---------------------------------------------------------------- dispatch */

static void stmt(checker *c, sc_stmt *s)
{
    switch (s->kind) {
    case S_BAD: case S_EMPTY: return;
    case S_DECL: ck_local_decl(c, s->decl); return;
    case S_LABELED: labeled(c, s); return;
    case S_EXPR: expr_stmt(c, s); return;
    case S_SEND: send_stmt(c, s); return;
    case S_INCDEC: incdec(c, s); return;
    case S_ASSIGN: ck_assign_stmt(c, s); return;
    case S_GO: go_defer(c, s, "go"); return;
    case S_DEFER: go_defer(c, s, "defer"); return;
    case S_RETURN: return_stmt(c, s); return;
    case S_BRANCH: branch(c, s); return;
    case S_BLOCK: ck_block(c, s); return;
    case S_IF: if_stmt(c, s); return;
    case S_FOR: for_stmt(c, s, NULL); return;
    case S_RANGE: range_stmt(c, s, NULL); return;
    case S_SWITCH: switch_stmt(c, s, NULL); return;
    case S_TYPESWITCH: type_switch(c, s, NULL); return;
    case S_SELECT: select_stmt(c, s, NULL); return;
    case S_CASE: case S_COMM: return; /* inside their statements only */
    }
}

/* ---------------------------------------------------------------- terminating statements */

static bool terminating(const sc_stmt *s);

static bool has_break(const sc_stmt *s, const char *label, bool top);

static bool list_has_break(const sc_stmts *l, const char *label, bool top)
{
    for (int i = 0; i < l->n; i++)
        if (has_break(l->v[i], label, top))
            return true;
    return false;
}

/* has_break: a break that targets the statement (unlabeled at its top level, or labeled) */
static bool has_break(const sc_stmt *s, const char *label, bool top)
{
    if (!s)
        return false;
    switch (s->kind) {
    case S_BRANCH:
        return s->branch.tok == T_BREAK &&
               (s->branch.label ? label && !strcmp(label, s->branch.label->ident.name) : top);
    case S_BLOCK: return list_has_break(&s->block.list, label, top);
    case S_LABELED: return has_break(s->labeled.stmt, label, top);
    case S_IF: return has_break(s->ifs.then, label, top) || has_break(s->ifs.els, label, top);
    case S_CASE: return list_has_break(&s->clause.body, label, top);
    case S_COMM: return list_has_break(&s->comm.body, label, top);
    case S_FOR: return has_break(s->fors.body, label, false);
    case S_RANGE: return has_break(s->range.body, label, false);
    case S_SWITCH: return has_break(s->sw.body, label, false);
    case S_TYPESWITCH: return has_break(s->tsw.body, label, false);
    case S_SELECT: return has_break(s->select.body, label, false);
    default: return false;
    }
}

static bool list_terminating(const sc_stmts *l)
{
    return l->n > 0 && terminating(l->v[l->n - 1]);
}

static bool clauses_terminate(const sc_stmt *body, const char *label, bool need_default)
{
    bool dflt = !need_default;
    for (int i = 0; i < body->block.list.n; i++) {
        const sc_stmt *k = body->block.list.v[i];
        const sc_stmts *b = k->kind == S_CASE ? &k->clause.body : &k->comm.body;
        if (k->kind == S_CASE && k->clause.dflt)
            dflt = true;
        bool ft = b->n && b->v[b->n - 1]->kind == S_BRANCH &&
                  b->v[b->n - 1]->branch.tok == T_FALLTHROUGH;
        if ((!list_terminating(b) && !ft) || list_has_break(b, label, true))
            return false;
    }
    return dflt;
}

static bool terminating_labeled(const sc_stmt *s, const char *label)
{
    switch (s->kind) {
    case S_FOR:
        return !s->fors.cond && !has_break(s->fors.body, label, true);
    case S_SWITCH: return clauses_terminate(s->sw.body, label, true);
    case S_TYPESWITCH: return clauses_terminate(s->tsw.body, label, true);
    case S_SELECT: return clauses_terminate(s->select.body, label, false);
    default: return terminating(s);
    }
}

static bool terminating(const sc_stmt *s)
{
    switch (s->kind) {
    case S_RETURN: return true;
    case S_BRANCH: return s->branch.tok == T_GOTO;
    case S_EXPR: {
        const sc_expr *x = s->x;
        return x->kind == E_CALL && x->call.fun->mode == M_BUILTIN && x->call.fun->obj &&
               x->call.fun->obj->id == BI_PANIC;
    }
    case S_BLOCK: return list_terminating(&s->block.list);
    case S_IF: return s->ifs.els && terminating(s->ifs.then) && terminating(s->ifs.els);
    case S_LABELED: return terminating_labeled(s->labeled.stmt, s->labeled.label->ident.name);
    case S_FOR: case S_SWITCH: case S_TYPESWITCH: case S_SELECT:
        return terminating_labeled(s, NULL);
    default: return false;
    }
}

/* ---------------------------------------------------------------- function bodies */

static sc_object *param_object(checker *c, sc_expr *name, sc_type *t, unsigned flags)
{
    sc_object *o = sc_new_object(O_VAR, name ? name->ident.name : "_", name ? name->pos : (sc_pos){0, 0}, t);
    o->flags = flags | OF_USED;
    if (name) {
        name->obj = o;
        name->type = t;
        name->mode = M_VARIABLE;
        ck_declare(c, c->scope, o);
    }
    CK_PUSH(c->fn->info->locals, c->fn->info->nlocals, c->fn->info->caplocals, o);
    return o;
}

static int declare_fields(checker *c, sc_fields *f, sc_type **types, unsigned flags,
                          sc_object **out)
{
    int k = 0;
    for (int i = 0; i < f->n; i++) {
        if (!f->v[i].names.n) {
            sc_object *o = param_object(c, NULL, types[k], flags);
            if (out)
                out[k] = o;
            k++;
            continue;
        }
        for (int n = 0; n < f->v[i].names.n; n++, k++) {
            sc_object *o = param_object(c, f->v[i].names.v[n], types[k], flags);
            if (out)
                out[k] = o;
        }
    }
    return k;
}

static void check_unused(checker *c, sc_func_info *info)
{
    for (int i = info->nparams + info->nresults; i < info->nlocals; i++) {
        sc_object *o = info->locals[i];
        if (o->kind == O_VAR && !(o->flags & OF_USED) && strcmp(o->name, "_"))
            ck_error(c, o->pos, "%s declared but not used", o->name);
    }
    for (int i = 0; i < c->fn->labels->n; i++)
        if (!(c->fn->labels->v[i]->flags & OF_USED))
            ck_error(c, c->fn->labels->v[i]->pos, "label %s defined and not used",
                     c->fn->labels->v[i]->name);
}

void ck_func_body(checker *c, sc_func_info *info, sc_expr *ftype, sc_stmt *body)
{
    func_ctx fn = {.outer = c->fn, .info = info, .sig = ftype->type};
    fn.labels = sc_scope_new(NULL, false);
    info->sig = ftype->type;
    sc_scope *saved = c->scope;
    func_ctx *outer = c->fn;
    int iota = c->iota;
    c->iota = -1;
    c->fn = &fn;
    c->scope = sc_scope_new(c->scope, true);
    sc_decl *d = info->decl;
    if (d && d->recv && d->obj && d->obj->recv) {
        sc_expr *rn = d->recv->names.n ? d->recv->names.v[0] : NULL;
        param_object(c, rn, d->obj->recv, OF_PARAM);
        info->has_recv = true;
    }
    info->nparams = info->nlocals + declare_fields(c, &ftype->func.params, ftype->type->params,
                                                   OF_PARAM, NULL);
    bool named = ftype->func.results.n && ftype->func.results.v[0].names.n;
    sc_object **res = sc_alloc((size_t)(ftype->type->nresults + 1) * sizeof *res);
    info->nresults = declare_fields(c, &ftype->func.results, ftype->type->results,
                                    OF_PARAM | OF_RESULT, res);
    fn.results = named ? res : NULL;
    collect_labels(c, body);
    ck_stmts(c, &body->block.list);
    if (ftype->type->nresults && !list_terminating(&body->block.list))
        ck_error(c, body->block.rbrace, "missing return");
    check_unused(c, info);
    c->scope = saved;
    c->fn = outer;
    c->iota = iota;
}
