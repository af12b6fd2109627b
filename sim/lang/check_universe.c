/*
 * check_universe.c — the universe scope: Go's predeclared types (byte and rune as
 * aliases, any, error), constants (true, false, iota), nil and the built-in functions —
 * Go 1.19's, plus clear (Go 1.21), which the scenario language lists.
 */
#include "sim/lang/check.h"

static const struct { const char *name; int id; } builtins[] = {
    {"append", BI_APPEND}, {"cap", BI_CAP}, {"clear", BI_CLEAR}, {"close", BI_CLOSE},
    {"complex", BI_COMPLEX}, {"copy", BI_COPY}, {"delete", BI_DELETE}, {"imag", BI_IMAG},
    {"len", BI_LEN}, {"make", BI_MAKE}, {"new", BI_NEW},
    {"panic", BI_PANIC}, {"print", BI_PRINT}, {"println", BI_PRINTLN}, {"real", BI_REAL},
    {"recover", BI_RECOVER},
};

static void def(sc_scope *u, sc_obj_kind k, const char *name, sc_type *t)
{
    sc_scope_insert(u, sc_new_object(k, name, (sc_pos){0, 0}, t));
}

static sc_type *make_error(void)
{
    /* type error interface { Error() string } */
    sc_type **res = sc_alloc(sizeof *res);
    res[0] = &sc_basic[K_STRING];
    sc_type *sig = sc_func_type(NULL, 0, res, 1, false);
    sc_type *iface = sc_new_type(K_INTERFACE);
    iface->fields = sc_alloc(sizeof *iface->fields);
    iface->fields[0] = (sc_sfield){.name = "Error", .type = sig};
    iface->nfields = 1;
    sc_type *named = sc_new_type(K_NAMED);
    named->name = "error";
    named->underlying = iface;
    return named;
}

sc_scope *ck_universe(void)
{
    static sc_scope *u; /* built once: immutable afterwards, shared by every check */
    if (u)
        return u;
    sc_scope *s = sc_scope_new(NULL, false);
    for (int k = K_BOOL; k <= K_STRING; k++)
        if (k != K_FLOAT32) /* float64 is the language's only float type */
            def(s, O_TYPE, sc_basic[k].name, &sc_basic[k]);
    def(s, O_TYPE, "byte", &sc_byte);
    def(s, O_TYPE, "rune", &sc_rune);
    def(s, O_TYPE, "any", sc_any);
    sc_error_type = make_error();
    def(s, O_TYPE, "error", sc_error_type);
    sc_object *t = sc_new_object(O_CONST, "true", (sc_pos){0, 0}, &sc_basic[K_UNTYPED_BOOL]);
    t->val = sc_const_bool(true);
    sc_scope_insert(s, t);
    sc_object *f = sc_new_object(O_CONST, "false", (sc_pos){0, 0}, &sc_basic[K_UNTYPED_BOOL]);
    f->val = sc_const_bool(false);
    sc_scope_insert(s, f);
    sc_object *iota = sc_new_object(O_CONST, "iota", (sc_pos){0, 0}, &sc_basic[K_UNTYPED_INT]);
    iota->id = -1; /* its value is the checker's current iota */
    sc_scope_insert(s, iota);
    def(s, O_NIL, "nil", &sc_basic[K_UNTYPED_NIL]);
    for (size_t i = 0; i < sizeof builtins / sizeof *builtins; i++) {
        sc_object *b = sc_new_object(O_BUILTIN, builtins[i].name, (sc_pos){0, 0}, NULL);
        b->id = builtins[i].id;
        sc_scope_insert(s, b);
    }
    u = s;
    return u;
}
