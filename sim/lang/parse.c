/*
 * parse.c — the parser's driver, declarations and statements (Go's "Source file
 * organization", "Declarations", "Statements"). Expressions and types are in
 * parse_expr.c. Errors follow cmd/compile's wording; after one, the parser skips to a
 * point it can resume from, and reports at most one syntax error per line.
 */
#include "sim/lang/parse.h"
#include <string.h>

/* ---------------------------------------------------------------- tokens and errors */

void sc_p_next(parser *p) { p->tok = sc_lex_next(&p->lx); }

bool sc_p_got(parser *p, sc_tok t)
{
    if (p->tok.kind != t)
        return false;
    sc_p_next(p);
    return true;
}

/* describe: the current token as cmd/compile's messages name it */
static const char *describe(const sc_token *t)
{
    switch (t->kind) {
    case T_IDENT: return sc_strndup(t->text, t->len);
    case T_INT: case T_FLOAT: case T_IMAG: case T_CHAR: case T_STRING:
        return sc_sprintf("literal %.*s", (int)(t->len > 40 ? 40 : t->len), t->text);
    case T_SEMICOLON: return t->len == 1 && t->text[0] == '\n' ? "newline" : "semicolon";
    case T_COMMA: return "comma";
    case T_EOF: return "EOF";
    case T_ILLEGAL: return sc_sprintf("%.*s", (int)t->len, t->text);
    default: return sc_tok_text(t->kind);
    }
}

static const char *expecting(sc_tok t)
{
    switch (t) {
    case T_SEMICOLON: return "semicolon or newline";
    case T_COMMA: return "comma";
    case T_IDENT: return "name";
    default: return sc_tok_text(t);
    }
}

void sc_p_syntax_error_at(parser *p, sc_pos pos, const char *msg)
{
    if (pos.line == p->err_line)
        return; /* one syntax error per line, as cmd/compile */
    p->err_line = pos.line;
    sc_error(p->d, pos, "syntax error: %s", msg);
}

void sc_p_syntax_error(parser *p, const char *msg)
{
    if (p->tok.pos.line == p->err_line)
        return;
    if (p->tok.kind == T_ILLEGAL) { /* the lexer has said what is wrong */
        p->err_line = p->tok.pos.line;
        return;
    }
    const char *sep = !strncmp(msg, "expecting", 9) ? ", " : " ";
    sc_p_syntax_error_at(p, p->tok.pos,
                         sc_sprintf("unexpected %s%s%s", describe(&p->tok), sep, msg));
}

void sc_p_want(parser *p, sc_tok t)
{
    if (sc_p_got(p, t))
        return;
    sc_p_syntax_error(p, sc_sprintf("expecting %s", expecting(t)));
    if (p->tok.kind != T_EOF) /* skip the offending token only, as cmd/compile */
        sc_p_next(p);
}

static bool stmt_keyword(sc_tok t)
{
    switch (t) { /* cmd/compile's stopset */
    case T_BREAK: case T_CONST: case T_CONTINUE: case T_DEFER: case T_FALLTHROUGH:
    case T_FOR: case T_GO: case T_GOTO: case T_IF: case T_RETURN: case T_SELECT:
    case T_SWITCH: case T_TYPE: case T_VAR:
        return true;
    default:
        return false;
    }
}

void sc_p_advance(parser *p, const sc_tok *follow, int n)
{
    /* cmd/compile's recovery: with no follow tokens skip one token; else skip to a follow
       token, or inside a function to a statement keyword (never past EOF) */
    if (n == 0) {
        if (p->tok.kind != T_EOF)
            sc_p_next(p);
        return;
    }
    for (; p->tok.kind != T_EOF; sc_p_next(p)) {
        for (int i = 0; i < n; i++)
            if (p->tok.kind == follow[i])
                return;
        if (p->fnest > 0 && stmt_keyword(p->tok.kind))
            return;
    }
}

bool sc_p_enter(parser *p)
{
    if (++p->depth <= SC_MAX_DEPTH)
        return true;
    if (p->depth == SC_MAX_DEPTH + 1)
        sc_error(p->d, p->tok.pos, "syntax error: nesting too deep");
    p->depth--;
    p->lx.off = p->src->len; /* give up on the rest of the file */
    p->tok.kind = T_EOF;
    return false;
}

void sc_p_leave(parser *p) { p->depth--; }

