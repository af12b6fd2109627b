/*
 * rtype.c — runtime type descriptors (value.h's vm_type) made from the checker's types:
 * one per distinct type (identical types share one, so a type assertion compares
 * pointers), with Go's layout, the collector's pointer mask, struct fields, method sets,
 * and for maps the maps/ type with Go's hashing and equality for every comparable key.
 */
#include "sim/vm/vm_internal.h"
#include <math.h>
#include <stdlib.h>

#define BASIC(n, k, sz)                                                                     \
    {.kind = k, .name = n, .size = sz, .align = sz, .words = 1, .gc = {sz, 0, NULL, n},     \
     .comparable = true}
const vm_type vm_t_int = BASIC("int", K_INT, 8);
const vm_type vm_t_bool = BASIC("bool", K_BOOL, 1);
const vm_type vm_t_float64 = BASIC("float64", K_FLOAT64, 8);
const vm_type vm_t_uint8 = BASIC("uint8", K_UINT8, 1);
const vm_type vm_t_int32 = BASIC("int32", K_INT32, 4);
static const uint8_t one_ptr[] = {1};
const vm_type vm_t_string = {.kind = K_STRING, .name = "string", .size = 16, .align = 8,
                             .words = 2, .gc = {16, 8, one_ptr, "string"}, .comparable = true};
#undef BASIC

typedef struct map_type_ext { /* a map type and the key type its hasher needs */
    map_type mt;
    const vm_type *key;
} map_type_ext;

/* the registry of made types, to share one descriptor per identical type */
typedef struct registry {
    vm_type **v;
    int n, cap;
} registry;

static void set_bit(uint8_t *m, int64_t word) { m[word / 8] |= (uint8_t)(1u << (word % 8)); }

/* fill_mask sets the pointer words of a value of checker type st at byte offset off
   (from the checker's types, so a descriptor still being made is never consulted: values
   nest only finitely, a recursive type goes through a pointer) */
static void fill_mask(uint8_t *m, sc_type *st, int64_t off)
{
    sc_type *u = sc_under(st);
    switch (u->kind) {
    case K_POINTER: case K_MAP: case K_CHAN: case K_FUNC: case K_UNSAFE_POINTER: case K_STRING:
    case K_SLICE:
        set_bit(m, off / 8);
        return;
    case K_INTERFACE:
        set_bit(m, off / 8 + 1);
        return;
    case K_ARRAY:
        for (int64_t i = 0; i < u->len && u->elem->has_ptrs; i++)
            fill_mask(m, u->elem, off + i * u->elem->size);
        return;
    case K_STRUCT:
        for (int i = 0; i < u->nfields; i++)
            fill_mask(m, u->fields[i].type, off + u->fields[i].offset);
        return;
    default:
        return;
    }
}

static void finish_gc(vm_type *t)
{
    t->words = t->kind == K_STRUCT || t->kind == K_ARRAY || t->kind == K_STRING ||
                       t->kind == K_SLICE || t->kind == K_INTERFACE
                   ? (int)((t->size + 7) / 8)
                   : 1;
    t->gc.size = (size_t)t->size;
    t->gc.name = t->name;
    int64_t words = (t->size + 7) / 8;
    uint8_t *m = calloc((size_t)(words / 8 + 1), 1);
    if (!m)
        vm_throw("out of host memory");
    if (t->st)
        fill_mask(m, (sc_type *)t->st, 0); /* an interface's word 0 is a type descriptor
                                               (host memory): only word 1 is marked */
    int64_t last = -1;
    for (int64_t w = 0; w < words; w++)
        if (m[w / 8] >> (w % 8) & 1)
            last = w;
    t->gc.ptrdata = (size_t)(last + 1) * 8;
    t->gc.ptrmask = m;
}

static const vm_type *make(registry *r, vm_program *p, sc_type *st);

/* ---------------------------------------------------------------- Go's type names */

/* go_name: a type as Go's reflect (and so %T, %v and panics) spells it: main.T,
   interface {}, struct { A int }, func(int) (int, error) */
static void go_name(vm_buf *b, sc_type *t, int depth);

static void go_list(vm_buf *b, sc_type **v, int n, bool variadic, int depth)
{
    for (int i = 0; i < n; i++) {
        if (i)
            vm_buf_puts(b, ", ");
        if (variadic && i == n - 1 && v[i]->kind == K_SLICE) {
            vm_buf_puts(b, "...");
            go_name(b, v[i]->elem, depth);
        } else {
            go_name(b, v[i], depth);
        }
    }
}

