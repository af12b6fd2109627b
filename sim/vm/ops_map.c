/*
 * ops_map.c — maps (the classic map of maps/), interfaces (boxing as Go's convT does,
 * without allocating for small integers, empty strings and zero-size values; type
 * assertions with Go's panic messages) and channels (the runtime's).
 */
#include "sim/vm/ops.h"
#include <stdio.h>

void vm_load_value(const vm_type *t, vm_word *dst, const void *src);
void vm_store_value(vm_thread *t, const vm_type *ty, void *dst, const vm_word *src);

/* ---------------------------------------------------------------- maps */

void vm_op_makemap(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    (void)t;
    const vm_type *mt = in->p;
    fp[in->a] = (vm_word)(uintptr_t)hmap_make(mt->map, (int64_t)fp[in->b]);
}

bool vm_key_hashable(vm_thread *t, const vm_type *kt, const void *k)
{
    if (kt->kind != K_INTERFACE)
        return true;
    const vm_iface *i = k;
    if (!i->type || i->type->comparable)
        return true;
    char msg[160];
    snprintf(msg, sizeof msg, "hash of unhashable type %s", i->type->name);
    vm_panic_msg(t, msg);
    return false;
}

void vm_op_mapget(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    const vm_type *mt = in->p;
    const void *key = &fp[in->c];
    if (!vm_key_hashable(t, mt->key, key))
        return;
    void *e = hmap_access(mt->map, (hmap *)(uintptr_t)fp[in->b], key);
    if (e)
        vm_load_value(mt->elem, &fp[in->a], e);
    else
        memset(&fp[in->a], 0, (size_t)mt->elem->words * sizeof(vm_word));
    if (in->code == OP_MAPGET2)
        fp[in->a + mt->elem->words] = e != NULL;
}

void vm_op_mapset(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    const vm_type *mt = in->p;
    hmap *m = (hmap *)(uintptr_t)fp[in->a];
    if (!m) {
        vm_panic_plain(t, "assignment to entry in nil map");
        return;
    }
    if (!vm_key_hashable(t, mt->key, &fp[in->b]))
        return;
    void *e = hmap_assign(mt->map, m, &fp[in->b]);
    vm_store_value(t, mt->elem, e, &fp[in->c]);
}

void vm_op_mapdel(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    const vm_type *mt = in->p;
    if (!vm_key_hashable(t, mt->key, &fp[in->b]))
        return;
    hmap_delete(mt->map, (hmap *)(uintptr_t)fp[in->a], &fp[in->b]);
}

void vm_op_mapclear(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    (void)t;
    hmap_clear(((const vm_type *)in->p)->map, (hmap *)(uintptr_t)fp[in->a]);
}

void vm_op_mapiter(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    (void)t;
    const vm_type *mt = in->p;
    hmap_iter_init(mt->map, (hmap *)(uintptr_t)fp[in->b], (hmap_iter *)&fp[in->a]);
}

bool vm_op_mapnext(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    (void)t;
    const vm_type *mt = in->p;
    hmap_iter *it = (hmap_iter *)&fp[in->a];
    if (!it->key)
        return false;
    vm_load_value(mt->key, &fp[in->b], it->key);
    vm_load_value(mt->elem, &fp[in->c], it->elem);
    hmap_iter_next(it);
    return true;
}

/* ---------------------------------------------------------------- interfaces */

static const uint64_t small_ints[256] = {
#define X4(n) n, n + 1, n + 2, n + 3
#define X16(n) X4(n), X4(n + 4), X4(n + 8), X4(n + 12)
#define X64(n) X16(n), X16(n + 16), X16(n + 32), X16(n + 48)
    X64(0), X64(64), X64(128), X64(192)
#undef X64
#undef X16
#undef X4
};
static const uint64_t zero_value[16];

void vm_box(vm_thread *t, vm_iface *out, const vm_type *type, const void *value)
{
    out->type = type;
    if (vm_pointer_shaped(type)) {
        out->data = *(void *const *)value;
        return;
    }
    const vm_word *w = value;
    bool integer = type->kind >= K_BOOL && type->kind <= K_UINTPTR && type->words == 1;
    if (integer && *w < 256) { /* Go's staticuint64s: no allocation */
        out->data = (void *)&small_ints[*w];
        return;
    }
    if (type->size == 0 || (type->kind == K_STRING && !((const vm_string *)value)->len)) {
        out->data = (void *)zero_value; /* Go's zeroVal / zerobase */
        return;
    }
    void *p = gc_alloc(t->prog->heap, &type->gc);
    vm_store_value(t, type, p, w);
    out->data = p;
}

void vm_op_box(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    vm_iface r;
    vm_box(t, &r, in->p, &fp[in->b]);
    *(vm_iface *)&fp[in->a] = r;
}

static bool has_method(const vm_type *t, const char *name)
{
    const vm_method *m = t->kind == K_POINTER && t->elem ? t->elem->ptr_methods : t->methods;
    int n = t->kind == K_POINTER && t->elem ? t->elem->nptr_methods : t->nmethods;
    for (int i = 0; i < n; i++)
        if (!strcmp(m[i].name, name))
            return true;
    return false;
}

