/*
 * hash.c — key hashing: the algorithm of Go's memhashFallback (runtime/hash64.go), a
 * wyhash-style 64x64->128 multiply-mix keyed by the map's seed and the run's hash key.
 * Go uses it wherever AES instructions are missing; where they exist (this machine's Go)
 * it uses AES rounds instead. We take the fallback: it is portable, deterministic given
 * the run's seed, and of the same quality for map purposes (every output bit depends on
 * every input bit), so bucket and tophash distributions — what growth and overflow depend
 * on — are those of Go's (tests/check_maps compares overflow counts with Go's over seeds).
 */
#include "maps/maps_internal.h"
#include <math.h>

/* mixing constants of the algorithm (M1, M2, M5 and the mix are in maps_internal.h) */
#define M1 MAP_HASH_M1
#define M2 MAP_HASH_M2
#define M3 0x8ebc6af09c88c6e3ull
#define M4 0x589965cc75374cc3ull
#define M5 MAP_HASH_M5
#define mix map__mix

static inline uint64_t rd8(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static inline uint64_t rd4(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* the loop over keys longer than 16 bytes: three lanes of 48 bytes, then 16 at a time */
static uint64_t long_tail(const uint8_t **pp, size_t *lp, uint64_t seed)
{
    const uint8_t *p = *pp;
    size_t l = *lp;
    if (l > 48) {
        uint64_t s1 = seed, s2 = seed;
        for (; l > 48; l -= 48, p += 48) {
            seed = mix(rd8(p) ^ M2, rd8(p + 8) ^ seed);
            s1 = mix(rd8(p + 16) ^ M3, rd8(p + 24) ^ s1);
            s2 = mix(rd8(p + 32) ^ M4, rd8(p + 40) ^ s2);
        }
        seed ^= s1 ^ s2;
    }
    for (; l > 16; l -= 16, p += 16)
        seed = mix(rd8(p) ^ M2, rd8(p + 8) ^ seed);
    *pp = p;
    *lp = l;
    return seed;
}

uint64_t map_memhash(const void *key, size_t n, uint64_t seed, uint64_t hashkey)
{
    const uint8_t *p = key;
    uint64_t a, b;
    seed ^= hashkey ^ M1;
    if (n == 0)
        return seed;
    if (n < 4) {
        a = p[0] | (uint64_t)p[n >> 1] << 8 | (uint64_t)p[n - 1] << 16;
        b = 0;
    } else if (n <= 8) {
        a = n == 8 ? rd8(p) : rd4(p);
        b = n == 8 ? a : rd4(p + n - 4);
    } else if (n <= 16) {
        a = rd8(p);
        b = rd8(p + n - 8);
    } else {
        size_t l = n;
        seed = long_tail(&p, &l, seed);
        a = rd8(p + l - 16);
        b = rd8(p + l - 8);
    }
    return mix(M5 ^ n, mix(a ^ M2, b ^ seed));
}

/* the hashers of the key kinds (map_hash_fn); the key's size comes through the type */
uint64_t map__hash64(const map_type *t, const void *k, uint64_t seed)
{
    return map__hash_word(rd8(k), seed, t->hashkey);
}

uint64_t map__memhash_t(const map_type *t, const void *k, uint64_t seed)
{
    return map_memhash(k, t->key->size, seed, t->hashkey);
}

bool map__memequal_t(const map_type *t, const void *a, const void *b)
{
    return !memcmp(a, b, t->key->size);
}

uint64_t map__strhash(const map_type *t, const void *k, uint64_t seed)
{
    const map_string *s = k;
    return map_memhash(s->ptr, (size_t)s->len, seed, t->hashkey);
}

bool map__strequal(const map_type *t, const void *a, const void *b)
{
    (void)t;
    const map_string *x = a, *y = b;
    return x->len == y->len &&
           (x->len == 0 || x->ptr == y->ptr || !memcmp(x->ptr, y->ptr, (size_t)x->len));
}

/* f64hash: +0 and -0 hash alike; a NaN hashes to a fresh random value every time (Go
   mixes in fastrand), so it can never be found again. */
#define C0 0x33ca2a0e5e5bd0f3ull /* Go's c0, c1 for 64-bit */
#define C1 0x9ae16a3b2f90404full
uint64_t map__f64hash(const map_type *t, const void *k, uint64_t seed)
{
    double f;
    memcpy(&f, k, 8);
    if (f == 0)
        return C1 * (C0 ^ seed);
    if (isnan(f))
        return C1 * (C0 ^ seed ^ map__fastrand(t->ctx));
    return map__hash64(t, k, seed);
}

bool map__f64equal(const map_type *t, const void *a, const void *b)
{
    (void)t;
    double x, y;
    memcpy(&x, a, 8);
    memcpy(&y, b, 8);
    return x == y;
}
