/*
 * ast.h — the syntax tree of a scenario (Go's go/ast, cut to the subset): expressions
 * (type expressions among them, as Go's parser does not know which names are types),
 * statements, declarations, the file. The parser builds it; the checker annotates the
 * expressions (type, constant value, mode, object) in place.
 */
#ifndef GORSIM_SIM_LANG_AST_H
#define GORSIM_SIM_LANG_AST_H

#include "sim/lang/const.h"
#include "sim/lang/lex.h"

typedef struct sc_expr sc_expr;
typedef struct sc_stmt sc_stmt;
typedef struct sc_decl sc_decl;
struct sc_type;
struct sc_object;

typedef struct sc_exprs {
    sc_expr **v;
    int n;
} sc_exprs;
typedef struct sc_stmts {
    sc_stmt **v;
    int n;
} sc_stmts;

/* a field, parameter or result: names (none for an anonymous parameter or an embedded
   field) of one type */
typedef struct sc_field {
    sc_pos pos;
    sc_exprs names;   /* E_IDENTs */
    sc_expr *type;    /* E_ELLIPSIS for a variadic last parameter */
} sc_field;
typedef struct sc_fields {
    sc_field *v;
    int n;
    sc_pos open, close; /* the parentheses or braces; open.line 0 for a bare result type */
} sc_fields;

typedef enum sc_expr_kind {
    E_BAD, E_IDENT, E_LIT, E_COMPOSITE, E_FUNCLIT, E_PAREN, E_SELECTOR, E_INDEX, E_SLICE,
    E_ASSERT, E_CALL, E_STAR, E_UNARY, E_BINARY, E_KEYVALUE,
    /* type expressions */
    E_ARRAYTYPE, E_ELLIPSIS, E_STRUCTTYPE, E_FUNCTYPE, E_IFACETYPE, E_MAPTYPE, E_CHANTYPE
} sc_expr_kind;

enum { SC_SEND = 1, SC_RECV = 2, SC_BOTH = 3 }; /* channel directions */

/* How the checker classifies an expression (Go's operand modes). */
typedef enum sc_mode {
    M_INVALID,    /* an error was reported */
    M_NOVALUE,    /* a call without results */
    M_BUILTIN,    /* a built-in function name */
    M_TYPE,       /* a type */
    M_CONST,      /* a constant (cval) */
    M_VARIABLE,   /* addressable */
    M_MAPINDEX,   /* m[k]: assignable, not addressable; v, ok */
    M_VALUE,      /* any other value */
    M_COMMAOK,    /* a value that may be used as v, ok (receive, type assertion) */
    M_PACKAGE     /* an imported package's name */
} sc_mode;

struct sc_expr {
    sc_expr_kind kind;
    sc_pos pos;
    /* filled by the checker */
    uint8_t mode;              /* sc_mode */
    struct sc_type *type;
    struct sc_object *obj;     /* E_IDENT and qualified E_SELECTOR: what it names */
    sc_const cval;             /* M_CONST */
    union {
        struct { const char *name; } ident;
        sc_token lit;                                            /* E_LIT */
        struct { sc_expr *type; sc_exprs elts; sc_pos rbrace; } composite;
        struct { sc_expr *type; sc_stmt *body; } funclit;        /* type: E_FUNCTYPE */
        struct { sc_expr *x; } paren;
        struct { sc_expr *x; sc_expr *sel; } selector;           /* sel: E_IDENT */
        struct { sc_expr *x; sc_expr *index; } index;
        struct { sc_expr *x, *lo, *hi, *max; bool three; } slice;
        struct { sc_expr *x; sc_expr *type; } assert;            /* type NULL: x.(type) */
        struct { sc_expr *fun; sc_exprs args; bool dots; sc_pos rparen; } call;
        struct { sc_expr *x; } star;                             /* *x: deref or pointer type */
        struct { sc_tok op; sc_expr *x; } unary;                 /* + - ! ^ & <- */
        struct { sc_tok op; sc_expr *x, *y; } binary;
        struct { sc_expr *key, *value; } kv;
        struct { sc_expr *len; sc_expr *elem; } array;           /* len NULL: a slice type;
                                                                    E_ELLIPSIS: [...]T */
        struct { sc_expr *elt; } ellipsis;                       /* elt NULL inside [...] */
        struct { sc_fields fields; } strct;
        struct { sc_fields params, results; } func;
        struct { sc_fields methods; } iface;
        struct { sc_expr *key, *value; } map;
        struct { int dir; sc_expr *value; } chan;
    };
};

