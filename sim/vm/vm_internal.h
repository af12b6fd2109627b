/*
 * vm_internal.h — the interpreter's code and state, for sim/vm/ only.
 *
 * Files: rtype.c runtime type descriptors; compile.c functions, frames and statements;
 * compile_expr.c expressions; exec.c the interpreter loop; ops.c the operations too big
 * to inline in the loop (strings, slices, maps, conversions, runtime errors); thread.c
 * goroutines, calls across C (natives calling back), panics and defers; natives.c the
 * built-in packages; fmt.c formatting; run.c the run (runtime, heap, globals, main).
 *
 * Invariants:
 *  INV-FRAME  a frame slot has one static type for the whole function (the compiler never
 *             reuses a slot for another type), so its pointer byte in the thread's mask is
 *             fixed while the frame lives: the collector scans frames precisely.
 *  INV-SAFE   the interpreter reaches a safe point (rt_charge) only with every live heap
 *             pointer in a frame slot, a heap object, or a C local of its own loop (C
 *             stacks are scanned conservatively).
 */
#ifndef GORSIM_SIM_VM_INTERNAL_H
#define GORSIM_SIM_VM_INTERNAL_H

#include "config.h"
#include "sim/vm/fmt.h"
#include "sim/vm/value.h"
#include "sim/vm/vm.h"
#include <stdlib.h>
#include <string.h>

typedef uint64_t vm_word;
typedef struct vm_thread vm_thread;

#define VM_OPS(X)                                                                           \
    X(NOP) X(MOV) X(MOVN) X(ZERO) X(CONST) X(CONSTN)                                        \
    X(ADD) X(SUB) X(MUL) X(ADDK) X(DIV) X(REM) X(DIVU) X(REMU)                              \
    X(AND) X(OR) X(XOR) X(ANDNOT) X(SHL) X(SHR) X(SHRU) X(NEG) X(COM) X(NOT)                \
    X(SEXT) X(ZEXT) X(FADD) X(FSUB) X(FMUL) X(FDIV) X(FNEG) X(I2F) X(U2F) X(F2I) X(F2U)     \
    X(EQ) X(NE) X(LT) X(LE) X(LTU) X(LEU) X(FEQ) X(FNE) X(FLT) X(FLE)                        \
    X(STREQ) X(STRLT) X(STRLE) X(EQMEM)                                                     \
    X(JMP) X(JT) X(JF) X(JLT) X(JLE) X(LOOP)                                                \
    X(LD8S) X(LD8U) X(LD16S) X(LD16U) X(LD32S) X(LD32U) X(LD64) X(LDN)                      \
    X(ST8) X(ST16) X(ST32) X(ST64) X(STP) X(STN) X(STT) X(ADDR) X(FADDR) X(IDX) X(BOUNDS)   \
    X(NILCHK)  \
    X(NEW) X(CALL) X(CALLC) X(CALLN) X(RET) X(CLOSURE) X(SETCAP) X(CAPREF) X(GO) X(GOC)     \
    X(DEFER) X(PANIC) X(RECOVER)                                                             \
    X(STRCAT) X(STRIDX) X(STRSLICE) X(STRCONV) X(SLICE) X(MAKESLICE) X(APPEND) X(APPENDSL)  \
    X(COPY) X(MAKEMAP) X(MAPGET) X(MAPGET2) X(MAPSET) X(MAPDEL) X(MAPLEN) X(MAPCLEAR)       \
    X(MAPITER) X(MAPNEXT) X(STRNEXT) X(BOX) X(ASSERT) X(ASSERT2) X(IFACEEQ)                 \
    X(MAKECHAN) X(SEND) X(RECV) X(CLOSE) X(CHANLEN) X(SELECT) X(CHARGE) X(DEFERRUN)  \
    X(CALLI)

#define VM_OP_ENUM(name) OP_##name,
typedef enum vm_opcode { VM_OPS(VM_OP_ENUM) OP_COUNT } vm_opcode;
#undef VM_OP_ENUM

typedef struct vm_ins {
    const void *op;            /* the handler's label (threaded code, set by exec.c) */
    uint32_t code;             /* vm_opcode */
    uint32_t w;                /* words, bits, or a small operand */
    int32_t a, b, c;           /* frame slots (or a jump target in k) */
    sc_pos pos;                /* for panics and tracebacks */
    int64_t k;                 /* an immediate: constant, offset, jump target */
    const void *p;             /* a type, function, native or constant's address */
} vm_ins;

/* a native function: its frame at args (results, then parameters, as a compiled callee's
   frame); n is the instruction's w (the argument count of print and println) */
typedef void (*vm_native_fn)(vm_thread *t, vm_word *args, int n);

struct vm_func {
    const char *name;          /* "main.main", "main.main.func1" (Go's names) */
    vm_ins *code;
    int ncode, capcode;
    int nslots;                /* frame size in slots */
    int out_words;             /* the largest outgoing area past the frame */
    int epilogue;              /* where returns go: run defers, copy results, RET */
    uint8_t *ptr;              /* per slot: holds a heap pointer (INV-FRAME) */
    int nparams_words;         /* results then params at the frame's start */
    int nresult_words;
    int defer_slot;            /* the slot holding its defer list, or -1 */
    sc_func_info *info;
    vm_closure *self;          /* a top-level function as a value (static, no captures) */
};

