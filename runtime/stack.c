/*
 * stack.c — goroutine stacks: carved from large mmap'd reservations, lazily committed (the
 * kernel backs a page on first touch), each with a PROT_NONE guard page below it.
 *
 * Guard budget. Every guarded stack splits the reservation into two more kernel mappings,
 * and vm.max_map_count (65530 on Debian) caps them per process, so 100 000 guarded stacks
 * cannot exist. Stacks beyond the budget get no guard page; instead a canary word at their
 * lowest address is checked whenever their goroutine switches out, and a clobbered canary
 * is reported as a stack overflow (best effort: the overflow may already have written into
 * the neighbouring stack). Gs keep their stacks when they die and are reused (g.c), so
 * stacks are only ever carved, never returned until the scheduler is freed.
 *
 * Reservations ask for fixed addresses (rt_sys_reserve) so that a conservative scan sees the
 * same words in every run of the virtual engine; if the address is taken (a second
 * scheduler in the same process) the kernel's choice is used instead.
 *
 * Overflow: a SIGSEGV whose address lies in the current goroutine's guard page is reported
 * as Go reports it ("fatal error: stack overflow", exit status 2) by a handler that runs on
 * an alternate signal stack; any other SIGSEGV goes to the previous handler.
 */
#include "rt_internal.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if HAVE_VALGRIND_VALGRIND_H
#include <valgrind/valgrind.h>
#endif
#if GORSIM_ASAN
#include <sanitizer/asan_interface.h>
/* Frames of goroutines abandoned when a run ends stay poisoned in ASan's shadow even after
   the memory is unmapped; the next runtime maps its stacks at the same fixed address. */
#define unpoison(p, n) __asan_unpoison_memory_region((p), (n))
#else
#define unpoison(p, n) ((void)(p), (void)(n))
#endif

#define RT_STACK_HINT_BASE ((uintptr_t)0x200000000000ull)
#define RT_STACK_ALTSTACK_BYTES (64 * 1024)

static size_t page_bytes(void)
{
    static size_t pg;
    if (!pg)
        pg = (size_t)sysconf(_SC_PAGESIZE);
    return pg;
}

static size_t read_max_map_count(void)
{
    size_t v = 65530;
    FILE *f = fopen("/proc/sys/vm/max_map_count", "r");
    if (f) {
        unsigned long x;
        if (fscanf(f, "%lu", &x) == 1)
            v = x;
        fclose(f);
    }
    return v;
}

int rt__stack_pool_init(rt_stack_pool *sp, size_t usable_bytes)
{
    size_t pg = page_bytes();
    size_t maps = read_max_map_count();
    memset(sp, 0, sizeof *sp);
    sp->usable_bytes = (usable_bytes + pg - 1) / pg * pg;
    sp->slot_bytes = sp->usable_bytes + pg;
    sp->slots_per_region = 1024;
    /* Leave 20 000 mappings to everything else (heap arenas, libraries, Boehm). */
    sp->guard_budget = maps > 20000 ? (maps - 20000) / 2 : 0;
    sp->hint = RT_STACK_HINT_BASE;
    return 0;
}

void rt__stack_pool_destroy(rt_stack_pool *sp)
{
    for (size_t i = 0; i < sp->nregions; i++) {
        rt_stack_region *r = &sp->regions[i];
        unpoison(r->base, sp->slot_bytes * r->used);
        rt_sys_free(r->base, sp->slot_bytes * sp->slots_per_region);
    }
    free(sp->regions);
    sp->regions = NULL;
    sp->nregions = sp->capregions = 0;
}

/* reserve takes the next region, at the next fixed address when it is free. */
static void *reserve(rt_stack_pool *sp, size_t bytes)
{
    char *p = rt_sys_reserve(bytes, sp->hint);
    if (p && (uintptr_t)p == sp->hint)
        sp->hint += bytes;
    return p;
}

static rt_stack_region *current_region(rt_stack_pool *sp)
{
    if (sp->nregions && sp->regions[sp->nregions - 1].used < sp->slots_per_region)
        return &sp->regions[sp->nregions - 1];
    if (sp->nregions == sp->capregions) {
        size_t cap = sp->capregions ? sp->capregions * 2 : 8;
        rt_stack_region *r = realloc(sp->regions, cap * sizeof *r);
        if (!r)
            return NULL;
        sp->regions = r;
        sp->capregions = cap;
    }
    char *base = reserve(sp, sp->slot_bytes * sp->slots_per_region);
    if (!base)
        return NULL;
    sp->regions[sp->nregions] = (rt_stack_region){base, sp->slots_per_region, 0};
    return &sp->regions[sp->nregions++];
}