static void go_name(vm_buf *b, sc_type *t, int depth)
{
    if (!t || depth > 20) {
        vm_buf_puts(b, "?");
        return;
    }
    depth++;
    char num[32];
    switch (t->kind) {
    case K_NAMED:
        if (t->obj && t->obj->pkg) {
            vm_buf_puts(b, t->obj->pkg->name);
            vm_buf_putc(b, '.');
        }
        vm_buf_puts(b, t->name);
        return;
    case K_POINTER: vm_buf_putc(b, '*'); go_name(b, t->elem, depth); return;
    case K_SLICE: vm_buf_puts(b, "[]"); go_name(b, t->elem, depth); return;
    case K_ARRAY:
        snprintf(num, sizeof num, "[%lld]", (long long)t->len);
        vm_buf_puts(b, num);
        go_name(b, t->elem, depth);
        return;
    case K_MAP:
        vm_buf_puts(b, "map[");
        go_name(b, t->key, depth);
        vm_buf_putc(b, ']');
        go_name(b, t->elem, depth);
        return;
    case K_CHAN:
        vm_buf_puts(b, t->dir == SC_RECV ? "<-chan " : t->dir == SC_SEND ? "chan<- " : "chan ");
        go_name(b, t->elem, depth);
        return;
    case K_FUNC:
        vm_buf_puts(b, "func(");
        go_list(b, t->params, t->nparams, t->variadic, depth);
        vm_buf_putc(b, ')');
        if (t->nresults == 1) {
            vm_buf_putc(b, ' ');
            go_name(b, t->results[0], depth);
        } else if (t->nresults > 1) {
            vm_buf_puts(b, " (");
            go_list(b, t->results, t->nresults, false, depth);
            vm_buf_putc(b, ')');
        }
        return;
    case K_INTERFACE:
        if (!t->nfields) {
            vm_buf_puts(b, "interface {}");
            return;
        }
        vm_buf_puts(b, "interface { ");
        for (int i = 0; i < t->nfields; i++) {
            vm_buf_puts(b, i ? "; " : "");
            vm_buf_puts(b, t->fields[i].name);
            vm_buf_putc(b, '(');
            sc_type *f = t->fields[i].type;
            go_list(b, f->params, f->nparams, f->variadic, depth);
            vm_buf_putc(b, ')');
            if (f->nresults == 1) {
                vm_buf_putc(b, ' ');
                go_name(b, f->results[0], depth);
            }
        }
        vm_buf_puts(b, " }");
        return;
    case K_STRUCT:
        if (!t->nfields) {
            vm_buf_puts(b, "struct {}");
            return;
        }
        vm_buf_puts(b, "struct { ");
        for (int i = 0; i < t->nfields; i++) {
            vm_buf_puts(b, i ? "; " : "");
            if (!t->fields[i].embedded) {
                vm_buf_puts(b, t->fields[i].name);
                vm_buf_putc(b, ' ');
            }
            go_name(b, t->fields[i].type, depth);
        }
        vm_buf_puts(b, " }");
        return;
    default:
        vm_buf_puts(b, sc_basic[t->kind].name); /* byte and rune as uint8 and int32 */
        return;
    }
}

static const char *type_name(sc_type *t)
{
    vm_buf b = {0};
    go_name(&b, t, 0);
    vm_buf_putc(&b, 0);
    return b.p; /* host memory, kept for the process */
}

/* method_list: a growable list of methods, unique by name (shallowest wins) */
typedef struct method_list {
    vm_method *v;
    int n, cap;
} method_list;

static bool has(const method_list *l, const char *name)
{
    for (int i = 0; i < l->n; i++)
        if (!strcmp(l->v[i].name, name))
            return true;
    return false;
}

static void add(method_list *l, vm_method m)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = realloc(l->v, (size_t)l->cap * sizeof *l->v);
        if (!l->v)
            vm_throw("out of host memory");
    }
    l->v[l->n++] = m;
}

/* collect: the methods of named (and, through its embedded fields, promoted ones) in the
   method set of T (ptr false) or *T (ptr true); at: the promotion path so far */
static void collect(registry *r, vm_program *p, method_list *l, sc_type *named, bool ptr,
                    vm_method at, int level)
{
    for (int i = 0; named->kind == K_NAMED && i < named->nmethods; i++) {
        sc_object *m = named->methods[i];
        bool pr = m->recv && m->recv->kind == K_POINTER;
        if ((pr && !ptr) || has(l, m->name))
            continue;
        vm_method vm = at;
        vm.name = m->name;
        vm.ptr_recv = pr;
        vm.fn = m->func ? (const vm_func *)m->func->compiled : NULL;
        vm.recv = make(r, p, named);
        if (m->flags & OF_NATIVE)
            vm.native = sc_sprintf("%s.%s%s.%s", m->pkg->path, pr ? "(*" : "",
                                   pr ? sc_sprintf("%s)", named->name) : named->name, m->name);
        add(l, vm);
    }
    sc_type *u = sc_under(named);
    if (u->kind != K_STRUCT || level >= VM_MAX_PROMOTION)
        return;
    for (int i = 0; i < u->nfields; i++) {
        if (!u->fields[i].embedded)
            continue;
        sc_type *ft = u->fields[i].type;
        bool via_ptr = ft->kind == K_POINTER;
        vm_method next = at;
        next.off[next.depth] = u->fields[i].offset;
        next.deref[next.depth] = via_ptr;
        next.depth++;
        /* through an embedded *E every method of *E is promoted; through a value E, E's
           methods, and *E's only when the outer value is addressable (ptr) */
        collect(r, p, l, via_ptr ? ft->elem : ft, via_ptr || ptr, next, level + 1);
    }
}

