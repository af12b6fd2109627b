/*
 * ctx_asm.c — the C half of the assembly backend: building a fresh context.
 * The switch itself is in ctx_x86_64.S or ctx_aarch64.S.
 */
#include "ctx.h"
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__)
/*
 * Frame the switch pops: r15 r14 r13 r12 rbx rbp, then the resume address, which it
 * jumps to. Above that a zero fake return address ends backtraces. With T the 16-byte
 * aligned top, entry starts with rsp = T - 8 (≡ 8 mod 16), exactly as after a call.
 */
void rt__ctx_make(rt_ctx *c, void *lo, size_t size, void (*entry)(void))
{
    uintptr_t top = ((uintptr_t)lo + size) & ~(uintptr_t)15;
    uintptr_t *sp = (uintptr_t *)top;
    *--sp = 0;                       /* fake return address of entry */
    *--sp = (uintptr_t)entry;        /* resume address */
    for (int i = 0; i < 6; i++)
        *--sp = 0;                   /* rbp rbx r12..r15 */
    c->sp = sp;
}

const char *rt__ctx_backend_name(void) { return "asm-x86_64"; }

#elif defined(__aarch64__)
/*
 * Frame the switch restores (176 bytes): x19..x28, x29 (fp), x30 (lr), d8..d15, 8 bytes pad.
 * lr = entry, fp = 0; sp = top - 176 + 176 = top at entry, 16-byte aligned as AAPCS64 asks.
 */
void rt__ctx_make(rt_ctx *c, void *lo, size_t size, void (*entry)(void))
{
    uintptr_t top = ((uintptr_t)lo + size) & ~(uintptr_t)15;
    uintptr_t *frame = (uintptr_t *)(top - 176);
    memset(frame, 0, 176);
    frame[11] = (uintptr_t)entry;    /* x30 */
    c->sp = frame;
}

const char *rt__ctx_backend_name(void) { return "asm-aarch64"; }
#else
#error "the asm context backend supports x86_64 and aarch64; configure --with-context=ucontext"
#endif
