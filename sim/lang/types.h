/*
 * types.h — the scenario language's types and named objects (Go's go/types, cut to the
 * subset): basic types with Go's untyped constant kinds, composite types, named types
 * with methods, the objects names resolve to, and scopes. Types are built once and
 * compared by identity except where Go's identity rules say otherwise (sc_identical).
 */
#ifndef GORSIM_SIM_LANG_TYPES_H
#define GORSIM_SIM_LANG_TYPES_H

#include "sim/lang/ast.h"

typedef struct sc_type sc_type;
typedef struct sc_object sc_object;
typedef struct sc_scope sc_scope;
typedef struct sc_package sc_package;
typedef struct sc_native sc_native;

typedef enum sc_kind {
    K_INVALID,
    /* basic, in Go's order */
    K_BOOL, K_INT, K_INT8, K_INT16, K_INT32, K_INT64, K_UINT, K_UINT8, K_UINT16, K_UINT32,
    K_UINT64, K_UINTPTR, K_FLOAT32, K_FLOAT64, K_STRING, K_UNSAFE_POINTER,
    K_UNTYPED_BOOL, K_UNTYPED_INT, K_UNTYPED_RUNE, K_UNTYPED_FLOAT, K_UNTYPED_STRING,
    K_UNTYPED_NIL,
    /* composite */
    K_ARRAY, K_SLICE, K_STRUCT, K_POINTER, K_FUNC, K_INTERFACE, K_MAP, K_CHAN,
    K_NAMED, K_TUPLE
} sc_kind;

typedef struct sc_sfield {     /* a struct field */
    const char *name;
    sc_type *type;
    bool embedded;
    int64_t offset;            /* bytes (sc_layout) */
    sc_pos pos;
} sc_sfield;

struct sc_type {
    sc_kind kind;
    const char *name;          /* basic and named types */
    sc_type *elem;             /* array slice pointer chan, map value */
    sc_type *key;              /* map */
    int64_t len;               /* array */
    int dir;                   /* chan: SC_SEND SC_RECV SC_BOTH */
    /* struct */
    sc_sfield *fields;
    int nfields;
    /* func and tuple: params (func only), results; a variadic func's last param is a
       slice */
    sc_type **params, **results;
    int nparams, nresults;
    bool variadic;
    /* named */
    sc_type *underlying;       /* NULL while being resolved */
    sc_object *obj;            /* its type name */
    sc_object **methods;
    int nmethods;
    int native;                /* a built-in package's type (sync.Mutex ...): its id, else 0 */
    /* layout on the simulated heap (sc_layout): 8-byte words */
    int64_t size;
    int64_t align;
    bool laid_out, has_ptrs;
    const void *rt;            /* the interpreter's descriptor (sim/vm/rtype.c) */
};

typedef enum sc_obj_kind {
    O_BAD, O_VAR, O_CONST, O_TYPE, O_FUNC, O_PKG, O_BUILTIN, O_NIL, O_LABEL
} sc_obj_kind;

enum { /* sc_object.flags */
    OF_USED = 1,        /* referenced (unused locals and imports are errors, as in Go) */
    OF_GLOBAL = 2,      /* a package-level variable: a global root */
    OF_PARAM = 4,       /* a parameter or named result */
    OF_RESULT = 8,
    OF_CAPTURED = 16,   /* referred to by a closure: lives on the heap (Go's worst case) */
    OF_ADDRESSED = 32,  /* its address is taken: lives on the heap */
    OF_FIELD = 64,
    OF_METHOD = 128,
    OF_NATIVE = 256,    /* a built-in package's function or method */
    OF_ORDERED = 512    /* placed in the initialization order */
};

enum { RES_NONE, RES_BUSY, RES_DONE }; /* resolution of package-level objects */