/* ---------------------------------------------------------------- nodes and lists */

void *sc_p_node(size_t size) { return sc_alloc(size); }

sc_expr *sc_p_expr_node(sc_expr_kind k, sc_pos pos)
{
    sc_expr *x = sc_alloc(sizeof *x);
    x->kind = k;
    x->pos = pos;
    return x;
}

sc_expr *sc_p_bad_expr(sc_pos pos) { return sc_p_expr_node(E_BAD, pos); }

static sc_stmt *stmt_node(sc_stmt_kind k, sc_pos pos)
{
    sc_stmt *s = sc_alloc(sizeof *s);
    s->kind = k;
    s->pos = pos;
    return s;
}

/* grow: room for one more in a list of n elements (capacity: the next power of two) */
static void *grow(void *v, int n, size_t size)
{
    if (n && (n < 4 || (n & (n - 1))))
        return v;
    void *w = sc_alloc((size_t)(n < 4 ? 4 : 2 * n) * size);
    if (n)
        memcpy(w, v, (size_t)n * size);
    return w;
}

void sc_p_push_expr(sc_exprs *l, sc_expr *x)
{
    l->v = grow(l->v, l->n, sizeof *l->v);
    l->v[l->n++] = x;
}

void sc_p_push_stmt(sc_stmts *l, sc_stmt *s)
{
    l->v = grow(l->v, l->n, sizeof *l->v);
    l->v[l->n++] = s;
}

void sc_p_push_field(sc_fields *l, sc_field f)
{
    l->v = grow(l->v, l->n, sizeof *l->v);
    l->v[l->n++] = f;
}

/* ---------------------------------------------------------------- simple statements */

enum { KW_NONE, KW_FOR, KW_OTHER }; /* the header a simple statement is in */

static sc_stmt *range_clause(parser *p, sc_exprs lhs, sc_tok tok, sc_pos pos)
{
    sc_stmt *s = stmt_node(S_RANGE, pos);
    sc_p_next(p); /* range */
    s->range.tok = tok;
    if (lhs.n > 0)
        s->range.key = lhs.v[0];
    if (lhs.n > 1)
        s->range.value = lhs.v[1];
    if (lhs.n > 2)
        sc_error(p->d, lhs.v[2]->pos, "range clause permits at most two iteration variables");
    s->range.x = sc_p_expr(p);
    return s;
}

static bool is_assign_op(sc_tok t) { return t >= T_ADD_ASSIGN && t <= T_AND_NOT_ASSIGN; }

static sc_stmt *simple_stmt(parser *p, int kw)
{
    sc_pos pos = p->tok.pos;
    if (kw == KW_FOR && p->tok.kind == T_RANGE)
        return range_clause(p, (sc_exprs){0}, T_EOF, pos);
    sc_exprs lhs = sc_p_expr_list(p);
    pos = lhs.v[0]->pos;
    sc_tok t = p->tok.kind;
    if (lhs.n == 1 && (t == T_INC || t == T_DEC)) {
        sc_stmt *s = stmt_node(S_INCDEC, pos);
        s->incdec.x = lhs.v[0];
        s->incdec.op = t;
        sc_p_next(p);
        return s;
    }
    if (lhs.n == 1 && t == T_ARROW) {
        sc_stmt *s = stmt_node(S_SEND, pos);
        sc_p_next(p);
        s->send.ch = lhs.v[0];
        s->send.value = sc_p_expr(p);
        return s;
    }
    if (t == T_ASSIGN || t == T_DEFINE || is_assign_op(t)) {
        sc_pos opos = p->tok.pos;
        sc_p_next(p);
        if (kw == KW_FOR && p->tok.kind == T_RANGE && !is_assign_op(t))
            return range_clause(p, lhs, t, pos);
        sc_stmt *s = stmt_node(S_ASSIGN, pos);
        s->assign.op = t;
        s->assign.oppos = opos;
        s->assign.lhs = lhs;
        s->assign.rhs = sc_p_expr_list(p);
        if (is_assign_op(t) && (lhs.n > 1 || s->assign.rhs.n > 1))
            sc_p_syntax_error_at(p, opos, sc_sprintf("unexpected %s, expecting := or = or comma",
                                                     sc_tok_text(t)));
        return s;
    }
    if (lhs.n > 1) {
        sc_p_syntax_error(p, "expecting := or = or comma");
        sc_p_advance(p, (const sc_tok[]){T_LBRACE}, 1);
    }
    sc_stmt *s = stmt_node(S_EXPR, pos);
    s->x = lhs.v[0];
    return s;
}

