/*
 * sysmem.c — address space from the OS (Go's sysReserve/sysMap/sysFree): reservations are
 * PROT_NONE and never charged against overcommit (MAP_NORESERVE); the kernel backs a page
 * on first touch once it is made accessible. A reservation asks for a fixed address so that
 * runs lay memory out identically (conservative scans then see the same words); if that
 * address is taken, or under ThreadSanitizer (which allows application memory only in its
 * own ranges), the kernel chooses.
 */
#include "rt_internal.h"
#include <string.h>
#include <sys/mman.h>

#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0
#endif
#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0
#endif

void *rt_sys_reserve(size_t bytes, uintptr_t hint)
{
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
    void *p = MAP_FAILED;
#if GORSIM_TSAN
    hint = 0;
#endif
    if (hint && MAP_FIXED_NOREPLACE) {
        p = mmap((void *)hint, bytes, PROT_NONE, flags | MAP_FIXED_NOREPLACE, -1, 0);
        if (p != MAP_FAILED && p != (void *)hint) { /* an old kernel ignored the flag */
            munmap(p, bytes);
            p = MAP_FAILED;
        }
    }
    if (p == MAP_FAILED)
        p = mmap(NULL, bytes, PROT_NONE, flags, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

bool rt_sys_map(void *p, size_t bytes)
{
    return mprotect(p, bytes, PROT_READ | PROT_WRITE) == 0;
}

void rt_sys_hugepage(void *p, size_t bytes)
{
    enum { HUGE = 2 * 1024 * 1024 }; /* x86-64 and arm64 with 4 KiB pages */
    uintptr_t beg = ((uintptr_t)p + HUGE - 1) & ~(uintptr_t)(HUGE - 1);
    uintptr_t end = ((uintptr_t)p + bytes) & ~(uintptr_t)(HUGE - 1);
    if (beg < end)
        (void)madvise((void *)beg, end - beg, MADV_HUGEPAGE); /* advice: failure is harmless */
}

void rt_sys_free(void *p, size_t bytes)
{
    if (p)
        munmap(p, bytes);
}

void rt_sys_zero(void *p, size_t bytes)
{
    enum { RELEASE_MIN = 64 * 1024 }; /* below this, clearing beats a system call */
    if (bytes >= RELEASE_MIN && (uintptr_t)p % 4096 == 0 && bytes % 4096 == 0 &&
        madvise(p, bytes, MADV_DONTNEED) == 0)
        return; /* the kernel hands back zero pages on the next touch */
    memset(p, 0, bytes);
}
