/*
 * ops.h — the operations the interpreter loop calls out to (ops.c, ops_map.c,
 * thread.c): each takes the thread, its frame and the instruction; one that panics sets
 * t->panic_pending and returns.
 */
#ifndef GORSIM_SIM_VM_OPS_H
#define GORSIM_SIM_VM_OPS_H

#include "sim/vm/vm_internal.h"

#define VM_MAX_CALLS 100000 /* frames per goroutine: Go's 1 GB stack, roughly */

typedef void vm_op_fn(vm_thread *t, vm_word *fp, const vm_ins *in);
vm_op_fn vm_op_new, vm_op_closure, vm_op_go, vm_op_defer, vm_op_recover, vm_op_strcat,
    vm_op_strconv, vm_op_slice, vm_op_makeslice, vm_op_append, vm_op_appendsl, vm_op_copy,
    vm_op_makemap, vm_op_mapget, vm_op_mapset, vm_op_mapdel, vm_op_mapclear, vm_op_mapiter,
    vm_op_box, vm_op_assert, vm_op_makechan, vm_op_send, vm_op_recv, vm_op_close,
    vm_op_chanlen, vm_op_select;
bool vm_op_mapnext(vm_thread *t, vm_word *fp, const vm_ins *in); /* false: done */
bool vm_op_strnext(vm_word *fp, const vm_ins *in);               /* false: done */

int vm_strcmp(const vm_string *a, const vm_string *b);
const vm_method *vm_find_method(const vm_type *t, const char *name); /* t's method set */
int vm_method_receiver(const vm_method *m, const vm_type *dyn, const void *data, vm_word *out);
/* vm_key_hashable: false (a panic started) for an interface key of unhashable type */
bool vm_key_hashable(vm_thread *t, const vm_type *kt, const void *k);
void vm_load_value(const vm_type *t, vm_word *dst, const void *src);
void vm_store_value(vm_thread *t, const vm_type *ty, void *dst, const vm_word *src);
int64_t vm_f2i(double d);
uint64_t vm_f2u(double d);

#define VM_MAX_INLINE_WORDS 64

/* panics (thread.c) */
void vm_panic_plain(vm_thread *t, const char *msg);     /* not a "runtime error: " */
void vm_panic_typeassert(vm_thread *t, const char *msg);
void vm_block_forever(vm_thread *t, bool send);          /* a nil channel */
_Noreturn void vm_report_panic(vm_thread *t);            /* panic: ..., exit status 2 */
void vm_capture_trace(vm_thread *t, const vm_ins *at);   /* the stack, for the report */
bool vm_call_method(void *ctx, const vm_type *t, const void *p, const char *name,
                    vm_string *out);
void vm_call_func(vm_thread *t, const vm_func *fn);      /* no arguments, no results */

/* run.c */
extern vm_program *vm_current_program;
rt_rng *vm_program_rng(vm_program *p);
void vm_rng_lock(void);
void vm_rng_unlock(void);
int64_t vm_param_lookup(vm_program *p, const uint8_t *name, size_t len, int64_t def);
void vm_panic_nil(vm_thread *t);
void vm_panic_index(vm_thread *t, int64_t i, int64_t len);
void vm_panic_start(vm_thread *t, vm_iface v);
_Noreturn void vm_fatal_stack_overflow(vm_thread *t);
vm_word *vm_frame_enter(vm_thread *t, const vm_func *fn, vm_closure *clo, size_t base,
                        const vm_ins *ret, int stop, bool by_panic);
/* deferred calls */
bool vm_run_packet_native(vm_thread *t, vm_packet *d);
vm_word *vm_push_packet(vm_thread *t, vm_packet *d, const vm_ins *ret, bool by_panic);

#endif