/* ---------------------------------------------------------------- control statements */

static sc_stmt *stmt_or_null(parser *p);
static sc_stmts stmt_list(parser *p);

sc_stmt *sc_p_block(parser *p)
{
    sc_stmt *b = stmt_node(S_BLOCK, p->tok.pos);
    sc_p_want(p, T_LBRACE);
    b->block.list = stmt_list(p);
    b->block.rbrace = p->tok.pos;
    sc_p_want(p, T_RBRACE);
    return b;
}

sc_stmt *sc_p_func_body(parser *p)
{
    int xnest = p->xnest;
    p->xnest = 0;
    p->fnest++;
    sc_stmt *b = sc_p_block(p);
    p->fnest--;
    p->xnest = xnest;
    return b;
}

/* expr_of: the condition an if/for/switch header's statement stands for */
static sc_expr *expr_of(parser *p, sc_stmt *s, const char *what)
{
    if (!s)
        return NULL;
    if (s->kind == S_EXPR)
        return s->x;
    const char *form = s->kind == S_ASSIGN && s->assign.op == T_DEFINE ? "x := ..." : "statement";
    sc_p_syntax_error_at(p, s->pos, sc_sprintf("cannot use %s as value%s", form, what));
    return sc_p_bad_expr(s->pos);
}

/* header parses an if, for or switch header: [init ;] cond (for: [init]; [cond]; [post]) */
static void header(parser *p, int kw, sc_stmt **init, sc_expr **cond, sc_stmt **post,
                   bool for_kw)
{
    *init = NULL;
    *cond = NULL;
    if (post)
        *post = NULL;
    if (p->tok.kind == T_LBRACE)
        return; /* no header: for {, switch {, or if { (reported by the caller) */
    int outer = p->xnest;
    p->xnest = -1;
    sc_stmt *s = NULL;
    if (p->tok.kind != T_SEMICOLON)
        s = simple_stmt(p, for_kw ? KW_FOR : kw);
    if (s && s->kind == S_RANGE) {
        *init = s;
        p->xnest = outer;
        return;
    }
    if (p->tok.kind == T_SEMICOLON) {
        bool newline = p->tok.text[0] == '\n';
        sc_pos semi = p->tok.pos;
        sc_p_next(p);
        *init = s;
        if (for_kw) {
            if (p->tok.kind != T_SEMICOLON) {
                if (p->tok.kind == T_LBRACE)
                    sc_p_syntax_error(p, "expecting for loop condition");
                else
                    *cond = expr_of(p, simple_stmt(p, KW_NONE), "");
            }
            sc_p_want(p, T_SEMICOLON);
            if (p->tok.kind != T_LBRACE)
                *post = simple_stmt(p, KW_NONE);
        } else if (p->tok.kind != T_LBRACE) {
            *cond = expr_of(p, simple_stmt(p, kw), "");
        } else if (newline) {
            sc_p_syntax_error_at(p, semi, "unexpected newline, expecting { after if clause");
        }
    } else {
        *cond = expr_of(p, s, "");
    }
    p->xnest = outer;
}

static sc_stmt *if_stmt(parser *p)
{
    sc_stmt *s = stmt_node(S_IF, p->tok.pos);
    sc_p_next(p);
    header(p, KW_OTHER, &s->ifs.init, &s->ifs.cond, NULL, false);
    if (!s->ifs.cond && p->tok.kind == T_LBRACE)
        sc_p_syntax_error_at(p, p->tok.pos, "missing condition in if statement");
    if (p->tok.kind != T_LBRACE) {
        sc_p_syntax_error(p, "expecting { after if clause");
        sc_p_advance(p, (const sc_tok[]){T_LBRACE}, 1);
    }
    s->ifs.then = sc_p_block(p);
    if (sc_p_got(p, T_ELSE)) {
        if (p->tok.kind == T_IF) {
            s->ifs.els = if_stmt(p);
        } else if (p->tok.kind == T_LBRACE) {
            s->ifs.els = sc_p_block(p);
        } else {
            sc_p_syntax_error(p, "else must be followed by if or statement block");
            sc_p_advance(p, NULL, 0);
        }
    }
    return s;
}

