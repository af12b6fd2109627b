/*
 * types.c — type constructors, Go's predicates and identity, type spelling for messages,
 * and field and method lookup through embedded fields (types.h).
 */
#include "sim/lang/types.h"
#include <string.h>

#define B(k, n) [k] = {.kind = k, .name = n}
sc_type sc_basic[K_UNTYPED_NIL + 1] = {
    B(K_INVALID, "invalid type"), B(K_BOOL, "bool"), B(K_INT, "int"), B(K_INT8, "int8"),
    B(K_INT16, "int16"), B(K_INT32, "int32"), B(K_INT64, "int64"), B(K_UINT, "uint"),
    B(K_UINT8, "uint8"), B(K_UINT16, "uint16"), B(K_UINT32, "uint32"), B(K_UINT64, "uint64"),
    B(K_UINTPTR, "uintptr"), B(K_FLOAT32, "float32"), B(K_FLOAT64, "float64"),
    B(K_STRING, "string"), B(K_UNSAFE_POINTER, "unsafe.Pointer"),
    B(K_UNTYPED_BOOL, "untyped bool"), B(K_UNTYPED_INT, "untyped int"),
    B(K_UNTYPED_RUNE, "untyped rune"), B(K_UNTYPED_FLOAT, "untyped float"),
    B(K_UNTYPED_STRING, "untyped string"), B(K_UNTYPED_NIL, "untyped nil"),
};
#undef B

sc_type sc_byte = {.kind = K_UINT8, .name = "byte"};
sc_type sc_rune = {.kind = K_INT32, .name = "rune"};
static sc_type any_type = {.kind = K_INTERFACE};
sc_type *sc_any = &any_type;
sc_type *sc_error_type; /* made with the universe (check_universe.c) */

sc_type *sc_new_type(sc_kind k)
{
    sc_type *t = sc_alloc(sizeof *t);
    t->kind = k;
    return t;
}

static sc_type *with_elem(sc_kind k, sc_type *elem)
{
    sc_type *t = sc_new_type(k);
    t->elem = elem;
    return t;
}

sc_type *sc_pointer_to(sc_type *elem) { return with_elem(K_POINTER, elem); }
sc_type *sc_slice_of(sc_type *elem) { return with_elem(K_SLICE, elem); }

sc_type *sc_array_of(sc_type *elem, int64_t len)
{
    sc_type *t = with_elem(K_ARRAY, elem);
    t->len = len;
    return t;
}

sc_type *sc_map_of(sc_type *key, sc_type *elem)
{
    sc_type *t = with_elem(K_MAP, elem);
    t->key = key;
    return t;
}

sc_type *sc_chan_of(sc_type *elem, int dir)
{
    sc_type *t = with_elem(K_CHAN, elem);
    t->dir = dir;
    return t;
}

sc_type *sc_tuple(sc_type **v, int n)
{
    sc_type *t = sc_new_type(K_TUPLE);
    t->results = v;
    t->nresults = n;
    return t;
}

sc_type *sc_func_type(sc_type **params, int np, sc_type **results, int nr, bool variadic)
{
    sc_type *t = sc_new_type(K_FUNC);
    t->params = params;
    t->nparams = np;
    t->results = results;
    t->nresults = nr;
    t->variadic = variadic;
    return t;
}

/* ---------------------------------------------------------------- predicates */

sc_type *sc_under(sc_type *t)
{
    for (int i = 0; t && t->kind == K_NAMED && i < 100; i++)
        t = t->underlying ? t->underlying : &sc_basic[K_INVALID];
    return t ? t : &sc_basic[K_INVALID];
}

bool sc_is_untyped(const sc_type *t) { return t && t->kind >= K_UNTYPED_BOOL && t->kind <= K_UNTYPED_NIL; }

bool sc_is_integer(sc_type *t)
{
    sc_kind k = sc_under(t)->kind;
    return (k >= K_INT && k <= K_UINTPTR) || k == K_UNTYPED_INT || k == K_UNTYPED_RUNE;
}

