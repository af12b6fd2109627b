/*
 * maps_internal.h — the classic map's structures and cross-file functions; for maps/
 * sources and the map tests only.
 *
 * Files: hash.c the hash functions; ctx.c the map context (hash key, per-P random streams,
 * costs, trace kinds); type.c map types and bucket layout; bucket.c bucket arrays, reserved
 * and new overflow buckets; hmap.c make, access, assign, delete, clear; grow.c growth and
 * incremental evacuation; iter.c iteration; info.c introspection and the invariant checker.
 *
 * Invariants (cited by name elsewhere; hmap_verify checks them):
 *  INV-HOME      every live entry of a table at B is in the chain of bucket hash & (2^B-1);
 *                in an old table, in the chain of its old index.
 *  INV-EMPTYREST a slot marked emptyRest is followed, in its bucket and in every later
 *                bucket of its chain, only by emptyRest slots (lookups stop at the first).
 *  INV-EVAC      an old bucket's chain is wholly evacuated (every tophash evacuated*) or
 *                not at all, outside evacuate; every old bucket below nevacuate is
 *                evacuated; growth ends (oldbuckets NULL) exactly when nevacuate reaches
 *                the number of old buckets.
 *  INV-COUNT     count is the number of live slots in the table plus those in old buckets
 *                not yet evacuated.
 *  INV-WRITING   the hashWriting flag is set only between the start and the end of one
 *                write (assign, delete, clear) — what concurrent-misuse detection reads.
 */
#ifndef GORSIM_MAPS_INTERNAL_H
#define GORSIM_MAPS_INTERNAL_H

#include "config.h"
#include "maps/maps.h"
#include "runtime/rt_debug.h"
#include <string.h>

/* tophash values (go119-runtime.md §1.1) */
enum {
    EMPTY_REST = 0, EMPTY_ONE = 1, EVACUATED_X = 2, EVACUATED_Y = 3, EVACUATED_EMPTY = 4,
    MIN_TOPHASH = 5
};
/* hmap flags */
enum { F_ITERATOR = 1, F_OLD_ITERATOR = 2, F_WRITING = 4, F_SAME_SIZE = 8 };

#define NO_CHECK UINT64_MAX
/* SPECIALISE: a function written once and inlined with a constant `fast` argument, so
   fast64 types get their own copy of the hot paths (Go's mapaccess1_fast64 & co.) */
#define SPECIALISE static inline __attribute__((always_inline))
#define DATA_OFFSET 8

/* The overflow buckets of a noscan table (Go's *[]*bmap): the heap keeps them alive through
   this pointer array, as the bucket memory itself is not scanned. */
typedef struct map_ovflist {
    void **arr;
    int64_t len, cap;
} map_ovflist;

typedef struct map_extra {
    map_ovflist *overflow;    /* of buckets (noscan tables only) */
    map_ovflist *oldoverflow; /* of oldbuckets */
    void *next_overflow;      /* next free reserved bucket, or NULL */
} map_extra;

/* Go's hmap, same fields and order; id and grow_writes are ours (traces). */
struct hmap {
    int64_t count;
    uint8_t flags;            /* read and written with relaxed atomics: other goroutines
                                 read it to detect misuse (INV-WRITING) */
    uint8_t B;
    uint16_t noverflow;
    uint32_t hash0;
    void *buckets;
    void *oldbuckets;
    uintptr_t nevacuate;
    map_extra *extra;
    uint64_t id;
    uint64_t grow_writes;     /* writes since the growth in progress started */
};

struct map_ctx {
    rt_sched *s;
    gc_heap *heap;
    uint64_t hashkey;         /* odd, from the run's seed stream */
    int nprocs;
    rt_rng *rng;              /* one per P (Go's per-M fastrand) */
    int64_t cost[MAP_COST_COUNT];
    int ev_grow_start, ev_evacuate, ev_grow_done, ev_overflow;
    uint64_t next_id;
};

extern const gc_type map__hmap_type, map__extra_type, map__ovflist_type, map__ptr_type;

