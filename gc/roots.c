/*
 * roots.c — where marking starts: registered globals (precise, through their type's
 * pointer mask), the precise frames each goroutine pushes (the interpreter's), and every
 * goroutine's C stack scanned conservatively from its saved stack pointer — callee-saved
 * registers are on it after a switch (DESIGN.md §5). A goroutine's frame chain and its
 * stack-scan state live in runtime G slots, so runtime/ stays ignorant of the collector.
 *
 * Root jobs (Go's markroot): one per registered global, then one per goroutine of the
 * snapshot taken at sweep termination. A stack job stops only its goroutine
 * (rt_g_suspend); a goroutine running on another CPU is asked to scan itself at its next
 * safe point instead (the safe-point hook), which is the same stop for it. Goroutines
 * created during mark are not in the snapshot and are never scanned: they start with no
 * pointers and get everything through barriered stores or black allocations.
 */
#include "gc/gc_internal.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Roots change only between cycles: root jobs index them (gc_root_add/remove refuse while
   the collector marks, with errno EBUSY). */
bool gc_root_add(gc_heap *h, void *addr, const gc_type *t)
{
    if (!t || t->ptrdata > t->size || t->ptrdata % GC_WORD_BYTES || (t->ptrdata && !t->ptrmask)) {
        errno = EINVAL;
        return false;
    }
    rt_lock(&h->lk);
    if (gc__phase(h) != GC_OFF) {
        rt_unlock(&h->lk);
        errno = EBUSY;
        return false;
    }
    if (h->nroots == h->caproots) {
        size_t cap = h->caproots ? h->caproots * 2 : 16;
        gc_root *r = realloc(h->roots, cap * sizeof *r);
        if (!r) {
            rt_unlock(&h->lk);
            errno = ENOMEM;
            return false;
        }
        h->roots = r;
        h->caproots = cap;
    }
    h->roots[h->nroots++] = (gc_root){addr, t};
    h->pacer.globals_scan += t->ptrdata; /* Go's addGlobals */
    rt_unlock(&h->lk);
    return true;
}

