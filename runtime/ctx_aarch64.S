/*
 * ctx_aarch64.S — rt__ctx_swap_sp(void **save_sp, void *new_sp), AAPCS64.
 * Saves x19..x30 and d8..d15 (the callee-saved set) on the current stack, stores sp in
 * *save_sp, loads new_sp, restores and returns through x30.
 */
        .text
        .globl  rt__ctx_swap_sp
        .hidden rt__ctx_swap_sp
        .type   rt__ctx_swap_sp, %function
        .p2align 4
rt__ctx_swap_sp:
        sub     sp, sp, #176
        stp     x19, x20, [sp, #0]
        stp     x21, x22, [sp, #16]
        stp     x23, x24, [sp, #32]
        stp     x25, x26, [sp, #48]
        stp     x27, x28, [sp, #64]
        stp     x29, x30, [sp, #80]
        stp     d8,  d9,  [sp, #96]
        stp     d10, d11, [sp, #112]
        stp     d12, d13, [sp, #128]
        stp     d14, d15, [sp, #144]
        mov     x2, sp
        str     x2, [x0]
        mov     sp, x1
        ldp     x19, x20, [sp, #0]
        ldp     x21, x22, [sp, #16]
        ldp     x23, x24, [sp, #32]
        ldp     x25, x26, [sp, #48]
        ldp     x27, x28, [sp, #64]
        ldp     x29, x30, [sp, #80]
        ldp     d8,  d9,  [sp, #96]
        ldp     d10, d11, [sp, #112]
        ldp     d12, d13, [sp, #128]
        ldp     d14, d15, [sp, #144]
        add     sp, sp, #176
        ret
        .size   rt__ctx_swap_sp, .-rt__ctx_swap_sp
        .section .note.GNU-stack,"",%progbits