static vm_method *methods_of(registry *r, vm_program *p, sc_type *named, bool ptr, int *n)
{
    method_list l = {0};
    vm_method none;
    memset(&none, 0, sizeof none);
    collect(r, p, &l, named, ptr, none, 0);
    *n = l.n;
    return l.v ? l.v : calloc(1, sizeof(vm_method));
}

/* shallow: what a descriptor needs before any type it refers to is made — a recursive
   type (type node struct{ next *node }) reaches itself only through a pointer, slice,
   map, channel or func, whose layout and pointer mask do not depend on the element */
static void shallow(vm_type *t, sc_type *st)
{
    sc_type *u = sc_under(st);
    t->kind = u->kind;
    t->size = u->size;
    t->align = u->align ? u->align : 1;
    t->name = type_name(st);
    t->named = st->kind == K_NAMED;
    t->comparable = sc_comparable(st);
    t->len = u->kind == K_ARRAY ? u->len : 0;
    t->dir = u->dir;
    if (u->kind != K_STRUCT && u->kind != K_ARRAY)
        finish_gc(t);
}

static void deep(registry *r, vm_program *p, vm_type *t, sc_type *st)
{
    sc_type *u = sc_under(st);
    switch (u->kind) {
    case K_POINTER: case K_SLICE: case K_CHAN: case K_ARRAY:
        t->elem = make(r, p, u->elem);
        break;
    case K_MAP:
        t->key = make(r, p, u->key);
        t->elem = make(r, p, u->elem);
        t->map = calloc(1, sizeof(map_type_ext));
        if (!t->map)
            vm_throw("out of host memory");
        ((map_type_ext *)t->map)->key = t->key;
        break;
    case K_STRUCT: {
        vm_field *f = calloc((size_t)u->nfields + 1, sizeof *f);
        if (!f)
            vm_throw("out of host memory");
        for (int i = 0; i < u->nfields; i++)
            f[i] = (vm_field){u->fields[i].name, make(r, p, u->fields[i].type),
                              u->fields[i].offset, u->fields[i].embedded};
        t->fields = f;
        t->nfields = u->nfields;
        break;
    }
    default:
        break;
    }
    if (u->kind == K_STRUCT || u->kind == K_ARRAY)
        finish_gc(t); /* after its fields or element: their masks make its mask */
    if (st->kind == K_NAMED || sc_under(st)->kind == K_STRUCT) {
        t->methods = methods_of(r, p, st, false, &t->nmethods);
        t->ptr_methods = methods_of(r, p, st, true, &t->nptr_methods);
    }
}

static void fill(registry *r, vm_program *p, vm_type *t, sc_type *st)
{
    shallow(t, st);
    deep(r, p, t, st);
}

static registry reg; /* one per process: descriptors are immutable once made */

static const vm_type *make(registry *r, vm_program *p, sc_type *st)
{
    if (st->rt)
        return st->rt;
    if (st->kind != K_NAMED && st->kind < K_ARRAY && st->kind != K_INVALID) {
        static vm_type basics[K_UNTYPED_NIL + 1];
        vm_type *b = &basics[st->kind];
        if (!b->name) {
            sc_layout(st);
            b->st = st;
            fill(r, p, b, st);
        }
        st->rt = b;
        return b;
    }
    for (int i = 0; i < r->n; i++)
        if (sc_identical((sc_type *)r->v[i]->st, st)) {
            st->rt = r->v[i];
            return r->v[i];
        }
    vm_type *t = calloc(1, sizeof *t);
    if (!t)
        vm_throw("out of host memory");
    t->st = st;
    sc_layout(st);
    shallow(t, st); /* complete enough for a recursive reference before registering */
    st->rt = t;
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->v = realloc(r->v, (size_t)r->cap * sizeof *r->v);
        if (!r->v)
            vm_throw("out of host memory");
    }
    r->v[r->n++] = t;
    deep(r, p, t, st);
    return t;
}

const vm_type *vm_rtype(vm_program *p, sc_type *t) { return make(&reg, p, t); }
const vm_type *vm_rtype_lookup(sc_type *t) { return t->rt; }

/* ---------------------------------------------------------------- equality and hashing */

