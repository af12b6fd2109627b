/*
 * gc_redzone.h — ASan redzones for the front end's Boehm GC memory, in the fuzz build only.
 * fuzz/fuzz.am compiles sim/lang/mem.c (unchanged) with `-include fuzz/gc_redzone.h`.
 *
 * Boehm's heap is not malloc's, so ASan knows nothing of its objects: an index one past a
 * syntax tree array would read the next object silently. Here every GC_MALLOC and
 * GC_MALLOC_ATOMIC asks Boehm for FUZZ_REDZONE more bytes, unpoisons the whole block Boehm
 * returns (recycled memory may still carry an earlier object's poison) and poisons what lies
 * past the n bytes asked for, so ASan reports any access there (use-after-poison). Boehm
 * itself is not instrumented: its marking and sweeping never trip the poison. This header
 * includes Boehm's <gc/gc.h> first, so mem.c's own #include of it is a no-op.
 */
#ifndef GORSIM_FUZZ_GC_REDZONE_H
#define GORSIM_FUZZ_GC_REDZONE_H

#include <gc/gc.h>
#include <sanitizer/asan_interface.h>
#include <stddef.h>

#define FUZZ_REDZONE 16

static inline void *fuzz_gc_redzone(void *p, size_t n)
{
    if (p) {
        size_t all = GC_size(p);
        ASAN_UNPOISON_MEMORY_REGION(p, all);
        ASAN_POISON_MEMORY_REGION((char *)p + n, all - n);
    }
    return p;
}

#undef GC_MALLOC
#undef GC_MALLOC_ATOMIC
#define GC_MALLOC(n) fuzz_gc_redzone(GC_malloc((n) + FUZZ_REDZONE), (n))
#define GC_MALLOC_ATOMIC(n) fuzz_gc_redzone(GC_malloc_atomic((n) + FUZZ_REDZONE), (n))

#endif
