/*
 * ops.c — operations too big for the loop: allocation, closures, strings (concatenation,
 * conversions, ranging), slices (slicing, make, append with Go 1.19's growth rule,
 * copy), and moving values between memory and frame slots.
 */
#include "sim/vm/ops.h"
#include <math.h>

/* ---------------------------------------------------------------- values */

/* vm_load_value: a value of type t from memory into frame slots (register form) */
void vm_load_value(const vm_type *t, vm_word *dst, const void *src)
{
    if (t->words == 1 && t->kind != K_STRUCT && t->kind != K_ARRAY) {
        switch (t->kind) {
        case K_INT8: *dst = (vm_word)(int64_t) * (const int8_t *)src; return;
        case K_INT16: *dst = (vm_word)(int64_t) * (const int16_t *)src; return;
        case K_INT32: *dst = (vm_word)(int64_t) * (const int32_t *)src; return;
        case K_BOOL: case K_UINT8: *dst = *(const uint8_t *)src; return;
        case K_UINT16: *dst = *(const uint16_t *)src; return;
        case K_UINT32: *dst = *(const uint32_t *)src; return;
        default: break;
        }
    }
    if (t->size % 8)
        dst[t->words - 1] = 0;
    memcpy(dst, src, (size_t)t->size);
}

/* vm_store_value: a value of type t from frame slots into heap memory (barriered) */
void vm_store_value(vm_thread *t, const vm_type *ty, void *dst, const vm_word *src)
{
    if (ty->gc.ptrdata)
        gc_typed_copy(t->prog->heap, &ty->gc, dst, src, 1);
    else if (ty->size)
        memcpy(dst, src, (size_t)ty->size);
}

int64_t vm_f2i(double d)
{
    if (d != d || d >= 9223372036854775808.0 || d < -9223372036854775808.0)
        return INT64_MIN; /* what amd64's conversion gives Go programs */
    return (int64_t)d;
}

uint64_t vm_f2u(double d)
{
    if (d != d || d >= 18446744073709551616.0)
        return (uint64_t)1 << 63;
    if (d < 0)
        return (uint64_t)vm_f2i(d);
    return (uint64_t)d;
}

int vm_strcmp(const vm_string *a, const vm_string *b)
{
    int64_t n = a->len < b->len ? a->len : b->len;
    int c = n ? memcmp(a->ptr, b->ptr, (size_t)n) : 0;
    return c ? c : (a->len > b->len) - (a->len < b->len);
}

/* ---------------------------------------------------------------- allocation */

void vm_op_new(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    fp[in->a] = (vm_word)(uintptr_t)gc_alloc(t->prog->heap, &((const vm_type *)in->p)->gc);
}

void vm_op_closure(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    vm_closure *c = gc_alloc(t->prog->heap, (const gc_type *)(uintptr_t)in->k);
    c->fn = in->p;
    fp[in->a] = (vm_word)(uintptr_t)c;
}

/* ---------------------------------------------------------------- strings */

vm_string vm_string_new(vm_thread *t, const void *bytes, size_t n)
{
    if (!n)
        return (vm_string){NULL, 0};
    uint8_t *p = gc_alloc_noscan(t->prog->heap, n);
    memcpy(p, bytes, n);
    return (vm_string){p, (int64_t)n};
}

void vm_op_strcat(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    vm_string a = *(vm_string *)&fp[in->b], b = *(vm_string *)&fp[in->c], r;
    if (!a.len)
        r = b;
    else if (!b.len)
        r = a;
    else {
        uint8_t *p = gc_alloc_noscan(t->prog->heap, (size_t)(a.len + b.len));
        memcpy(p, a.ptr, (size_t)a.len);
        memcpy(p + a.len, b.ptr, (size_t)b.len);
        r = (vm_string){p, a.len + b.len};
    }
    *(vm_string *)&fp[in->a] = r;
}

static int utf8_encode(uint8_t *b, int64_t r)
{
    if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
        r = 0xFFFD;
    if (r < 0x80) {
        b[0] = (uint8_t)r;
        return 1;
    }
    if (r < 0x800) {
        b[0] = (uint8_t)(0xC0 | r >> 6);
        b[1] = (uint8_t)(0x80 | (r & 0x3F));
        return 2;
    }
    if (r < 0x10000) {
        b[0] = (uint8_t)(0xE0 | r >> 12);
        b[1] = (uint8_t)(0x80 | (r >> 6 & 0x3F));
        b[2] = (uint8_t)(0x80 | (r & 0x3F));
        return 3;
    }
    b[0] = (uint8_t)(0xF0 | r >> 18);
    b[1] = (uint8_t)(0x80 | (r >> 12 & 0x3F));
    b[2] = (uint8_t)(0x80 | (r >> 6 & 0x3F));
    b[3] = (uint8_t)(0x80 | (r & 0x3F));
    return 4;
}