static sc_stmt *for_stmt(parser *p)
{
    sc_pos pos = p->tok.pos;
    sc_p_next(p);
    sc_stmt *init, *post;
    sc_expr *cond;
    header(p, KW_FOR, &init, &cond, &post, true);
    sc_stmt *s;
    if (init && init->kind == S_RANGE) {
        s = init;
        s->pos = pos;
    } else {
        s = stmt_node(S_FOR, pos);
        s->fors.init = init;
        s->fors.cond = cond;
        s->fors.post = post;
    }
    if (p->tok.kind != T_LBRACE) {
        sc_p_syntax_error(p, "expecting { after for clause");
        sc_p_advance(p, (const sc_tok[]){T_LBRACE}, 1);
    }
    sc_stmt *body = sc_p_block(p);
    if (s->kind == S_RANGE)
        s->range.body = body;
    else
        s->fors.body = body;
    return s;
}

static sc_stmt *case_clause(parser *p, bool comm)
{
    sc_stmt *c = stmt_node(comm ? S_COMM : S_CASE, p->tok.pos);
    if (sc_p_got(p, T_CASE)) {
        if (comm)
            c->comm.comm = simple_stmt(p, KW_NONE);
        else
            c->clause.list = sc_p_expr_list(p);
    } else if (sc_p_got(p, T_DEFAULT)) {
        if (!comm)
            c->clause.dflt = true;
    } else {
        sc_p_syntax_error(p, "expecting case or default or }");
        sc_p_advance(p, (const sc_tok[]){T_CASE, T_DEFAULT, T_COLON}, 3);
        if (p->tok.kind != T_COLON)
            return NULL;
    }
    sc_pos colon = p->tok.pos;
    sc_p_want(p, T_COLON);
    sc_stmts body = stmt_list(p);
    if (comm) {
        c->comm.body = body;
        c->comm.colon = colon;
    } else {
        c->clause.body = body;
        c->clause.colon = colon;
    }
    return c;
}

static sc_stmt *clause_block(parser *p, bool comm, const char *after)
{
    sc_stmt *b = stmt_node(S_BLOCK, p->tok.pos);
    if (!sc_p_got(p, T_LBRACE)) {
        sc_p_syntax_error(p, sc_sprintf("expecting { after %s", after));
        sc_p_advance(p, (const sc_tok[]){T_LBRACE}, 1);
        if (!sc_p_got(p, T_LBRACE))
            return b;
    }
    while (p->tok.kind != T_RBRACE && p->tok.kind != T_EOF) {
        SC_PROGRESS_BEGIN(p);
        sc_stmt *c = case_clause(p, comm);
        if (c)
            sc_p_push_stmt(&b->block.list, c);
        SC_PROGRESS_END(p);
    }
    b->block.rbrace = p->tok.pos;
    sc_p_want(p, T_RBRACE);
    return b;
}

static bool is_type_switch_guard(const sc_stmt *s)
{
    if (!s)
        return false;
    const sc_expr *x = s->kind == S_EXPR ? s->x
                       : s->kind == S_ASSIGN && s->assign.op == T_DEFINE && s->assign.lhs.n == 1 &&
                               s->assign.rhs.n == 1
                           ? s->assign.rhs.v[0]
                           : NULL;
    return x && x->kind == E_ASSERT && !x->assert.type;
}

static sc_stmt *switch_stmt(parser *p)
{
    sc_pos pos = p->tok.pos;
    sc_p_next(p);
    sc_stmt *init = NULL, *guard = NULL;
    sc_expr *tag = NULL;
    if (p->tok.kind != T_LBRACE) {
        int outer = p->xnest;
        p->xnest = -1;
        if (p->tok.kind != T_SEMICOLON)
            guard = simple_stmt(p, KW_OTHER);
        if (sc_p_got(p, T_SEMICOLON)) {
            init = guard;
            guard = p->tok.kind != T_LBRACE ? simple_stmt(p, KW_OTHER) : NULL;
        }
        p->xnest = outer;
    }
    if (is_type_switch_guard(guard)) {
        sc_stmt *s = stmt_node(S_TYPESWITCH, pos);
        s->tsw.init = init;
        s->tsw.assign = guard;
        s->tsw.body = clause_block(p, false, "switch clause");
        return s;
    }
    tag = expr_of(p, guard, "");
    sc_stmt *s = stmt_node(S_SWITCH, pos);
    s->sw.init = init;
    s->sw.tag = tag;
    s->sw.body = clause_block(p, false, "switch clause");
    return s;
}