/* ---- B, flags and the tables under a racing misuse. Only one goroutine writes a map, but
   a racing reader (a misuse Go detects best-effort) must not crash before the detection
   fires: growth publishes oldbuckets, then buckets, then flags, then B (release); a reader
   loads B (acquire), then the flags, then the tables, so any table it sees holds at least
   2^B buckets (2^(B-1) for a doubling's old table) and its indexes stay in bounds. */
static inline unsigned map__B(const hmap *h) { return __atomic_load_n(&h->B, __ATOMIC_ACQUIRE); }

/* ---- flags (relaxed atomics; see INV-WRITING) */
static inline uint8_t map__flags(const hmap *h) { return __atomic_load_n(&h->flags, __ATOMIC_RELAXED); }
static inline void map__set_flags(hmap *h, uint8_t f) { __atomic_store_n(&h->flags, f, __ATOMIC_RELAXED); }

/* ---- bucket addressing */
static inline uint8_t *map__bucket(const map_type *t, void *arr, uint64_t i)
{
    return (uint8_t *)arr + i * t->bucketsize;
}
static inline void *map__key_slot(const map_type *t, uint8_t *b, unsigned i)
{
    return b + DATA_OFFSET + (size_t)i * t->keysize;
}
static inline void *map__elem_slot(const map_type *t, uint8_t *b, unsigned i)
{
    return b + DATA_OFFSET + MAP_BUCKET_SLOTS * (size_t)t->keysize + (size_t)i * t->elemsize;
}
static inline void **map__ovf_slot(const map_type *t, uint8_t *b)
{
    return (void **)(b + t->bucketsize - GC_WORD_BYTES);
}
static inline uint8_t *map__overflow(const map_type *t, uint8_t *b)
{
    return gc_read_ptr(map__ovf_slot(t, b));
}
/* the key a slot holds (through the indirection) */
static inline void *map__key(const map_type *t, uint8_t *b, unsigned i)
{
    void *k = map__key_slot(t, b, i);
    return (t->flags & MAP_T_INDIRECT_KEY) ? *(void **)k : k;
}
static inline void *map__elem(const map_type *t, uint8_t *b, unsigned i)
{
    void *e = map__elem_slot(t, b, i);
    return (t->flags & MAP_T_INDIRECT_ELEM) ? *(void **)e : e;
}

static inline bool map__is_empty(uint8_t th) { return th <= EMPTY_ONE; }
static inline bool map__evacuated(const uint8_t *b)
{
    return b[0] > EMPTY_ONE && b[0] < MIN_TOPHASH;
}
static inline uint8_t map__tophash(uint64_t hash)
{
    uint8_t top = (uint8_t)(hash >> 56);
    return top < MIN_TOPHASH ? (uint8_t)(top + MIN_TOPHASH) : top;
}
static inline uint64_t map__mask(unsigned B) { return ((uint64_t)1 << B) - 1; }

/* overLoadFactor: count > 8 && count > 13 * (2^B / 2) */
static inline bool map__over_load(int64_t count, unsigned B)
{
    return count > MAP_BUCKET_SLOTS && (uint64_t)count > 13 * (((uint64_t)1 << B) / 2);
}
/* tooManyOverflowBuckets: noverflow >= 2^min(B, 15) */
static inline bool map__too_many_overflow(uint16_t noverflow, unsigned B)
{
    return noverflow >= ((uint32_t)1 << (B < 15 ? B : 15));
}

static inline bool map__growing(const hmap *h) { return h->oldbuckets != NULL; }
static inline uint64_t map__noldbuckets(const hmap *h)
{
    unsigned ob = h->B;
    if (!(map__flags(h) & F_SAME_SIZE))
        ob--;
    return (uint64_t)1 << ob;
}

