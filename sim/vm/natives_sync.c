/*
 * natives_sync.c — sync.Map, sync.Once and the math/rand functions that call back into
 * the scenario (Perm, Shuffle). sync.Map keeps Go's 32-byte layout: its Mutex word holds
 * the runtime mutex (made on first use) and its dirty field a map[any]any of the classic
 * map; every operation holds the mutex, and Range calls f on a snapshot taken under it.
 */
#include "sim/vm/ops.h"
#include <stdlib.h>

#define NATIVE(name) static void name(vm_thread *t, vm_word *a, int n)
void *vm_native_lazy(vm_thread *t, vm_word w, size_t size);
uint64_t vm_native_draw(vm_thread *t, uint64_t n);

enum { MAP_DIRTY = 16 }; /* sync.Map's dirty field */

static hmap **dirty(vm_word recv) { return (hmap **)((char *)(uintptr_t)recv + MAP_DIRTY); }

/* locked: the map's mutex, held; NULL after a nil receiver's panic */
static rt_mutex *locked(vm_thread *t, vm_word recv)
{
    rt_mutex *m = vm_native_lazy(t, recv, sizeof(rt_mutex));
    if (m)
        rt_mutex_lock(m);
    return m;
}

static bool load(vm_thread *t, vm_word recv, vm_word *key, vm_word *out)
{
    const vm_type *mt = t->prog->syncmap;
    hmap *h = *dirty(recv);
    void *e = h ? hmap_access(mt->map, h, key) : NULL;
    if (e)
        memcpy(out, e, 16);
    else
        memset(out, 0, 16);
    return e != NULL;
}

static void store(vm_thread *t, vm_word recv, vm_word *key, vm_word *val)
{
    const vm_type *mt = t->prog->syncmap;
    hmap **d = dirty(recv);
    if (!*d)
        gc_write_ptr(t->prog->heap, d, hmap_make(mt->map, 0));
    vm_store_value(t, mt->elem, hmap_assign(mt->map, *d, key), val);
}

NATIVE(map_load)
{
    (void)n;
    if (!vm_key_hashable(t, t->prog->syncmap->key, a + 4))
        return;
    rt_mutex *m = locked(t, a[3]);
    if (!m)
        return;
    a[2] = load(t, a[3], a + 4, a);
    rt_mutex_unlock(m);
}

NATIVE(map_store)
{
    (void)n;
    if (!vm_key_hashable(t, t->prog->syncmap->key, a + 1))
        return;
    rt_mutex *m = locked(t, a[0]);
    if (!m)
        return;
    store(t, a[0], a + 1, a + 3);
    rt_mutex_unlock(m);
}

NATIVE(map_loadorstore)
{
    (void)n;
    if (!vm_key_hashable(t, t->prog->syncmap->key, a + 4))
        return;
    rt_mutex *m = locked(t, a[3]);
    if (!m)
        return;
    a[2] = load(t, a[3], a + 4, a);
    if (!a[2]) {
        store(t, a[3], a + 4, a + 6);
        memcpy(a, a + 6, 16);
    }
    rt_mutex_unlock(m);
}

NATIVE(map_loadanddelete)
{
    (void)n;
    if (!vm_key_hashable(t, t->prog->syncmap->key, a + 4))
        return;
    rt_mutex *m = locked(t, a[3]);
    if (!m)
        return;
    a[2] = load(t, a[3], a + 4, a);
    if (a[2])
        hmap_delete(t->prog->syncmap->map, *dirty(a[3]), a + 4);
    rt_mutex_unlock(m);
}

NATIVE(map_delete)
{
    (void)n;
    if (!vm_key_hashable(t, t->prog->syncmap->key, a + 1))
        return;
    rt_mutex *m = locked(t, a[0]);
    if (!m)
        return;
    if (*dirty(a[0]))
        hmap_delete(t->prog->syncmap->map, *dirty(a[0]), a + 1);
    rt_mutex_unlock(m);
}

/* Range: the pairs copied under the lock into a []any snapshot (a root through the
   receiver's slot, which it replaces), then f on each until it returns false */
