/*
 * central.c — one list pair per span class (Go's mcentral): spans with free slots
 * (partial) and full spans, under the class's lock. An mcache that fills its span hands it
 * back and takes another; when no partial span is left the heap grows by a fresh span.
 * The sweep (sweep.c) puts spans back on the list their free slots call for.
 */
#include "gc/gc_internal.h"

void gc__list_push(gc_span **list, gc_span *s)
{
    s->prev = NULL;
    s->next = *list;
    if (*list)
        (*list)->prev = s;
    *list = s;
}

void gc__list_remove(gc_span **list, gc_span *s)
{
    if (s->prev)
        s->prev->next = s->next;
    else
        *list = s->next;
    if (s->next)
        s->next->prev = s->prev;
    s->next = s->prev = NULL;
}

static gc_span *pop(gc_span **list)
{
    gc_span *s = *list;
    if (s)
        gc__list_remove(list, s);
    return s;
}

/* grow makes a fresh span of spanclass from new pages; NULL at the heap cap. */
static gc_span *grow(gc_heap *h, int spanclass)
{
    int cls = spanclass / 2;
    gc_span *s = gc__span_new(cls, spanclass & 1, (size_t)gc_class_pages(cls));
    if (!s)
        return NULL;
    rt_lock(&h->lk);
    s->start = gc__pages_alloc(&h->pages, s->npages, s);
    if (s->start)
        h->heap_inuse += s->npages * GC_PAGE_BYTES;
    rt_unlock(&h->lk);
    if (!s->start) {
        gc__span_free(s);
        return NULL;
    }
    return s;
}

gc_span *gc__central_cache(gc_heap *h, int spanclass)
{
    gc_central *c = &h->central[spanclass];
    rt_lock(&c->lk);
    gc_span *s = pop(&c->partial);
    rt_unlock(&c->lk);
    if (!s)
        s = grow(h, spanclass);
    if (s)
        s->state = GC_SPAN_CACHED; /* INV-ONE-HOME: now the caller's alone */
    return s;
}

void gc__central_uncache(gc_heap *h, gc_span *s)
{
    gc_central *c = &h->central[s->spanclass];
    bool full = s->alloc_count == s->nelems;
    rt_lock(&c->lk);
    s->state = full ? GC_SPAN_FULL : GC_SPAN_PARTIAL;
    gc__list_push(full ? &c->full : &c->partial, s);
    rt_unlock(&c->lk);
}
