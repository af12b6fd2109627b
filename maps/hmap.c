/*
 * hmap.c — the classic map's operations (go119-runtime.md §1.4, §1.6, §1.7, §1.11, §1.12):
 * make with hint, lookup, assign, delete, clear. Writes bracket their work with the
 * hashWriting flag (INV-WRITING) and charge virtual time inside that window, so in the
 * virtual engine a goroutine on another P really runs while a write is in progress and
 * misuse is caught as Go catches it.
 */
#include "maps/maps_internal.h"

#define MAX_ALLOC ((uint64_t)1 << 48) /* Go's maxAlloc on 64-bit Linux */

int hmap_b_for_hint(int64_t hint)
{
    int B = 0;
    while (map__over_load(hint, (unsigned)B))
        B++;
    return B;
}

/* The operations are written once and specialised twice (always_inline, a constant
   `fast`): fast is Go's _fast64 variant for 8-byte memory keys — the hash inlined, keys
   compared as words, never indirect. */

SPECIALISE uint64_t hash_of(const map_type *t, const void *key, uint32_t seed, bool fast)
{
    return fast ? map__hash_word(*(const uint64_t *)key, seed, t->hashkey) : t->hash(t, key, seed);
}

SPECIALISE bool same_key(const map_type *t, const void *key, uint8_t *b, unsigned i, bool fast)
{
    if (fast)
        return *(const uint64_t *)key == *(const uint64_t *)map__key_slot(t, b, i);
    return t->equal(t, key, map__key(t, b, i));
}

static void copy_key(const map_type *t, void *dst, const void *src)
{
    if (t->flags & MAP_T_FAST64)
        memcpy(dst, src, 8);
    else if (gc_type_has_pointers(t->key))
        gc_typed_copy(t->ctx->heap, t->key, dst, src, 1);
    else
        memcpy(dst, src, t->key->size);
}

static inline void copy_elem(const map_type *t, void *dst, const void *src)
{
    if (gc_type_has_pointers(t->elem))
        gc_typed_copy(t->ctx->heap, t->elem, dst, src, 1);
    else if (t->elem->size == 8)
        memcpy(dst, src, 8);
    else
        memcpy(dst, src, t->elem->size);
}

/* op_cost: the virtual cost of an operation on key before probing (t->op_cost, plus a
   string key's length) */
SPECIALISE int64_t op_cost(const map_type *t, const void *key, bool fast)
{
    if (fast || t->kind != MAP_KEY_STRING)
        return t->op_cost;
    int64_t n = ((const map_string *)key)->len;
    return t->op_cost + (n > 16 ? (n - 1) / 16 * t->ctx->cost[MAP_COST_HASH_16] : 0);
}

hmap *hmap_make(const map_type *t, int64_t hint)
{
    map_ctx *c = t->ctx;
    if (hint < 0 || (uint64_t)hint > MAX_ALLOC / t->bucket.size)
        hint = 0;
    hmap *h = gc_alloc(c->heap, &map__hmap_type);
    h->hash0 = map__fastrand(c);
    h->id = __atomic_add_fetch(&c->next_id, 1, __ATOMIC_RELAXED);
    h->B = (uint8_t)hmap_b_for_hint(hint);
    if (h->B) {
        void *next;
        gc_write_ptr(c->heap, &h->buckets, map__make_bucket_array(t, h->B, NULL, &next));
        if (next)
            gc_write_ptr(c->heap, &map__extra(t, h)->next_overflow, next);
    }
    rt_charge(c->cost[MAP_COST_OP]);
    return h;
}

int64_t hmap_len(const hmap *h)
{
    return h ? __atomic_load_n(&h->count, __ATOMIC_RELAXED) : 0;
}

/* lookup_bucket: the bucket whose chain holds key's entry — the old one while its
   evacuation is pending (lookups never evacuate). */
SPECIALISE uint8_t *lookup_bucket(const map_type *t, const hmap *h, uint64_t hash)
{
    uint64_t m = map__mask(map__B(h)); /* B first, then flags, then tables (map__B) */
    uint8_t f = __atomic_load_n(&h->flags, __ATOMIC_ACQUIRE);
    void *old = __atomic_load_n(&h->oldbuckets, __ATOMIC_RELAXED);
    uint8_t *b = map__bucket(t, __atomic_load_n(&h->buckets, __ATOMIC_RELAXED), hash & m);
    if (old) {
        if (!(f & F_SAME_SIZE))
            m >>= 1;
        uint8_t *ob = map__bucket(t, old, hash & m);
        if (!map__evacuated(ob))
            b = ob;
    }
    return b;
}

