/*
 * check.h — the type checker's state, shared by its files: check.c (the package:
 * declarations resolved on demand, in any order, as Go), check_universe.c (predeclared
 * names), check_pkgs.c (the built-in packages), check_types.c (type expressions),
 * check_expr.c (expressions), check_call.c (calls, built-ins, conversions),
 * check_assign.c (assignability and untyped values), check_stmt.c (statements).
 * Messages follow Go 1.19's compiler (types2).
 */
#ifndef GORSIM_SIM_LANG_CHECK_H
#define GORSIM_SIM_LANG_CHECK_H

#include "sim/lang/lang.h"

#define CK_MAX_RESOLVE_DEPTH 1000
#include <string.h>

/* a statement context: what break, continue and fallthrough may target */
typedef struct stmt_ctx {
    struct stmt_ctx *outer;
    const char *label;         /* the label on this statement, or NULL */
    bool loop, brk;            /* continue targets loops; break loops, switch, select */
} stmt_ctx;

typedef struct func_ctx {
    struct func_ctx *outer;
    sc_func_info *info;
    sc_type *sig;
    sc_object **results;       /* named results, or NULL */
    stmt_ctx *stmts;
    sc_scope *labels;          /* the function's labels */
} func_ctx;

typedef struct checker {
    sc_diags *d;
    sc_file *file;
    sc_program *prog;
    sc_package *pkg;
    sc_scope *universe, *pkg_scope, *file_scope, *scope;
    func_ctx *fn;
    int iota;                  /* inside a constant declaration, else -1 */
    sc_object **imports;       /* to report the unused ones */
    int nimports, capimports;
    sc_object *resolving;      /* the package-level object being resolved */
    int resolve_depth;         /* nested resolutions (bounded: the C stack is finite) */
    unsigned walk;             /* the current dependency walk (sc_object.walk) */
} checker;

void ck_error(checker *c, sc_pos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* ck_describe: an operand as types2's messages show it: "x (variable of type int)",
   "1 (untyped int constant)", "f() (value of type string)" */
const char *ck_describe(const sc_expr *x);
void ck_grow(void **v, int n, int *cap, size_t size);
#define CK_PUSH(arr, n, cap, x)                                                             \
    do {                                                                                    \
        ck_grow((void **)&(arr), (n), &(cap), sizeof *(arr));                               \
        (arr)[(n)++] = (x);                                                                 \
    } while (0)

/* check_universe.c */
sc_scope *ck_universe(void);


/* check_pkgs.c */
sc_package *ck_package(checker *c, const char *path); /* NULL: not a built-in package */

/* check.c */
sc_program *ck_check_package(sc_file *f, sc_diags *d, sc_package *pkg);
void ck_resolve(checker *c, sc_object *o);       /* a package-level object, on demand */
void ck_add_dep(checker *c, sc_object *o);       /* the object being resolved uses o */
bool ck_declare(checker *c, sc_scope *s, sc_object *o); /* "x redeclared in this block" */
sc_object *ck_new_local(checker *c, sc_expr *name, sc_type *t);
void ck_func_body(checker *c, sc_func_info *info, sc_expr *ftype, sc_stmt *body);

/* check_types.c */
sc_type *ck_type(checker *c, sc_expr *x);        /* a type expression */
sc_type *ck_signature(checker *c, sc_expr *ftype, sc_object *recv);
void ck_named_underlying(checker *c, sc_type *named, sc_expr *x);
bool ck_layout(sc_type *t);                      /* sizes and offsets; false if too big */

/* check_expr.c */
void ck_expr(checker *c, sc_expr *x);            /* a single value */
void ck_expr_or_type(checker *c, sc_expr *x);
void ck_multi_expr(checker *c, sc_expr *x);      /* a call may return several values */
void ck_stmt_expr(checker *c, sc_expr *x);       /* an expression statement: no value is fine */
void ck_expr_hint(checker *c, sc_expr *x, sc_type *hint); /* composite literal element */
bool ck_is_value(checker *c, sc_expr *x);        /* reports novalue, type, builtin */
sc_object *ck_use_ident(checker *c, sc_expr *id);
void ck_mark_addressed(sc_expr *x);              /* its variable's address is taken */

/* check_call.c */
void ck_call(checker *c, sc_expr *x);
void ck_conversion(checker *c, sc_expr *x, sc_type *t);

/* check_assign.c */
/* ck_assignable: whether x can be assigned to t; converts an untyped x to t */
bool ck_assignable(checker *c, sc_expr *x, sc_type *t, const char *context);
/* ck_default: an untyped value gets its default type (x := 1) */
void ck_default(checker *c, sc_expr *x);
/* ck_set_type: an untyped x becomes t (constants checked for representability) */
bool ck_set_type(checker *c, sc_expr *x, sc_type *t);
bool ck_implements(sc_type *t, sc_type *iface, const char **missing);

/* check_decl.c */
/* ck_init_vars: lhs (new variables) = values, typed t if given (var declarations and :=) */
void ck_init_vars(checker *c, sc_object **lhs, int n, sc_type *t, sc_exprs *values, sc_pos pos);
void ck_local_decl(checker *c, sc_decl *d);
void ck_assign_stmt(checker *c, sc_stmt *s);

/* check_stmt.c */
void ck_stmts(checker *c, sc_stmts *l);
void ck_block(checker *c, sc_stmt *b);

#endif
