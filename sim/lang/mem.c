/*
 * mem.c — the front end's host memory: Boehm GC (DESIGN.md §8). Syntax trees, types and
 * compiled code are allocated here and never freed explicitly; they are built before a run
 * starts, while only the main thread runs, and stay reachable from the program for the
 * whole run, so the collector never needs the goroutine stacks' roots.
 */
#include "diag.h" /* built with -Isim/lang only: see Makefile.am */
#include <gc/gc.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void sc_host_init(void) { GC_INIT(); }

/* sc_host_freeze: no more collections. The front end's structures are referenced from the
   interpreter's host memory (malloc), which Boehm does not scan, once the run starts. */
void sc_host_freeze(void) { GC_disable(); }

static void *checked(void *p, size_t n)
{
    if (!p && n) {
        fprintf(stderr, "gorsim: out of host memory (%zu bytes)\n", n);
        exit(3);
    }
    return p;
}

void *sc_alloc(size_t n) { return checked(GC_MALLOC(n ? n : 1), n); }

void *sc_alloc_atomic(size_t n)
{
    void *p = checked(GC_MALLOC_ATOMIC(n ? n : 1), n);
    memset(p, 0, n ? n : 1);
    return p;
}

char *sc_strndup(const char *s, size_t n)
{
    char *p = sc_alloc_atomic(n + 1);
    if (n)
        memcpy(p, s, n);
    return p;
}

char *sc_vsprintf(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *p = sc_alloc_atomic((size_t)(n < 0 ? 0 : n) + 1);
    vsnprintf(p, (size_t)(n < 0 ? 0 : n) + 1, fmt, again);
    va_end(again);
    return p;
}

char *sc_sprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = sc_vsprintf(fmt, ap);
    va_end(ap);
    return p;
}
