/*
 * info.c — what a map looks like inside (hmap_read_info, for tests, traces and reports)
 * and the invariant checker (hmap_verify: INV-HOME, INV-EMPTYREST, INV-EVAC, INV-COUNT,
 * INV-WRITING, and a noscan table's overflow buckets kept alive by its lists).
 */
#include "maps/maps_internal.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* A table's shape: overflow buckets linked from its 2^B chains, the longest chain. */
typedef struct table_walk {
    uint64_t overflow, max_chain, separate; /* separate: overflow buckets outside the array */
} table_walk;

static table_walk walk(const map_type *t, void *arr, unsigned B)
{
    table_walk w = {0, 0, 0};
    if (!arr)
        return w;
    uint8_t *lo = arr, *hi = lo + map__nbuckets(t, B) * t->bucketsize;
    for (uint64_t i = 0; i < (uint64_t)1 << B; i++) {
        uint64_t chain = 0;
        for (uint8_t *b = map__overflow(t, map__bucket(t, arr, i)); b; b = map__overflow(t, b)) {
            chain++;
            if (b < lo || b >= hi)
                w.separate++;
        }
        w.overflow += chain;
        if (chain > w.max_chain)
            w.max_chain = chain;
    }
    return w;
}

static uint64_t reserved_free(const map_type *t, const hmap *h)
{
    uint8_t *b = h->extra ? h->extra->next_overflow : NULL;
    uint64_t n = 0;
    for (; b; b = map__overflow(t, b) ? NULL : b + t->bucketsize)
        n++;
    return n;
}

void hmap_read_info(const map_type *t, const hmap *h, hmap_info *out)
{
    memset(out, 0, sizeof *out);
    if (!h)
        return;
    out->count = h->count;
    out->B = h->B;
    out->noverflow = h->noverflow;
    out->hash0 = h->hash0;
    out->flags = map__flags(h);
    out->id = h->id;
    out->growing = map__growing(h);
    out->same_size = out->flags & F_SAME_SIZE;
    out->nevacuate = h->nevacuate;
    table_walk w = walk(t, h->buckets, h->B);
    out->overflow = w.overflow;
    out->max_chain = w.max_chain;
    out->reserved_free = reserved_free(t, h);
    uint64_t arr = h->B || h->buckets ? map__nbuckets(t, h->B) * t->bucketsize : 0;
    out->bytes = (h->buckets ? gc_roundup_size(arr) : 0) + w.separate * gc_roundup_size(t->bucketsize);
    if (out->growing) {
        unsigned oldB = out->same_size ? h->B : h->B - 1u;
        table_walk ow = walk(t, h->oldbuckets, oldB);
        out->noldbuckets = (uint64_t)1 << oldB;
        out->old_overflow = ow.overflow;
        out->old_bytes = gc_roundup_size(map__nbuckets(t, oldB) * t->bucketsize) +
                         ow.separate * gc_roundup_size(t->bucketsize);
    }
}

/* ---------------------------------------------------------------- verify */

static bool fail(const map_type *t, const hmap *h, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "hmap_verify: %s map %llu (B %u, count %lld): ", t->name,
            (unsigned long long)h->id, h->B, (long long)h->count);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return false;
}

/* check_chain verifies INV-HOME and INV-EMPTYREST on one chain and counts its live slots;
   home is the chain's index at B (for an old chain: at its own B). */
static bool check_chain(const map_type *t, const hmap *h, uint8_t *b, uint64_t home, unsigned B,
                        int64_t *live)
{
    bool rest = false;
    for (; b; b = map__overflow(t, b))
        for (unsigned i = 0; i < MAP_BUCKET_SLOTS; i++) {
            if (rest && b[i] != EMPTY_REST)
                return fail(t, h, "INV-EMPTYREST: slot after emptyRest in chain %llu is %u",
                            (unsigned long long)home, b[i]);
            rest = b[i] == EMPTY_REST;
            if (map__is_empty(b[i]))
                continue;
            if (b[i] < MIN_TOPHASH)
                return fail(t, h, "INV-EVAC: evacuated mark %u in a live chain %llu", b[i],
                            (unsigned long long)home);
            void *k = map__key(t, b, i);
            (*live)++;
            if (!map__key_reflexive(t, k))
                continue; /* a NaN's hash is random */
            uint64_t hash = map__hash(t, k, h->hash0);
            if ((hash & map__mask(B)) != home || map__tophash(hash) != b[i])
                return fail(t, h, "INV-HOME: a key of chain %llu hashes to %llu (tophash %u/%u)",
                            (unsigned long long)home,
                            (unsigned long long)(hash & map__mask(B)), b[i],
                            map__tophash(hash));
        }
    return true;
}