bool sc_is_unsigned(sc_type *t)
{
    sc_kind k = sc_under(t)->kind;
    return k >= K_UINT && k <= K_UINTPTR;
}

bool sc_is_float(sc_type *t)
{
    sc_kind k = sc_under(t)->kind;
    return k == K_FLOAT32 || k == K_FLOAT64 || k == K_UNTYPED_FLOAT;
}

bool sc_is_numeric(sc_type *t) { return sc_is_integer(t) || sc_is_float(t); }

bool sc_is_string(sc_type *t)
{
    sc_kind k = sc_under(t)->kind;
    return k == K_STRING || k == K_UNTYPED_STRING;
}

bool sc_is_boolean(sc_type *t)
{
    sc_kind k = sc_under(t)->kind;
    return k == K_BOOL || k == K_UNTYPED_BOOL;
}

bool sc_comparable(sc_type *t)
{
    sc_type *u = sc_under(t);
    switch (u->kind) {
    case K_SLICE: case K_MAP: case K_FUNC: case K_INVALID: case K_TUPLE:
        return false;
    case K_ARRAY:
        return sc_comparable(u->elem);
    case K_STRUCT:
        for (int i = 0; i < u->nfields; i++)
            if (!sc_comparable(u->fields[i].type))
                return false;
        return true;
    default:
        return true;
    }
}

bool sc_ordered(sc_type *t) { return sc_is_numeric(t) || sc_is_string(t); }

bool sc_has_nil(sc_type *t)
{
    switch (sc_under(t)->kind) {
    case K_POINTER: case K_SLICE: case K_MAP: case K_CHAN: case K_FUNC: case K_INTERFACE:
    case K_UNSAFE_POINTER: case K_UNTYPED_NIL:
        return true;
    default:
        return false;
    }
}

sc_type *sc_default_type(sc_type *t)
{
    switch (t ? t->kind : K_INVALID) {
    case K_UNTYPED_BOOL: return &sc_basic[K_BOOL];
    case K_UNTYPED_INT: return &sc_basic[K_INT];
    case K_UNTYPED_RUNE: return &sc_basic[K_INT32];
    case K_UNTYPED_FLOAT: return &sc_basic[K_FLOAT64];
    case K_UNTYPED_STRING: return &sc_basic[K_STRING];
    default: return t;
    }
}

sc_repr sc_repr_of(sc_type *t)
{
    switch (sc_under(t)->kind) {
    case K_BOOL: case K_UNTYPED_BOOL: return SC_R_BOOL;
    case K_STRING: case K_UNTYPED_STRING: return SC_R_STRING;
    case K_INT8: return SC_R_INT8;
    case K_INT16: return SC_R_INT16;
    case K_INT32: return SC_R_INT32;
    case K_INT: case K_INT64: return SC_R_INT64;
    case K_UINT8: return SC_R_UINT8;
    case K_UINT16: return SC_R_UINT16;
    case K_UINT32: return SC_R_UINT32;
    case K_UINT: case K_UINT64: case K_UINTPTR: return SC_R_UINT64;
    case K_FLOAT32: case K_FLOAT64: return SC_R_FLOAT64;
    default: return SC_R_UNTYPED;
    }
}

/* ---------------------------------------------------------------- identity */

static bool identical_lists(sc_type **a, sc_type **b, int n)
{
    for (int i = 0; i < n; i++)
        if (!sc_identical(a[i], b[i]))
            return false;
    return true;
}

