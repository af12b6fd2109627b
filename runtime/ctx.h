/*
 * ctx.h — saving and restoring an execution context (callee-saved registers + stack
 * pointer). One backend is compiled in, chosen at configure time (--with-context):
 *   asm       ctx_x86_64.S / ctx_aarch64.S: registers are pushed on the context's own
 *             stack, so [sp, stack hi) covers them for a conservative scan.
 *   ucontext  ctx_ucontext.c: portable, ~20x slower (one rt_sigprocmask per switch).
 * This header is internal to runtime/; nothing here knows about goroutines.
 */
#ifndef GORSIM_RUNTIME_CTX_H
#define GORSIM_RUNTIME_CTX_H

#include "config.h"
#include <stddef.h>

#if GORSIM_CTX_UCONTEXT
#include <ucontext.h>
typedef struct rt_ctx {
    void *sp;          /* approximate: the stack pointer at the last save (for scans) */
    ucontext_t uc;
} rt_ctx;
#else
typedef struct rt_ctx {
    void *sp;          /* saved stack pointer; registers lie just above it */
} rt_ctx;
#endif

/* rt__ctx_make prepares c to start entry() on the stack [lo, lo+size) when switched to.
   entry must never return. */
void rt__ctx_make(rt_ctx *c, void *lo, size_t size, void (*entry)(void));
/* rt__ctx_switch saves the current context into from and resumes to. */
#if GORSIM_CTX_UCONTEXT
void rt__ctx_switch(rt_ctx *from, rt_ctx *to);
#else
void rt__ctx_swap_sp(void **save_sp, void *new_sp); /* ctx_<arch>.S */
static inline void rt__ctx_switch(rt_ctx *from, rt_ctx *to)
{
    rt__ctx_swap_sp(&from->sp, to->sp);
}
#endif
/* rt__ctx_backend_name names the backend ("asm-x86_64", "asm-aarch64", "ucontext"). */
const char *rt__ctx_backend_name(void);

#endif