static sc_stmt *call_stmt(parser *p, sc_stmt_kind k)
{
    sc_stmt *s = stmt_node(k, p->tok.pos);
    const char *kw = k == S_GO ? "go" : "defer";
    sc_p_next(p);
    sc_expr *x = sc_p_unary_expr(p);
    sc_expr *u = x;
    while (u->kind == E_PAREN && u->paren.x)
        u = u->paren.x;
    if (u->kind != E_CALL) {
        sc_error(p->d, x->pos, "syntax error: expression in %s must be function call", kw);
        x = sc_p_bad_expr(x->pos);
    } else if (u != x) {
        sc_error(p->d, x->pos, "syntax error: expression in %s must not be parenthesized", kw);
    }
    s->x = u;
    return s;
}

static sc_stmt *branch_stmt(parser *p)
{
    sc_stmt *s = stmt_node(S_BRANCH, p->tok.pos);
    s->branch.tok = p->tok.kind;
    sc_p_next(p);
    if (s->branch.tok != T_FALLTHROUGH && p->tok.kind == T_IDENT)
        s->branch.label = sc_p_name(p);
    else if (s->branch.tok == T_GOTO)
        s->branch.label = sc_p_name(p);
    return s;
}

static sc_decl *gen_decl(parser *p, sc_tok kw);

static sc_stmt *stmt_or_null(parser *p)
{
    sc_pos pos = p->tok.pos;
    switch (p->tok.kind) {
    case T_LBRACE: return sc_p_block(p);
    case T_VAR: case T_CONST: case T_TYPE: {
        sc_stmt *s = stmt_node(S_DECL, pos);
        s->decl = gen_decl(p, p->tok.kind);
        return s;
    }
    case T_IF: return if_stmt(p);
    case T_FOR: return for_stmt(p);
    case T_SWITCH: return switch_stmt(p);
    case T_SELECT: {
        sc_stmt *s = stmt_node(S_SELECT, pos);
        sc_p_next(p);
        s->select.body = clause_block(p, true, "select clause");
        return s;
    }
    case T_GO: return call_stmt(p, S_GO);
    case T_DEFER: return call_stmt(p, S_DEFER);
    case T_BREAK: case T_CONTINUE: case T_GOTO: case T_FALLTHROUGH: return branch_stmt(p);
    case T_RETURN: {
        sc_stmt *s = stmt_node(S_RETURN, pos);
        sc_p_next(p);
        if (p->tok.kind != T_SEMICOLON && p->tok.kind != T_RBRACE)
            s->ret.results = sc_p_expr_list(p);
        return s;
    }
    case T_SEMICOLON: return stmt_node(S_EMPTY, pos);
    case T_IDENT: case T_INT: case T_FLOAT: case T_IMAG: case T_CHAR: case T_STRING:
    case T_FUNC: case T_LPAREN: case T_LBRACK: case T_STRUCT: case T_MAP: case T_CHAN:
    case T_INTERFACE: case T_MUL: case T_AND: case T_ADD: case T_SUB: case T_NOT: case T_XOR:
    case T_ARROW: case T_TILDE:
        break; /* an expression starts a simple statement */
    default:
        return NULL; /* not a statement: the enclosing list ends ("expecting }") */
    }
    sc_stmt *s = simple_stmt(p, KW_NONE);
    if (s->kind == S_EXPR && s->x->kind == E_IDENT && p->tok.kind == T_COLON) {
        sc_stmt *l = stmt_node(S_LABELED, pos);
        l->labeled.label = s->x;
        sc_p_next(p);
        if (p->tok.kind == T_RBRACE) /* a label before } labels an empty statement */
            l->labeled.stmt = stmt_node(S_EMPTY, p->tok.pos);
        else
            l->labeled.stmt = stmt_or_null(p);
        if (!l->labeled.stmt) {
            sc_p_syntax_error(p, "expecting statement");
            l->labeled.stmt = stmt_node(S_EMPTY, p->tok.pos);
        }
        return l;
    }
    return s;
}

