/*
 * bucket.c — bucket arrays and overflow buckets (go119-runtime.md §1.5): 2^B buckets plus,
 * for B >= 4, 2^(B-4) reserved overflow buckets rounded up to what the allocator hands out;
 * the reserved ones form a free list with no bookkeeping (a nil overflow link: more follow;
 * the last one's link points at the array); noscan tables keep their overflow buckets
 * alive through the extra.overflow pointer list.
 */
#include "maps/maps_internal.h"

static const uint8_t mask_0[] = {0x1}, mask_012[] = {0x7}, mask_2_3_5[] = {0x2c};
const gc_type map__ovflist_type = {sizeof(map_ovflist), 8, mask_0, "[]*map.bucket"};
const gc_type map__extra_type = {sizeof(map_extra), 24, mask_012, "runtime.mapextra"};
const gc_type map__hmap_type = {sizeof(hmap), 48, mask_2_3_5, "runtime.hmap"};

uint64_t map__nbuckets(const map_type *t, unsigned B)
{
    uint64_t n = (uint64_t)1 << B;
    if (B >= 4) {
        n += (uint64_t)1 << (B - 4);
        uint64_t sz = t->bucketsize * n;
        n = gc_roundup_size(sz) / t->bucketsize;
    }
    return n;
}

uint64_t hmap_reserved_overflow(const map_type *t, int B)
{
    return B < 0 || B > 60 ? 0 : map__nbuckets(t, (unsigned)B) - ((uint64_t)1 << B);
}

void *map__make_bucket_array(const map_type *t, unsigned B, void *dirty, void **next_overflow)
{
    gc_heap *heap = t->ctx->heap;
    uint64_t base = (uint64_t)1 << B, n = map__nbuckets(t, B);
    void *arr = dirty;
    if (!arr)
        arr = gc_alloc_array(heap, &t->bucket, n);
    else if (gc_type_has_pointers(&t->bucket))
        gc_typed_clear(heap, &t->bucket, arr, n);
    else
        memset(arr, 0, n * t->bucketsize);
    *next_overflow = NULL;
    if (n != base) {
        *next_overflow = map__bucket(t, arr, base);
        gc_write_ptr(heap, map__ovf_slot(t, map__bucket(t, arr, n - 1)), arr); /* sentinel */
    }
    return arr;
}

map_ovflist *map__ovflist_new(const map_type *t)
{
    return gc_alloc(t->ctx->heap, &map__ovflist_type);
}

map_extra *map__extra(const map_type *t, hmap *h)
{
    if (!h->extra)
        gc_write_ptr(t->ctx->heap, &h->extra, gc_alloc(t->ctx->heap, &map__extra_type));
    return h->extra;
}

/* ovflist_append is Go's append to *extra.overflow: the pointer array doubles when full. */
static void ovflist_append(const map_type *t, map_ovflist *l, void *b)
{
    gc_heap *heap = t->ctx->heap;
    if (l->len == l->cap) {
        int64_t cap = l->cap ? 2 * l->cap : 4;
        void **arr = gc_alloc_array(heap, &map__ptr_type, (size_t)cap);
        gc_typed_copy(heap, &map__ptr_type, arr, l->arr, (size_t)l->len);
        gc_write_ptr(heap, &l->arr, arr);
        l->cap = cap;
    }
    gc_write_ptr(heap, &l->arr[l->len], b);
    l->len++;
}

/* incr_noverflow: exact below B = 16, then a 1-in-2^(B-15) sample (Go's incrnoverflow). */
static void incr_noverflow(const map_type *t, hmap *h)
{
    if (h->B < 16) {
        h->noverflow++;
        return;
    }
    uint32_t mask = ((uint32_t)1 << (h->B - 15)) - 1;
    if ((map__fastrand(t->ctx) & mask) == 0)
        h->noverflow++;
}

uint8_t *map__new_overflow(const map_type *t, hmap *h, uint8_t *b)
{
    gc_heap *heap = t->ctx->heap;
    uint8_t *ovf;
    bool reserved = h->extra && h->extra->next_overflow;
    if (reserved) {
        ovf = h->extra->next_overflow;
        if (!map__overflow(t, ovf)) {
            gc_write_ptr(heap, &h->extra->next_overflow, ovf + t->bucketsize);
        } else { /* the last reserved one: clear its sentinel */
            gc_write_ptr(heap, map__ovf_slot(t, ovf), NULL);
            gc_write_ptr(heap, &h->extra->next_overflow, NULL);
        }
    } else {
        ovf = gc_alloc(heap, &t->bucket);
    }
    incr_noverflow(t, h);
    if (!gc_type_has_pointers(&t->bucket)) {
        map_extra *x = map__extra(t, h);
        if (!x->overflow)
            gc_write_ptr(heap, &x->overflow, map__ovflist_new(t));
        ovflist_append(t, x->overflow, ovf);
    }
    gc_write_ptr(heap, map__ovf_slot(t, b), ovf);
    rt_trace_emit((uint32_t)t->ctx->ev_overflow, h->id, h->noverflow, reserved, NULL);
    return ovf;
}

void map__throw_bad_state(const map_type *t, const hmap *h, const char *what)
{
    rt_throw("maps: bad map state: %s (%s, map %llu: count %lld, B %u, flags %#x, "
             "noverflow %u, nevacuate %llu)",
             what, t->name, (unsigned long long)h->id, (long long)h->count, h->B,
             map__flags(h), h->noverflow, (unsigned long long)h->nevacuate);
}