/* A go or defer statement's call, copied into a packet on the heap (Go's _defer and the
   new goroutine's arguments): its target and the packet's layout. */
typedef struct vm_callsite {
    const vm_func *fn;         /* a static target, or NULL */
    vm_native_fn native;       /* a native target, or NULL (then a closure) */
    const char *native_name;
    int argw, resw;            /* argument words, result words of the target */
    gc_type packet;            /* vm_packet with argw words of arguments */
    uint8_t *mask;
} vm_callsite;

typedef struct vm_packet {
    struct vm_packet *next;    /* the frame's older defers */
    vm_closure *clo;
    const vm_callsite *site;
    vm_word args[];
} vm_packet;
#define VM_PACKET_HEADER_WORDS 3

/* A select statement's cases (the SELECT instruction's p): per case the frame slots of
   its channel and of the value to send or the place to receive into. */
typedef struct vm_select_case {
    int ch, val;               /* slots */
    bool send;
    const vm_type *et;         /* the element type */
} vm_select_case;
typedef struct vm_select {
    int n;
    bool has_default;
    vm_select_case cases[];
} vm_select;

/* one call in progress */
typedef struct vm_call {
    const vm_func *fn;
    const vm_ins *ret;         /* where the caller continues */
    size_t fp;                 /* the frame's first slot in the thread's stack */
    vm_closure *clo;           /* the closure it was called through, or NULL */
    int stop;                  /* returning from this call ends a nested run (natives) */
    bool panic_defer;          /* a deferred call run by a panic: recover works here */
} vm_call;

/* A goroutine's interpreter state. Slots 0..VM_TREGS-1 of its stack hold thread
   registers the collector must see (the panic value). */
enum { VM_TREG_PANIC = 0, VM_TREG_OLDER = 2, VM_MAX_NESTED_PANICS = 4,
       VM_TREGS = VM_TREG_OLDER + 2 * VM_MAX_NESTED_PANICS };
struct vm_thread {
    vm_program *prog;
    vm_word *stack;
    uint8_t *ptr;              /* one byte per stack slot: a pointer slot */
    size_t cap, top;           /* slots allocated, slots in use */
    gc_frame gcf;              /* stack[0..top) as a precise root frame */
    vm_call *calls;
    int ncalls, capcalls;
    int64_t pending;           /* virtual time not yet charged */
    bool panicking;            /* a panic is unwinding */
    bool panic_pending;        /* an operation panicked: the loop starts unwinding */
    bool recovered;            /* recover() stopped the panic */
    bool nil_deref;            /* the panic is a nil dereference (Go adds a signal line) */
    int npanics;               /* older panics still reported (stack[VM_TREG_OLDER..]) */
    char *trace;               /* the goroutine's stack when the panic began */
    rt_g *g;
};

struct vm_program {
    sc_program *src;
    vm_func **funcs;
    int nfuncs, capfuncs;
    vm_func *main, *init;      /* init: package variables, then func init()s */
    void *globals;             /* host memory, registered as roots per variable */
    int64_t globals_size;
    /* during a run */
    rt_sched *sched;
    gc_heap *heap;
    map_ctx *maps;
    const vm_param_value *params;
    int nparams;
    int64_t cost_ins;          /* virtual ns per interpreted instruction */
    const vm_type *syncmap;    /* sync.Map's map[any]any, when a scenario uses sync.Map */
    const vm_type *any_slice;  /* []any, for snapshots */
    int exit_code;
};

/* rtype.c */
const vm_type *vm_rtype(vm_program *p, sc_type *t);
const vm_type *vm_rtype_lookup(sc_type *t); /* made before (for natives at run time) */
extern const vm_type vm_t_int, vm_t_string, vm_t_bool, vm_t_float64, vm_t_uint8, vm_t_int32;
uint64_t vm_hash(const vm_type *t, const void *p, uint64_t seed, uint64_t key);
bool vm_rtype_init_maps(map_ctx *c);

/* thread.c */
vm_thread *vm_thread_new(vm_program *p);
void vm_thread_free(vm_thread *t);
void vm_thread_reserve(vm_thread *t, size_t slots);  /* room for slots more */
/* vm_call_func runs fn (or a closure) to completion from C (natives calling back):
   args at args (results written there) */
void vm_call_closure(vm_thread *t, vm_closure *clo, vm_word *args, int nwords);
_Noreturn void vm_throw(const char *fmt, ...);

/* exec.c */
void vm_exec(vm_thread *t, const vm_ins *pc); /* until the call marked stop returns */
void vm_link(vm_func *f);                     /* threaded code */

/* ops.c: runtime errors are Go panics with runtime.Error values */
void vm_panic_msg(vm_thread *t, const char *runtime_error); /* "runtime error: ..." */
void vm_panic(vm_thread *t, vm_iface v);
void vm_string_concat(vm_thread *t, vm_string *out, const vm_string *a, const vm_string *b);
vm_string vm_string_new(vm_thread *t, const void *bytes, size_t n);
bool vm_equal(const vm_type *t, const void *a, const void *b);
void vm_box(vm_thread *t, vm_iface *out, const vm_type *type, const void *value);

/* natives.c */
vm_native_fn vm_native_lookup(const char *name);

#endif