/* check_evacuated: every slot of an evacuated old chain carries an evacuation mark */
static bool check_evacuated(const map_type *t, const hmap *h, uint8_t *b, uint64_t i)
{
    for (; b; b = map__overflow(t, b))
        for (unsigned s = 0; s < MAP_BUCKET_SLOTS; s++)
            if (b[s] <= EMPTY_ONE || b[s] >= MIN_TOPHASH)
                return fail(t, h, "INV-EVAC: old chain %llu partly evacuated",
                            (unsigned long long)i);
    return true;
}

/* check_old: INV-EVAC over the old table; counts the live slots of unevacuated chains */
static bool check_old(const map_type *t, const hmap *h, int64_t *live)
{
    uint64_t nold = map__noldbuckets(h);
    unsigned oldB = (unsigned)__builtin_ctzll(nold);
    if (h->nevacuate >= nold)
        return fail(t, h, "INV-EVAC: nevacuate %llu of %llu old buckets, growth not ended",
                    (unsigned long long)h->nevacuate, (unsigned long long)nold);
    for (uint64_t i = 0; i < nold; i++) {
        uint8_t *b = map__bucket(t, h->oldbuckets, i);
        if (map__evacuated(b)) {
            if (!check_evacuated(t, h, b, i))
                return false;
            continue;
        }
        if (i < h->nevacuate)
            return fail(t, h, "INV-EVAC: old bucket %llu below nevacuate unevacuated",
                        (unsigned long long)i);
        if (!check_chain(t, h, b, i, oldB, live))
            return false;
    }
    return true;
}

/* check_kept: in a noscan table the collector does not read overflow links, so every
   overflow bucket allocated apart from the array must be in the table's list (Go's
   extra.overflow / oldoverflow) to stay alive */
static int cmp_ptr(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t) * (void *const *)a, y = (uintptr_t) * (void *const *)b;
    return (x > y) - (x < y);
}

static bool check_kept(const map_type *t, const hmap *h, void *arr, unsigned B,
                       const map_ovflist *list, const char *which)
{
    if (gc_type_has_pointers(&t->bucket) || !arr)
        return true;
    size_t n = list ? (size_t)list->len : 0;
    void **sorted = n ? malloc(n * sizeof *sorted) : NULL;
    if (n && !sorted)
        return true; /* cannot check without memory; nothing is wrong with the map */
    if (n) {
        memcpy(sorted, list->arr, n * sizeof *sorted);
        qsort(sorted, n, sizeof *sorted, cmp_ptr);
    }
    uint8_t *lo = arr, *hi = lo + map__nbuckets(t, B) * t->bucketsize;
    bool ok = true;
    for (uint64_t i = 0; ok && i < (uint64_t)1 << B; i++)
        for (uint8_t *b = map__overflow(t, map__bucket(t, arr, i)); ok && b;
             b = map__overflow(t, b))
            if ((b < lo || b >= hi) && !(n && bsearch(&b, sorted, n, sizeof *sorted, cmp_ptr)))
                ok = fail(t, h, "an overflow bucket of chain %llu is missing from the %s list",
                          (unsigned long long)i, which);
    free(sorted);
    return ok;
}

bool hmap_verify(const map_type *t, const hmap *h)
{
    if (!h)
        return true;
    if (map__flags(h) & F_WRITING)
        return fail(t, h, "INV-WRITING: hashWriting set outside a write");
    if (!h->oldbuckets && (map__flags(h) & F_SAME_SIZE))
        return fail(t, h, "INV-EVAC: sameSizeGrow set with no growth in progress");
    int64_t live = 0;
    if (h->buckets)
        for (uint64_t i = 0; i < (uint64_t)1 << h->B; i++)
            if (!check_chain(t, h, map__bucket(t, h->buckets, i), i, h->B, &live))
                return false;
    if (h->oldbuckets && !check_old(t, h, &live))
        return false;
    map_extra *x = h->extra;
    if (!check_kept(t, h, h->buckets, h->B, x ? x->overflow : NULL, "overflow"))
        return false;
    if (h->oldbuckets &&
        !check_kept(t, h, h->oldbuckets, (unsigned)__builtin_ctzll(map__noldbuckets(h)),
                    x ? x->oldoverflow : NULL, "oldoverflow"))
        return false;
    if (live != h->count)
        return fail(t, h, "INV-COUNT: %lld live slots", (long long)live);
    return true;
}