/* implements: a dynamic type satisfies interface type it (its methods from the checker) */
static bool implements(const vm_type *dyn, const vm_type *it)
{
    sc_type *u = sc_under((sc_type *)it->st);
    for (int i = 0; u && i < u->nfields; i++)
        if (!has_method(dyn, u->fields[i].name))
            return false;
    return true;
}

void vm_op_assert(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    const vm_type *want = in->p;
    vm_iface v = *(vm_iface *)&fp[in->b];
    bool ok2 = in->code == OP_ASSERT2;
    bool ok = want->kind == K_INTERFACE ? v.type && implements(v.type, want) : v.type == want;
    if (ok) {
        if (want->kind == K_INTERFACE)
            *(vm_iface *)&fp[in->a] = v;
        else
            vm_load_value(want, &fp[in->a], vm_iface_value(&v));
    } else {
        memset(&fp[in->a], 0, (size_t)want->words * sizeof(vm_word));
        if (!ok2) {
            const vm_type *from = (const vm_type *)(uintptr_t)in->k;
            const char *fn = from && from->named ? from->name : "interface {}";
            char msg[256];
            if (!v.type)
                snprintf(msg, sizeof msg, "interface conversion: %s is nil, not %s", fn,
                         want->kind == K_INTERFACE && !want->named ? "interface {}" : want->name);
            else if (want->kind == K_INTERFACE)
                snprintf(msg, sizeof msg, "interface conversion: %s is not %s: missing method",
                         v.type->name, want->name);
            else
                snprintf(msg, sizeof msg, "interface conversion: %s is %s, not %s", fn,
                         v.type->name, want->name);
            vm_panic_typeassert(t, msg);
            return;
        }
    }
    if (ok2)
        fp[in->a + want->words] = ok;
}

/* ---------------------------------------------------------------- channels */

void vm_op_makechan(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    const vm_type *ct = in->p;
    int64_t n = (int64_t)fp[in->b];
    if (n < 0 || n > ((int64_t)1 << 31)) {
        vm_panic_msg(t, "makechan: size out of range");
        return;
    }
    fp[in->a] = (vm_word)(uintptr_t)rt_chan_new((size_t)ct->elem->size, (size_t)n);
}

void vm_op_send(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    rt_chan *c = (rt_chan *)(uintptr_t)fp[in->a];
    if (!c) {
        vm_block_forever(t, true);
        return;
    }
    if (rt_chan_send(c, &fp[in->b]) == RT_ECLOSED)
        vm_panic_plain(t, "send on closed channel");
}

void vm_op_recv(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    const vm_type *et = in->p;
    rt_chan *c = (rt_chan *)(uintptr_t)fp[in->b];
    if (!c) {
        vm_block_forever(t, false);
        return;
    }
    vm_word buf[VM_MAX_INLINE_WORDS];
    vm_word *b = et->words < VM_MAX_INLINE_WORDS ? buf : calloc((size_t)et->words + 1, 8);
    if (!b)
        vm_throw("out of host memory");
    memset(b, 0, (size_t)et->words * 8 + 8 > sizeof buf ? sizeof buf : (size_t)et->words * 8 + 8);
    bool ok = rt_chan_recv(c, b);
    vm_load_value(et, &fp[in->a], b);
    if (b != buf)
        free(b);
    if (in->w)
        fp[in->a + et->words] = ok;
}

void vm_op_close(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    rt_chan *c = (rt_chan *)(uintptr_t)fp[in->a];
    if (!c) {
        vm_panic_plain(t, "close of nil channel");
        return;
    }
    if (rt_chan_close(c) == RT_ECLOSECLOSED)
        vm_panic_plain(t, "close of closed channel");
}

void vm_op_chanlen(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    (void)t;
    rt_chan *c = (rt_chan *)(uintptr_t)fp[in->b];
    fp[in->a] = c ? (vm_word)(in->w ? rt_chan_cap(c) : rt_chan_len(c)) : 0;
}

/* vm_op_select: the runtime's select over the instruction's cases; the chosen case's
   index (or -1 for default) goes to slot a, a received value into its slots */
void vm_op_select(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    const vm_select *sel = in->p;
    rt_select_case cs[sel->n ? sel->n : 1];
    for (int i = 0; i < sel->n; i++) {
        const vm_select_case *c = &sel->cases[i];
        cs[i] = (rt_select_case){(rt_chan *)(uintptr_t)fp[c->ch],
                                 c->send ? RT_SELECT_SEND : RT_SELECT_RECV, &fp[c->val], false};
        if (!c->send) /* received bytes land in memory layout; widened below */
            memset(&fp[c->val], 0, (size_t)c->et->words * sizeof(vm_word));
    }
    rt_err err = RT_OK;
    int k = rt_select(cs, sel->n, sel->has_default, &err);
    fp[in->a] = (vm_word)(int64_t)k;
    if (k < 0)
        return;
    const vm_select_case *c = &sel->cases[k];
    if (c->send) {
        if (err == RT_ECLOSED)
            vm_panic_plain(t, "send on closed channel");
        return;
    }
    vm_word tmp[VM_MAX_INLINE_WORDS];
    if (c->et->words < VM_MAX_INLINE_WORDS && c->et->words == 1) {
        memcpy(tmp, &fp[c->val], 8);
        vm_load_value(c->et, &fp[c->val], tmp);
    }
    fp[c->val + c->et->words] = cs[k].ok;
}