bool sc_identical(sc_type *a, sc_type *b)
{
    if (a == b)
        return true;
    if (!a || !b || a->kind != b->kind)
        return false;
    if (a->kind < K_ARRAY) /* basic: byte and uint8, rune and int32 are aliases */
        return true;
    switch (a->kind) {
    case K_ARRAY:
        return a->len == b->len && sc_identical(a->elem, b->elem);
    case K_SLICE: case K_POINTER:
        return sc_identical(a->elem, b->elem);
    case K_MAP:
        return sc_identical(a->key, b->key) && sc_identical(a->elem, b->elem);
    case K_CHAN:
        return a->dir == b->dir && sc_identical(a->elem, b->elem);
    case K_FUNC:
        return a->nparams == b->nparams && a->nresults == b->nresults &&
               a->variadic == b->variadic && identical_lists(a->params, b->params, a->nparams) &&
               identical_lists(a->results, b->results, a->nresults);
    case K_TUPLE:
        return a->nresults == b->nresults && identical_lists(a->results, b->results, a->nresults);
    case K_STRUCT:
    case K_INTERFACE:
        if (a->nfields != b->nfields)
            return false;
        for (int i = 0; i < a->nfields; i++)
            if (strcmp(a->fields[i].name, b->fields[i].name) ||
                a->fields[i].embedded != b->fields[i].embedded ||
                !sc_identical(a->fields[i].type, b->fields[i].type))
                return false;
        return true;
    default:
        return false; /* named and basic types are identical only to themselves */
    }
}

/* ---------------------------------------------------------------- spelling */

typedef struct tbuf {
    char s[256];
    size_t n;
} tbuf;

static void tput(tbuf *b, const char *s)
{
    for (; *s && b->n + 1 < sizeof b->s; s++)
        b->s[b->n++] = *s;
    b->s[b->n] = 0;
}

static void tstr(tbuf *b, sc_type *t, int depth);

static void tlist(tbuf *b, sc_type **v, int n, bool variadic, int depth)
{
    for (int i = 0; i < n; i++) {
        if (i)
            tput(b, ", ");
        if (variadic && i == n - 1 && v[i]->kind == K_SLICE) {
            tput(b, "...");
            tstr(b, v[i]->elem, depth);
        } else {
            tstr(b, v[i], depth);
        }
    }
}

static void tsig(tbuf *b, sc_type *t, int depth)
{
    tput(b, "(");
    tlist(b, t->params, t->nparams, t->variadic, depth);
    tput(b, ")");
    if (t->nresults == 1) {
        tput(b, " ");
        tstr(b, t->results[0], depth);
    } else if (t->nresults > 1) {
        tput(b, " (");
        tlist(b, t->results, t->nresults, false, depth);
        tput(b, ")");
    }
}

static void tfields(tbuf *b, sc_type *t, bool iface, int depth)
{
    for (int i = 0; i < t->nfields; i++) {
        tput(b, i ? "; " : "");
        if (!t->fields[i].embedded) {
            tput(b, t->fields[i].name);
            if (!iface)
                tput(b, " ");
        }
        if (iface)
            tsig(b, t->fields[i].type, depth);
        else
            tstr(b, t->fields[i].type, depth);
    }
}

static void tstr(tbuf *b, sc_type *t, int depth)
{
    if (!t || depth > 10) {
        tput(b, "…");
        return;
    }
    depth++;
    char num[32];
    switch (t->kind) {
    case K_NAMED:
        if (t->obj && t->obj->pkg && strcmp(t->obj->pkg->path, "main")) {
            tput(b, t->obj->pkg->name);
            tput(b, ".");
        }
        tput(b, t->name);
        return;
    case K_ARRAY:
        snprintf(num, sizeof num, "[%lld]", (long long)t->len);
        tput(b, num);
        tstr(b, t->elem, depth);
        return;
    case K_SLICE: tput(b, "[]"); tstr(b, t->elem, depth); return;
    case K_POINTER: tput(b, "*"); tstr(b, t->elem, depth); return;
    case K_MAP:
        tput(b, "map[");
        tstr(b, t->key, depth);
        tput(b, "]");
        tstr(b, t->elem, depth);
        return;
    case K_CHAN:
        tput(b, t->dir == SC_RECV ? "<-chan " : t->dir == SC_SEND ? "chan<- " : "chan ");
        tstr(b, t->elem, depth);
        return;
    case K_FUNC: tput(b, "func"); tsig(b, t, depth); return;
    case K_TUPLE:
        tput(b, "(");
        tlist(b, t->results, t->nresults, false, depth);
        tput(b, ")");
        return;
    case K_STRUCT: tput(b, "struct{"); tfields(b, t, false, depth); tput(b, "}"); return;
    case K_INTERFACE:
        if (!t->nfields) {
            tput(b, "any");
            return;
        }
        tput(b, "interface{");
        tfields(b, t, true, depth);
        tput(b, "}");
        return;
    default:
        tput(b, t->name ? t->name : "?");
    }
}

