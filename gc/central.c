/*
 * central.c — one set of lists per span class (Go's mcentral): spans with free slots
 * (partial) and full spans, each in a swept and an unswept version chosen by the sweep
 * generation (gc__swept_ix), under the class's lock. An mcache that fills its span hands it
 * back and takes another: a swept partial span, else an unswept one it sweeps itself (Go's
 * cacheSpan), else a fresh span from new pages.
 */
#include "gc/gc_internal.h"

enum { SWEEP_BUDGET = 100 }; /* unswept spans cacheSpan tries before growing (Go's) */

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
    bool got = gc__pages_alloc(&h->pages, s->npages, s) != 0; /* sets s->start */
    if (got)
        h->heap_inuse += s->npages * GC_PAGE_BYTES;
    rt_unlock(&h->lk);
    if (!got) {
        gc__span_free(s);
        return NULL;
    }
    return s;
}

gc_span *gc__central_pop_unswept(gc_heap *h, int spanclass)
{
    gc_central *c = &h->central[spanclass];
    rt_lock(&c->lk);
    int u = 1 - gc__swept_ix(ld_acq(&h->sweepgen));
    gc_span *s = pop(&c->partial[u]);
    if (!s)
        s = pop(&c->full[u]);
    if (s) {
        s->state = GC_SPAN_SWEEPING; /* INV-ONE-HOME: the caller's alone */
        xadd(&h->sweepers, 1);       /* until gc__sweep_span is done with it */
    }
    rt_unlock(&c->lk);
    return s;
}

static void push(gc_heap *h, gc_span *s, int ix)
{
    gc_central *c = &h->central[s->spanclass];
    bool full = s->alloc_count == s->nelems;
    s->state = full ? GC_SPAN_FULL : GC_SPAN_PARTIAL;
    gc__list_push(full ? &c->full[ix] : &c->partial[ix], s);
}

void gc__central_push_swept(gc_heap *h, gc_span *s)
{
    gc_central *c = &h->central[s->spanclass];
    rt_lock(&c->lk);
    push(h, s, gc__swept_ix(ld_acq(&h->sweepgen)));
    rt_unlock(&c->lk);
}

/* take_swept pops a swept span with free slots. */
static gc_span *take_swept(gc_heap *h, int spanclass)
{
    gc_central *c = &h->central[spanclass];
    rt_lock(&c->lk);
    gc_span *s = pop(&c->partial[gc__swept_ix(ld_acq(&h->sweepgen))]);
    rt_unlock(&c->lk);
    return s;
}

/* sweep_for_cache sweeps unswept spans of the class until one has a free slot (which it
   returns), filing the others; NULL if none within the budget. */
static gc_span *sweep_for_cache(gc_heap *h, int spanclass)
{
    int64_t ns = 0;
    gc_span *found = NULL;
    for (int i = 0; i < SWEEP_BUDGET && !found; i++) {
        gc_span *s = gc__central_pop_unswept(h, spanclass);
        if (!s)
            break;
        if (gc__sweep_span(h, s, &ns))
            continue; /* it was empty: its pages went back to the heap */
        if (s->alloc_count < s->nelems)
            found = s;
        else
            gc__central_push_swept(h, s);
    }
    gc__cur_p(h)->pending_ns += ns; /* charged when the allocation completes */
    return found;
}

gc_span *gc__central_cache(gc_heap *h, int spanclass)
{
    gc__sweep_credit(h, (uint64_t)gc_class_pages(spanclass / 2) * GC_PAGE_BYTES);
    gc_span *s = take_swept(h, spanclass);
    if (!s)
        s = sweep_for_cache(h, spanclass);
    if (!s)
        s = grow(h, spanclass);
    if (s)
        s->state = GC_SPAN_CACHED; /* INV-ONE-HOME: now the caller's alone */
    return s;
}

void gc__central_uncache(gc_heap *h, gc_span *s, bool unswept)
{
    gc_central *c = &h->central[s->spanclass];
    rt_lock(&c->lk);
    int ix = gc__swept_ix(ld_acq(&h->sweepgen));
    push(h, s, unswept ? 1 - ix : ix);
    rt_unlock(&c->lk);
}
