/*
 * ctx_ucontext.c — the portable backend: makecontext/swapcontext. Each switch costs one
 * rt_sigprocmask system call (about 235 ns here against 4–17 ns for the asm backend).
 * The registers live in rt_ctx.uc, not on the stack: a conservative stack scan must also
 * cover the ucontext (the G that holds it).
 */
#include "ctx.h"

void rt__ctx_make(rt_ctx *c, void *lo, size_t size, void (*entry)(void))
{
    getcontext(&c->uc);
    c->uc.uc_stack.ss_sp = lo;
    c->uc.uc_stack.ss_size = size;
    c->uc.uc_link = NULL;
    makecontext(&c->uc, entry, 0);
    c->sp = (char *)lo + size;
}

void rt__ctx_switch(rt_ctx *from, rt_ctx *to)
{
    char here;
    from->sp = &here;
    swapcontext(&from->uc, &to->uc);
}

const char *rt__ctx_backend_name(void) { return "ucontext"; }
