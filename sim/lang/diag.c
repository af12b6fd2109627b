/*
 * diag.c — collecting and printing a scenario's errors (diag.h).
 */
#include "sim/lang/diag.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void sc_diags_init(sc_diags *d, const sc_source *src)
{
    memset(d, 0, sizeof *d);
    d->src = src;
}

void sc_error(sc_diags *d, sc_pos pos, const char *fmt, ...)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        sc_diag *v = sc_alloc(cap * sizeof *v);
        if (d->n)
            memcpy(v, d->v, d->n * sizeof *v);
        d->v = v;
        d->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    char *msg = sc_vsprintf(fmt, ap);
    va_end(ap);
    d->v[d->n] = (sc_diag){pos, msg, d->n};
    d->n++;
}

static int by_pos(const void *a, const void *b)
{
    const sc_diag *x = a, *y = b;
    if (x->pos.line != y->pos.line)
        return x->pos.line < y->pos.line ? -1 : 1;
    if (x->pos.col != y->pos.col)
        return x->pos.col < y->pos.col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* line_at: the text of line `line` (1-based) of src, its length in *n; NULL if none */
static const char *line_at(const sc_source *src, int line, size_t *n)
{
    const char *p = src->text, *end = src->text + src->len;
    for (int l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return NULL;
        p = nl + 1;
    }
    if (p > end || (p == end && line > 1 && p[-1] == '\n'))
        return NULL;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *n = (size_t)((nl ? nl : end) - p);
    if (*n && p[*n - 1] == '\r')
        (*n)--;
    return p;
}

/* print_source prints the line and a caret under col (tabs kept so the caret lines up) */
static void print_source(FILE *f, const sc_source *src, sc_pos pos)
{
    size_t n;
    const char *l = pos.line > 0 ? line_at(src, pos.line, &n) : NULL;
    if (!l)
        return;
    fprintf(f, "\t%.*s\n\t", (int)n, l);
    for (int c = 1; c < pos.col && (size_t)(c - 1) < n; c++)
        fputc(l[c - 1] == '\t' ? '\t' : ' ', f);
    fputs("^\n", f);
}

size_t sc_diags_print(sc_diags *d, FILE *f)
{
    if (d->n > 1) /* d->v is NULL when there are none: qsort's argument must not be */
        qsort(d->v, d->n, sizeof *d->v, by_pos);
    size_t printed = 0;
    for (size_t i = 0; i < d->n; i++) {
        sc_diag *e = &d->v[i];
        if (i && e->pos.line == d->v[i - 1].pos.line && e->pos.line &&
            !strcmp(e->msg, d->v[i - 1].msg))
            continue;
        const char *name = d->src ? d->src->name : "?";
        if (e->pos.line)
            fprintf(f, "%s:%d:%d: %s\n", name, e->pos.line, e->pos.col, e->msg);
        else
            fprintf(f, "%s: %s\n", name, e->msg);
        if (d->src)
            print_source(f, d->src, e->pos);
        printed++;
    }
    return printed;
}
