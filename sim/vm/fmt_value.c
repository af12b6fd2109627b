/*
 * fmt_value.c — Go 1.19's printValue: a value of any kind by its runtime type, the way fmt
 * walks it with reflection. Structs print as {1 x}, {A:1 B:x} (%+v) or main.T{A:1, B:"x"}
 * (%#v); arrays and slices as [1 2] or []int{1, 2}; maps as map[k:v ...] with the keys
 * sorted as internal/fmtsort sorts them; a pointer at the top level to a struct, array,
 * slice or map as &{...}, any other pointer as its address. Values inside containers get
 * their String / Error methods called (handleMethods at depth > 0) unless they were
 * reached through an unexported field, as reflect forbids that (CanInterface).
 *
 * Maps are read with the maps/ iterator, so formatting a map must run on a goroutine of
 * the map's runtime, as every map operation must. Entries are copied out first (Go copies
 * them into reflect values too): a String method called while printing may write the map.
 */
#include "config.h"
#include "sim/vm/fmt_internal.h"
#include <stdlib.h>

uintptr_t vm__pointer_of(fmt_val v)
{
    switch (v.t->kind) {
    case K_SLICE:
        return (uintptr_t)((const vm_slice *)v.p)->ptr;
    case K_FUNC: {
        const vm_closure *c = vm__load_ptr(v.p);
        return c ? (uintptr_t)c->fn : 0;
    }
    default:
        return (uintptr_t)vm__load_ptr(v.p);
    }
}

/* ---------------------------------------------------------------- fmtsort */

static int cmp_u64(uint64_t a, uint64_t b) { return a < b ? -1 : a > b; }
static int cmp_i64(int64_t a, int64_t b) { return a < b ? -1 : a > b; }

/* cmp_float orders floats with NaNs low (no good answer between two NaNs). */
static int cmp_float(double a, double b)
{
    if (a != a)
        return -1;
    if (b != b)
        return 1;
    return a < b ? -1 : a > b;
}

static int cmp_string(const vm_string *a, const vm_string *b)
{
    int64_t n = a->len < b->len ? a->len : b->len;
    int c = n ? memcmp(a->ptr, b->ptr, (size_t)n) : 0;
    return c ? (c < 0 ? -1 : 1) : cmp_i64(a->len, b->len);
}

/* cmp_iface: nil first, then by dynamic type (Go: its descriptor's address), then value. */
static int cmp_iface(const vm_iface *a, const vm_iface *b)
{
    if (!a->type || !b->type)
        return !a->type ? (b->type ? -1 : 0) : 1;
    if (a->type != b->type)
        return cmp_u64((uintptr_t)a->type, (uintptr_t)b->type);
    return vm__compare(a->type, vm_iface_value(a), vm_iface_value(b));
}

static int cmp_fields(const vm_type *t, const char *a, const char *b)
{
    for (int i = 0; i < t->nfields; i++) {
        const vm_field *f = &t->fields[i];
        int c = vm__compare(f->type, a + f->offset, b + f->offset);
        if (c)
            return c;
    }
    return 0;
}

static int cmp_elems(const vm_type *t, const char *a, const char *b)
{
    for (int64_t i = 0; i < t->len; i++) {
        int c = vm__compare(t->elem, a + i * t->elem->size, b + i * t->elem->size);
        if (c)
            return c;
    }
    return 0;
}

int vm__compare(const vm_type *t, const void *a, const void *b)
{
    sc_kind k = t->kind;
    if (vm__kind_is_signed(k))
        return cmp_i64((int64_t)vm__load_int(t, a), (int64_t)vm__load_int(t, b));
    if (vm__kind_is_unsigned(k))
        return cmp_u64(vm__load_int(t, a), vm__load_int(t, b));
    switch (k) {
    case K_STRING: return cmp_string(a, b);
    case K_FLOAT32: case K_FLOAT64: return cmp_float(vm__load_float(t, a), vm__load_float(t, b));
    case K_BOOL: return cmp_i64(*(const uint8_t *)a != 0, *(const uint8_t *)b != 0);
    case K_POINTER: case K_UNSAFE_POINTER: case K_CHAN:
        return cmp_u64((uintptr_t)vm__load_ptr(a), (uintptr_t)vm__load_ptr(b));
    case K_STRUCT: return cmp_fields(t, a, b);
    case K_ARRAY: return cmp_elems(t, a, b);
    case K_INTERFACE: return cmp_iface(a, b);
    default: return 0; /* not a key kind */
    }
}

/* ---------------------------------------------------------------- maps */

typedef struct map_ent {
    const void *k, *e;
} map_ent;

/* A map's entries, copied out and sorted. */
typedef struct map_snap {
    char *store;
    map_ent *ent, *tmp;
    size_t n;
} map_snap;

