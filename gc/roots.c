/*
 * roots.c — where marking starts: registered globals (precise, through their type's
 * pointer mask), the precise frames each goroutine pushes (the interpreter's), and every
 * goroutine's C stack scanned conservatively from its saved stack pointer — callee-saved
 * registers are on it after a switch (DESIGN.md §5). A goroutine's frame chain lives in a
 * runtime G slot, so runtime/ stays ignorant of the collector.
 */
#include "gc/gc_internal.h"
#include <stdlib.h>
#include <string.h>

bool gc_root_add(gc_heap *h, void *addr, const gc_type *t)
{
    rt_lock(&h->lk);
    if (h->nroots == h->caproots) {
        size_t cap = h->caproots ? h->caproots * 2 : 16;
        gc_root *r = realloc(h->roots, cap * sizeof *r);
        if (!r) {
            rt_unlock(&h->lk);
            return false;
        }
        h->roots = r;
        h->caproots = cap;
    }
    h->roots[h->nroots++] = (gc_root){addr, t};
    rt_unlock(&h->lk);
    return true;
}

void gc_root_remove(gc_heap *h, void *addr)
{
    rt_lock(&h->lk);
    for (size_t i = 0; i < h->nroots; i++)
        if (h->roots[i].addr == addr) {
            h->roots[i] = h->roots[--h->nroots];
            break;
        }
    rt_unlock(&h->lk);
}

static gc_frame **frames_of(gc_heap *h, rt_g *g) { return (gc_frame **)rt_g_slot(g, h->gslot); }

void gc_frame_push(gc_heap *h, gc_frame *f)
{
    gc_frame **top = frames_of(h, rt_self());
    f->prev = *top;
    *top = f; /* nowritebarrier: the goroutine's own root chain */
}

void gc_frame_pop(gc_heap *h, gc_frame *f)
{
    gc_frame **top = frames_of(h, rt_self());
    if (*top != f)
        rt_throw("gc: frame popped out of order");
    *top = f->prev;
}

/* scan_typed shades the pointer words of count objects of type t at p (precise). */
static void scan_typed(gc_heap *h, gc_work *w, const char *p, const gc_type *t, size_t count)
{
    size_t words = t->ptrdata / GC_WORD_BYTES;
    w->scanned_words += words * count;
    for (size_t e = 0; e < count; e++, p += t->size)
        for (size_t i = 0; i < words; i++)
            if (t->ptrmask[i / 8] >> (i % 8) & 1)
                gc__shade(h, w, *(const uintptr_t *)(p + i * GC_WORD_BYTES));
}

void gc__scan_object(gc_heap *h, gc_work *w, const char *p, const gc_type *t, size_t count)
{
    if (gc_type_has_pointers(t))
        scan_typed(h, w, p, t, count);
}

typedef struct stack_scan {
    gc_heap *h;
    gc_work *w;
    const void *self_sp;     /* the collecting goroutine's current stack pointer */
} stack_scan;

static void scan_goroutine(rt_g *g, void *arg)
{
    stack_scan *ss = arg;
    for (gc_frame *f = *frames_of(ss->h, g); f; f = f->prev)
        for (size_t i = 0; i < f->n; i++)
            gc__shade(ss->h, ss->w, (uintptr_t)f->slots[i]);
    rt_stack_info si;
    rt_g_stack(g, &si);
    const void *sp = g == rt_self() ? ss->self_sp : si.sp;
    if (!sp)
        rt_throw("gc: goroutine %llu has no saved stack pointer to scan from",
                 (unsigned long long)rt_g_id(g));
    gc__scan_range(ss->h, ss->w, sp, si.hi);
}

/* mark_stacks scans every goroutine; its own frame, below the caller's, holds the caller's
   callee-saved registers (spilled by __builtin_unwind_init) for the conservative scan. */
static __attribute__((noinline)) void mark_stacks(gc_heap *h, gc_work *w)
{
    __builtin_unwind_init();
    stack_scan ss = {h, w, __builtin_frame_address(0)};
    rt_g_foreach(h->s, scan_goroutine, &ss);
}

void gc__mark_roots(gc_heap *h, gc_work *w)
{
    for (size_t i = 0; i < h->nroots; i++)
        gc__scan_object(h, w, h->roots[i].addr, h->roots[i].type, 1);
    mark_stacks(h, w);
}