NATIVE(map_range)
{
    (void)n;
    const vm_type *mt = t->prog->syncmap;
    vm_closure *f = (vm_closure *)(uintptr_t)a[1];
    rt_mutex *m = locked(t, a[0]);
    if (!m)
        return;
    hmap *h = *dirty(a[0]);
    int64_t cnt = hmap_len(h);
    vm_iface *snap = cnt ? gc_alloc_array(t->prog->heap, &mt->key->gc, (size_t)cnt * 2) : NULL;
    int64_t k = 0;
    hmap_iter it;
    for (hmap_iter_init(mt->map, h, &it); it.key && k < cnt; hmap_iter_next(&it), k++) {
        vm_store_value(t, mt->key, &snap[2 * k], it.key);
        vm_store_value(t, mt->elem, &snap[2 * k + 1], it.elem);
    }
    rt_mutex_unlock(m);
    a[0] = (vm_word)(uintptr_t)snap; /* keeps the snapshot alive while f runs */
    if (!f && k) {
        vm_panic_nil(t);
        return;
    }
    size_t off = (size_t)(a - t->stack);
    for (int64_t i = 0; i < k; i++) {
        size_t base = t->top;
        vm_thread_reserve(t, base + 6);
        vm_word *args = t->stack + base;
        snap = (vm_iface *)(uintptr_t)t->stack[off];
        args[0] = 0;
        memcpy(args + 1, &snap[2 * i], 32);
        vm_call_closure(t, f, args, 5);
        if (t->panicking || !t->stack[base])
            return;
    }
}

NATIVE(once_do)
{
    (void)n;
    char *o = (char *)(uintptr_t)a[0];
    if (!o) {
        vm_panic_nil(t);
        return;
    }
    if (__atomic_load_n((uint32_t *)o, __ATOMIC_ACQUIRE))
        return;
    rt_mutex *m = vm_native_lazy(t, (vm_word)(uintptr_t)(o + 8), sizeof(rt_mutex));
    rt_mutex_lock(m);
    if (!__atomic_load_n((uint32_t *)o, __ATOMIC_ACQUIRE)) {
        vm_closure *f = (vm_closure *)(uintptr_t)a[1];
        if (!f) {
            rt_mutex_unlock(m);
            vm_panic_nil(t);
            return;
        }
        vm_call_closure(t, f, t->stack + t->top, 0);
        __atomic_store_n((uint32_t *)o, 1, __ATOMIC_RELEASE); /* Go: even after a panic */
    }
    rt_mutex_unlock(m);
}

NATIVE(rand_perm)
{
    (void)n;
    int64_t cnt = (int64_t)a[3];
    if (cnt < 0) {
        vm_panic_plain(t, "invalid argument to Perm");
        return;
    }
    int64_t *v = cnt ? gc_alloc_array(t->prog->heap, &vm_t_int.gc, (size_t)cnt) : NULL;
    for (int64_t i = 0; i < cnt; i++) { /* Go's Perm: insert i at a random place */
        int64_t j = (int64_t)vm_native_draw(t, (uint64_t)i + 1);
        v[i] = v[j];
        v[j] = i;
    }
    *(vm_slice *)a = (vm_slice){v, cnt, cnt};
}

NATIVE(rand_shuffle)
{
    (void)n;
    int64_t cnt = (int64_t)a[0];
    vm_closure *swap = (vm_closure *)(uintptr_t)a[1];
    if (cnt < 0) {
        vm_panic_plain(t, "invalid argument to Shuffle");
        return;
    }
    for (int64_t i = cnt - 1; i > 0; i--) { /* Fisher-Yates, as Go's */
        int64_t j = (int64_t)vm_native_draw(t, (uint64_t)i + 1);
        size_t base = t->top;
        vm_thread_reserve(t, base + 3);
        vm_word *args = t->stack + base;
        args[0] = (vm_word)i;
        args[1] = (vm_word)j;
        if (!swap) {
            vm_panic_nil(t);
            return;
        }
        vm_call_closure(t, swap, args, 2);
        if (t->panicking)
            return;
    }
}

static const struct {
    const char *name;
    vm_native_fn fn;
} table[] = {
    {"sync.(*Map).Load", map_load}, {"sync.(*Map).Store", map_store},
    {"sync.(*Map).LoadOrStore", map_loadorstore},
    {"sync.(*Map).LoadAndDelete", map_loadanddelete}, {"sync.(*Map).Delete", map_delete},
    {"sync.(*Map).Range", map_range}, {"sync.(*Once).Do", once_do},
    {"math/rand.Perm", rand_perm}, {"math/rand.Shuffle", rand_shuffle},
};

vm_native_fn vm_native_lookup_sync(const char *name)
{
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (!strcmp(table[i].name, name))
            return table[i].fn;
    return NULL;
}