static size_t round8(size_t n) { return (n + 7) & ~(size_t)7; }

/* snapshot copies the entries of h (at most len(h) of them) into host memory. */
static void snapshot(const vm_type *t, hmap *h, map_snap *s)
{
    size_t ks = round8((size_t)t->key->size), es = round8((size_t)t->elem->size);
    size_t cap = h && t->map ? (size_t)hmap_len(h) : 0;
    s->store = vm__xcalloc(cap, ks + es);
    s->ent = vm__xcalloc(cap, sizeof *s->ent);
    s->tmp = vm__xcalloc(cap, sizeof *s->tmp);
    s->n = 0;
    if (!cap)
        return;
    hmap_iter it;
    hmap_iter_init(t->map, h, &it);
    for (; it.key && s->n < cap; hmap_iter_next(&it)) {
        char *k = s->store + s->n * (ks + es);
        memcpy(k, it.key, (size_t)t->key->size);
        memcpy(k + ks, it.elem, (size_t)t->elem->size);
        s->ent[s->n++] = (map_ent){k, k + ks};
    }
}

/* merge_sort sorts e[0..n) by key, stably (Go uses sort.Stable). */
static void merge_sort(const vm_type *kt, map_ent *e, map_ent *tmp, size_t n)
{
    if (n < 2)
        return;
    size_t h = n / 2, i = 0, j = h, o = 0;
    merge_sort(kt, e, tmp, h);
    merge_sort(kt, e + h, tmp, n - h);
    while (i < h && j < n)
        tmp[o++] = vm__compare(kt, e[j].k, e[i].k) < 0 ? e[j++] : e[i++];
    while (i < h)
        tmp[o++] = e[i++];
    while (j < n)
        tmp[o++] = e[j++];
    memcpy(e, tmp, n * sizeof *e);
}

static void print_map(vm__pp *p, fmt_val v, int verb, int depth)
{
    vm_buf *b = p->f.buf;
    hmap *h = vm__load_ptr(v.p);
    if (p->f.sharp_v) {
        vm_buf_puts(b, v.t->name);
        if (!h) {
            vm_buf_puts(b, "(nil)");
            return;
        }
        vm_buf_putc(b, '{');
    } else {
        vm_buf_puts(b, "map[");
    }
    map_snap s;
    snapshot(v.t, h, &s);
    merge_sort(v.t->key, s.ent, s.tmp, s.n);
    for (size_t i = 0; i < s.n; i++) {
        if (i > 0)
            vm_buf_puts(b, p->f.sharp_v ? ", " : " ");
        vm__print_value(p, (fmt_val){v.t->key, s.ent[i].k, v.ro}, verb, depth + 1);
        vm_buf_putc(b, ':');
        vm__print_value(p, (fmt_val){v.t->elem, s.ent[i].e, v.ro}, verb, depth + 1);
    }
    vm_buf_putc(b, p->f.sharp_v ? '}' : ']');
    free(s.store);
    free(s.ent);
    free(s.tmp);
}

/* ---------------------------------------------------------------- structs, lists */

/* exported reports whether a field name is exported (ASCII capitals only: the scenario
   language's identifiers). */
static bool exported(const char *name) { return name[0] >= 'A' && name[0] <= 'Z'; }

/* field_val is getField: field i, an interface field standing for its dynamic value. */
static fmt_val field_val(fmt_val v, const vm_field *f)
{
    fmt_val fv = {f->type, (const char *)v.p + f->offset, v.ro || !exported(f->name)};
    if (f->type->kind == K_INTERFACE && ((const vm_iface *)fv.p)->type)
        return vm__iface_elem(fv.p, fv.ro);
    return fv;
}

static void print_struct(vm__pp *p, fmt_val v, int verb, int depth)
{
    vm_buf *b = p->f.buf;
    if (p->f.sharp_v)
        vm_buf_puts(b, v.t->name);
    vm_buf_putc(b, '{');
    for (int i = 0; i < v.t->nfields; i++) {
        const vm_field *f = &v.t->fields[i];
        if (i > 0)
            vm_buf_puts(b, p->f.sharp_v ? ", " : " ");
        if ((p->f.plus_v || p->f.sharp_v) && f->name && f->name[0]) {
            vm_buf_puts(b, f->name);
            vm_buf_putc(b, ':');
        }
        vm__print_value(p, field_val(v, f), verb, depth + 1);
    }
    vm_buf_putc(b, '}');
}

static void print_iface(vm__pp *p, fmt_val v, int verb, int depth)
{
    fmt_val e = vm__iface_elem(v.p, v.ro);
    if (e.t) {
        vm__print_value(p, e, verb, depth + 1);
    } else if (p->f.sharp_v) {
        vm_buf_puts(p->f.buf, v.t->name);
        vm_buf_puts(p->f.buf, "(nil)");
    } else {
        vm_buf_puts(p->f.buf, "<nil>");
    }
}

