/*
 * maps.h — gorsim's maps, on the gc heap. This is what sim/ includes from maps/.
 *
 * classic (hmap_*) is Go 1.19's hashmap exactly (reference go119-runtime.md §1): buckets of
 * 8 slots with tophash bytes, overflow chains, load factor 6.5, doubling and same-size
 * growth with incremental evacuation of two old buckets per write, reserved overflow
 * buckets, a per-map hash seed, randomized iteration that survives growth, emptyRest
 * deletion, clear, and best-effort detection of concurrent misuse as Go's fatal errors.
 *
 * Every map lives in one map context (one per runtime and heap): the run's hash key, the
 * per-P random streams behind seeds and iteration starts, the cost-model entries and the
 * trace event kinds. Operations must run on a goroutine of that runtime (they allocate on
 * the current P and charge virtual time).
 *
 * Memory: map headers, bucket arrays, overflow buckets and indirect keys and elements are
 * gc heap objects with precise types; every pointer store goes through the heap's write
 * barrier (gc_write_ptr, gc_typed_copy, gc_typed_clear), so maps are safe while the
 * collector marks. A map (hmap *) and the key and element pointers an operation returns are
 * heap pointers: keep them where the collector sees them (a heap object, a registered
 * global, a gc_frame, or a C local of a goroutine).
 */
#ifndef GORSIM_MAPS_H
#define GORSIM_MAPS_H

#include "gc/gc.h"
#include "runtime/rt.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct map_ctx map_ctx;

/* map_ctx_new makes the map context of runtime s and heap h (before rt_sched_run: it
   defines trace event kinds). The run's hash key is drawn from the run's seed stream.
   NULL with errno set on failure. */
GORSIM_API map_ctx *map_ctx_new(rt_sched *s, gc_heap *h);
GORSIM_API void map_ctx_free(map_ctx *c);

/* ---------------------------------------------------------------- key kinds and types */

/* How keys hash and compare (Go's t.hasher and t.key.equal). */
typedef enum map_key_kind {
    MAP_KEY_MEM,     /* the key's bytes: integers, pointers, structs of them without padding
                        (8-byte pointer-free keys with elements of at most 128 bytes take
                        Go's fast64 path) */
    MAP_KEY_STRING,  /* a map_string */
    MAP_KEY_FLOAT64, /* a double: +0 and -0 are one key; NaN is never equal to itself, so
                        every NaN insert adds a key that can never be found */
    MAP_KEY_CUSTOM   /* the hash and equal functions given */
} map_key_kind;

/* A Go string as a map key or element: the bytes are a heap object (or static memory). */
typedef struct map_string {
    const uint8_t *ptr;
    int64_t len;
} map_string;
/* The gc type of a map_string (one pointer word). */
GORSIM_API extern const gc_type map_string_type;

typedef struct map_type map_type;
/* A hasher: seed is the map's per-map seed (hash0); t->hashkey is the run's hash key. */
typedef uint64_t (*map_hash_fn)(const map_type *t, const void *k, uint64_t seed);
typedef bool (*map_equal_fn)(const map_type *t, const void *a, const void *b);

/* The bytes hashes (Go's memhashFallback / strhash / f64hash, hash64.go: a wyhash-style
   multiply-mix; the algorithm Go uses where AES instructions are missing). */
GORSIM_API uint64_t map_memhash(const void *p, size_t n, uint64_t seed, uint64_t key);

#define MAP_MAX_KEY_BYTES 128   /* larger keys and elements are stored indirectly */
#define MAP_MAX_ELEM_BYTES 128
#define MAP_BUCKET_SLOTS 8

/* A map type (Go's maptype): filled by map_type_init, read-only afterwards, must outlive
   every map of the type. */