int rt__stack_alloc(rt_stack_pool *sp, rt_stack *out)
{
    size_t pg = page_bytes();
    rt__lock(&sp->lk);
    rt_stack_region *r = current_region(sp);
    if (!r) {
        rt__unlock(&sp->lk);
        return -1;
    }
    char *slot = r->base + r->used * sp->slot_bytes;
    bool guarded = sp->nguarded < sp->guard_budget;
    /* Guarded: the first page stays PROT_NONE. Unguarded: the whole slot is usable memory,
       so neighbouring unguarded slots merge into one kernel mapping. */
    char *rw = guarded ? slot + pg : slot;
    if (!rt_sys_map(rw, (size_t)(slot + sp->slot_bytes - rw))) {
        rt__unlock(&sp->lk);
        return -1;
    }
    unpoison(rw, (size_t)(slot + sp->slot_bytes - rw));
    r->used++;
    sp->nguarded += guarded;
    rt__unlock(&sp->lk);
    out->lo = slot + pg;
    out->hi = slot + sp->slot_bytes;
    out->guarded = guarded;
    if (!guarded)
        *(uint64_t *)out->lo = RT_STACK_CANARY;
#if HAVE_VALGRIND_VALGRIND_H
    VALGRIND_STACK_REGISTER(out->lo, out->hi);
#endif
    return 0;
}


/* ---------------------------------------------------------------- overflow handler */

static struct sigaction prev_segv;
static pthread_once_t handler_once = PTHREAD_ONCE_INIT;

static size_t fmt_u64(char *buf, uint64_t v)
{
    char tmp[24];
    size_t n = 0, i = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        buf[i++] = tmp[--n];
    return i;
}

static size_t append(char *buf, size_t at, const char *s)
{
    size_t n = strlen(s);
    memcpy(buf + at, s, n);
    return at + n;
}

/* Async-signal-safe: formats with fmt_u64 and writes with write(2). */
static void report_overflow(const rt_g *g)
{
    char buf[256];
    size_t n = append(buf, 0, "runtime: goroutine stack exceeds ");
    n += fmt_u64(buf + n, (uint64_t)(g->stack.hi - g->stack.lo));
    n = append(buf, n, "-byte limit\nfatal error: stack overflow\n\ngoroutine ");
    n += fmt_u64(buf + n, g->id);
    n = append(buf, n, " [running]:\n");
    if (write(STDERR_FILENO, buf, n) < 0)
        _exit(2);
}

void rt__stack_overflow(rt_g *g)
{
    report_overflow(g);
    _exit(2);
}

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    rt_m *m = rt__tls_m;
    rt_g *g = m ? m->curg : NULL;
    char *addr = si->si_addr;
    if (g && g->stack.guarded && addr >= g->stack.lo - page_bytes() && addr < g->stack.lo)
        rt__stack_overflow(g);
    if (prev_segv.sa_flags & SA_SIGINFO) {
        prev_segv.sa_sigaction(sig, si, uc);
    } else if (prev_segv.sa_handler != SIG_IGN && prev_segv.sa_handler != SIG_DFL) {
        prev_segv.sa_handler(sig);
    } else {
        signal(SIGSEGV, SIG_DFL); /* re-fault with the default action */
    }
}

static void install_handler(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, &prev_segv);
}

void rt__stack_thread_init(rt_m *m)
{
    pthread_once(&handler_once, install_handler);
    stack_t ss, old;
    if (sigaltstack(NULL, &old) == 0 && !(old.ss_flags & SS_DISABLE) && old.ss_size >= 16384)
        return; /* the thread already has one (e.g. a sanitizer's) */
    m->altstack = malloc(RT_STACK_ALTSTACK_BYTES);
    if (!m->altstack)
        return;
    ss.ss_sp = m->altstack;
    ss.ss_size = RT_STACK_ALTSTACK_BYTES;
    ss.ss_flags = 0;
    if (sigaltstack(&ss, NULL) != 0) {
        free(m->altstack);
        m->altstack = NULL;
    }
}

void rt__stack_thread_destroy(rt_m *m)
{
    if (!m->altstack)
        return;
    stack_t ss = {.ss_flags = SS_DISABLE};
    sigaltstack(&ss, NULL);
    free(m->altstack);
    m->altstack = NULL;
}