typedef enum sc_stmt_kind {
    S_BAD, S_DECL, S_EMPTY, S_LABELED, S_EXPR, S_SEND, S_INCDEC, S_ASSIGN, S_GO, S_DEFER,
    S_RETURN, S_BRANCH, S_BLOCK, S_IF, S_CASE, S_SWITCH, S_TYPESWITCH, S_COMM, S_SELECT,
    S_FOR, S_RANGE
} sc_stmt_kind;

struct sc_stmt {
    sc_stmt_kind kind;
    sc_pos pos;
    union {
        sc_decl *decl;                                           /* S_DECL */
        struct { sc_expr *label; sc_stmt *stmt; } labeled;
        sc_expr *x;                                              /* S_EXPR, S_GO, S_DEFER */
        struct { sc_expr *ch, *value; } send;
        struct { sc_expr *x; sc_tok op; } incdec;                /* T_INC, T_DEC */
        struct { sc_exprs lhs, rhs; sc_tok op; sc_pos oppos; } assign; /* T_ASSIGN,
                                                                    T_DEFINE, op= */
        struct { sc_exprs results; } ret;
        struct { sc_tok tok; sc_expr *label; } branch;           /* break continue goto
                                                                    fallthrough */
        struct { sc_stmts list; sc_pos rbrace; } block;
        struct { sc_stmt *init; sc_expr *cond; sc_stmt *then, *els; } ifs;
        struct { sc_exprs list; sc_stmts body; bool dflt; sc_pos colon; } clause; /* S_CASE */
        struct { sc_stmt *comm; sc_stmts body; sc_pos colon; } comm; /* comm NULL: default */
        struct { sc_stmt *init; sc_expr *tag; sc_stmt *body; } sw;  /* body: S_BLOCK of
                                                                        S_CASE */
        struct { sc_stmt *init; sc_stmt *assign; sc_stmt *body; } tsw; /* assign: x :=
                                                                        y.(type) or y.(type) */
        struct { sc_stmt *body; } select;                        /* S_BLOCK of S_COMM */
        struct { sc_stmt *init; sc_expr *cond; sc_stmt *post; sc_stmt *body; } fors;
        struct { sc_expr *key, *value; sc_tok tok; sc_expr *x; sc_stmt *body; } range;
                                                                 /* tok: T_DEFINE, T_ASSIGN
                                                                    or T_EOF (no variables) */
    };
};

/* one spec of an import, const, var or type declaration */
typedef struct sc_spec {
    sc_pos pos;
    sc_exprs names;      /* const / var: E_IDENTs; type: one; import: the local name or none */
    sc_expr *type;       /* const / var: NULL if absent; type: the type */
    sc_exprs values;     /* const / var */
    int iota;            /* const: the spec's index in its group */
    bool implicit;       /* const: repeats the previous spec's type and values */
    bool alias;          /* type A = B */
    sc_token path;       /* import: the T_STRING */
} sc_spec;

typedef enum sc_decl_kind { D_BAD, D_IMPORT, D_CONST, D_VAR, D_TYPE, D_FUNC } sc_decl_kind;

/* //gorsim:extern LIB name(params) results — a native function's declaration line */
typedef struct sc_extern {
    sc_pos pos;
    const char *text;    /* the line after "//gorsim:extern " */
} sc_extern;

struct sc_decl {
    sc_decl_kind kind;
    sc_pos pos;
    sc_spec *specs;      /* import const var type */
    int nspecs;
    sc_field *recv;      /* func: a method's receiver, else NULL */
    sc_expr *name;       /* func: E_IDENT */
    sc_expr *type;       /* func: E_FUNCTYPE */
    sc_stmt *body;       /* func: NULL for a declaration without body */
    sc_extern *ext;      /* func: its //gorsim:extern line, if any */
    struct sc_object *obj; /* func: filled by the checker */
};

typedef struct sc_file {
    const sc_source *src;
    sc_pos pkgpos;
    const char *pkg;
    sc_decl **decls;
    int ndecls;
} sc_file;

/* sc_parse parses src into a file; errors go to diags (the tree is still returned, with
   E_BAD / S_BAD / D_BAD where the source could not be parsed). */
sc_file *sc_parse(const sc_source *src, sc_diags *diags);

/* sc_expr_string: a short rendering of x for messages ("m[k]", "f(...)"), as Go's
   ExprString */
const char *sc_expr_string(const sc_expr *x);
/* sc_expr_start: where x begins in the source (its leftmost operand), where Go's type
   checker reports errors about an operand */
sc_pos sc_expr_start(const sc_expr *x);

#endif