struct map_type {
    map_ctx *ctx;
    uint64_t hashkey;           /* the run's hash key (for custom hashers) */
    const gc_type *key, *elem;  /* as given */
    map_key_kind kind;
    map_hash_fn hash;
    map_equal_fn equal;
    uint8_t flags;              /* MAP_T_* below */
    uint32_t keysize, elemsize; /* slot sizes: 8 when indirect */
    uint32_t bucketsize;        /* tophash[8] | keys[8] | elems[8] | overflow */
    int64_t op_cost;            /* virtual ns of an operation's fixed part and hashing */
    gc_type bucket;             /* the bucket type: noscan unless key or element has pointers */
    uint8_t bucket_mask[40];    /* its pointer mask (at most 8 + 16*128 + 8 bytes) */
    char name[96];              /* "map.bucket[K]E" for traces and verifier reports */
};

enum {
    MAP_T_INDIRECT_KEY = 1, MAP_T_INDIRECT_ELEM = 2, MAP_T_REFLEXIVE = 4,
    MAP_T_NEED_KEY_UPDATE = 8, MAP_T_FAST64 = 16
};

/* map_type_init describes map[key]elem for context c. key and elem are gc types that
   outlive t (their names name the map type); hash and equal are used with MAP_KEY_CUSTOM
   only (reflexive: k == k for every key). false (errno EINVAL) for a key kind that does not
   fit the key's size. */
GORSIM_API bool map_type_init(map_type *t, map_ctx *c, const gc_type *key,
                              map_key_kind kind, const gc_type *elem);
GORSIM_API bool map_type_init_custom(map_type *t, map_ctx *c, const gc_type *key,
                                     map_hash_fn hash, map_equal_fn equal, bool reflexive,
                                     const gc_type *elem);

/* ---------------------------------------------------------------- classic (Go 1.19's hmap) */

typedef struct hmap hmap;

/* hmap_make is make(map[K]E, hint): B is the smallest with hint <= 6.5 * 2^B (0 for hint
   <= 8); a negative or absurd hint counts as 0. */
GORSIM_API hmap *hmap_make(const map_type *t, int64_t hint);
/* len(m); 0 for a nil map. */
GORSIM_API int64_t hmap_len(const hmap *h);
/* hmap_access is v, ok := m[k]: a pointer to the element, or NULL when k is absent (ok =
   false; the value is the zero value). The pointer is valid until the next write. */
GORSIM_API void *hmap_access(const map_type *t, hmap *h, const void *key);
/* hmap_load copies m[k] (or the zero value) to out and reports ok. */
GORSIM_API bool hmap_load(const map_type *t, hmap *h, const void *key, void *out);
/* hmap_assign is the map half of m[k] = v: it finds or inserts k and returns the element
   slot; the caller stores the value through the barrier (gc_typed_copy with t->elem), as
   Go's compiler does after mapassign. NULL for a nil map: the caller panics with
   "assignment to entry in nil map". */
GORSIM_API void *hmap_assign(const map_type *t, hmap *h, const void *key);
/* hmap_store is m[k] = v (hmap_assign, then the barriered copy); false for a nil map. */
GORSIM_API bool hmap_store(const map_type *t, hmap *h, const void *key, const void *elem);
/* delete(m, k); nothing for a nil map or an absent key. */
GORSIM_API void hmap_delete(const map_type *t, hmap *h, const void *key);
/* hmap_clear is Go 1.19's mapclear (the `for k := range m { delete(m, k) }` idiom):
   count 0, a new seed, the same B. */
GORSIM_API void hmap_clear(const map_type *t, hmap *h);

/* Iteration (for k, v := range m). Start with hmap_iter_init, then read key/elem (NULL key:
   done) and call hmap_iter_next for the next entry. The iterator holds heap pointers: keep
   it where the collector sees it (a C local of the goroutine, or a heap object of type
   hmap_iter_type). Go's rules hold: every entry present for the whole iteration is
   returned exactly once, entries deleted before they are reached are not returned, entries
   added during the iteration may or may not be. */
typedef struct hmap_iter {
    void *key;                 /* current key (NULL: end) */
    void *elem;                /* current element */
    hmap *h;
    void *buckets;             /* the table when the iteration started */
    void *bptr;                /* current bucket */
    void *overflow, *oldoverflow; /* keep noscan overflow buckets alive */
    const map_type *t;
    uint64_t start_bucket;
    uint64_t bucket;
    uint64_t check_bucket;
    uint8_t offset, wrapped, B, i;
} hmap_iter;
GORSIM_API extern const gc_type hmap_iter_type;
GORSIM_API void hmap_iter_init(const map_type *t, hmap *h, hmap_iter *it);
GORSIM_API void hmap_iter_next(hmap_iter *it);

