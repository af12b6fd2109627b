/*
 * exec.c — the interpreter loop: threaded code (each instruction holds its handler's
 * label), one C frame for any depth of scenario calls (a call pushes a frame record and
 * continues in the same loop), virtual time charged per instruction and paid at loop
 * back-edges, calls and runtime operations (the safe points, INV-SAFE), and panics
 * unwound here, running deferred calls.
 */
#include "sim/vm/ops.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static vm_ins panic_cont = {.code = OP_PANIC, .a = -1}; /* a deferred call run by a panic
                                                            returns here */

#define S(x) (fp[(x)])
#define I(x) ((int64_t)fp[(x)])
#define D(x) (*(double *)&fp[(x)])
#define PTR(x) ((char *)(uintptr_t)fp[(x)])

static void *labels_of(void); /* filled by vm_exec's first call */

void vm_link(vm_func *f)
{
    void **tab = labels_of();
    panic_cont.op = tab[OP_PANIC];
    for (int i = 0; i < f->ncode; i++)
        f->code[i].op = tab[f->code[i].code];
}

/* push_frame: a call of fn (through clo) whose frame starts at slot base */
static vm_word *push_frame(vm_thread *t, const vm_func *fn, vm_closure *clo, size_t base,
                           const vm_ins *ret)
{
    return vm_frame_enter(t, fn, clo, base, ret, 0, false);
}

static void pop_frame(vm_thread *t)
{
    t->ncalls--;
    vm_call *c = &t->calls[t->ncalls];
    if (t->ncalls) {
        vm_call *p = &t->calls[t->ncalls - 1];
        t->top = p->fp + (size_t)p->fn->nslots;
    } else {
        t->top = c->fp;
    }
    t->gcf.n = t->top;
}

