/*
 * diag.h — source files and their diagnostics: every error of a scenario is collected with
 * its position and printed as Go's tools print them, "file:line:col: message", followed by
 * the source line and a caret under the column (sorted by position, duplicates on one line
 * dropped as Go's compiler drops them).
 */
#ifndef GORSIM_SIM_LANG_DIAG_H
#define GORSIM_SIM_LANG_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>

typedef struct sc_pos {
    int line, col; /* 1-based; col counts bytes; 0 0: no position */
} sc_pos;

typedef struct sc_source {
    const char *name; /* as the user gave it */
    const char *text; /* the whole file (not necessarily NUL-terminated) */
    size_t len;
} sc_source;

typedef struct sc_diag {
    sc_pos pos;
    char *msg;
    size_t seq; /* the order it was reported in */
} sc_diag;

typedef struct sc_diags {
    const sc_source *src;
    sc_diag *v;
    size_t n, cap;
} sc_diags;

void sc_diags_init(sc_diags *d, const sc_source *src);
/* sc_error records an error at pos (printf-style message, no trailing newline). */
void sc_error(sc_diags *d, sc_pos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static inline bool sc_failed(const sc_diags *d) { return d->n > 0; }
/* sc_diags_print prints every error (sorted by position) with its source line and a caret;
   returns how many it printed. */
size_t sc_diags_print(sc_diags *d, FILE *f);

/* host memory of the front end: Boehm GC, never freed explicitly (sim/lang/mem.c);
   sc_host_init first, from the main thread */
void sc_host_init(void);
void sc_host_freeze(void); /* before a run: no more collections (mem.c) */
void *sc_alloc(size_t n);        /* zeroed, may hold pointers */
void *sc_alloc_atomic(size_t n); /* zeroed, holds no pointers */
char *sc_strndup(const char *s, size_t n);
char *sc_sprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *sc_vsprintf(const char *fmt, va_list ap);

#endif
