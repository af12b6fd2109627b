/*
 * thread.c — a goroutine's interpreter state (its slot stack, a precise root frame for
 * the collector, its call records), go statements (a packet on the heap carries the
 * call to the new goroutine), defer (packets linked from the frame's defer slot), panics
 * (Go's runtime.Error values, recover, and the report of a panic nobody recovered), and
 * calls from C back into scenario code.
 */
#include "sim/vm/ops.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void vm_load_value(const vm_type *t, vm_word *dst, const void *src);

_Noreturn void vm_throw(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "gorsim: internal error (please report): ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

/* ---------------------------------------------------------------- threads */

vm_thread *vm_thread_new(vm_program *p)
{
    vm_thread *t = calloc(1, sizeof *t);
    if (!t)
        vm_throw("out of host memory");
    t->prog = p;
    vm_thread_reserve(t, 1024);
    t->top = VM_TREGS; /* the thread registers (panic values): their data words are roots */
    memset(t->ptr, 0, VM_TREGS);
    for (int i = VM_TREG_PANIC + 1; i < VM_TREGS; i += 2)
        t->ptr[i] = 1;
    t->gcf.slots = (void **)t->stack;
    t->gcf.ptr = t->ptr;
    t->gcf.n = t->top;
    gc_frame_push(p->heap, &t->gcf);
    return t;
}

void vm_thread_free(vm_thread *t)
{
    gc_frame_pop(t->prog->heap, &t->gcf);
    free(t->stack);
    free(t->ptr);
    free(t->calls);
    free(t->trace);
    free(t);
}

void vm_thread_reserve(vm_thread *t, size_t slots)
{
    if (slots <= t->cap)
        return;
    size_t cap = t->cap ? t->cap : 1024;
    while (cap < slots)
        cap *= 2;
    if (cap > ((size_t)1 << 27))
        vm_fatal_stack_overflow(t);
    vm_word *s = realloc(t->stack, cap * sizeof *s);
    uint8_t *p = realloc(t->ptr, cap);
    if (!s || !p)
        vm_throw("out of host memory");
    memset(s + t->cap, 0, (cap - t->cap) * sizeof *s);
    memset(p + t->cap, 0, cap - t->cap);
    t->stack = s;
    t->ptr = p;
    t->cap = cap;
    t->gcf.slots = (void **)s;
    t->gcf.ptr = p;
}

/* vm_frame_enter: the one way a frame begins — room on the stack, a call record, the
   locals and results zeroed (parameters are in place), the frame's pointer map copied
   for the collector (INV-FRAME), and the root frame grown over it */
vm_word *vm_frame_enter(vm_thread *t, const vm_func *fn, vm_closure *clo, size_t base,
                        const vm_ins *ret, int stop, bool by_panic)
{
    vm_thread_reserve(t, base + (size_t)fn->nslots + (size_t)fn->out_words + 1);
    if (t->ncalls == t->capcalls) {
        if (t->ncalls >= VM_MAX_CALLS)
            vm_fatal_stack_overflow(t);
        t->capcalls = t->capcalls ? t->capcalls * 2 : 64;
        t->calls = realloc(t->calls, (size_t)t->capcalls * sizeof *t->calls);
        if (!t->calls)
            vm_throw("out of host memory");
    }
    t->calls[t->ncalls++] = (vm_call){fn, ret, base, clo, stop, by_panic};
    vm_word *fp = t->stack + base;
    int first = fn->nresult_words + fn->nparams_words;
    memset(fp + first, 0, (size_t)(fn->nslots - first) * sizeof *fp);
    memset(fp, 0, (size_t)fn->nresult_words * sizeof *fp);
    if (fn->nslots)
        memcpy(t->ptr + base, fn->ptr, (size_t)fn->nslots);
    t->top = base + (size_t)fn->nslots;
    t->gcf.slots = (void **)t->stack;
    t->gcf.ptr = t->ptr;
    t->gcf.n = t->top;
    return fp;
}

/* run_call: calls fn (through clo) with its frame at slot base, to completion */
static void run_call(vm_thread *t, const vm_func *fn, vm_closure *clo, size_t base)
{
    size_t saved = t->top; /* a native's arguments stay roots across its callbacks */
    vm_frame_enter(t, fn, clo, base, NULL, 1, false);
    vm_exec(t, fn->code);
    t->top = saved > base ? saved : base;
    t->gcf.n = t->top;
}

void vm_call_func(vm_thread *t, const vm_func *fn) { run_call(t, fn, NULL, t->top); }

void vm_call_closure(vm_thread *t, vm_closure *clo, vm_word *args, int nwords)
{
    /* args live in a native's frame: the callee's frame goes past the current top */
    size_t base = t->top;
    const vm_func *fn = clo->fn;
    vm_thread_reserve(t, base + (size_t)fn->nslots + (size_t)fn->out_words + (size_t)nwords + 1);
    size_t off = (size_t)(args - t->stack); /* args may move when the stack grows */
    memcpy(t->stack + base, t->stack + off, (size_t)nwords * sizeof(vm_word));
    run_call(t, fn, clo, base);
    if (!t->panicking)
        memcpy(t->stack + off, t->stack + base, (size_t)fn->nresult_words * sizeof(vm_word));
}

_Noreturn void vm_fatal_stack_overflow(vm_thread *t)
{
    (void)t;
    fflush(stdout);
    fprintf(stderr, "runtime: goroutine stack exceeds 1000000000-byte limit\n");
    rt_fatal("stack overflow");
}

/* ---------------------------------------------------------------- go and defer */

static vm_packet *packet(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    const vm_callsite *cs = in->p;
    vm_packet *d = gc_alloc(t->prog->heap, &cs->packet);
    if (in->a >= 0)
        gc_write_ptr(t->prog->heap, &d->clo, (void *)(uintptr_t)fp[in->a]);
    d->site = cs;
    /* arguments into a fresh heap object: barriered by copying through the packet type */
    for (int i = 0; i < (int)in->w; i++) {
        vm_word v = fp[in->b + i];
        int w = VM_PACKET_HEADER_WORDS + i;
        if (cs->mask[w / 8] >> (w % 8) & 1)
            gc_write_ptr(t->prog->heap, &d->args[i], (void *)(uintptr_t)v);
        else
            d->args[i] = v;
    }
    return d;
}

void vm_op_defer(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    vm_packet *d = packet(t, fp, in);
    if (in->a >= 0 && !d->clo) {
        vm_panic_nil(t);
        return;
    }
    gc_write_ptr(t->prog->heap, &d->next, (void *)(uintptr_t)fp[in->c]);
    fp[in->c] = (vm_word)(uintptr_t)d;
}

bool vm_run_packet_native(vm_thread *t, vm_packet *d)
{
    const vm_callsite *cs = d->site;
    if (!cs->native)
        return false;
    size_t base = t->top;
    vm_thread_reserve(t, base + (size_t)cs->resw + (size_t)cs->argw + 1);
    vm_word *a = t->stack + base;
    memset(a, 0, (size_t)cs->resw * sizeof *a);
    if (cs->argw)
        memcpy(a + cs->resw, d->args, (size_t)cs->argw * sizeof *a);
    cs->native(t, a, 0);
    return true;
}

vm_word *vm_push_packet(vm_thread *t, vm_packet *d, const vm_ins *ret, bool by_panic)
{
    const vm_callsite *cs = d->site;
    const vm_func *fn = d->clo ? d->clo->fn : cs->fn;
    size_t base = t->top;
    vm_thread_reserve(t, base + (size_t)fn->nslots + (size_t)fn->out_words + 1);
    if (cs->argw)
        memcpy(t->stack + base + fn->nresult_words, d->args, (size_t)cs->argw * sizeof(vm_word));
    return vm_frame_enter(t, fn, d->clo, base, ret, 0, by_panic);
}

/* a new goroutine: its packet is its start argument (a root until it runs) */
static void goroutine(void *arg)
{
    vm_packet *d = arg;
    vm_program *p = vm_current_program;
    vm_thread *t = vm_thread_new(p);
    t->g = rt_self();
    const vm_callsite *cs = d->site;
    if (cs->native) {
        vm_run_packet_native(t, d);
    } else {
        const vm_func *fn = d->clo ? d->clo->fn : cs->fn;
        size_t base = t->top;
        vm_thread_reserve(t, base + (size_t)fn->nslots + (size_t)fn->out_words + 1);
        if (cs->argw)
            memcpy(t->stack + base + fn->nresult_words, d->args, (size_t)cs->argw * sizeof(vm_word));
        run_call(t, fn, d->clo, base);
    }
    if (t->panicking)
        vm_report_panic(t);
    vm_thread_free(t);
}

void vm_op_go(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    vm_packet *d = packet(t, fp, in);
    if (in->a >= 0 && !d->clo) {
        vm_panic_plain(t, "go of nil func value");
        return;
    }
    rt_go(goroutine, d);
}

/* ---------------------------------------------------------------- panics */

/* error values the runtime makes: a runtime.Error with its message */
typedef struct vm_error {
    vm_string msg;
} vm_error;

static const uint8_t error_mask[] = {1};
static vm_method error_methods[] = {{"Error", NULL, "runtime.Error.Error", false},
                                    {"RuntimeError", NULL, "runtime.Error.RuntimeError", false}};
const vm_type vm_t_runtime_error = {
    .kind = K_STRUCT, .name = "runtime.Error", .size = 16, .align = 8, .words = 2,
    .gc = {16, 8, error_mask, "runtime.Error"}, .methods = error_methods, .nmethods = 2,
    .ptr_methods = error_methods, .nptr_methods = 2, .named = true, .comparable = true};
const vm_type vm_t_plain_error = {
    .kind = K_STRUCT, .name = "runtime.plainError", .size = 16, .align = 8, .words = 2,
    .gc = {16, 8, error_mask, "runtime.plainError"}, .methods = error_methods, .nmethods = 1,
    .ptr_methods = error_methods, .nptr_methods = 1, .named = true, .comparable = true};
const vm_type vm_t_type_assertion_error = {
    .kind = K_STRUCT, .name = "*runtime.TypeAssertionError", .size = 16, .align = 8,
    .words = 2, .gc = {16, 8, error_mask, "runtime.TypeAssertionError"},
    .methods = error_methods, .nmethods = 2, .ptr_methods = error_methods, .nptr_methods = 2,
    .named = true, .comparable = true};

static void panic_error(vm_thread *t, const vm_type *type, const char *msg)
{
    vm_string s = vm_string_new(t, msg, strlen(msg));
    vm_iface v;
    vm_box(t, &v, type, &s);
    vm_panic_start(t, v);
    t->panic_pending = true;
}

void vm_panic_msg(vm_thread *t, const char *runtime_error)
{
    char buf[320];
    snprintf(buf, sizeof buf, "runtime error: %s", runtime_error);
    panic_error(t, &vm_t_runtime_error, buf);
}

void vm_panic_plain(vm_thread *t, const char *msg) { panic_error(t, &vm_t_plain_error, msg); }
void vm_panic_typeassert(vm_thread *t, const char *msg)
{
    panic_error(t, &vm_t_type_assertion_error, msg);
}

void vm_panic_nil(vm_thread *t)
{
    vm_panic_msg(t, "invalid memory address or nil pointer dereference");
    t->nil_deref = true;
}

void vm_panic_index(vm_thread *t, int64_t i, int64_t len)
{
    char buf[128];
    if (i < 0)
        snprintf(buf, sizeof buf, "index out of range [%lld]", (long long)i);
    else
        snprintf(buf, sizeof buf, "index out of range [%lld] with length %lld", (long long)i,
                 (long long)len);
    vm_panic_msg(t, buf);
}

void vm_panic_start(vm_thread *t, vm_iface v)
{
    if (t->panicking && t->npanics < VM_MAX_NESTED_PANICS) /* both are reported */
        memcpy(&t->stack[VM_TREG_OLDER + 2 * t->npanics++], &t->stack[VM_TREG_PANIC],
               2 * sizeof(vm_word));
    *(vm_iface *)&t->stack[VM_TREG_PANIC] = v;
    t->panicking = true;
    t->recovered = false; /* a panic raised after a recover is a new one */
}

void vm_op_recover(vm_thread *t, vm_word *fp, const vm_ins *in)
{
    vm_call *c = &t->calls[t->ncalls - 1];
    if (!t->panicking || !c->panic_defer || t->recovered) {
        memset(&fp[in->a], 0, 2 * sizeof(vm_word));
        return;
    }
    *(vm_iface *)&fp[in->a] = *(vm_iface *)&t->stack[VM_TREG_PANIC];
    memset(&t->stack[VM_TREG_PANIC], 0, 2 * sizeof(vm_word));
    t->panicking = false;
    t->recovered = true;
    t->npanics = 0;
    t->nil_deref = false;
}

/* print_value: a panic value as Go's printpanicval shows it */
static void print_value(vm_thread *t, vm_buf *b, const vm_iface *v)
{
    vm_fmt_env env = {vm_call_method, t};
    vm_panic_value(b, &env, v);
}

void vm_report_panic(vm_thread *t)
{
    vm_buf b = {0};
    for (int i = 0; i < t->npanics; i++) {
        vm_buf_puts(&b, i ? "\tpanic: " : "panic: ");
        print_value(t, &b, (vm_iface *)&t->stack[VM_TREG_OLDER + 2 * i]);
        vm_buf_putc(&b, '\n');
    }
    vm_buf_puts(&b, t->npanics ? "\tpanic: " : "panic: ");
    print_value(t, &b, (vm_iface *)&t->stack[VM_TREG_PANIC]);
    vm_buf_putc(&b, '\n');
    if (t->nil_deref)
        vm_buf_puts(&b, "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]\n");
    char line[128];
    snprintf(line, sizeof line, "\ngoroutine %llu [running]:\n",
             (unsigned long long)(t->g ? rt_g_id(t->g) : 1));
    vm_buf_puts(&b, line);
    vm_buf_puts(&b, t->trace ? t->trace : "");
    fflush(stdout);
    fwrite(b.p, 1, b.len, stderr);
    vm_buf_free(&b);
    fflush(stderr);
    _exit(2);
}

/* vm_capture_trace records the goroutine's calls as Go's traceback shows them */
void vm_capture_trace(vm_thread *t, const vm_ins *at)
{
    if (t->trace)
        return;
    vm_buf b = {0};
    const char *file = t->prog->src->file->src->name;
    const vm_ins *pc = at;
    for (int i = t->ncalls - 1; i >= 0; i--) {
        const vm_call *c = &t->calls[i];
        char line[512];
        snprintf(line, sizeof line, "%s(...)\n\t%s:%d\n", c->fn->name, file,
                 pc ? pc->pos.line : 0);
        vm_buf_puts(&b, line);
        pc = c->ret ? c->ret - 1 : NULL;
    }
    vm_buf_putc(&b, 0);
    t->trace = b.p;
}

void vm_block_forever(vm_thread *t, bool send)
{
    (void)t;
    rt_park(NULL, NULL, send ? RT_WAIT_CHAN_SEND_NIL : RT_WAIT_CHAN_RECV_NIL);
}
