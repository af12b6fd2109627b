/*
 * checkmark.c — the verifier (Go's gccheckmark=1): at mark termination, with the world
 * stopped, mark again from the roots with a second set of bits and report every object
 * reached that the concurrent mark left white — with its type and the path from its root.
 * The re-mark starts from the precise roots (globals and frames): conservatively scanned C
 * stacks can hold stale words that point at dead objects, which would be false reports.
 * A report with a correct barrier is a collector bug (fatal, as in Go); with barrier none it
 * is the loss the barrier exists to prevent, reported and counted.
 */
#include "gc/gc_internal.h"
#include <inttypes.h>
#include <stdlib.h>

enum { MAX_REPORTS = 10, MAX_PATH = 16 };

typedef struct cm_entry {
    uintptr_t obj, parent;   /* parent 0: reached from root `root` */
    uint64_t root;           /* kind << 48 | goroutine id << 16 | index */
} cm_entry;

typedef struct cm_state {
    gc_heap *h;
    cm_entry *tab;           /* open addressing by obj */
    size_t cap, n;
    uintptr_t *queue;
    size_t nq, capq;
    uint64_t lost;
} cm_state;

enum { ROOT_GLOBAL = 1, ROOT_FRAME = 2 };

static cm_entry *slot_for(cm_state *c, uintptr_t obj)
{
    size_t i = (obj >> 3) * 0x9E3779B97F4A7C15ull % c->cap;
    while (c->tab[i].obj && c->tab[i].obj != obj)
        i = (i + 1) % c->cap;
    return &c->tab[i];
}

static void grow(cm_state *c)
{
    cm_entry *old = c->tab;
    size_t oldcap = c->cap;
    c->cap = c->cap ? c->cap * 2 : 4096;
    c->tab = calloc(c->cap, sizeof *c->tab);
    if (!c->tab)
        rt_throw("gc: out of memory in checkmark");
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].obj)
            *slot_for(c, old[i].obj) = old[i];
    free(old);
}

static void enqueue(cm_state *c, uintptr_t obj)
{
    if (c->nq == c->capq) {
        c->capq = c->capq ? c->capq * 2 : 1024;
        c->queue = realloc(c->queue, c->capq * sizeof *c->queue);
        if (!c->queue)
            rt_throw("gc: out of memory in checkmark");
    }
    c->queue[c->nq++] = obj;
}

static void describe_root(FILE *f, uint64_t root)
{
    unsigned kind = (unsigned)(root >> 48), index = (unsigned)(root & 0xffff);
    if (kind == ROOT_GLOBAL)
        fprintf(f, "global #%u", index);
    else
        fprintf(f, "goroutine %" PRIu64 " frame slot %u", (uint64_t)(root >> 16 & 0xffffffffu), index);
}

static void report(cm_state *c, uintptr_t obj, gc_span *s, size_t i)
{
    FILE *f = c->h->cfg.log;
    const gc_type *t = gc__slot_type(s, i);
    fprintf(f, "gc: checkmark: reachable object %#" PRIxPTR " (%s, %zu bytes) was not marked\n",
            obj, t ? t->name : "noscan", s->elemsize);
    uintptr_t path[MAX_PATH];
    int n = 0;
    cm_entry *e = slot_for(c, obj);
    while (e->parent && n < MAX_PATH) {
        path[n++] = e->parent;
        e = slot_for(c, e->parent);
    }
    fprintf(f, "\tpath: ");
    describe_root(f, e->root);
    for (int k = n - 1; k >= 0; k--) {
        gc_span *ps = gc__span_of(&c->h->pages, path[k]);
        const gc_type *pt = gc__slot_type(ps, gc__slot_of(ps, path[k]));
        fprintf(f, " -> %#" PRIxPTR " (%s)", path[k], pt ? pt->name : "noscan");
    }
    fprintf(f, " -> %#" PRIxPTR " (%s)\n", obj, t ? t->name : "noscan");
}