/* print_list prints an array or slice; of bytes, %s %q %x %X print it as a string. */
static void print_list(vm__pp *p, fmt_val v, int verb, int depth)
{
    vm_buf *b = p->f.buf;
    const vm_type *et = v.t->elem;
    const char *base = v.p;
    int64_t n = v.t->len;
    if (v.t->kind == K_SLICE) {
        base = ((const vm_slice *)v.p)->ptr;
        n = ((const vm_slice *)v.p)->len;
    }
    if (et->kind == K_UINT8 && (verb == 's' || verb == 'q' || verb == 'x' || verb == 'X')) {
        vm__fmt_bytes(p, (const uint8_t *)base, (size_t)n, verb);
        return;
    }
    if (p->f.sharp_v) {
        vm_buf_puts(b, v.t->name);
        if (v.t->kind == K_SLICE && !base) {
            vm_buf_puts(b, "(nil)");
            return;
        }
    }
    vm_buf_putc(b, p->f.sharp_v ? '{' : '[');
    for (int64_t i = 0; i < n; i++) {
        if (i > 0)
            vm_buf_puts(b, p->f.sharp_v ? ", " : " ");
        vm__print_value(p, (fmt_val){et, base + i * et->size, v.ro}, verb, depth + 1);
    }
    vm_buf_putc(b, p->f.sharp_v ? '}' : ']');
}

/* print_ptr: &{...} for a pointer to a composite at the top level, else the address. */
static void print_ptr(vm__pp *p, fmt_val v, int verb, int depth)
{
    const void *q = vm__load_ptr(v.p);
    if (depth == 0 && q) {
        switch (v.t->elem->kind) {
        case K_ARRAY: case K_SLICE: case K_STRUCT: case K_MAP:
            vm_buf_putc(p->f.buf, '&');
            vm__print_value(p, (fmt_val){v.t->elem, q, v.ro}, verb, depth + 1);
            return;
        default:
            break;
        }
    }
    vm__fmt_pointer(p, v, verb);
}

/* ---------------------------------------------------------------- printValue */

static void print_invalid(vm__pp *p, int verb, int depth)
{
    if (depth == 0)
        vm_buf_puts(p->f.buf, "<invalid reflect.Value>");
    else if (verb == 'v')
        vm_buf_puts(p->f.buf, "<nil>");
    else
        vm__bad_verb(p, verb);
}

static void print_basic(vm__pp *p, fmt_val v, int verb)
{
    const vm_type *t = v.t;
    if (vm__kind_is_int(t->kind)) {
        vm__fmt_int(p, vm__load_int(t, v.p), vm__kind_is_signed(t->kind), verb);
    } else if (t->kind == K_BOOL) {
        vm__fmt_bool(p, *(const uint8_t *)v.p != 0, verb);
    } else if (t->kind == K_FLOAT32 || t->kind == K_FLOAT64) {
        vm__fmt_float_verb(p, vm__load_float(t, v.p), t->kind == K_FLOAT32 ? 32 : 64, verb);
    } else { /* K_STRING */
        const vm_string *s = v.p;
        vm__fmt_string(p, s->ptr, (size_t)s->len, verb);
    }
}

void vm__print_value(vm__pp *p, fmt_val v, int verb, int depth)
{
    if (depth > 0 && v.t && !v.ro) {
        p->arg = v.t->kind == K_INTERFACE ? vm__iface_elem(v.p, false) : v;
        if (vm__handle_methods(p, verb))
            return;
    }
    p->arg = (fmt_val){0};
    p->value = v;
    if (!v.t) {
        print_invalid(p, verb, depth);
        return;
    }
    switch (v.t->kind) {
    case K_BOOL: case K_STRING: case K_FLOAT32: case K_FLOAT64:
        print_basic(p, v, verb);
        return;
    case K_MAP: print_map(p, v, verb, depth); return;
    case K_STRUCT: print_struct(p, v, verb, depth); return;
    case K_INTERFACE: print_iface(p, v, verb, depth); return;
    case K_ARRAY: case K_SLICE: print_list(p, v, verb, depth); return;
    case K_POINTER: print_ptr(p, v, verb, depth); return;
    case K_CHAN: case K_FUNC: case K_UNSAFE_POINTER: vm__fmt_pointer(p, v, verb); return;
    default:
        if (vm__kind_is_int(v.t->kind)) {
            print_basic(p, v, verb);
            return;
        }
        vm_buf_putc(p->f.buf, '?'); /* unknownType */
        vm_buf_puts(p->f.buf, v.t->name);
        vm_buf_putc(p->f.buf, '?');
    }
}