/* find: the slot of key in the chain from b (INV-EMPTYREST ends the search early). The
   fast64 variant compares keys first and needs no tophash, as Go's mapaccess1_fast64: its
   loads do not wait on the tophash byte (a second cache miss on a large table). */
SPECIALISE bool find(const map_type *t, uint8_t *b, const void *key, uint8_t top,
                     uint8_t **bout, unsigned *iout, int64_t *probes, bool fast)
{
    for (; b; b = map__overflow(t, b))
        for (unsigned i = 0; i < MAP_BUCKET_SLOTS; i++) {
            ++*probes;
            if (fast) {
                if (!same_key(t, key, b, i, true) || map__is_empty(b[i]))
                    continue;
            } else if (b[i] != top) {
                if (b[i] == EMPTY_REST)
                    return false;
                continue;
            } else if (!same_key(t, key, b, i, false)) {
                continue;
            }
            *bout = b;
            *iout = i;
            return true;
        }
    return false;
}

SPECIALISE bool lookup_impl(const map_type *t, hmap *h, const void *key, uint8_t **bout,
                            unsigned *iout, bool fast)
{
    int64_t probes = 0;
    uint64_t hash = hash_of(t, key, h->hash0, fast);
    bool ok = find(t, lookup_bucket(t, h, hash), key, map__tophash(hash), bout, iout, &probes,
                   fast);
    rt_charge(op_cost(t, key, fast) + probes * t->ctx->cost[MAP_COST_PROBE] +
              map__touch_cost(t, h->B));
    return ok;
}

static bool lookup(const map_type *t, hmap *h, const void *key, uint8_t **bout, unsigned *iout)
{
    if (t->flags & MAP_T_FAST64)
        return lookup_impl(t, h, key, bout, iout, true);
    return lookup_impl(t, h, key, bout, iout, false);
}

bool map__access_k(const map_type *t, hmap *h, const void *key, void **kout, void **eout)
{
    uint8_t *b;
    unsigned i;
    if (!h || !h->count || !lookup(t, h, key, &b, &i))
        return false;
    *kout = map__key(t, b, i);
    *eout = map__elem(t, b, i);
    return true;
}

void *hmap_access(const map_type *t, hmap *h, const void *key)
{
    if (!h || !__atomic_load_n(&h->count, __ATOMIC_ACQUIRE)) /* then the table exists */
        return NULL;
    if (map__flags(h) & F_WRITING)
        rt_fatal("concurrent map read and map write");
    uint8_t *b;
    unsigned i;
    return lookup(t, h, key, &b, &i) ? map__elem(t, b, i) : NULL;
}

bool hmap_load(const map_type *t, hmap *h, const void *key, void *out)
{
    void *e = hmap_access(t, h, key);
    if (e)
        memcpy(out, e, t->elem->size);
    else
        memset(out, 0, t->elem->size);
    return e != NULL;
}

/* begin_write / end_write bracket a write (INV-WRITING). Go toggles the flag with a plain
   XOR, so two writers that test it at the same instant both get in and corrupt the table
   before end_write notices; here the flag is taken with one atomic OR, so of two racing
   writers exactly one proceeds and the other reports the misuse (a departure that only
   makes the detection surer: ARCHITECTURE.md). */
static void begin_write(hmap *h)
{
    if (__atomic_fetch_or(&h->flags, F_WRITING, __ATOMIC_ACQUIRE) & F_WRITING)
        rt_fatal("concurrent map writes");
}

static void end_write(hmap *h, int64_t cost)
{
    rt_charge(cost); /* inside the window: the virtual engine may run another P here */
    uint8_t f = map__flags(h);
    if (!(f & F_WRITING))
        rt_fatal("concurrent map writes");
    __atomic_store_n(&h->flags, f & (uint8_t)~F_WRITING, __ATOMIC_RELEASE);
}