/* utf8_decode: the rune at s[i] and its width (Go: invalid bytes are U+FFFD, width 1) */
static int32_t utf8_decode(const uint8_t *s, int64_t n, int64_t i, int *w)
{
    uint8_t c = s[i];
    *w = 1;
    if (c < 0x80)
        return c;
    int need = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    if (!need || i + need > n)
        return 0xFFFD;
    int32_t r = c & (0x7F >> need);
    for (int k = 1; k < need; k++) {
        if ((s[i + k] & 0xC0) != 0x80)
            return 0xFFFD;
        r = r << 6 | (s[i + k] & 0x3F);
    }
    if ((need == 3 && (r < 0x800 || (r >= 0xD800 && r <= 0xDFFF))) || (need == 4 && (r < 0x10000 || r > 0x10FFFF)))
        return 0xFFFD;
    *w = need;
    return r;
}

bool vm_op_strnext(vm_word *fp, const vm_ins *in)
{
    vm_string *s = (vm_string *)&fp[in->b];
    int64_t i = (int64_t)fp[in->a];
    if (i >= s->len)
        return false;
    int w;
    fp[in->a + 2] = (vm_word)(int64_t)utf8_decode(s->ptr, s->len, i, &w);
    fp[in->a + 1] = (vm_word)i;
    fp[in->a] = (vm_word)(i + w);
    return true;
}

enum { SC_RUNE = 1, SC_TO_BYTES, SC_FROM_BYTES, SC_TO_RUNES, SC_FROM_RUNES };

static void make_slice(vm_thread *t, vm_slice *out, const vm_type *elem, int64_t len, int64_t cap);

void vm_op_strconv(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    switch (in->w) {
    case SC_RUNE: {
        uint8_t b[4];
        int n = utf8_encode(b, (int64_t)fp[in->b]);
        *(vm_string *)&fp[in->a] = vm_string_new(t, b, (size_t)n);
        return;
    }
    case SC_TO_BYTES: {
        vm_string s = *(vm_string *)&fp[in->b];
        vm_slice r;
        make_slice(t, &r, &vm_t_uint8, s.len, (int64_t)gc_roundup_size((size_t)s.len));
        if (s.len)
            memcpy(r.ptr, s.ptr, (size_t)s.len);
        *(vm_slice *)&fp[in->a] = r;
        return;
    }
    case SC_FROM_BYTES: {
        vm_slice b = *(vm_slice *)&fp[in->b];
        *(vm_string *)&fp[in->a] = vm_string_new(t, b.ptr, (size_t)b.len);
        return;
    }
    case SC_TO_RUNES: {
        vm_string s = *(vm_string *)&fp[in->b];
        int64_t n = 0;
        for (int64_t i = 0; i < s.len; n++) {
            int w;
            utf8_decode(s.ptr, s.len, i, &w);
            i += w;
        }
        vm_slice r;
        make_slice(t, &r, &vm_t_int32, n, n);
        int64_t k = 0;
        for (int64_t i = 0; i < s.len; k++) {
            int w;
            ((int32_t *)r.ptr)[k] = utf8_decode(s.ptr, s.len, i, &w);
            i += w;
        }
        *(vm_slice *)&fp[in->a] = r;
        return;
    }
    default: {
        vm_slice rs = *(vm_slice *)&fp[in->b];
        size_t n = 0;
        uint8_t tmp[4];
        for (int64_t i = 0; i < rs.len; i++)
            n += (size_t)utf8_encode(tmp, ((int32_t *)rs.ptr)[i]);
        uint8_t *p = n ? gc_alloc_noscan(t->prog->heap, n) : NULL;
        size_t o = 0;
        for (int64_t i = 0; i < rs.len; i++)
            o += (size_t)utf8_encode(p + o, ((int32_t *)rs.ptr)[i]);
        *(vm_string *)&fp[in->a] = (vm_string){p, (int64_t)n};
        return;
    }
    }
}

/* ---------------------------------------------------------------- slices */

static uint64_t zerobase; /* where empty slices point (Go's runtime.zerobase) */

static void make_slice(vm_thread *t, vm_slice *out, const vm_type *elem, int64_t len, int64_t cap)
{
    void *p = cap && elem->size ? gc_alloc_array(t->prog->heap, &elem->gc, (size_t)cap)
                                : (void *)&zerobase;
    *out = (vm_slice){p, len, cap};
}

void vm_op_makeslice(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    const vm_type *st = in->p;
    int64_t len = (int64_t)fp[in->b], cap = (int64_t)fp[in->c];
    int64_t max = st->elem->size ? ((int64_t)1 << 47) / st->elem->size : ((int64_t)1 << 47);
    if (len < 0 || len > max) {
        vm_panic_msg(t, "makeslice: len out of range");
        return;
    }
    if (cap < len || cap > max) {
        vm_panic_msg(t, "makeslice: cap out of range");
        return;
    }
    make_slice(t, (vm_slice *)&fp[in->a], st->elem, len, cap);
}

/* grow_cap: Go 1.19's growslice capacity for an old capacity and a needed length */
static int64_t grow_cap(int64_t old, int64_t need, int64_t size)
{
    int64_t cap = old, dbl = old + old;
    if (need > dbl) {
        cap = need;
    } else if (old < 256) {
        cap = dbl;
    } else {
        while (0 < cap && cap < need)
            cap += (cap + 3 * 256) / 4;
        if (cap <= 0)
            cap = need;
    }
    if (!size)
        return cap;
    return (int64_t)gc_roundup_size((size_t)(cap * size)) / size;
}

