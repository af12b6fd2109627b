/*
 * compile.h — the compiler's state, shared by compile.c (functions, frames, variables,
 * code emission), compile_expr.c (expressions) and compile_stmt.c (statements).
 *
 * Frames: a function's frame is [results][parameters][locals and temporaries], each value
 * in vm_type.words slots (value.h). Every slot is allocated for one type and never reused
 * (INV-FRAME). A call's arguments go to the outgoing area just past the caller's frame:
 * slot numbers OUT(k) are rebased there once the frame size is known, and the callee's
 * frame starts at the first of them.
 */
#ifndef GORSIM_SIM_VM_COMPILE_H
#define GORSIM_SIM_VM_COMPILE_H

#include "sim/vm/vm_internal.h"

#define OUT_BASE (1 << 28)
#define OUT(k) (OUT_BASE + (k))

typedef struct jump_list {
    int *v;
    int n, cap;
} jump_list;

typedef struct loop_ctx {
    struct loop_ctx *outer;
    const char *label;
    jump_list breaks, continues;
    bool is_loop;
} loop_ctx;

typedef struct fcomp {
    vm_program *prog;
    vm_func *f;
    sc_func_info *info;
    sc_diags *d;
    int cap_ptr;
    int out_words;             /* the largest outgoing area */
    loop_ctx *loops;
    const char *pending_label; /* the label of the statement being compiled */
    sc_pos pos;                /* of the statement being compiled (for panics) */
    jump_list returns;         /* return statements' jumps to the epilogue */
    uint8_t *keep;             /* per slot: a variable's home or already cleared (not a
                                  temporary for cp_clear_temps) */
    struct label_pos {         /* labels seen (goto targets) and gotos waiting for one */
        const char *name;
        int at;                /* the label's instruction, or the goto's jump */
    } *labels, *gotos;
    int nlabels, caplabels, ngotos, capgotos;
    bool failed;
} fcomp;

/* compile.c */
int cp_emit(fcomp *fc, vm_opcode op, int a, int b, int c);
vm_ins *cp_ins(fcomp *fc, int at);
int cp_here(fcomp *fc);
void cp_patch_to_here(fcomp *fc, int at); /* a jump at `at` lands at the next instruction */
int cp_slots(fcomp *fc, const vm_type *t);   /* fresh slots for a value of type t */
int cp_slots_raw(fcomp *fc, int words, bool ptr);
const vm_type *cp_type(fcomp *fc, sc_type *t);
void cp_unsupported(fcomp *fc, sc_pos pos, const char *what);
int cp_const_int(fcomp *fc, int64_t v);
vm_func *cp_func_of(fcomp *fc, sc_func_info *info);
/* variables: where o lives (its slot, or a slot holding its heap cell: *cell) */
int cp_var_slot(fcomp *fc, sc_object *o, bool *cell);
void cp_declare(fcomp *fc, sc_object *o);    /* a local's storage, zeroed */
void cp_jump_add(jump_list *l, int at);
void cp_keep(fcomp *fc, int slot, int words);  /* a variable's slots */
void cp_clear_temps(fcomp *fc, int from);     /* zero pointer temporaries from slot on */
void cp_jumps_patch(fcomp *fc, jump_list *l, int target);

void cp_rebase_out(vm_func *f);              /* OUT(k) slots past the final frame */
void cp_free_scratch(fcomp *fc);
void vm_compile_add(vm_program *p, vm_func *f);

/* compile_expr.c */
int cp_expr(fcomp *fc, sc_expr *x);                  /* the value's slots */
void cp_expr_to(fcomp *fc, sc_expr *x, int dst);      /* into dst */
void cp_copy(fcomp *fc, const vm_type *t, int dst, int src);
void cp_cond_jump(fcomp *fc, sc_expr *x, bool when, jump_list *l); /* jump if x == when */
int cp_convert_to(fcomp *fc, sc_expr *x, sc_type *to); /* x as a value of type to
                                                           (interfaces boxed) */
typedef enum { LV_BLANK, LV_SLOT, LV_MEM, LV_MAP } lv_kind;
typedef struct lvalue {
    lv_kind kind;
    const vm_type *t;
    int slot;                  /* LV_SLOT: the value; LV_MEM: the base pointer; LV_MAP: map */
    int64_t off;               /* LV_SLOT and LV_MEM: bytes into the value */
    bool heap;                 /* LV_MEM: heap or global memory (barriers), not the frame */
    int key;                   /* LV_MAP: the key's slots */
    const vm_type *mt;         /* LV_MAP: the map's type */
} lvalue;
lvalue cp_lvalue(fcomp *fc, sc_expr *x);
lvalue cp_lvalue_var(fcomp *fc, sc_object *o);
lvalue cp_embedded_lvalue(fcomp *fc, sc_expr *base, const int *path, int n);
void cp_store(fcomp *fc, const lvalue *lv, int src);
int cp_load(fcomp *fc, const lvalue *lv);

/* compile_stmt.c */
void cp_stmts(fcomp *fc, sc_stmts *l);
void cp_stmt(fcomp *fc, sc_stmt *s);

#endif
