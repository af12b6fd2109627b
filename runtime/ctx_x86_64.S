/*
 * ctx_x86_64.S — rt__ctx_swap_sp(void **save_sp, void *new_sp), SysV x86-64.
 * Pushes the six callee-saved GPRs on the current stack, stores rsp in *save_sp, loads
 * new_sp, pops the six and returns into the resumed context.
 *
 * Why `ret` and not `pop %rcx; jmp *%rcx`: a bare ping-pong between two different call
 * sites is 3x faster with pop+jmp, because `ret` then always mispredicts. But every
 * goroutine here switches out from the same call site, so the return-stack buffer's top
 * entry is exactly the resumed context's return address and `ret` is predicted; pop+jmp
 * instead leaves the buffer one entry deep, and every return up the resumed goroutine's
 * call chain mispredicts (measured: 44 ns per goroutine switch with pop+jmp, see
 * `gorsim bench switch`, against the figure in the README with ret).
 * MXCSR and the x87 control word are not saved (Go does not either).
 */
        .text
        .globl  rt__ctx_swap_sp
        .hidden rt__ctx_swap_sp
        .type   rt__ctx_swap_sp, @function
        .p2align 4
rt__ctx_swap_sp:
        .cfi_startproc
#if defined(__CET__)
        endbr64
#endif
        pushq   %rbp
        pushq   %rbx
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        movq    %rsp, (%rdi)
        movq    %rsi, %rsp
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %rbx
        popq    %rbp
        ret
        .cfi_endproc
        .size   rt__ctx_swap_sp, .-rt__ctx_swap_sp
        .section .note.GNU-stack,"",@progbits