/* grow: s with room for n more elements (a new array when it has not) */
static void grow(vm_thread *t, vm_slice *s, const vm_type *elem, int64_t n)
{
    int64_t need = s->len + n;
    if (need <= s->cap)
        return;
    int64_t cap = grow_cap(s->cap, need, elem->size);
    vm_slice r;
    make_slice(t, &r, elem, s->len, cap);
    if (s->len && elem->size) {
        if (elem->gc.ptrdata)
            gc_typed_copy(t->prog->heap, &elem->gc, r.ptr, s->ptr, (size_t)s->len);
        else
            memcpy(r.ptr, s->ptr, (size_t)(s->len * elem->size));
    }
    *s = r;
}

void vm_op_append(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    const vm_type *et = ((const vm_type *)in->p)->elem;
    vm_slice s = *(vm_slice *)&fp[in->b];
    grow(t, &s, et, in->k);
    for (int64_t i = 0; i < in->k; i++)
        vm_store_value(t, et, (char *)s.ptr + (s.len + i) * et->size, &fp[in->c + i * et->words]);
    s.len += in->k;
    *(vm_slice *)&fp[in->a] = s;
}

void vm_op_appendsl(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    const vm_type *et = ((const vm_type *)in->p)->elem;
    vm_slice s = *(vm_slice *)&fp[in->b];
    vm_slice o = *(vm_slice *)&fp[in->c]; /* a string's {ptr, len} reads as a slice too */
    if (in->w)
        o.cap = o.len;
    grow(t, &s, et, o.len);
    if (o.len && et->size) {
        void *dst = (char *)s.ptr + s.len * et->size;
        if (et->gc.ptrdata)
            gc_typed_copy(t->prog->heap, &et->gc, dst, o.ptr, (size_t)o.len);
        else
            memmove(dst, o.ptr, (size_t)(o.len * et->size));
    }
    s.len += o.len;
    *(vm_slice *)&fp[in->a] = s;
}

void vm_op_copy(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    const vm_type *et = ((const vm_type *)in->p)->elem;
    vm_slice d = *(vm_slice *)&fp[in->b], s = *(vm_slice *)&fp[in->c];
    int64_t n = d.len < s.len ? d.len : s.len;
    if (n && et->size) {
        if (et->gc.ptrdata)
            gc_typed_copy(t->prog->heap, &et->gc, d.ptr, s.ptr, (size_t)n);
        else
            memmove(d.ptr, s.ptr, (size_t)(n * et->size));
    }
    fp[in->a] = (vm_word)n;
}

/* vm_op_slice: x[lo:hi:max] of a slice, string or pointer to array (w: bit i set when
   index i is given, bits 3-4 the kind) */
void vm_op_slice(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    int kind = (int)(in->w >> 3);
    const vm_type *rt = in->p;
    int64_t esize = kind == 1 ? 1 : rt->elem->size;
    char *ptr;
    int64_t len, cap;
    if (kind == 2) {
        ptr = (char *)(uintptr_t)fp[in->b];
        if (!ptr) {
            vm_panic_nil(t);
            return;
        }
        len = cap = in->k;
    } else {
        vm_slice s = *(vm_slice *)&fp[in->b];
        ptr = s.ptr;
        len = s.len;
        cap = kind == 1 ? s.len : s.cap;
    }
    int64_t lo = in->w & 1 ? (int64_t)fp[in->c] : 0;
    int64_t hi = in->w & 2 ? (int64_t)fp[in->c + 1] : len;
    int64_t max = in->w & 4 ? (int64_t)fp[in->c + 2] : cap;
    char msg[128];
    if ((uint64_t)max > (uint64_t)cap) {
        snprintf(msg, sizeof msg, "slice bounds out of range [::%lld] with capacity %lld",
                 (long long)max, (long long)cap);
    } else if ((uint64_t)hi > (uint64_t)max) {
        snprintf(msg, sizeof msg, in->w & 4 ? "slice bounds out of range [:%lld:%lld]"
                 : kind == 1 ? "slice bounds out of range [:%lld] with length %lld"
                             : "slice bounds out of range [:%lld] with capacity %lld",
                 (long long)hi, (long long)max);
    } else if ((uint64_t)lo > (uint64_t)hi) {
        snprintf(msg, sizeof msg, "slice bounds out of range [%lld:%lld]", (long long)lo,
                 (long long)hi);
    } else {
        if (kind == 1) {
            *(vm_string *)&fp[in->a] = (vm_string){(uint8_t *)ptr + lo, hi - lo};
        } else {
            /* Go keeps the pointer in bounds: an empty tail slice points at the base */
            char *np = max - lo > 0 ? ptr + lo * esize : ptr;
            *(vm_slice *)&fp[in->a] = (vm_slice){np, hi - lo, max - lo};
        }
        return;
    }
    vm_panic_msg(t, msg);
}
