/*
 * buf.c — vm_buf (value.h): the growable byte buffer fmt writes into. Host memory from
 * malloc, never the simulated heap: formatting must not allocate on the heap it may be
 * printing, nor count against the program's memory. The contents are not NUL-terminated
 * (Go strings may hold NUL bytes); p is NULL until the first write. vm__xcalloc is the
 * other fmt files' host allocation, with the same out-of-memory policy.
 */
#include "config.h"
#include "sim/vm/fmt_internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* out_of_memory: the same policy as the front end's host memory (sim/lang/mem.c) */
static void out_of_memory(size_t n)
{
    fprintf(stderr, "gorsim: out of host memory (%zu bytes)\n", n);
    exit(3);
}

void *vm__xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        out_of_memory(n * size);
    return p;
}

/* reserve makes room for n more bytes, doubling so that appends are amortized O(1). */
static void reserve(vm_buf *b, size_t n)
{
    if (b->cap - b->len >= n)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap - b->len < n) {
        if (cap > SIZE_MAX / 2)
            cap = SIZE_MAX;
        else
            cap *= 2;
    }
    char *p = realloc(b->p, cap);
    if (!p)
        out_of_memory(cap);
    b->p = p;
    b->cap = cap;
}

void vm_buf_put(vm_buf *b, const void *s, size_t n)
{
    if (!n)
        return;
    reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

void vm_buf_putc(vm_buf *b, char c)
{
    reserve(b, 1);
    b->p[b->len++] = c;
}

void vm_buf_puts(vm_buf *b, const char *s) { vm_buf_put(b, s, strlen(s)); }

void vm_buf_free(vm_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}
