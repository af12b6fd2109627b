/*
 * parse.h — the parser's state, shared by parse.c (file, declarations, statements) and
 * parse_expr.c (expressions and types). Recursive descent after Go's cmd/compile syntax
 * package, whose error messages it reproduces ("syntax error: unexpected x, expecting y").
 */
#ifndef GORSIM_SIM_LANG_PARSE_H
#define GORSIM_SIM_LANG_PARSE_H

#include "sim/lang/ast.h"
#include <string.h>

typedef struct parser {
    sc_lexer lx;
    sc_diags *d;
    const sc_source *src;
    sc_token tok;       /* the current token */
    int xnest;          /* < 0 inside a control clause: T{ is not a composite literal */
    int err_line;       /* the line of the last syntax error (one per line, as Go) */
    int depth;          /* nesting, bounded so no input overflows the C stack */
    int fnest;          /* function bodies entered */
} parser;

#define SC_MAX_DEPTH 1000

/* PROGRESS(p) { ... }: a list loop's body that always consumes input — if an iteration
   consumed nothing (an error at a token recovery stops at), the token is skipped, so no
   input makes the parser loop forever */
#define SC_PROGRESS_BEGIN(p) size_t mark_ = (p)->lx.off
#define SC_PROGRESS_END(p)                                                                  \
    do {                                                                                    \
        if ((p)->lx.off == mark_ && (p)->tok.kind != T_EOF)                                 \
            sc_p_next(p);                                                                   \
    } while (0)

void sc_p_next(parser *p);
bool sc_p_got(parser *p, sc_tok t);
/* sc_p_want: consume t or report "unexpected X, expecting t" */
void sc_p_want(parser *p, sc_tok t);
/* sc_p_syntax_error: "syntax error: unexpected <current token><sep><msg>", where sep is
   ", " before "expecting ..." and " " otherwise */
void sc_p_syntax_error(parser *p, const char *msg);
void sc_p_syntax_error_at(parser *p, sc_pos pos, const char *msg);
/* sc_p_advance skips to one of the follow tokens (or a statement keyword / EOF) */
void sc_p_advance(parser *p, const sc_tok *follow, int n);
bool sc_p_enter(parser *p); /* depth guard: false (error reported) when too deep */
void sc_p_leave(parser *p);

void *sc_p_node(size_t size); /* a zeroed node */
sc_expr *sc_p_expr_node(sc_expr_kind k, sc_pos pos);
sc_expr *sc_p_bad_expr(sc_pos pos);
void sc_p_push_expr(sc_exprs *l, sc_expr *x);
void sc_p_push_stmt(sc_stmts *l, sc_stmt *s);
void sc_p_push_field(sc_fields *l, sc_field f);

/* parse_expr.c */
sc_expr *sc_p_expr(parser *p);
sc_exprs sc_p_expr_list(parser *p);
sc_expr *sc_p_type(parser *p);           /* a type; reports "expecting type" if none */
sc_expr *sc_p_type_or_nil(parser *p);    /* a type or NULL */
sc_expr *sc_p_name(parser *p);           /* an identifier (E_IDENT), or bad */
sc_expr *sc_p_func_type(parser *p, sc_pos pos); /* after "func": signature */
sc_fields sc_p_params(parser *p);        /* ( parameter list ) */
sc_expr *sc_p_unary_expr(parser *p);

/* parse.c */
sc_stmt *sc_p_block(parser *p);          /* { statements } */
sc_stmt *sc_p_func_body(parser *p);

#endif
