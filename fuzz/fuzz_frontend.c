/*
 * fuzz_frontend.c — libFuzzer target over the scenario language's whole front end: lexer,
 * constants, parser, type checker (with the built-in packages) and the diagnostic printer.
 * Built with clang -fsanitize=fuzzer,address,undefined by `make fuzz-build` (fuzz/fuzz.am);
 * see fuzz/README.md.
 *
 * Every input is a scenario file "fuzz.go". Its bytes are copied into a malloc'd buffer of
 * exactly their size and are NOT NUL-terminated (sc_source does not promise a terminator),
 * so ASan reports any read past the end of the source. The front end's memory is Boehm GC's
 * (sim/lang/mem.c; in this build with ASan redzones, fuzz/gc_redzone.h): everything an
 * input allocated is garbage once it returns, and Boehm
 * collects it as later inputs allocate. FUZZ_GC_EVERY forces a full collection every N
 * inputs as well, so the heap stays bounded over millions of runs whatever Boehm's
 * heuristics decide (the built-in packages, cached in static data, stay reachable).
 */
#define _GNU_SOURCE /* fopencookie */
#include "sim/lang/lang.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_GC_EVERY
#define FUZZ_GC_EVERY 4096
#endif

/* from Boehm's <gc/gc.h>, which this file cannot include (the project's gc/gc.h has the
   same name and -I$(top_srcdir) comes first) */
extern void GC_gcollect(void);

/* fuzz/gc_redzone.h leaves poison on memory Boehm has freed; Boehm clears recycled memory
   with memset, which ASan intercepts. Accesses made from inside libgc are Boehm's own, never
   the front end's: no report for them. */
const char *__asan_default_suppressions(void);
const char *__asan_default_suppressions(void) { return "interceptor_via_lib:libgc.so\n"; }

static FILE *sink;

/* The diagnostics are printed into a stream that discards them, so the printer is fuzzed
   too. It is a cookie stream, not fopen("/dev/null"): on a shared machine /dev/null may
   have been replaced by a regular file, which a long campaign would fill. */
static ssize_t discard(void *cookie, const char *buf, size_t n)
{
    (void)cookie;
    (void)buf;
    return (ssize_t)n;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    sc_host_init();
    sink = fopencookie(NULL, "w", (cookie_io_functions_t){.write = discard});
    if (!sink) {
        perror("fuzz_frontend: fopencookie");
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static unsigned long runs;
    char *text = malloc(size); /* exact size, no terminator: over-reads are ASan reports */
    if (!text && size)
        abort();
    if (size)
        memcpy(text, data, size);
    sc_source src = {.name = "fuzz.go", .text = text, .len = size};
    sc_diags d;
    sc_diags_init(&d, &src);
    sc_file *f = sc_parse(&src, &d);
    if (!sc_failed(&d))
        (void)sc_check(f, &d);
    sc_diags_print(&d, sink);
    free(text);
    if (++runs % FUZZ_GC_EVERY == 0)
        GC_gcollect();
    return 0;
}
