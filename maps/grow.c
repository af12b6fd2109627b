/*
 * grow.c — growth (go119-runtime.md §1.8–§1.10): hashGrow allocates the new table (twice
 * the buckets, or the same number to squeeze out overflow chains) and moves nothing; each
 * later write evacuates the old bucket it is about to use and the oldest pending one, so a
 * growth finishes after at least half as many writes as there are old buckets (INV-EVAC).
 */
#include "maps/maps_internal.h"

void map__hash_grow(const map_type *t, hmap *h)
{
    gc_heap *heap = t->ctx->heap;
    uint8_t f = map__flags(h);
    unsigned bigger = 1;
    if (!map__over_load(h->count + 1, h->B)) {
        bigger = 0;
        f |= F_SAME_SIZE;
    }
    void *old = h->buckets, *next;
    void *arr = map__make_bucket_array(t, h->B + bigger, NULL, &next);
    uint8_t nf = f & (uint8_t)~(F_ITERATOR | F_OLD_ITERATOR);
    if (f & F_ITERATOR) /* running iterators now walk what becomes the old table */
        nf |= F_OLD_ITERATOR;
    /* published in the order racing readers rely on (map__B): the tables, then the
       flags, then B */
    unsigned oldB = h->B;
    gc_write_ptr(heap, &h->oldbuckets, old);
    gc_write_ptr(heap, &h->buckets, arr);
    __atomic_store_n(&h->flags, nf, __ATOMIC_RELEASE);
    __atomic_store_n(&h->B, (uint8_t)(oldB + bigger), __ATOMIC_RELEASE);
    h->nevacuate = 0;
    h->noverflow = 0;
    h->grow_writes = 0;
    map_extra *x = h->extra;
    if (x && x->overflow) { /* promote the overflow list to the old generation */
        if (x->oldoverflow)
            map__throw_bad_state(t, h, "oldoverflow is not nil");
        gc_write_ptr(heap, &x->oldoverflow, x->overflow);
        gc_write_ptr(heap, &x->overflow, NULL);
    }
    if (next)
        gc_write_ptr(heap, &map__extra(t, h)->next_overflow, next);
    rt_trace_emit((uint32_t)t->ctx->ev_grow_start, h->id, oldB, h->B, NULL);
}

bool map__old_bucket_evacuated(const map_type *t, const hmap *h, uint64_t oldbucket)
{
    return map__evacuated(map__bucket(t, h->oldbuckets, oldbucket));
}

/* An evacuation destination: a bucket of the new table and its next free slot. */
typedef struct evac_dst {
    uint8_t *b;
    unsigned i;
} evac_dst;

/* Evacuation is written once and specialised for fast64 types (8-byte pointer-free keys:
   the hash inlined, the key moved as a word), as hmap.c's operations are. */

SPECIALISE void move_entry(const map_type *t, hmap *h, evac_dst *d, uint8_t *b, unsigned i,
                           uint8_t top, bool fast)
{
    gc_heap *heap = t->ctx->heap;
    if (d->i == MAP_BUCKET_SLOTS) {
        d->b = map__new_overflow(t, h, d->b);
        d->i = 0;
    }
    d->b[d->i] = top;
    void *dk = map__key_slot(t, d->b, d->i), *sk = map__key_slot(t, b, i);
    void *de = map__elem_slot(t, d->b, d->i), *se = map__elem_slot(t, b, i);
    if (fast)
        memcpy(dk, sk, 8);
    else if (t->flags & MAP_T_INDIRECT_KEY)
        gc_write_ptr(heap, dk, *(void **)sk);
    else if (gc_type_has_pointers(t->key))
        gc_typed_copy(heap, t->key, dk, sk, 1);
    else if (t->keysize == 8)
        memcpy(dk, sk, 8); /* a word move, not a call */
    else
        memcpy(dk, sk, t->keysize);
    if (t->flags & MAP_T_INDIRECT_ELEM)
        gc_write_ptr(heap, de, *(void **)se);
    else if (gc_type_has_pointers(t->elem))
        gc_typed_copy(heap, t->elem, de, se, 1);
    else if (t->elemsize == 8)
        memcpy(de, se, 8);
    else
        memcpy(de, se, t->elemsize);
    d->i++;
}

/* clear_old: with no iterator that may still read the old table, the evacuated bucket's
   keys, elements and overflow link are cleared with the deletion barrier (old values
   shaded), so the old table stops retaining them; tophash keeps the evacuation state. */