static sc_stmts stmt_list(parser *p)
{
    sc_stmts l = {0};
    while (p->tok.kind != T_EOF && p->tok.kind != T_RBRACE && p->tok.kind != T_CASE &&
           p->tok.kind != T_DEFAULT) {
        if (!sc_p_enter(p))
            break;
        SC_PROGRESS_BEGIN(p);
        sc_stmt *s = stmt_or_null(p);
        sc_p_leave(p);
        if (!s)
            break;
        if (s->kind != S_EMPTY)
            sc_p_push_stmt(&l, s);
        /* a statement ends at ; or before } (or a case of the enclosing clause) */
        if (sc_p_got(p, T_SEMICOLON))
            continue;
        if (p->tok.kind == T_RBRACE || p->tok.kind == T_EOF)
            break;
        sc_p_syntax_error(p, "at end of statement");
        sc_p_advance(p, (const sc_tok[]){T_SEMICOLON, T_RBRACE, T_CASE, T_DEFAULT}, 4);
        sc_p_got(p, T_SEMICOLON);
        SC_PROGRESS_END(p);
    }
    return l;
}

/* ---------------------------------------------------------------- declarations */

static sc_spec import_spec(parser *p)
{
    sc_spec s = {.pos = p->tok.pos};
    if (p->tok.kind == T_IDENT)
        sc_p_push_expr(&s.names, sc_p_name(p));
    else if (p->tok.kind == T_PERIOD) {
        sc_error(p->d, p->tok.pos, "dot imports are not supported in scenarios");
        sc_p_next(p);
    }
    if (p->tok.kind == T_STRING) {
        s.path = p->tok;
        sc_p_next(p);
    } else {
        sc_p_syntax_error(p, "missing import path; require quoted string");
        sc_p_advance(p, NULL, 0);
    }
    return s;
}

static sc_spec value_spec(parser *p, sc_tok kw, int iota)
{
    sc_spec s = {.pos = p->tok.pos, .iota = iota};
    s.names.n = 0;
    do
        sc_p_push_expr(&s.names, sc_p_name(p));
    while (sc_p_got(p, T_COMMA));
    if (p->tok.kind != T_ASSIGN && p->tok.kind != T_SEMICOLON && p->tok.kind != T_RPAREN)
        s.type = sc_p_type(p);
    if (sc_p_got(p, T_ASSIGN))
        s.values = sc_p_expr_list(p);
    else if (kw == T_CONST)
        s.implicit = !s.type;
    else if (!s.type)
        sc_p_syntax_error(p, "expecting type");
    return s;
}

static sc_spec type_spec(parser *p)
{
    sc_spec s = {.pos = p->tok.pos};
    sc_p_push_expr(&s.names, sc_p_name(p));
    s.alias = sc_p_got(p, T_ASSIGN);
    s.type = sc_p_type(p);
    return s;
}

static sc_spec spec(parser *p, sc_tok kw, int iota)
{
    switch (kw) {
    case T_IMPORT: return import_spec(p);
    case T_TYPE: return type_spec(p);
    default: return value_spec(p, kw, iota);
    }
}

static void push_spec(sc_decl *d, sc_spec s)
{
    d->specs = grow(d->specs, d->nspecs, sizeof *d->specs);
    d->specs[d->nspecs++] = s;
}

static sc_decl *gen_decl(parser *p, sc_tok kw)
{
    sc_decl *d = sc_alloc(sizeof *d);
    d->kind = kw == T_IMPORT ? D_IMPORT : kw == T_CONST ? D_CONST : kw == T_VAR ? D_VAR : D_TYPE;
    d->pos = p->tok.pos;
    sc_p_next(p);
    if (!sc_p_got(p, T_LPAREN)) {
        push_spec(d, spec(p, kw, 0));
        return d;
    }
    for (int iota = 0; p->tok.kind != T_RPAREN && p->tok.kind != T_EOF; iota++) {
        SC_PROGRESS_BEGIN(p);
        push_spec(d, spec(p, kw, iota));
        if (!sc_p_got(p, T_SEMICOLON) && p->tok.kind != T_RPAREN) {
            sc_p_syntax_error(p, sc_sprintf("after top level declaration"));
            sc_p_advance(p, (const sc_tok[]){T_RPAREN, T_SEMICOLON}, 2);
            sc_p_got(p, T_SEMICOLON);
        }
        SC_PROGRESS_END(p);
    }
    sc_p_want(p, T_RPAREN);
    return d;
}

