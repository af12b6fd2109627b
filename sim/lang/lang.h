/*
 * lang.h — the scenario language as sim/ uses it: load a scenario file, parse and
 * type-check it (every error reported, as `file:line:col: message` with the source line
 * and a caret), and hand the checked program to the compiler.
 */
#ifndef GORSIM_SIM_LANG_LANG_H
#define GORSIM_SIM_LANG_LANG_H

#include "sim/lang/types.h"

typedef struct sc_func_info {
    sc_object *obj;            /* the function (NULL for a literal) */
    sc_expr *lit;              /* the function literal, or NULL */
    sc_decl *decl;             /* the declaration, or NULL */
    sc_type *sig;
    sc_object **locals;        /* the receiver, parameters and results (every one, unnamed
                                  ones as "_"), then every other local, in order */
    int nlocals, caplocals;
    int nparams, nresults;     /* how many of locals are parameters (with the receiver)
                                  and results */
    bool has_recv;
    sc_object **captures;      /* variables of enclosing functions it refers to */
    int ncaptures, capcaptures;
    struct sc_func_info *outer;
    bool has_defer, has_recover_call;
    void *compiled;            /* the interpreter's function (sim/vm) */
    int nlits;                 /* function literals named after it so far (func1 ...) */
} sc_func_info;

typedef struct sc_program {
    sc_file *file;
    sc_package *pkg;
    sc_object *main;           /* func main */
    sc_object **globals;       /* package-level variables, in initialization order */
    int nglobals, capglobals;
    sc_object **inits;         /* func init()s, in source order */
    int ninits, capinits;
    sc_func_info **funcs;      /* functions, methods and function literals with bodies */
    int nfuncs, capfuncs;
    struct sc_param *params;   /* sim.Param declarations */
    int nparams, capparams;
} sc_program;

/* a run parameter: sim.Param(name, default) */
typedef struct sc_param {
    const char *name;
    int64_t def;
    sc_pos pos;
} sc_param;

enum { /* the built-in functions (sc_object.id of an O_BUILTIN) */
    BI_APPEND = 1, BI_CAP, BI_CLEAR, BI_CLOSE, BI_COPY, BI_DELETE, BI_LEN, BI_MAKE, BI_NEW,
    BI_PANIC, BI_PRINT, BI_PRINTLN, BI_RECOVER, BI_COMPLEX, BI_REAL, BI_IMAG
};

/* sc_check type-checks f; NULL if there were errors (in d). */
sc_program *sc_check(sc_file *f, sc_diags *d);

/* sc_load reads path (or stdin for "-") into src; false with a message in err. */
bool sc_load(const char *path, sc_source *src, char *err, size_t errlen);

#endif
