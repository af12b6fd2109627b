/*
 * barrier.c — the write barrier (reference §4). While marking, gc_write_ptr's slow path
 * records pointers in the P's buffer before the store becomes visible (pre-publication):
 * hybrid records the old value and the new one (Go's), dijkstra only the new one, yuasa
 * only the old one, none nothing. A full buffer, a drain out of work, the ragged barrier
 * and the mark-termination stop flush it: each recorded heap object is shaded. Typed copies
 * and clears run the same recording over every pointer word first (bulk barriers).
 */
#include "gc/gc_internal.h"
#include <string.h>

static const char *const barrier_names[] = {"hybrid", "dijkstra", "yuasa", "none"};

const char *gc_barrier_name(gc_barrier b)
{
    return (unsigned)b < sizeof barrier_names / sizeof barrier_names[0] ? barrier_names[b] : "?";
}

bool gc_barrier_parse(const char *name, gc_barrier *out)
{
    for (unsigned i = 0; i < sizeof barrier_names / sizeof barrier_names[0]; i++)
        if (strcmp(name, barrier_names[i]) == 0) {
            *out = (gc_barrier)i;
            return true;
        }
    return false;
}

void gc__wbuf_flush(gc_heap *h, gc_wbuf *b, gc_work *w)
{
    for (uint32_t i = 0; i < b->n; i++)
        gc__shade(h, w, b->e[i]);
    xadd(&h->wb_entries, b->n);
    b->n = 0;
}

/* record puts old and/or new in the P's buffer as the barrier calls for, flushing it when
   full. No safe point: the P is the caller's throughout. */
static void record(gc_heap *h, gc_p *pp, uintptr_t old, uintptr_t new)
{
    gc_barrier b = h->cfg.barrier;
    if (pp->wb.n + 2 > 2 * GC_WBUF_ENTRIES)
        gc__wbuf_flush(h, &pp->wb, &pp->work);
    if ((b == GC_BARRIER_HYBRID || b == GC_BARRIER_YUASA) && old)
        pp->wb.e[pp->wb.n++] = old;
    if ((b == GC_BARRIER_HYBRID || b == GC_BARRIER_DIJKSTRA) && new)
        pp->wb.e[pp->wb.n++] = new;
}

void gc_write_ptr_slow(gc_heap *h, void **slot, void *ptr)
{
    gc_p *pp = gc__cur_p(h);
    if (!pp) /* a timer callback, another runtime's goroutine, a plain thread */
        rt_throw("gc: pointer store outside the heap's goroutines while marking");
    record(h, pp, (uintptr_t)ld_rlx(slot), (uintptr_t)ptr);
    __atomic_store_n(slot, ptr, __ATOMIC_RELAXED);
    rt_charge(h->cost[GC_COST_WB]); /* after the store: the barrier is not a safe point */
}

void gc__handoff(void *heap, const void *p, size_t n)
{
    gc_heap *h = heap;
    gc_p *pp;
    if (!ld_rlx(&h->wb_enabled) || !(pp = gc__cur_p(h)))
        return;
    for (size_t off = 0; off + GC_WORD_BYTES <= n; off += GC_WORD_BYTES) {
        uintptr_t v;
        memcpy(&v, (const char *)p + off, sizeof v); /* elements need not be aligned */
        if (v < 4096 || !gc__span_of(&h->pages, v))
            continue;
        if (pp->wb.n + 1 > 2 * GC_WBUF_ENTRIES)
            gc__wbuf_flush(h, &pp->wb, &pp->work);
        pp->wb.e[pp->wb.n++] = v;
    }
}

/* bulk records the pointer words of count objects of type t at dst (old values) and src
   (new values; NULL for a clear), Go's bulkBarrierPreWrite. */
static bool bulk(gc_heap *h, const gc_type *t, void *dst, const void *src, size_t count)
{
    if (!ld_rlx(&h->wb_enabled) || !gc_type_has_pointers(t) || !rt_self())
        return false;
    gc_p *pp = gc__cur_p(h);
    size_t words = t->ptrdata / GC_WORD_BYTES;
    for (size_t e = 0; e < count; e++)
        for (size_t i = 0; i < words; i++) {
            if (!(t->ptrmask[i / 8] >> (i % 8) & 1))
                continue;
            size_t off = e * t->size + i * GC_WORD_BYTES;
            uintptr_t old = ld_rlx((uintptr_t *)((char *)dst + off));
            uintptr_t new = src ? ld_rlx((const uintptr_t *)((const char *)src + off)) : 0;
            record(h, pp, old, new);
        }
    return true;
}

/* store_words writes n bytes to dst word by word (atomic: a marker may read them). */
static void store_words(void *dst, const void *src, size_t n)
{
    uintptr_t *d = dst;
    const uintptr_t *s = src;
    for (size_t i = 0; i < n / GC_WORD_BYTES; i++)
        st_rlx(&d[i], s ? ld_rlx(&s[i]) : 0);
    if (n % GC_WORD_BYTES) { /* a trailing partial word holds no pointer */
        size_t done = n / GC_WORD_BYTES * GC_WORD_BYTES;
        if (s)
            memmove((char *)dst + done, (const char *)src + done, n % GC_WORD_BYTES);
        else
            memset((char *)dst + done, 0, n % GC_WORD_BYTES);
    }
}

void gc_typed_copy(gc_heap *h, const gc_type *t, void *dst, const void *src, size_t count)
{
    if (!count || dst == src)
        return;
    bool barrier = bulk(h, t, dst, src, count);
    if (gc_type_has_pointers(t) && ((uintptr_t)dst | (uintptr_t)src) % GC_WORD_BYTES == 0 &&
        ((uintptr_t)dst + t->size * count <= (uintptr_t)src ||
         (uintptr_t)src + t->size * count <= (uintptr_t)dst))
        store_words(dst, src, t->size * count);
    else
        memmove(dst, src, t->size * count);
    if (barrier)
        rt_charge(h->cost[GC_COST_WB] * (int64_t)count);
}

void gc_typed_clear(gc_heap *h, const gc_type *t, void *p, size_t count)
{
    bool barrier = bulk(h, t, p, NULL, count);
    if (gc_type_has_pointers(t) && (uintptr_t)p % GC_WORD_BYTES == 0)
        store_words(p, NULL, t->size * count);
    else
        memset(p, 0, t->size * count);
    if (barrier)
        rt_charge(h->cost[GC_COST_WB] * (int64_t)count);
}