static void clear_old(const map_type *t, uint8_t *b)
{
    gc_heap *heap = t->ctx->heap;
    const gc_type *kt = (t->flags & MAP_T_INDIRECT_KEY) ? &map__ptr_type : t->key;
    const gc_type *et = (t->flags & MAP_T_INDIRECT_ELEM) ? &map__ptr_type : t->elem;
    gc_typed_clear(heap, kt, map__key_slot(t, b, 0), MAP_BUCKET_SLOTS);
    gc_typed_clear(heap, et, map__elem_slot(t, b, 0), MAP_BUCKET_SLOTS);
    gc_write_ptr(heap, map__ovf_slot(t, b), NULL);
}

/* evac_chain moves every entry of the old chain from b to X (same index) or Y (index +
   newbit, doubling only) and marks the old slots; its virtual cost is returned. */
SPECIALISE int64_t evac_chain(const map_type *t, hmap *h, uint8_t *b, evac_dst xy[2],
                              uint64_t newbit, bool fast)
{
    const int64_t *c = t->ctx->cost;
    int64_t cost = 0;
    uint8_t flags = map__flags(h);
    bool same = flags & F_SAME_SIZE;
    for (; b; b = map__overflow(t, b)) {
        cost += c[MAP_COST_EVAC_BUCKET];
        for (unsigned i = 0; i < MAP_BUCKET_SLOTS; i++) {
            uint8_t top = b[i];
            if (map__is_empty(top)) {
                b[i] = EVACUATED_EMPTY;
                continue;
            }
            if (top < MIN_TOPHASH)
                map__throw_bad_state(t, h, "evacuated slot in an unevacuated bucket");
            unsigned y = 0;
            if (!same) {
                void *k = fast ? map__key_slot(t, b, i) : map__key(t, b, i);
                uint64_t hash = fast ? map__hash_word(*(uint64_t *)k, h->hash0, t->hashkey)
                                     : map__hash(t, k, h->hash0);
                if (!fast && (flags & F_ITERATOR) && !map__key_reflexive(t, k)) {
                    y = top & 1; /* a NaN: keep the iterator's decision, new random tophash */
                    top = map__tophash(hash);
                } else {
                    y = (hash & newbit) != 0;
                }
            }
            b[i] = (uint8_t)(EVACUATED_X + y);
            move_entry(t, h, &xy[y], b, i, top, fast);
            cost += c[MAP_COST_EVAC_ENTRY];
        }
    }
    return cost;
}

/* advance_mark moves nevacuate past evacuated buckets (at most 1024 ahead) and ends the
   growth when it reaches newbit. */
static void advance_mark(const map_type *t, hmap *h, uint64_t newbit)
{
    h->nevacuate++;
    uint64_t stop = h->nevacuate + 1024;
    if (stop > newbit)
        stop = newbit;
    while (h->nevacuate != stop && map__old_bucket_evacuated(t, h, h->nevacuate))
        h->nevacuate++;
    if (h->nevacuate != newbit)
        return;
    gc_heap *heap = t->ctx->heap;
    gc_write_ptr(heap, &h->oldbuckets, NULL);
    if (h->extra)
        gc_write_ptr(heap, &h->extra->oldoverflow, NULL);
    map__set_flags(h, map__flags(h) & (uint8_t)~F_SAME_SIZE);
    rt_trace_emit((uint32_t)t->ctx->ev_grow_done, h->id, h->B, h->grow_writes, NULL);
}

static void evacuate(const map_type *t, hmap *h, uint64_t oldbucket)
{
    uint8_t *b = map__bucket(t, h->oldbuckets, oldbucket);
    uint64_t newbit = map__noldbuckets(h);
    if (!map__evacuated(b)) {
        evac_dst xy[2] = {{map__bucket(t, h->buckets, oldbucket), 0}, {NULL, 0}};
        if (!(map__flags(h) & F_SAME_SIZE))
            xy[1].b = map__bucket(t, h->buckets, oldbucket + newbit);
        /* the old bucket and its X and Y destinations: three random bucket accesses */
        int64_t cost = 3 * map__touch_cost(t, h->B) +
                       ((t->flags & MAP_T_FAST64) ? evac_chain(t, h, b, xy, newbit, true)
                                                  : evac_chain(t, h, b, xy, newbit, false));
        if (!(map__flags(h) & F_OLD_ITERATOR) && gc_type_has_pointers(&t->bucket))
            clear_old(t, b);
        rt_charge(cost);
    }
    if (oldbucket == h->nevacuate)
        advance_mark(t, h, newbit);
}

void map__grow_work(const map_type *t, hmap *h, uint64_t bucket)
{
    h->grow_writes++;
    evacuate(t, h, bucket & (map__noldbuckets(h) - 1));
    if (map__growing(h))
        evacuate(t, h, h->nevacuate);
    if (map__growing(h))
        rt_trace_emit((uint32_t)t->ctx->ev_evacuate, h->id, h->nevacuate, map__noldbuckets(h),
                      NULL);
}
