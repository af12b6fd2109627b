/*
 * rand.c — random streams. A stream's state is SplitMix64 expanded from the run seed mixed
 * with the FNV-1a hash of the stream's name, so streams are independent of each other and of
 * the order in which they are created; numbers come from xoshiro256** (Blackman and Vigna,
 * 2018), fast and of high statistical quality. rt_rng_uintn is Lemire's nearly divisionless
 * bounded method: unbiased.
 */
#include "rt_internal.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    return h;
}

void rt_rng_init(rt_rng *r, uint64_t seed, const char *stream)
{
    uint64_t x = seed ^ fnv1a(stream ? stream : "");
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t rt_rng_next(rt_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint64_t rt_rng_uintn(rt_rng *r, uint64_t n)
{
    unsigned __int128 m = (unsigned __int128)rt_rng_next(r) * n;
    uint64_t lo = (uint64_t)m;
    if (lo < n) {
        uint64_t threshold = -n % n;
        while (lo < threshold) {
            m = (unsigned __int128)rt_rng_next(r) * n;
            lo = (uint64_t)m;
        }
    }
    return (uint64_t)(m >> 64);
}

void rt_sched_rng_init(const rt_sched *s, rt_rng *r, const char *stream)
{
    rt_rng_init(r, s->cfg.seed, stream);
}