/* visit checkmarks the object p points into, remembering how it was reached. */
static void visit(cm_state *c, uintptr_t p, uintptr_t parent, uint64_t root)
{
    gc_span *s = p >= 4096 ? gc__span_of(&c->h->pages, p) : NULL;
    if (!s)
        return;
    size_t i = gc__slot_of(s, p);
    if (i >= s->nelems || !gc__bit(s->alloc_bits, i) || gc__bit(s->check_bits, i))
        return;
    s->check_bits[i / 64] |= 1ull << (i % 64);
    uintptr_t obj = s->start + i * s->elemsize;
    if (2 * (c->n + 1) > c->cap)
        grow(c);
    *slot_for(c, obj) = (cm_entry){obj, parent, root};
    c->n++;
    if (!gc__bit(s->mark_bits, i) && c->lost++ < MAX_REPORTS)
        report(c, obj, s, i); /* left white: the sweep frees it (a lost object) */
    if (!s->noscan)
        enqueue(c, obj);
}

static void scan(cm_state *c, uintptr_t obj)
{
    gc_span *s = gc__span_of(&c->h->pages, obj);
    size_t i = gc__slot_of(s, obj);
    const gc_type *t = gc__slot_type(s, i);
    if (!gc_type_has_pointers(t))
        return;
    size_t words = t->ptrdata / GC_WORD_BYTES;
    for (size_t e = 0; e < gc__slot_count(s, i); e++)
        for (size_t w = 0; w < words; w++)
            if (t->ptrmask[w / 8] >> (w % 8) & 1)
                visit(c, ld_rlx((uintptr_t *)(obj + e * t->size + w * GC_WORD_BYTES)), obj, 0);
}

static void frames_of(rt_g *g, void *arg)
{
    cm_state *c = arg;
    for (gc_frame *f = *(gc_frame **)rt_g_slot(g, c->h->gslot); f; f = f->prev)
        for (size_t i = 0; i < f->n; i++)
            visit(c, (uintptr_t)f->slots[i], 0,
                  (uint64_t)ROOT_FRAME << 48 | (rt_g_id(g) & 0xffffffffull) << 16 | (i & 0xffff));
}

static void alloc_check_bits(gc_span *s, void *arg)
{
    (void)arg;
    free(s->check_bits);
    s->check_bits = calloc((s->nelems + 63) / 64, sizeof *s->check_bits);
    if (!s->check_bits)
        rt_throw("gc: out of memory in checkmark");
}

static void free_check_bits(gc_span *s, void *arg)
{
    (void)arg;
    free(s->check_bits);
    s->check_bits = NULL;
}

uint64_t gc__checkmark(gc_heap *h)
{
    cm_state c = {.h = h};
    grow(&c);
    gc__pages_each_span(&h->pages, alloc_check_bits, NULL);
    for (size_t r = 0; r < h->nroots; r++) {
        const gc_type *t = h->roots[r].type;
        for (size_t w = 0; w < t->ptrdata / GC_WORD_BYTES; w++)
            if (t->ptrmask[w / 8] >> (w % 8) & 1)
                visit(&c, ld_rlx((uintptr_t *)((char *)h->roots[r].addr + w * GC_WORD_BYTES)), 0,
                      (uint64_t)ROOT_GLOBAL << 48 | (r & 0xffff));
    }
    rt_g_foreach(h->s, frames_of, &c);
    while (c.nq)
        scan(&c, c.queue[--c.nq]);
    gc__pages_each_span(&h->pages, free_check_bits, NULL);
    free(c.tab);
    free(c.queue);
    if (c.lost) {
        fprintf(h->cfg.log, "gc: checkmark: %" PRIu64 " reachable object(s) were not marked\n",
                c.lost);
        fflush(h->cfg.log);
        if (h->cfg.barrier != GC_BARRIER_NONE)
            rt_throw("checkmark found unmarked object");
    }
    return c.lost;
}