/* place_new: store a new key at slot i of b (the slot's indirect objects allocated first). */
SPECIALISE void *place_new(const map_type *t, hmap *h, uint8_t *b, unsigned i,
                           const void *key, uint8_t top, bool fast)
{
    gc_heap *heap = t->ctx->heap;
    void *kslot = map__key_slot(t, b, i), *eslot = map__elem_slot(t, b, i);
    if (fast) { /* never indirect */
        memcpy(kslot, key, 8);
        b[i] = top;
        __atomic_store_n(&h->count, h->count + 1, __ATOMIC_RELEASE);
        return eslot;
    }
    if (t->flags & MAP_T_INDIRECT_KEY) {
        void *k = gc_alloc(heap, t->key);
        gc_write_ptr(heap, kslot, k);
        kslot = k;
    }
    if (t->flags & MAP_T_INDIRECT_ELEM)
        gc_write_ptr(heap, eslot, gc_alloc(heap, t->elem));
    copy_key(t, kslot, key);
    b[i] = top;
    __atomic_store_n(&h->count, h->count + 1, __ATOMIC_RELEASE);
    return map__elem(t, b, i);
}

SPECIALISE void *assign_impl(const map_type *t, hmap *h, const void *key, bool fast)
{
    map_ctx *c = t->ctx;
    if (map__flags(h) & F_WRITING)
        rt_fatal("concurrent map writes");
    uint64_t hash = hash_of(t, key, h->hash0, fast);
    begin_write(h);
    int64_t probes = 0;
    if (!h->buckets)
        gc_write_ptr(c->heap, &h->buckets, gc_alloc(c->heap, &t->bucket));
    uint8_t top = map__tophash(hash), *b, *insb;
    unsigned i, insi;
    void *elem;
again:
    if (map__growing(h))
        map__grow_work(t, h, hash & map__mask(h->B));
    b = map__bucket(t, h->buckets, hash & map__mask(h->B));
    insb = NULL;
    insi = 0;
    for (;;) {
        for (i = 0; i < MAP_BUCKET_SLOTS; i++) {
            probes++;
            if (b[i] != top) {
                if (map__is_empty(b[i]) && !insb) {
                    insb = b;
                    insi = i;
                }
                if (b[i] == EMPTY_REST)
                    goto absent;
                continue;
            }
            if (!same_key(t, key, b, i, fast))
                continue;
            if (!fast && (t->flags & MAP_T_NEED_KEY_UPDATE))
                copy_key(t, map__key(t, b, i), key);
            elem = map__elem(t, b, i);
            goto done;
        }
        uint8_t *ovf = map__overflow(t, b);
        if (!ovf)
            break;
        b = ovf;
    }
absent:
    /* growth starts only on a new key, never while one is in progress (§1.7 step 6) */
    if (!map__growing(h) &&
        (map__over_load(h->count + 1, h->B) || map__too_many_overflow(h->noverflow, h->B))) {
        map__hash_grow(t, h);
        goto again;
    }
    if (!insb) {
        insb = map__new_overflow(t, h, b);
        insi = 0;
    }
    elem = place_new(t, h, insb, insi, key, top, fast);
done:
    end_write(h, op_cost(t, key, fast) + probes * c->cost[MAP_COST_PROBE] +
                     map__touch_cost(t, h->B));
    return elem;
}

void *hmap_assign(const map_type *t, hmap *h, const void *key)
{
    if (!h)
        return NULL;
    if (t->flags & MAP_T_FAST64)
        return assign_impl(t, h, key, true);
    return assign_impl(t, h, key, false);
}

bool hmap_store(const map_type *t, hmap *h, const void *key, const void *elem)
{
    if (!h)
        return false;
    copy_elem(t, (t->flags & MAP_T_FAST64) ? assign_impl(t, h, key, true)
                                            : assign_impl(t, h, key, false), elem);
    return true;
}

/* clear_slot empties a deleted entry's key and element (pointer-aware: old values shaded). */
static void clear_slot(const map_type *t, uint8_t *b, unsigned i)
{
    gc_heap *heap = t->ctx->heap;
    void *k = map__key_slot(t, b, i), *e = map__elem_slot(t, b, i);
    if (t->flags & MAP_T_INDIRECT_KEY)
        gc_write_ptr(heap, k, NULL);
    else if (gc_type_has_pointers(t->key))
        gc_typed_clear(heap, t->key, k, 1);
    if (t->flags & MAP_T_INDIRECT_ELEM)
        gc_write_ptr(heap, e, NULL);
    else if (gc_type_has_pointers(t->elem))
        gc_typed_clear(heap, t->elem, e, 1);
    else
        memset(e, 0, t->elem->size);
}

/* mark_empty: slot i of b becomes emptyOne, and if nothing live follows it in the chain,
   it and the emptyOne slots before it become emptyRest (walking back through the chain
   from its head orig; INV-EMPTYREST). */
