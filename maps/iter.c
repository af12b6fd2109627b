/*
 * iter.c — iteration (go119-runtime.md §1.13): a random start bucket and in-bucket offset
 * over a snapshot of the table; through a growth that started before or during the
 * iteration, the iterator walks unevacuated old buckets in place of the new ones they feed
 * (keeping only the keys that belong to the new bucket it emulates) and looks evacuated
 * entries up again in the current table, so each entry present throughout is returned once.
 */
#include "maps/maps_internal.h"

static const uint8_t iter_mask[] = {0x7f}; /* key .. oldoverflow */
const gc_type hmap_iter_type = {sizeof(hmap_iter), 56, iter_mask, "runtime.hiter"};

/* set: a pointer store into the iterator, which may be a heap object */
static void set(const map_type *t, void *slot, void *p) { gc_write_ptr(t->ctx->heap, slot, p); }

void hmap_iter_init(const map_type *t, hmap *h, hmap_iter *it)
{
    gc_heap *heap = t->ctx->heap;
    gc_typed_clear(heap, &hmap_iter_type, it, 1);
    it->t = t;
    if (!h || !h->count)
        return;
    set(t, &it->h, h);
    it->B = (uint8_t)map__B(h); /* B before the table (map__B) */
    set(t, &it->buckets, h->buckets);
    if (!gc_type_has_pointers(&t->bucket)) {
        map_extra *x = map__extra(t, h); /* Go's createOverflow */
        if (!x->overflow)
            gc_write_ptr(heap, &x->overflow, map__ovflist_new(t));
        set(t, &it->overflow, x->overflow);
        set(t, &it->oldoverflow, x->oldoverflow);
    }
    uint64_t r = h->B > 31 - 3 ? map__fastrand64(t->ctx) : map__fastrand(t->ctx);
    it->start_bucket = r & map__mask(h->B);
    it->offset = (uint8_t)((r >> h->B) & (MAP_BUCKET_SLOTS - 1));
    it->bucket = it->start_bucket;
    uint8_t f = map__flags(h);
    if ((f & (F_ITERATOR | F_OLD_ITERATOR)) != (F_ITERATOR | F_OLD_ITERATOR))
        __atomic_fetch_or(&h->flags, F_ITERATOR | F_OLD_ITERATOR, __ATOMIC_RELAXED);
    hmap_iter_next(it);
}

/* old_stand_in: the old bucket standing in for new bucket `bucket` when the iterator
   started on the table a growth in progress is filling (Go 1.19 asks it.B == h.B, which a
   second, same-size growth during the iteration also satisfies: it would then read a table
   the iterator never snapshotted), or NULL. The loads bracket the flags between two reads
   of buckets, so a racing writer (a misuse still to be detected) cannot pair one growth's
   old table with another's flags: see map__B. */
static uint8_t *old_stand_in(const hmap_iter *it, uint64_t bucket)
{
    const hmap *h = it->h;
    void *cur = __atomic_load_n(&h->buckets, __ATOMIC_ACQUIRE);
    void *old = __atomic_load_n(&h->oldbuckets, __ATOMIC_ACQUIRE);
    uint8_t f = __atomic_load_n(&h->flags, __ATOMIC_ACQUIRE);
    if (!old || old == it->buckets || cur != it->buckets ||
        __atomic_load_n(&h->buckets, __ATOMIC_ACQUIRE) != cur)
        return NULL;
    uint64_t nold = (uint64_t)1 << (f & F_SAME_SIZE || !it->B ? it->B : it->B - 1u);
    uint8_t *b = map__bucket(it->t, old, bucket & (nold - 1));
    return map__evacuated(b) ? NULL : b;
}

/* next_bucket: the bucket (and its check) the iterator reads next; advances it->bucket */
static uint8_t *next_bucket(hmap_iter *it, uint64_t *check)
{
    uint64_t bucket = it->bucket;
    uint8_t *b = old_stand_in(it, bucket);
    *check = b ? bucket : NO_CHECK;
    if (!b)
        b = map__bucket(it->t, it->buckets, bucket);
    if (++bucket == (uint64_t)1 << it->B) {
        bucket = 0;
        it->wrapped = 1;
    }
    it->bucket = bucket;
    return b;
}

/* belongs: in an old bucket standing in for new bucket check, whether slot i's key goes to
   that new bucket (doubling only; a NaN goes by its tophash's low bit) */
static bool belongs(const hmap_iter *it, uint8_t *b, unsigned i, const void *k)
{
    const map_type *t = it->t;
    if (it->check_bucket == NO_CHECK || (map__flags(it->h) & F_SAME_SIZE))
        return true;
    if (map__key_reflexive(t, k))
        return (map__hash(t, k, it->h->hash0) & map__mask(it->B)) == it->check_bucket;
    return it->check_bucket >> (it->B - 1) == (uint64_t)(b[i] & 1);
}

/* emit: make slot i of b the current entry; false if it was deleted meanwhile */
static bool emit(hmap_iter *it, uint8_t *b, unsigned i, void *k)
{
    const map_type *t = it->t;
    if ((b[i] != EVACUATED_X && b[i] != EVACUATED_Y) || !map__key_reflexive(t, k)) {
        set(t, &it->key, k);
        set(t, &it->elem, map__elem(t, b, i));
        return true;
    }
    void *rk, *re; /* the table grew since: the current value, if the key is still there */
    if (!map__access_k(t, it->h, k, &rk, &re))
        return false;
    set(t, &it->key, rk);
    set(t, &it->elem, re);
    return true;
}

void hmap_iter_next(hmap_iter *it)
{
    const map_type *t = it->t;
    hmap *h = it->h;
    if (!h)
        return;
    if (map__flags(h) & F_WRITING)
        rt_fatal("concurrent map iteration and map write");
    uint8_t *b = it->bptr;
    unsigned i = it->i;
    int64_t visited = 0;
    for (;;) {
        if (!b) {
            if (it->bucket == it->start_bucket && it->wrapped) {
                set(t, &it->key, NULL);
                set(t, &it->elem, NULL);
                break;
            }
            b = next_bucket(it, &it->check_bucket);
            i = 0;
        }
        for (; i < MAP_BUCKET_SLOTS; i++) {
            visited++;
            unsigned off = (i + it->offset) & (MAP_BUCKET_SLOTS - 1);
            if (map__is_empty(b[off]) || b[off] == EVACUATED_EMPTY)
                continue;
            void *k = map__key(t, b, off);
            if (!belongs(it, b, off, k) || !emit(it, b, off, k))
                continue;
            if (it->bptr != b)
                set(t, &it->bptr, b);
            it->i = (uint8_t)(i + 1);
            rt_charge(visited * t->ctx->cost[MAP_COST_ITER]);
            return;
        }
        b = map__overflow(t, b);
        i = 0;
    }
    rt_charge(visited * t->ctx->cost[MAP_COST_ITER]);
}