bool vm_equal(const vm_type *t, const void *a, const void *b)
{
    switch (t->kind) {
    case K_STRING: {
        const vm_string *x = a, *y = b;
        return x->len == y->len && (x->len == 0 || !memcmp(x->ptr, y->ptr, (size_t)x->len));
    }
    case K_FLOAT64: return *(const double *)a == *(const double *)b;
    case K_INTERFACE: {
        const vm_iface *x = a, *y = b;
        if (x->type != y->type)
            return false;
        if (!x->type)
            return true;
        return vm_equal(x->type, vm_iface_value(x), vm_iface_value(y));
    }
    case K_ARRAY:
        for (int64_t i = 0; i < t->len; i++)
            if (!vm_equal(t->elem, (const char *)a + i * t->elem->size,
                          (const char *)b + i * t->elem->size))
                return false;
        return true;
    case K_STRUCT:
        for (int i = 0; i < t->nfields; i++)
            if (strcmp(t->fields[i].name, "_") &&
                !vm_equal(t->fields[i].type, (const char *)a + t->fields[i].offset,
                          (const char *)b + t->fields[i].offset))
                return false;
        return true;
    default:
        return !memcmp(a, b, (size_t)t->size);
    }
}

/* vm_hash: Go's hash of a comparable value (typehash); unhashable dynamic types panic in
   the caller before this is reached */
uint64_t vm_hash(const vm_type *t, const void *p, uint64_t seed, uint64_t key)
{
    switch (t->kind) {
    case K_STRING: {
        const vm_string *s = p;
        return map_memhash(s->ptr, (size_t)s->len, seed, key);
    }
    case K_FLOAT64: {
        double f = *(const double *)p;
        if (f == 0)
            f = 0; /* +0 and -0 alike */
        if (f != f)
            return seed ^ (uint64_t)rand(); /* NaN: never found again */
        return map_memhash(&f, 8, seed, key);
    }
    case K_INTERFACE: {
        const vm_iface *i = p;
        if (!i->type)
            return map_memhash(&i->type, 8, seed, key);
        return vm_hash(i->type, vm_iface_value(i), seed ^ (uint64_t)(uintptr_t)i->type, key);
    }
    case K_ARRAY:
        for (int64_t k = 0; k < t->len; k++)
            seed = vm_hash(t->elem, (const char *)p + k * t->elem->size, seed, key);
        return seed;
    case K_STRUCT:
        for (int k = 0; k < t->nfields; k++)
            if (strcmp(t->fields[k].name, "_"))
                seed = vm_hash(t->fields[k].type, (const char *)p + t->fields[k].offset, seed, key);
        return seed;
    default:
        return map_memhash(p, (size_t)t->size, seed, key);
    }
}

static uint64_t custom_hash(const map_type *mt, const void *k, uint64_t seed)
{
    return vm_hash(((const map_type_ext *)mt)->key, k, seed, mt->hashkey);
}

static bool custom_equal(const map_type *mt, const void *a, const void *b)
{
    return vm_equal(((const map_type_ext *)mt)->key, a, b);
}

/* plain_key: a key compared and hashed as its bytes (no strings, floats, interfaces or
   padding inside) */
static bool plain_key(const vm_type *t)
{
    switch (t->kind) {
    case K_STRING: case K_FLOAT64: case K_FLOAT32: case K_INTERFACE: return false;
    case K_ARRAY: return plain_key(t->elem);
    case K_STRUCT: {
        int64_t end = 0;
        for (int i = 0; i < t->nfields; i++) {
            if (!plain_key(t->fields[i].type) || t->fields[i].offset != end ||
                !strcmp(t->fields[i].name, "_"))
                return false;
            end += t->fields[i].type->size;
        }
        return end == t->size;
    }
    default: return true;
    }
}

/* vm_rtype_init_maps makes the maps/ types of every map type for this run's context */
bool vm_rtype_init_maps(map_ctx *c)
{
    for (int i = 0; i < reg.n; i++) {
        vm_type *t = reg.v[i];
        if (t->kind != K_MAP)
            continue;
        const vm_type *k = t->key, *e = t->elem;
        bool ok;
        if (k->kind == K_STRING)
            ok = map_type_init(t->map, c, &k->gc, MAP_KEY_STRING, &e->gc);
        else if (k->kind == K_FLOAT64)
            ok = map_type_init(t->map, c, &k->gc, MAP_KEY_FLOAT64, &e->gc);
        else if (plain_key(k))
            ok = map_type_init(t->map, c, &k->gc, MAP_KEY_MEM, &e->gc);
        else
            ok = map_type_init_custom(t->map, c, &k->gc, custom_hash, custom_equal,
                                      k->kind != K_INTERFACE, &e->gc);
        if (!ok)
            return false;
    }
    return true;
}