const char *sc_type_string(sc_type *t)
{
    tbuf b = {{0}, 0};
    tstr(&b, t, 0);
    return sc_strndup(b.s, b.n);
}

/* ---------------------------------------------------------------- members */

static sc_object *method_of(sc_type *named, const char *name)
{
    for (int i = 0; named && named->kind == K_NAMED && i < named->nmethods; i++)
        if (!strcmp(named->methods[i]->name, name))
            return named->methods[i];
    return NULL;
}

static sc_object *field_object(sc_sfield *f, int index)
{
    sc_object *o = sc_new_object(O_VAR, f->name, f->pos, f->type);
    o->flags = OF_FIELD;
    o->id = index;
    return o;
}

/* search: name in t (a named or struct type, not a pointer) at embedding depth up to
   `left`; the path so far in path[0..*npath) */
static sc_object *search(sc_type *t, const char *name, int *path, int *npath, bool *indirect,
                         int left)
{
    sc_object *m = method_of(t, name);
    if (m)
        return m;
    sc_type *u = sc_under(t);
    if (u->kind == K_INTERFACE) {
        for (int i = 0; i < u->nfields; i++)
            if (!strcmp(u->fields[i].name, name)) {
                sc_object *o = sc_new_object(O_FUNC, name, u->fields[i].pos, u->fields[i].type);
                o->flags = OF_METHOD;
                o->id = i;
                return o;
            }
        return NULL;
    }
    if (u->kind != K_STRUCT)
        return NULL;
    for (int i = 0; i < u->nfields; i++)
        if (!strcmp(u->fields[i].name, name)) {
            path[(*npath)++] = i;
            return field_object(&u->fields[i], i);
        }
    if (left == 0 || *npath >= 7)
        return NULL;
    for (int i = 0; i < u->nfields; i++) {
        if (!u->fields[i].embedded)
            continue;
        sc_type *ft = u->fields[i].type;
        bool ind = false;
        if (ft->kind == K_POINTER) {
            ft = ft->elem;
            ind = true;
        }
        int save = *npath;
        path[(*npath)++] = i;
        sc_object *o = search(ft, name, path, npath, indirect, left - 1);
        if (o) {
            *indirect |= ind;
            return o;
        }
        *npath = save;
    }
    return NULL;
}

sc_object *sc_lookup_member(sc_type *t, const char *name, int *path, int *npath, bool *indirect)
{
    *npath = 0;
    *indirect = false;
    if (!strcmp(name, "_"))
        return NULL;
    if (t->kind == K_POINTER && t->elem->kind == K_NAMED) { /* *T: T's fields and methods */
        *indirect = true;
        t = t->elem;
    } else if (sc_under(t)->kind == K_POINTER) {
        *indirect = true;
        t = sc_under(t)->elem;
    }
    /* shallowest first: try each depth in turn (Go's breadth-first rule) */
    for (int depth = 0; depth < 8; depth++) {
        *npath = 0;
        bool ind = *indirect;
        sc_object *o = search(t, name, path, npath, &ind, depth);
        if (o) {
            *indirect = ind;
            return o;
        }
    }
    return NULL;
}