/* extern_line: a //gorsim:extern comment on the line just above line, or NULL */
static sc_extern *extern_line(const sc_source *src, int line)
{
    static const char tag[] = "//gorsim:extern ";
    const char *s = src->text, *end = s + src->len;
    for (int l = 1; l < line - 1 && s < end; l++) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        s = nl ? nl + 1 : end;
    }
    if (line < 2 || s >= end)
        return NULL;
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    size_t n = (size_t)((nl ? nl : end) - s);
    if (n <= sizeof tag - 1 || memcmp(s, tag, sizeof tag - 1))
        return NULL;
    sc_extern *e = sc_alloc(sizeof *e);
    e->pos = (sc_pos){line - 1, 1};
    e->text = sc_strndup(s + sizeof tag - 1, n - (sizeof tag - 1));
    return e;
}

static sc_decl *func_decl(parser *p)
{
    sc_decl *d = sc_alloc(sizeof *d);
    d->kind = D_FUNC;
    d->pos = p->tok.pos;
    d->ext = extern_line(p->src, d->pos.line);
    sc_p_next(p);
    if (p->tok.kind == T_LPAREN) { /* a method */
        sc_pos rpos = p->tok.pos;
        sc_fields r = sc_p_params(p);
        if (r.n != 1 || r.v[0].names.n > 1)
            sc_error(p->d, rpos, "method has %s receivers", r.n ? "multiple" : "no");
        if (r.n)
            d->recv = &r.v[0];
    }
    d->name = sc_p_name(p);
    d->type = sc_p_func_type(p, d->pos);
    if (p->tok.kind == T_LBRACE)
        d->body = sc_p_func_body(p);
    return d;
}

static void push_decl(sc_file *f, sc_decl *d)
{
    f->decls = grow(f->decls, f->ndecls, sizeof *f->decls);
    f->decls[f->ndecls++] = d;
}

sc_file *sc_parse(const sc_source *src, sc_diags *diags)
{
    parser p = {.d = diags, .src = src};
    sc_lex_init(&p.lx, src, diags);
    sc_p_next(&p);
    sc_file *f = sc_alloc(sizeof *f);
    f->src = src;
    f->pkgpos = p.tok.pos;
    if (!sc_p_got(&p, T_PACKAGE)) {
        sc_p_syntax_error(&p, "package statement must be first");
        return f;
    }
    sc_expr *name = sc_p_name(&p);
    f->pkg = name->ident.name;
    sc_p_want(&p, T_SEMICOLON);
    bool imports_done = false;
    while (p.tok.kind != T_EOF) {
        sc_decl *d = NULL;
        switch (p.tok.kind) {
        case T_IMPORT:
            if (imports_done)
                sc_p_syntax_error_at(&p, p.tok.pos, "imports must appear before other declarations");
            d = gen_decl(&p, T_IMPORT);
            break;
        case T_CONST: case T_VAR: case T_TYPE:
            d = gen_decl(&p, p.tok.kind);
            break;
        case T_FUNC:
            d = func_decl(&p);
            break;
        case T_SEMICOLON:
            sc_p_next(&p);
            continue;
        default:
            sc_p_syntax_error_at(&p, p.tok.pos, "non-declaration statement outside function body");
            sc_p_next(&p);
            sc_p_advance(&p, (const sc_tok[]){T_FUNC, T_VAR, T_CONST, T_TYPE, T_IMPORT}, 5);
            while (p.tok.kind != T_EOF && p.tok.kind != T_FUNC && p.tok.kind != T_VAR &&
                   p.tok.kind != T_CONST && p.tok.kind != T_TYPE && p.tok.kind != T_IMPORT)
                sc_p_next(&p);
            continue;
        }
        imports_done |= d->kind != D_IMPORT;
        push_decl(f, d);
        if (p.tok.kind != T_EOF && !sc_p_got(&p, T_SEMICOLON)) {
            sc_p_syntax_error(&p, "after top level declaration");
            while (p.tok.kind != T_EOF && p.tok.kind != T_FUNC && p.tok.kind != T_VAR &&
                   p.tok.kind != T_CONST && p.tok.kind != T_TYPE && p.tok.kind != T_IMPORT)
                sc_p_next(&p);
        }
    }
    return f;
}
