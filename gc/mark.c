/*
 * mark.c — shading and scanning: an object is shaded by setting its mark bit and, if it
 * may hold pointers, pushing it on the gray set; draining pops gray objects and shades what
 * their pointer words point to, through the slot's type (precise), until the gray set is
 * empty: then every object reachable from the roots is marked (INV-MARKED).
 */
#include "gc/gc_internal.h"
#include <stdlib.h>

static void push(gc_work *w, uintptr_t obj)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 1024;
        uintptr_t *a = realloc(w->a, cap * sizeof *a);
        if (!a)
            rt_throw("gc: out of memory for the gray set");
        w->a = a;
        w->cap = cap;
    }
    w->a[w->n++] = obj;
}

void gc__work_destroy(gc_work *w)
{
    free(w->a);
    w->a = NULL;
    w->n = w->cap = 0;
}

bool gc__shade(gc_heap *h, gc_work *w, uintptr_t p)
{
    gc_span *s = gc__span_of(&h->pages, p);
    if (!s)
        return false;
    size_t i = (p - s->start) / s->elemsize;
    if (i >= s->nelems || !gc__bit(s->alloc_bits, i) || gc__bit(s->mark_bits, i))
        return false;
    s->mark_bits[i / 64] |= 1ull << (i % 64);
    w->marked++;
    if (!s->noscan)
        push(w, s->start + i * s->elemsize);
    return true;
}

void gc__drain(gc_heap *h, gc_work *w)
{
    while (w->n > 0) {
        uintptr_t obj = w->a[--w->n];
        gc_span *s = gc__span_of(&h->pages, obj);
        size_t i = (obj - s->start) / s->elemsize;
        gc__scan_object(h, w, (const char *)obj, s->types[i], s->counts[i]);
    }
}

/* Conservative: reads whole stacks, including bytes ASan keeps as red zones. */
__attribute__((no_sanitize_address)) void gc__scan_range(gc_heap *h, gc_work *w,
                                                         const void *lo, const void *hi)
{
    uintptr_t a = ((uintptr_t)lo + GC_WORD_BYTES - 1) & ~(uintptr_t)(GC_WORD_BYTES - 1);
    for (; a + GC_WORD_BYTES <= (uintptr_t)hi; a += GC_WORD_BYTES) {
        w->scanned_words++;
        gc__shade(h, w, *(const uintptr_t *)a);
    }
}