bool gc_root_remove(gc_heap *h, void *addr)
{
    bool found = false;
    rt_lock(&h->lk);
    if (gc__phase(h) != GC_OFF) {
        rt_unlock(&h->lk);
        errno = EBUSY;
        return false;
    }
    for (size_t i = 0; i < h->nroots && !found; i++)
        if (h->roots[i].addr == addr) {
            h->pacer.globals_scan -= h->roots[i].type->ptrdata;
            h->roots[i] = h->roots[--h->nroots];
            found = true;
        }
    rt_unlock(&h->lk);
    if (!found)
        errno = ENOENT;
    return found;
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

void gc__scan_frames(gc_heap *h, gc_work *w, rt_g *g)
{
    for (gc_frame *f = *frames_of(h, g); f; f = f->prev) {
        w->scanned_words += f->n;
        for (size_t i = 0; i < f->n; i++)
            if (!f->ptr || f->ptr[i])
                gc__shade(h, w, (uintptr_t)f->slots[i]);
    }
}

void gc__mark_globals(gc_heap *h, gc_work *w)
{
    for (size_t i = 0; i < h->nroots; i++)
        gc__scan_object(h, w, h->roots[i].addr, h->roots[i].type, 1);
}

/* ---------------------------------------------------------------- stacks */

/* scan_from shades g's frames and its stack from sp up; returns the stack bytes. */
static uint64_t scan_from(gc_heap *h, gc_work *w, rt_g *g, const void *sp)
{
    rt_stack_info si;
    rt_g_stack(g, &si);
    if (!sp)
        rt_throw("gc: goroutine %llu has no saved stack pointer to scan from",
                 (unsigned long long)rt_g_id(g));
    gc__scan_frames(h, w, g);
    gc__shade(h, w, (uintptr_t)si.arg); /* what it was started with */
    gc__scan_range(h, w, sp, si.hi);
    return (uint64_t)((const char *)si.hi - (const char *)sp);
}

/* self_scan scans the calling goroutine; its own frame, below the caller's, holds the
   caller's callee-saved registers (spilled by __builtin_unwind_init). */
static __attribute__((noinline)) uint64_t self_scan(gc_heap *h, gc_work *w)
{
    __builtin_unwind_init();
    return scan_from(h, w, rt_self(), __builtin_frame_address(0));
}

static uint64_t scan_g(gc_heap *h, gc_work *w, rt_g *g)
{
    if (g == rt_self())
        return self_scan(h, w);
    rt_stack_info si;
    rt_g_stack(g, &si);
    return scan_from(h, w, g, si.sp);
}

static uintptr_t *scan_word(gc_heap *h, rt_g *g) { return (uintptr_t *)rt_g_slot(g, h->gslot_scan); }

static void stack_done(gc_heap *h, rt_g *g, uint64_t bytes)
{
    xadd(&h->stack_scan_work, bytes);
    st_rel(scan_word(h, g), (uintptr_t)ld_acq(&h->cycles) << 2 | GC_STACK_DONE);
}

/* claim moves g from unscanned to scanning for this cycle; false when g is not in the
   snapshot, already done, or being scanned by someone else (*busy). */
static bool claim(gc_heap *h, rt_g *g, bool *busy)
{
    uintptr_t cyc = ld_acq(&h->cycles), v = ld_acq(scan_word(h, g));
    *busy = v >> 2 == cyc && (v & 3) == GC_STACK_SCANNING;
    if (v >> 2 != cyc || (v & 3) != GC_STACK_UNSCANNED)
        return false;
    return __atomic_compare_exchange_n(scan_word(h, g), &v, cyc << 2 | GC_STACK_SCANNING, false,
                                       __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

uint64_t gc__scan_stack_job(gc_heap *h, gc_work *w, rt_g *g)
{
    for (;;) {
        bool busy;
        if (!claim(h, g, &busy)) {
            if (!busy)
                return 0;
            rt_gosched(); /* it is scanning itself: wait for it */
            continue;
        }
        rt_suspend r = g == rt_self() ? RT_SUSPEND_RUNNING : rt_g_suspend(g);
        if (r == RT_SUSPENDED || r == RT_SUSPEND_DEAD || g == rt_self()) {
            uint64_t bytes = r == RT_SUSPEND_DEAD ? 0 : scan_g(h, w, g);
            if (r == RT_SUSPENDED)
                rt_g_resume(g);
            stack_done(h, g, bytes);
            return bytes;
        }
        /* on another CPU: let it scan itself at its next safe point (the hook). Ask again
           on every try: a hook that ran while we held the claim could not do it */
        st_rel(scan_word(h, g), (uintptr_t)ld_acq(&h->cycles) << 2 | GC_STACK_UNSCANNED);
        for (int p = 0; p < rt_sched_nprocs(h->s); p++)
            rt_p_request_safepoint(h->s, p);
        rt_gosched();
    }
}

void gc__self_scan_hook(gc_heap *h)
{
    rt_g *g = rt_self();
    bool busy;
    if (!g || gc__phase(h) != GC_MARK || !claim(h, g, &busy))
        return;
    gc_work lw = {0}; /* the P's own gc_work may be mid-use by the code we interrupted */
    uint64_t bytes = self_scan(h, &lw);
    gc__work_dispose(h, &lw);
    gc__work_destroy(&lw);
    stack_done(h, g, bytes);
}

/* ---------------------------------------------------------------- jobs */

static void snapshot_one(rt_g *g, void *arg)
{
    gc_heap *h = arg;
    if (h->nroot_gs == h->cap_root_gs) {
        size_t cap = h->cap_root_gs ? h->cap_root_gs * 2 : 64;
        rt_g **a = realloc(h->root_gs, cap * sizeof *a);
        if (!a)
            rt_throw("gc: out of memory for the stack snapshot");
        h->root_gs = a;
        h->cap_root_gs = cap;
    }
    h->root_gs[h->nroot_gs++] = g;
    st_rel(scan_word(h, g), (uintptr_t)h->cycles << 2 | GC_STACK_UNSCANNED);
    gc__assist_credit_set(h, g, 0); /* Go's gcResetMarkState */
}

void gc__roots_prepare(gc_heap *h)
{
    h->nroot_gs = 0;
    rt_g_foreach(h->s, snapshot_one, h);
    bool stacks_now = h->cfg.barrier == GC_BARRIER_YUASA; /* scanned in this stop instead */
    h->root_jobs = (uint32_t)(h->nroots + 1 + (stacks_now ? 0 : h->nroot_gs));
    st_rel(&h->root_next, 0);
}

int64_t gc__root_job_next(gc_heap *h, gc_work *w)
{
    uint32_t i = ld_acq(&h->root_next);
    do {
        if (i >= h->root_jobs)
            return -1;
    } while (!__atomic_compare_exchange_n(&h->root_next, &i, i + 1, false, __ATOMIC_ACQ_REL,
                                          __ATOMIC_ACQUIRE));
    if (i < h->nroots) {
        w->extra_ns += h->cost[GC_COST_ROOT_JOB];
        gc__scan_object(h, w, h->roots[i].addr, h->roots[i].type, 1);
        xadd(&h->globals_scan_work, h->roots[i].type->ptrdata);
        return (int64_t)h->roots[i].type->ptrdata;
    }
    if (i == h->nroots) { /* channel buffers: C memory, scanned conservatively */
        w->extra_ns += h->cost[GC_COST_ROOT_JOB];
        gc__mark_channels(h, w);
        return 1;
    }
    i--;
    /* a stack job may wait for its goroutine (rt_gosched), and the caller may then be on
       another P: it gathers into its own gray stack and hands that to the global list */
    gc_work lw = {0};
    int64_t bytes = (int64_t)gc__scan_stack_job(h, &lw, h->root_gs[i - h->nroots]);
    gc__work_dispose(h, &lw);
    rt_charge(gc__work_charge_ns(h, &lw) + h->cost[GC_COST_ROOT_JOB]);
    gc__work_destroy(&lw);
    return bytes;
}

static void scan_stopped_one(rt_g *g, void *arg)
{
    void **a = arg;
    xadd(&((gc_heap *)a[0])->stack_scan_work, scan_g(a[0], a[1], g));
}

static void scan_buffered(const void *p, size_t n, void *arg)
{
    void **a = arg;
    gc__scan_range(a[0], a[1], p, (const char *)p + n);
}

void gc__mark_channels(gc_heap *h, gc_work *w)
{
    void *a[2] = {h, w};
    rt_chan_foreach_buffered(scan_buffered, a);
}

void gc__mark_stacks_stopped(gc_heap *h, gc_work *w)
{
    void *a[2] = {h, w};
    rt_g_foreach(h->s, scan_stopped_one, a);
}
