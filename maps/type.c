/*
 * type.c — map types: slot sizes (indirect above 128 bytes), the bucket layout
 * tophash[8] | keys[8] | elems[8] | overflow, and the bucket's gc type with its pointer
 * mask (noscan when neither key nor element has pointers; the overflow word is then a
 * plain integer to the collector, as Go types it uintptr).
 */
#include "maps/maps_internal.h"
#include <errno.h>
#include <stdio.h>

static const uint8_t one_ptr[] = {0x1};
const gc_type map_string_type = {sizeof(map_string), 8, one_ptr, "string"};
const gc_type map__ptr_type = {8, 8, one_ptr, "unsafe.Pointer"};

static void set_bit(uint8_t *mask, size_t word) { mask[word / 8] |= (uint8_t)(1u << (word % 8)); }

/* mark_slots sets the mask bits of 8 slots of slotsize bytes starting at byte off, each
   holding one object of type et (or a pointer when indirect). */
static void mark_slots(uint8_t *mask, size_t off, size_t slotsize, const gc_type *et,
                       bool indirect)
{
    for (size_t i = 0; i < MAP_BUCKET_SLOTS; i++) {
        size_t base = off + i * slotsize;
        if (indirect) {
            set_bit(mask, base / GC_WORD_BYTES);
            continue;
        }
        for (size_t w = 0; w < et->ptrdata / GC_WORD_BYTES; w++)
            if (et->ptrmask[w / 8] >> (w % 8) & 1)
                set_bit(mask, base / GC_WORD_BYTES + w);
    }
}

/* op_cost: an operation's fixed virtual cost and its key's hashing (strings add their
   length per operation) */
static int64_t op_cost(const map_type *t)
{
    const int64_t *c = t->ctx->cost;
    size_t n = t->kind == MAP_KEY_STRING ? 0 : t->key->size;
    return c[MAP_COST_OP] + c[MAP_COST_HASH] +
           (n > 16 ? (int64_t)((n - 1) / 16) * c[MAP_COST_HASH_16] : 0);
}

static void layout(map_type *t)
{
    t->op_cost = op_cost(t);
    bool ik = t->flags & MAP_T_INDIRECT_KEY, ie = t->flags & MAP_T_INDIRECT_ELEM;
    t->keysize = ik ? GC_WORD_BYTES : (uint32_t)t->key->size;
    t->elemsize = ie ? GC_WORD_BYTES : (uint32_t)t->elem->size;
    t->bucketsize = DATA_OFFSET + MAP_BUCKET_SLOTS * (t->keysize + t->elemsize) + GC_WORD_BYTES;
    bool ptrs = ik || ie || gc_type_has_pointers(t->key) || gc_type_has_pointers(t->elem);
    memset(t->bucket_mask, 0, sizeof t->bucket_mask);
    t->bucket = (gc_type){t->bucketsize, 0, NULL, t->name};
    snprintf(t->name, sizeof t->name, "map.bucket[%s]%s", t->key->name ? t->key->name : "?",
             t->elem->name ? t->elem->name : "?");
    if (!ptrs)
        return;
    size_t koff = DATA_OFFSET, eoff = koff + MAP_BUCKET_SLOTS * t->keysize;
    if (ik || gc_type_has_pointers(t->key))
        mark_slots(t->bucket_mask, koff, t->keysize, t->key, ik);
    if (ie || gc_type_has_pointers(t->elem))
        mark_slots(t->bucket_mask, eoff, t->elemsize, t->elem, ie);
    set_bit(t->bucket_mask, (t->bucketsize - GC_WORD_BYTES) / GC_WORD_BYTES);
    t->bucket.ptrdata = t->bucketsize;
    t->bucket.ptrmask = t->bucket_mask;
}

static bool init(map_type *t, map_ctx *c, const gc_type *key, const gc_type *elem)
{
    memset(t, 0, sizeof *t);
    if (!c || !key || !elem || /* zero sizes are fine: map[K]struct{} */
        (key->size % 8 && key->ptrdata) || (elem->size % 8 && elem->ptrdata)) {
        errno = EINVAL;
        return false;
    }
    t->ctx = c;
    t->hashkey = c->hashkey;
    t->key = key;
    t->elem = elem;
    if (key->size > MAP_MAX_KEY_BYTES)
        t->flags |= MAP_T_INDIRECT_KEY;
    if (elem->size > MAP_MAX_ELEM_BYTES)
        t->flags |= MAP_T_INDIRECT_ELEM;
    return true;
}

bool map_type_init(map_type *t, map_ctx *c, const gc_type *key, map_key_kind kind,
                   const gc_type *elem)
{
    if (!init(t, c, key, elem))
        return false;
    t->kind = kind;
    switch (kind) {
    case MAP_KEY_MEM:
        t->hash = key->size == 8 ? map__hash64 : map__memhash_t;
        t->equal = map__memequal_t;
        t->flags |= MAP_T_REFLEXIVE;
        /* Go's fast64 condition; pointer keys (Go's fast64ptr) take the generic path, whose
           key stores go through the write barrier */
        if (key->size == 8 && !gc_type_has_pointers(key) && !(t->flags & MAP_T_INDIRECT_ELEM))
            t->flags |= MAP_T_FAST64;
        break;
    case MAP_KEY_STRING:
        if (key->size != sizeof(map_string))
            goto bad;
        t->hash = map__strhash;
        t->equal = map__strequal;
        t->flags |= MAP_T_REFLEXIVE | MAP_T_NEED_KEY_UPDATE;
        break;
    case MAP_KEY_FLOAT64:
        if (key->size != 8)
            goto bad;
        t->hash = map__f64hash;
        t->equal = map__f64equal;
        t->flags |= MAP_T_NEED_KEY_UPDATE; /* +0 replaced by -0 keeps the newer key */
        break;
    default:
        goto bad;
    }
    layout(t);
    return true;
bad:
    memset(t, 0, sizeof *t);
    errno = EINVAL;
    return false;
}

bool map_type_init_custom(map_type *t, map_ctx *c, const gc_type *key, map_hash_fn hash,
                          map_equal_fn equal, bool reflexive, const gc_type *elem)
{
    if (!hash || !equal || !init(t, c, key, elem)) {
        memset(t, 0, sizeof *t);
        errno = EINVAL;
        return false;
    }
    t->kind = MAP_KEY_CUSTOM;
    t->hash = hash;
    t->equal = equal;
    t->flags |= (reflexive ? MAP_T_REFLEXIVE : 0) | MAP_T_NEED_KEY_UPDATE;
    layout(t);
    return true;
}