void vm_exec(vm_thread *t, const vm_ins *start)
{
    static void *const labels[] = {
#define VM_OP_LABEL(name) &&L_##name,
        VM_OPS(VM_OP_LABEL)
#undef VM_OP_LABEL
    };
    if (!start) { /* vm_link asks for the table */
        *(void *const **)t = labels;
        return;
    }
    int64_t ticks = 0, cost = t->prog->cost_ins;
    gc_heap *heap = t->prog->heap;
    vm_call *call = &t->calls[t->ncalls - 1];
    vm_word *fp = t->stack + call->fp;
    const vm_ins *pc = start, *in;
#define FLUSH()                                                                             \
    do {                                                                                    \
        if (ticks) {                                                                        \
            rt_charge(ticks * cost);                                                        \
            ticks = 0;                                                                      \
        }                                                                                   \
    } while (0)
#define RELOAD()                                                                            \
    do {                                                                                    \
        call = &t->calls[t->ncalls - 1];                                                    \
        fp = t->stack + call->fp;                                                           \
    } while (0)
#define NEXT()                                                                              \
    do {                                                                                    \
        in = pc++;                                                                          \
        ticks++;                                                                            \
        goto *in->op;                                                                       \
    } while (0)
#define OPERATION(fn)                                                                       \
    do {                                                                                    \
        FLUSH();                                                                            \
        fn(t, fp, in);                                                                      \
        if (__builtin_expect(t->panic_pending, 0))                                          \
            goto panic;                                                                     \
        RELOAD();                                                                           \
        NEXT();                                                                             \
    } while (0)
#define NILCHECK(x)                                                                         \
    do {                                                                                    \
        if (__builtin_expect(!(x), 0)) {                                                    \
            vm_panic_nil(t);                                                                \
            goto panic;                                                                     \
        }                                                                                   \
    } while (0)

    NEXT();

L_NOP: NEXT();
L_MOV: S(in->a) = S(in->b); NEXT();
L_MOVN: memmove(&S(in->a), &S(in->b), in->w * sizeof(vm_word)); NEXT();
L_ZERO: memset(&S(in->a), 0, in->w * sizeof(vm_word)); NEXT();
L_CONST: S(in->a) = (vm_word)in->k; NEXT();
L_CONSTN: memcpy(&S(in->a), in->p, in->w * sizeof(vm_word)); NEXT();
L_ADD: S(in->a) = S(in->b) + S(in->c); NEXT();
L_SUB: S(in->a) = S(in->b) - S(in->c); NEXT();
L_MUL: S(in->a) = S(in->b) * S(in->c); NEXT();
L_ADDK: S(in->a) = S(in->b) + (vm_word)in->k; NEXT();
L_DIV:
    if (!S(in->c))
        goto divzero;
    S(in->a) = I(in->c) == -1 ? (vm_word)0 - S(in->b) : (vm_word)(I(in->b) / I(in->c));
    NEXT();
L_REM:
    if (!S(in->c))
        goto divzero;
    S(in->a) = I(in->c) == -1 ? 0 : (vm_word)(I(in->b) % I(in->c));
    NEXT();
L_DIVU:
    if (!S(in->c))
        goto divzero;
    S(in->a) = S(in->b) / S(in->c);
    NEXT();
L_REMU:
    if (!S(in->c))
        goto divzero;
    S(in->a) = S(in->b) % S(in->c);
    NEXT();
L_AND: S(in->a) = S(in->b) & S(in->c); NEXT();
L_OR: S(in->a) = S(in->b) | S(in->c); NEXT();
L_XOR: S(in->a) = S(in->b) ^ S(in->c); NEXT();
L_ANDNOT: S(in->a) = S(in->b) & ~S(in->c); NEXT();
L_SHL:
    if (in->w && I(in->c) < 0)
        goto negshift;
    S(in->a) = S(in->c) >= 64 ? 0 : S(in->b) << S(in->c);
    NEXT();
L_SHR:
    if (in->w && I(in->c) < 0)
        goto negshift;
    S(in->a) = (vm_word)(S(in->c) >= 64 ? (I(in->b) < 0 ? -1 : 0) : I(in->b) >> S(in->c));
    NEXT();
L_SHRU:
    if (in->w && I(in->c) < 0)
        goto negshift;
    S(in->a) = S(in->c) >= 64 ? 0 : S(in->b) >> S(in->c);
    NEXT();
L_NEG: S(in->a) = (vm_word)0 - S(in->b); NEXT();
L_COM: S(in->a) = ~S(in->b); NEXT();
L_NOT: S(in->a) = !S(in->b); NEXT();
L_SEXT: {
    unsigned sh = 64 - in->w;
    S(in->a) = (vm_word)((int64_t)(S(in->b) << sh) >> sh);
    NEXT();
}
L_ZEXT: S(in->a) = S(in->b) & (((vm_word)1 << in->w) - 1); NEXT();
L_FADD: D(in->a) = D(in->b) + D(in->c); NEXT();
L_FSUB: D(in->a) = D(in->b) - D(in->c); NEXT();
L_FMUL: D(in->a) = D(in->b) * D(in->c); NEXT();
L_FDIV: D(in->a) = D(in->b) / D(in->c); NEXT();
L_FNEG: D(in->a) = -D(in->b); NEXT();
L_I2F: D(in->a) = (double)I(in->b); NEXT();
L_U2F: D(in->a) = (double)S(in->b); NEXT();
L_F2I: S(in->a) = (vm_word)vm_f2i(D(in->b)); NEXT();
L_F2U: S(in->a) = vm_f2u(D(in->b)); NEXT();
L_EQ: S(in->a) = S(in->b) == S(in->c); NEXT();
L_NE: S(in->a) = S(in->b) != S(in->c); NEXT();
L_LT: S(in->a) = I(in->b) < I(in->c); NEXT();
L_LE: S(in->a) = I(in->b) <= I(in->c); NEXT();
L_LTU: S(in->a) = S(in->b) < S(in->c); NEXT();
L_LEU: S(in->a) = S(in->b) <= S(in->c); NEXT();
L_FEQ: S(in->a) = D(in->b) == D(in->c); NEXT();
L_FNE: S(in->a) = D(in->b) != D(in->c); NEXT();
L_FLT: S(in->a) = D(in->b) < D(in->c); NEXT();
L_FLE: S(in->a) = D(in->b) <= D(in->c); NEXT();
L_STREQ: S(in->a) = vm_equal(&vm_t_string, &S(in->b), &S(in->c)); NEXT();
L_STRLT: S(in->a) = vm_strcmp((vm_string *)&S(in->b), (vm_string *)&S(in->c)) < 0; NEXT();
L_STRLE: S(in->a) = vm_strcmp((vm_string *)&S(in->b), (vm_string *)&S(in->c)) <= 0; NEXT();
L_EQMEM: S(in->a) = vm_equal(in->p, &S(in->b), &S(in->c)); NEXT();
L_JMP: pc = call->fn->code + in->k; NEXT();
L_JT:
    if (S(in->a))
        pc = call->fn->code + in->k;
    NEXT();
L_JF:
    if (!S(in->a))
        pc = call->fn->code + in->k;
    NEXT();
L_JLT:
    if (I(in->a) < I(in->b))
        pc = call->fn->code + in->k;
    NEXT();
L_JLE:
    if (I(in->a) <= I(in->b))
        pc = call->fn->code + in->k;
    NEXT();
L_LOOP:
    pc = call->fn->code + in->k;
    if (ticks >= 64) { /* a loop is a safe point: time passes, others may run */
        FLUSH();
        RELOAD();
    }
    NEXT();
L_LD8S: NILCHECK(S(in->b)); S(in->a) = (vm_word)(int64_t)*(int8_t *)(PTR(in->b) + in->k); NEXT();
L_LD8U: NILCHECK(S(in->b)); S(in->a) = *(uint8_t *)(PTR(in->b) + in->k); NEXT();
L_LD16S: NILCHECK(S(in->b)); S(in->a) = (vm_word)(int64_t)*(int16_t *)(PTR(in->b) + in->k); NEXT();
L_LD16U: NILCHECK(S(in->b)); S(in->a) = *(uint16_t *)(PTR(in->b) + in->k); NEXT();
L_LD32S: NILCHECK(S(in->b)); S(in->a) = (vm_word)(int64_t)*(int32_t *)(PTR(in->b) + in->k); NEXT();
L_LD32U: NILCHECK(S(in->b)); S(in->a) = *(uint32_t *)(PTR(in->b) + in->k); NEXT();
L_LD64: NILCHECK(S(in->b)); S(in->a) = __atomic_load_n((vm_word *)(PTR(in->b) + in->k), __ATOMIC_RELAXED); NEXT();
L_LDN:
    NILCHECK(S(in->b));
    S(in->a + (int)((in->w + 7) / 8) - 1) = 0;
    memcpy(&S(in->a), PTR(in->b) + in->k, in->w);
    NEXT();
L_ST8: NILCHECK(S(in->a)); *(uint8_t *)(PTR(in->a) + in->k) = (uint8_t)S(in->b); NEXT();
L_ST16: NILCHECK(S(in->a)); *(uint16_t *)(PTR(in->a) + in->k) = (uint16_t)S(in->b); NEXT();
L_ST32: NILCHECK(S(in->a)); *(uint32_t *)(PTR(in->a) + in->k) = (uint32_t)S(in->b); NEXT();
L_ST64: NILCHECK(S(in->a)); *(vm_word *)(PTR(in->a) + in->k) = S(in->b); NEXT();
L_STP: NILCHECK(S(in->a)); gc_write_ptr(heap, PTR(in->a) + in->k, (void *)(uintptr_t)S(in->b)); NEXT();
L_STN: NILCHECK(S(in->a)); memcpy(PTR(in->a) + in->k, &S(in->b), in->w); NEXT();
L_STT:
    NILCHECK(S(in->a));
    gc_typed_copy(heap, &((const vm_type *)in->p)->gc, PTR(in->a) + in->k, &S(in->b), 1);
    NEXT();
L_ADDR: NILCHECK(S(in->b)); S(in->a) = S(in->b) + (vm_word)in->k; NEXT();
L_FADDR: S(in->a) = (vm_word)(uintptr_t)&S(in->b) + (vm_word)in->k; NEXT();
L_IDX: S(in->a) = S(in->b) + S(in->c) * in->w; NEXT();
L_BOUNDS:
    if (__builtin_expect(S(in->a) >= S(in->b), 0)) {
        vm_panic_index(t, I(in->a), I(in->b));
        goto panic;
    }
    NEXT();
L_NILCHK: NILCHECK(S(in->a)); NEXT();
L_NEW: OPERATION(vm_op_new);
L_CALL:
    FLUSH();
    fp = push_frame(t, in->p, NULL, call->fp + (size_t)in->a, pc);
    call = &t->calls[t->ncalls - 1];
    pc = call->fn->code;
    NEXT();
L_CALLC: {
    vm_closure *c = (vm_closure *)PTR(in->b);
    NILCHECK(c);
    FLUSH();
    fp = push_frame(t, c->fn, c, call->fp + (size_t)in->a, pc);
    call = &t->calls[t->ncalls - 1];
    pc = call->fn->code;
    NEXT();
}
L_CALLN:
    FLUSH();
    if (in->c) { /* the arguments past the frame are roots while the native runs */
        size_t base = call->fp + (size_t)in->a;
        vm_thread_reserve(t, base + (size_t)in->c + 1);
        memset(t->ptr + base, 1, (size_t)in->c);
        t->top = base + (size_t)in->c;
        t->gcf.n = t->top;
        fp = t->stack + call->fp;
    }
    ((vm_native_fn)in->p)(t, &S(in->a), (int)in->w);
    if (__builtin_expect(t->panic_pending, 0))
        goto panic;
    RELOAD();
    t->top = call->fp + (size_t)call->fn->nslots;
    t->gcf.n = t->top;
    NEXT();
L_CALLI: {
    /* an interface method: the dynamic type's method, its receiver made from the data
       word (the value itself, the boxed value, or an embedded field of either) */
    const vm_iface *iv = (const vm_iface *)&S(in->b);
    if (!iv->type) {
        vm_panic_nil(t);
        goto panic;
    }
    FLUSH();
    const vm_method *m = vm_find_method(iv->type, in->p);
    if (!m)
        vm_throw("interface method %s missing on %s", (const char *)in->p, iv->type->name);
    size_t base = call->fp + (size_t)in->a;
    vm_word recv[VM_MAX_INLINE_WORDS];
    const vm_type *iface_type = iv->type;
    int rwords = vm_method_receiver(m, iface_type, iv->data, recv);
    if (rwords < 0) {
        vm_panic_nil(t);
        goto panic;
    }
    vm_thread_reserve(t, base + (size_t)(in->c + rwords + (int)in->w) + 64);
    fp = t->stack + call->fp;
    vm_word *r = t->stack + base + in->c;
    if (rwords != 1)
        memmove(r + rwords, r + 1, in->w * sizeof(vm_word));
    memcpy(r, recv, (size_t)rwords * sizeof(vm_word));
    if (m->native) {
        vm_native_fn nf = vm_native_lookup(m->native);
        if (!nf)
            vm_throw("native method %s missing", m->native);
        nf(t, t->stack + base, 0);
        if (__builtin_expect(t->panic_pending, 0))
            goto panic;
        RELOAD();
        NEXT();
    }
    fp = push_frame(t, m->fn, NULL, base, pc);
    call = &t->calls[t->ncalls - 1];
    pc = call->fn->code;
    NEXT();
}
L_RET:
    FLUSH();
    if (call->stop) { /* the end of a nested run (a native's callback, a goroutine) */
        pop_frame(t);
        return;
    }
    pc = call->ret;
    pop_frame(t);
    RELOAD();
    NEXT();
L_DEFERRUN: {
    if (call->fn->defer_slot < 0 || !S(call->fn->defer_slot))
        NEXT();
    vm_packet *d = (vm_packet *)PTR(call->fn->defer_slot);
    S(call->fn->defer_slot) = (vm_word)(uintptr_t)d->next;
    FLUSH();
    if (vm_run_packet_native(t, d)) { /* a native ran in place */
        if (t->panic_pending)
            goto panic;
        RELOAD();
        pc = in; /* DEFERRUN again: the next deferred call */
        NEXT();
    }
    fp = vm_push_packet(t, d, in, false);
    RELOAD();
    pc = call->fn->code;
    NEXT();
}
L_CLOSURE: OPERATION(vm_op_closure);
L_SETCAP:
    gc_write_ptr(heap, &((vm_closure *)PTR(in->a))->cells[in->k], (void *)(uintptr_t)S(in->b));
    NEXT();
L_CAPREF: S(in->a) = (vm_word)(uintptr_t)call->clo->cells[in->k]; NEXT();
L_GO: OPERATION(vm_op_go);
L_GOC: NEXT();
L_DEFER: OPERATION(vm_op_defer);
L_PANIC:
    if (in->a >= 0) {
        FLUSH();
        vm_panic_start(t, *(vm_iface *)&S(in->a));
        goto panic;
    }
    /* a deferred call of an unwinding panic has returned */
    if (t->recovered) {
        t->recovered = false;
        pc = call->fn->code + call->fn->epilogue; /* the recovering frame returns normally */
        NEXT();
    }
    goto unwind;
L_RECOVER: vm_op_recover(t, fp, in); NEXT();
L_STRCAT: OPERATION(vm_op_strcat);
L_STRIDX:
    if (__builtin_expect(S(in->c) >= S(in->b + 1), 0)) {
        vm_panic_index(t, I(in->c), I(in->b + 1));
        goto panic;
    }
    S(in->a) = ((const uint8_t *)PTR(in->b))[S(in->c)];
    NEXT();
L_STRSLICE: NEXT();
L_STRCONV: OPERATION(vm_op_strconv);
L_SLICE: OPERATION(vm_op_slice);
L_MAKESLICE: OPERATION(vm_op_makeslice);
L_APPEND: OPERATION(vm_op_append);
L_APPENDSL: OPERATION(vm_op_appendsl);
L_COPY: OPERATION(vm_op_copy);
L_MAKEMAP: OPERATION(vm_op_makemap);
L_MAPGET: OPERATION(vm_op_mapget);
L_MAPGET2: OPERATION(vm_op_mapget);
L_MAPSET: OPERATION(vm_op_mapset);
L_MAPDEL: OPERATION(vm_op_mapdel);
L_MAPLEN: S(in->a) = (vm_word)hmap_len((hmap *)PTR(in->b)); NEXT();
L_MAPCLEAR: OPERATION(vm_op_mapclear);
L_MAPITER: OPERATION(vm_op_mapiter);
L_MAPNEXT:
    FLUSH();
    if (!vm_op_mapnext(t, fp, in))
        pc = call->fn->code + in->k;
    if (t->panic_pending)
        goto panic;
    NEXT();
L_STRNEXT:
    if (!vm_op_strnext(fp, in))
        pc = call->fn->code + in->k;
    NEXT();
L_BOX: OPERATION(vm_op_box);
L_ASSERT: OPERATION(vm_op_assert);
L_ASSERT2: OPERATION(vm_op_assert);
L_IFACEEQ: NEXT();
L_MAKECHAN: OPERATION(vm_op_makechan);
L_SEND: OPERATION(vm_op_send);
L_RECV: OPERATION(vm_op_recv);
L_CLOSE: OPERATION(vm_op_close);
L_CHANLEN: OPERATION(vm_op_chanlen);
L_SELECT: OPERATION(vm_op_select);
L_CHARGE: t->pending += in->k; NEXT();

divzero:
    vm_panic_msg(t, "integer divide by zero");
    goto panic;
negshift:
    vm_panic_msg(t, "negative shift amount");
    goto panic;
panic:
    t->panic_pending = false;
    vm_capture_trace(t, in);
    FLUSH();
unwind:
    for (;;) {
        call = &t->calls[t->ncalls - 1];
        fp = t->stack + call->fp;
        int ds = call->fn->defer_slot;
        if (ds >= 0 && S(ds)) { /* run the frame's next deferred call */
            vm_packet *d = (vm_packet *)PTR(ds);
            S(ds) = (vm_word)(uintptr_t)d->next;
            if (vm_run_packet_native(t, d)) {
                if (t->panic_pending)
                    t->panic_pending = false;
                continue;
            }
            fp = vm_push_packet(t, d, &panic_cont, true);
            RELOAD();
            pc = call->fn->code;
            NEXT();
        }
        if (call->stop) { /* a nested run ends: its C caller goes on unwinding */
            pop_frame(t);
            return;
        }
        pop_frame(t);
        if (!t->ncalls)
            return; /* the goroutine's last frame: the caller reports the panic */
    }
}

static void *labels_of(void)
{
    void *const *tab = NULL;
    vm_exec((vm_thread *)&tab, NULL);
    return (void *)tab;
}