/* ---- hashing and equality (the fast64 path inline) */
#define MAP_HASH_M1 0xa0761d6478bd642full /* the mixing constants of the hash (hash.c) */
#define MAP_HASH_M2 0xe7037ed1a0b428dbull
#define MAP_HASH_M5 0x1d8e4e27c47d124full
static inline uint64_t map__mix(uint64_t a, uint64_t b)
{
    unsigned __int128 r = (unsigned __int128)a * b;
    return (uint64_t)(r >> 64) ^ (uint64_t)r;
}
/* map__hash_word: the hash of one 8-byte key (Go's memhash64Fallback) */
static inline uint64_t map__hash_word(uint64_t a, uint64_t seed, uint64_t hashkey)
{
    return map__mix(MAP_HASH_M5 ^ 8, map__mix(a ^ MAP_HASH_M2, a ^ seed ^ hashkey ^ MAP_HASH_M1));
}
static inline uint64_t map__hash(const map_type *t, const void *k, uint32_t seed)
{
    if (t->flags & MAP_T_FAST64)
        return map__hash_word(*(const uint64_t *)k, seed, t->hashkey);
    return t->hash(t, k, seed);
}
static inline bool map__equal(const map_type *t, const void *a, const void *b)
{
    if (t->flags & MAP_T_FAST64)
        return *(const uint64_t *)a == *(const uint64_t *)b;
    return t->equal(t, a, b);
}
static inline bool map__key_reflexive(const map_type *t, const void *k)
{
    return (t->flags & MAP_T_REFLEXIVE) || t->equal(t, k, k);
}

/* ---- hash.c: the key kinds' hashers and equalities */
uint64_t map__hash64(const map_type *t, const void *k, uint64_t seed);
uint64_t map__memhash_t(const map_type *t, const void *k, uint64_t seed);
bool map__memequal_t(const map_type *t, const void *a, const void *b);
uint64_t map__strhash(const map_type *t, const void *k, uint64_t seed);
bool map__strequal(const map_type *t, const void *a, const void *b);
uint64_t map__f64hash(const map_type *t, const void *k, uint64_t seed);
bool map__f64equal(const map_type *t, const void *a, const void *b);

/* ---- virtual time: a random bucket access misses the caches once the table outgrows
   them (Go's 10^6-entry lookups are memory-bound: ~55 ns against ~10 ns in cache) */
#define MAP_L2_BYTES (512u * 1024u)
#define MAP_LLC_BYTES (16u * 1024u * 1024u)
static inline int64_t map__touch_cost(const map_type *t, unsigned B)
{
    uint64_t bytes = (uint64_t)t->bucketsize << B;
    if (bytes <= MAP_L2_BYTES)
        return 0;
    return t->ctx->cost[bytes <= MAP_LLC_BYTES ? MAP_COST_MISS_L2 : MAP_COST_MISS_MEM];
}

/* ---- ctx.c */
uint32_t map__fastrand(map_ctx *c);
uint64_t map__fastrand64(map_ctx *c);

/* ---- bucket.c */
/* make_bucket_array: a zeroed array of 2^B buckets plus the reserved ones (reusing dirty
   when given, re-zeroed); *next_overflow gets the first reserved bucket or NULL. */
void *map__make_bucket_array(const map_type *t, unsigned B, void *dirty, void **next_overflow);
uint64_t map__nbuckets(const map_type *t, unsigned B);
uint8_t *map__new_overflow(const map_type *t, hmap *h, uint8_t *b);
map_extra *map__extra(const map_type *t, hmap *h);
map_ovflist *map__ovflist_new(const map_type *t);
void map__throw_bad_state(const map_type *t, const hmap *h, const char *what);

/* ---- grow.c */
void map__hash_grow(const map_type *t, hmap *h);
void map__grow_work(const map_type *t, hmap *h, uint64_t bucket);
bool map__old_bucket_evacuated(const map_type *t, const hmap *h, uint64_t oldbucket);

/* ---- hmap.c */
/* access_k: the key and element of k in the current table (mapaccessK), or false */
bool map__access_k(const map_type *t, hmap *h, const void *key, void **kout, void **eout);

#endif
