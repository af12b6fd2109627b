/*
 * verify.c — gc_verify, the heap's whole-state check: every span has exactly one home
 * (INV-ONE-HOME), its pages map to it and no other page maps anywhere (INV-PAGEMAP), its
 * allocation bits agree with its count (INV-ALLOCBITS), no span is unswept while marking
 * (INV-SWEPT), and heap_inuse is the sum of the spans. Call it with the world stopped, or when no goroutine of the runtime runs.
 */
#include "gc/gc_internal.h"
#include <stdio.h>

typedef struct verify_state {
    gc_heap *h;
    size_t spans, pages;
    const char *error;
    const gc_span *bad;
} verify_state;

static void fail(verify_state *v, const gc_span *s, const char *what)
{
    if (!v->error) {
        v->error = what;
        v->bad = s;
    }
}

/* visit checks one span found in one home; the page map tells whether it was seen before. */
static void visit(verify_state *v, gc_span *s, gc_span_state home)
{
    if (s->state != home)
        fail(v, s, "span state disagrees with the list it is on (INV-ONE-HOME)");
    if (!gc__span_verify(s))
        fail(v, s, "allocation bits disagree with alloc_count (INV-ALLOCBITS)");
    if (home == GC_SPAN_PARTIAL && s->alloc_count == s->nelems)
        fail(v, s, "full span on a partial list (INV-ONE-HOME)");
    if (home == GC_SPAN_FULL && s->alloc_count != s->nelems)
        fail(v, s, "span with free slots on a full list (INV-ONE-HOME)");
    for (size_t i = 0; i < s->npages; i++)
        if (gc__span_of(&v->h->pages, s->start + i * GC_PAGE_BYTES) != s)
            fail(v, s, "a page of the span maps elsewhere (INV-PAGEMAP)");
    v->spans++;
    v->pages += s->npages;
}

static void visit_list(verify_state *v, gc_span *list, gc_span_state home)
{
    for (gc_span *s = list; s; s = s->next)
        visit(v, s, home);
}

/* count_mapped counts the in-use pages and distinct spans the page map knows of. */
static void count_mapped(const gc_heap *h, size_t *pages, size_t *spans)
{
    *pages = *spans = 0;
    for (size_t k = 0; k < h->pages.narenas; k++) {
        const gc_arena *a = h->pages.arenas[k];
        for (size_t i = 0; i < GC_PAGES_PER_ARENA; i++) {
            bool used = gc__bit(a->used, i);
            if (used != (a->spans[i] != NULL))
                *pages = SIZE_MAX; /* a used page without a span or the reverse */
            if (!used || *pages == SIZE_MAX)
                continue;
            ++*pages;
            *spans += a->spans[i]->start == (uintptr_t)a->base + i * GC_PAGE_BYTES;
        }
    }
}

bool gc_verify(gc_heap *h)
{
    verify_state v = {.h = h};
    for (int p = 0; p < rt_sched_nprocs(h->s); p++) {
        gc_mcache *c = &gc__p(h, p)->mcache;
        for (int k = 0; k < GC_NUM_SPAN_CLASSES; k++)
            if (c->alloc[k])
                visit(&v, c->alloc[k], GC_SPAN_CACHED);
    }
    int unswept = 1 - gc__swept_ix(h->sweepgen);
    for (int k = 0; k < GC_NUM_SPAN_CLASSES; k++)
        for (int ix = 0; ix < 2; ix++) {
            if (ix == unswept && gc__phase(h) != GC_OFF &&
                (h->central[k].partial[ix] || h->central[k].full[ix]))
                fail(&v, NULL, "an unswept span while marking (INV-SWEPT)");
            visit_list(&v, h->central[k].partial[ix], GC_SPAN_PARTIAL);
            visit_list(&v, h->central[k].full[ix], GC_SPAN_FULL);
        }
    for (int ix = 0; ix < 2; ix++)
        visit_list(&v, h->large[ix], GC_SPAN_LARGE);
    size_t mapped_pages, mapped_spans;
    count_mapped(h, &mapped_pages, &mapped_spans);
    if (mapped_pages != v.pages || mapped_spans != v.spans)
        fail(&v, NULL, "the page map and the span homes disagree (INV-PAGEMAP, INV-ONE-HOME)");
    if (h->heap_inuse != v.pages * GC_PAGE_BYTES)
        fail(&v, NULL, "heap_inuse is not the sum of the spans' pages");
    if (v.error)
        fprintf(stderr, "gc_verify: %s (span %p, class %d)\n", v.error, (void *)v.bad,
                v.bad ? v.bad->cls : -1);
    return !v.error;
}