/* Introspection for tests, traces and reports (a consistent snapshot only when no other
   goroutine writes the map). */
typedef struct hmap_info {
    int64_t count;
    int B;
    uint32_t noverflow;          /* Go's estimate (exact below B = 16) */
    uint64_t overflow;           /* overflow buckets linked from the table (walked) */
    uint64_t old_overflow;       /* ... from the old table while growing */
    uint64_t reserved_free;      /* reserved overflow buckets not yet handed out */
    uint64_t max_chain;          /* longest overflow chain of the table */
    bool growing, same_size;
    uint64_t nevacuate;          /* old buckets below this are evacuated */
    uint64_t noldbuckets;        /* 0 unless growing */
    uint64_t bytes;              /* bytes of the table's array (with reserved buckets) and
                                    of its separately allocated overflow buckets */
    uint64_t old_bytes;          /* the same for the old table */
    uint32_t hash0;
    uint8_t flags;
    uint64_t id;                 /* the map's number in trace events */
} hmap_info;
GORSIM_API void hmap_read_info(const map_type *t, const hmap *h, hmap_info *out);
/* hmap_verify checks the map's invariants (maps_internal.h), printing the first violation
   to stderr. */
GORSIM_API bool hmap_verify(const map_type *t, const hmap *h);

/* hmap_reserved_overflow is how many overflow buckets makeBucketArray reserves at B for t. */
GORSIM_API uint64_t hmap_reserved_overflow(const map_type *t, int B);
/* hmap_b_for_hint is the B make chooses for hint. */
GORSIM_API int hmap_b_for_hint(int64_t hint);

/* ---------------------------------------------------------------- virtual time */

#define MAP_COSTS(X)                                                                   \
    X(MAP_COST_OP, "map.op", 6, "fixed work of one map operation (checks, addressing)")   \
    X(MAP_COST_HASH, "map.hash", 4, "hash a key of up to 16 bytes")                       \
    X(MAP_COST_HASH_16, "map.hash_16b", 2, "hash each further 16 bytes of a key")         \
    X(MAP_COST_PROBE, "map.probe_slot", 1, "examine one slot of a bucket")                \
    X(MAP_COST_EVAC_BUCKET, "map.evacuate_bucket", 12, "evacuate one old bucket")         \
    X(MAP_COST_EVAC_ENTRY, "map.evacuate_entry", 12, "rehash and move one entry")    \
    X(MAP_COST_ITER, "map.iter_slot", 2, "visit one slot while iterating")                \
    X(MAP_COST_MISS_L2, "map.bucket_miss_l2", 12,                                          \
      "touch a bucket of a table past the L2 cache (512 KiB to 16 MiB)")                  \
    X(MAP_COST_MISS_MEM, "map.bucket_miss_mem", 45,                                        \
      "touch a bucket of a table past the last-level cache (over 16 MiB)")
#define MAP_COST_ENUM(id, name, ns, doc) id,
enum { MAP_COSTS(MAP_COST_ENUM) MAP_COST_COUNT };
#undef MAP_COST_ENUM
/* map_register_costs adds the maps' entries to cm (idempotent); false if out of memory. */
GORSIM_API bool map_register_costs(rt_cost_model *cm);

/* Trace events (names as defined with rt_trace_kind_define):
     MapGrowStart   arg0 map id, arg1 old B, arg2 new B (equal: same-size growth)
     MapEvacuate    arg0 map id, arg1 nevacuate after this write, arg2 old buckets
     MapGrowDone    arg0 map id, arg1 B, arg2 writes the growth took
     MapOverflow    arg0 map id, arg1 noverflow, arg2 1 if a reserved bucket was used */

#ifdef __cplusplus
}
#endif
#endif