static void mark_empty(const map_type *t, uint8_t *orig, uint8_t *b, unsigned i)
{
    b[i] = EMPTY_ONE;
    if (i == MAP_BUCKET_SLOTS - 1) {
        uint8_t *ovf = map__overflow(t, b);
        if (ovf && ovf[0] != EMPTY_REST)
            return;
    } else if (b[i + 1] != EMPTY_REST) {
        return;
    }
    for (;;) {
        b[i] = EMPTY_REST;
        if (i == 0) {
            if (b == orig)
                return;
            uint8_t *cur = b;
            for (b = orig; map__overflow(t, b) != cur; b = map__overflow(t, b))
                ;
            i = MAP_BUCKET_SLOTS - 1;
        } else {
            i--;
        }
        if (b[i] != EMPTY_ONE)
            return;
    }
}

SPECIALISE void delete_impl(const map_type *t, hmap *h, const void *key, bool fast)
{
    map_ctx *c = t->ctx;
    if (map__flags(h) & F_WRITING)
        rt_fatal("concurrent map writes");
    uint64_t hash = hash_of(t, key, h->hash0, fast);
    begin_write(h);
    uint64_t bucket = hash & map__mask(h->B);
    if (map__growing(h))
        map__grow_work(t, h, bucket);
    uint8_t *orig = map__bucket(t, h->buckets, bucket), *b;
    unsigned i;
    int64_t probes = 0;
    if (find(t, orig, key, map__tophash(hash), &b, &i, &probes, fast)) {
        clear_slot(t, b, i);
        mark_empty(t, orig, b, i);
        __atomic_store_n(&h->count, h->count - 1, __ATOMIC_RELAXED);
        if (!h->count) /* a fresh seed against hash flooding (Go issue 25237) */
            h->hash0 = map__fastrand(c);
    }
    end_write(h, op_cost(t, key, fast) + probes * c->cost[MAP_COST_PROBE] +
                     map__touch_cost(t, h->B));
}

void hmap_delete(const map_type *t, hmap *h, const void *key)
{
    if (!h || !h->count)
        return;
    if (t->flags & MAP_T_FAST64)
        delete_impl(t, h, key, true);
    else
        delete_impl(t, h, key, false);
}

/* mark_chains_empty makes every slot of the n chains of arr emptyRest (overflow buckets
   too), so an iterator standing anywhere in them returns nothing more. */
static int64_t mark_chains_empty(const map_type *t, void *arr, uint64_t n)
{
    int64_t buckets = 0;
    for (uint64_t i = 0; i < n; i++)
        for (uint8_t *b = map__bucket(t, arr, i); b; b = map__overflow(t, b), buckets++)
            memset(b, EMPTY_REST, MAP_BUCKET_SLOTS);
    return buckets;
}

void hmap_clear(const map_type *t, hmap *h)
{
    if (!h || !h->count)
        return;
    map_ctx *c = t->ctx;
    begin_write(h);
    int64_t marked = 0;
    if (map__flags(h) & (F_ITERATOR | F_OLD_ITERATOR)) {
        /* Go 1.19 only re-zeroes the array, so an iterator inside a separately allocated
           overflow bucket went on returning deleted entries (Go issue 59411); as Go 1.21,
           every chain is marked empty first */
        marked = mark_chains_empty(t, h->buckets, (uint64_t)1 << h->B);
        if (map__growing(h))
            marked += mark_chains_empty(t, h->oldbuckets, map__noldbuckets(h));
    }
    map__set_flags(h, map__flags(h) & (uint8_t)~F_SAME_SIZE);
    gc_write_ptr(c->heap, &h->oldbuckets, NULL);
    h->nevacuate = 0;
    h->noverflow = 0;
    __atomic_store_n(&h->count, 0, __ATOMIC_RELAXED);
    h->hash0 = map__fastrand(c);
    if (h->extra)
        gc_typed_clear(c->heap, &map__extra_type, h->extra, 1);
    void *next;
    map__make_bucket_array(t, h->B, h->buckets, &next);
    if (next)
        gc_write_ptr(c->heap, &map__extra(t, h)->next_overflow, next);
    uint64_t n = map__nbuckets(t, h->B);
    end_write(h, t->op_cost + ((int64_t)n + marked) * MAP_BUCKET_SLOTS * c->cost[MAP_COST_PROBE]);
}