struct sc_object {
    sc_obj_kind kind;
    const char *name;
    sc_pos pos;
    sc_type *type;
    sc_const val;              /* O_CONST */
    int id;                    /* O_BUILTIN: the builtin; native funcs: their number */
    unsigned flags;
    sc_package *pkg;           /* O_PKG: the package; members: their package */
    /* package-level declarations, resolved on demand (any order, as Go) */
    sc_decl *decl;
    sc_spec *spec;
    int spec_index;            /* which name of the spec */
    int resolve;               /* RES_* */
    sc_type *recv;             /* a method's receiver type */
    struct sc_func_info *func; /* O_FUNC with a body, and function literals: their frame */
    int32_t slot;              /* variables: frame slot or global index (compile) */
    sc_object *outer;          /* a captured variable's object in the enclosing func */
    sc_object **deps;          /* package-level vars and funcs its initializer or body
                                  refers to (initialization order) */
    int ndeps, capdeps;
    unsigned walk;             /* the checker's last dependency walk that reached it */
    sc_native *native;         /* OF_NATIVE: how the interpreter calls it */
};

/* a scope: names bound in a block, function, file, package or the universe */
struct sc_scope {
    sc_scope *parent;
    sc_object **v;
    int n, cap;
    bool func;                 /* a function's outermost scope: captures cross it */
};

struct sc_package {
    const char *path;          /* "sync", "runtime/debug" */
    const char *name;          /* "sync", "debug" */
    sc_scope *scope;
    bool native;               /* a built-in package: bodiless funcs are natives */
};

/* ---- types.c */
extern sc_type sc_basic[K_UNTYPED_NIL + 1]; /* the basic types, by kind */
sc_type *sc_new_type(sc_kind k);
sc_type *sc_pointer_to(sc_type *elem);
sc_type *sc_slice_of(sc_type *elem);
sc_type *sc_array_of(sc_type *elem, int64_t len);
sc_type *sc_map_of(sc_type *key, sc_type *elem);
sc_type *sc_chan_of(sc_type *elem, int dir);
sc_type *sc_tuple(sc_type **v, int n);
sc_type *sc_func_type(sc_type **params, int np, sc_type **results, int nr, bool variadic);
extern sc_type sc_byte, sc_rune; /* uint8 and int32 under their alias names */
extern sc_type *sc_any;      /* interface{} */
extern sc_type *sc_error_type; /* the universe's error (a named interface) */

sc_type *sc_under(sc_type *t);   /* the underlying type */
bool sc_layout(sc_type *t);      /* sizes, alignments, offsets (check_types.c) */
bool sc_identical(sc_type *a, sc_type *b);
bool sc_is_untyped(const sc_type *t);
bool sc_is_integer(sc_type *t);  /* typed or untyped integer (and rune) */
bool sc_is_unsigned(sc_type *t);
bool sc_is_float(sc_type *t);
bool sc_is_numeric(sc_type *t);
bool sc_is_string(sc_type *t);
bool sc_is_boolean(sc_type *t);
bool sc_comparable(sc_type *t);
bool sc_ordered(sc_type *t);
bool sc_has_nil(sc_type *t);     /* pointer, slice, map, chan, func, interface */
sc_type *sc_default_type(sc_type *t); /* an untyped kind's default type */
sc_repr sc_repr_of(sc_type *t);   /* what a constant of t must fit */
/* sc_type_string: Go's spelling of t ("map[string]*main.T", "untyped int") */
const char *sc_type_string(sc_type *t);
/* sc_lookup_field_or_method: x.name on a value of type t (embedded fields and pointer
   indirection followed); the path of embedded fields in *path (up to 8), or NULL */
sc_object *sc_lookup_member(sc_type *t, const char *name, int *path, int *npath,
                            bool *indirect);

/* ---- scope.c */
sc_scope *sc_scope_new(sc_scope *parent, bool func);
sc_object *sc_scope_lookup_local(const sc_scope *s, const char *name);
sc_object *sc_scope_lookup(const sc_scope *s, const char *name, const sc_scope **found);
/* sc_scope_insert binds obj; returns the existing object of that name instead (nothing
   inserted) if there is one */
sc_object *sc_scope_insert(sc_scope *s, sc_object *obj);
sc_object *sc_new_object(sc_obj_kind k, const char *name, sc_pos pos, sc_type *type);

#endif
