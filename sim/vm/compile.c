/*
 * compile.c — the compiler's driver: a vm_func per function and function literal, frames
 * (slots with a fixed type each), variables (in the frame, or in a heap cell when a
 * closure captures them or their address is taken — Go's worst case), code emission and
 * jump patching, and the program: package variables initialized in Go's order, then the
 * init functions, then main.
 */
#include "sim/vm/compile.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        vm_throw("out of host memory");
    return q;
}

/* ---------------------------------------------------------------- emission */

int cp_emit(fcomp *fc, vm_opcode op, int a, int b, int c)
{
    vm_func *f = fc->f;
    if (f->ncode == f->capcode) {
        f->capcode = f->capcode ? f->capcode * 2 : 64;
        f->code = xrealloc(f->code, (size_t)f->capcode * sizeof *f->code);
    }
    vm_ins *in = &f->code[f->ncode];
    memset(in, 0, sizeof *in);
    in->code = op;
    in->a = a;
    in->b = b;
    in->c = c;
    in->pos = fc->pos;
    return f->ncode++;
}

vm_ins *cp_ins(fcomp *fc, int at) { return &fc->f->code[at]; }
int cp_here(fcomp *fc) { return fc->f->ncode; }
void cp_patch_to_here(fcomp *fc, int at) { fc->f->code[at].k = fc->f->ncode; }

void cp_jump_add(jump_list *l, int at)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
    }
    l->v[l->n++] = at;
}

void cp_jumps_patch(fcomp *fc, jump_list *l, int target)
{
    for (int i = 0; i < l->n; i++)
        fc->f->code[l->v[i]].k = target;
    free(l->v);
    *l = (jump_list){0};
}

/* ---------------------------------------------------------------- frames */

int cp_slots_raw(fcomp *fc, int words, bool ptr)
{
    vm_func *f = fc->f;
    int at = f->nslots;
    if (words < 1)
        words = 1; /* a zero-size value still gets a slot: simpler addressing */
    f->nslots += words;
    if (f->nslots > fc->cap_ptr) {
        int cap = fc->cap_ptr ? fc->cap_ptr : 32;
        while (cap < f->nslots)
            cap *= 2;
        f->ptr = xrealloc(f->ptr, (size_t)cap);
        fc->keep = xrealloc(fc->keep, (size_t)cap);
        memset(f->ptr + fc->cap_ptr, 0, (size_t)(cap - fc->cap_ptr));
        memset(fc->keep + fc->cap_ptr, 0, (size_t)(cap - fc->cap_ptr));
        fc->cap_ptr = cap;
    }
    for (int i = 0; i < words; i++)
        f->ptr[at + i] = ptr;
    return at;
}

int cp_slots(fcomp *fc, const vm_type *t)
{
    int at = cp_slots_raw(fc, t->words, false);
    for (int w = 0; w < t->words; w++)
        fc->f->ptr[at + w] = w * 8 < (int)t->gc.ptrdata && (t->gc.ptrmask[w / 8] >> (w % 8) & 1);
    return at;
}

const vm_type *cp_type(fcomp *fc, sc_type *t) { return vm_rtype(fc->prog, t); }

void cp_keep(fcomp *fc, int slot, int words)
{
    for (int i = 0; i < words; i++)
        fc->keep[slot + i] = 1;
}

/* cp_clear_temps: a statement's pointer temporaries are zeroed when it ends, so a value
   it no longer holds is not kept alive by a dead slot (Go's liveness, in effect: its
   stack maps list only live pointers) */
void cp_clear_temps(fcomp *fc, int from)
{
    vm_func *f = fc->f;
    for (int i = from; i < f->nslots;) {
        if (!f->ptr[i] || fc->keep[i]) {
            i++;
            continue;
        }
        int j = i;
        while (j < f->nslots && f->ptr[j] && !fc->keep[j])
            fc->keep[j++] = 1;
        cp_ins(fc, cp_emit(fc, OP_ZERO, i, 0, 0))->w = (uint32_t)(j - i);
        i = j;
    }
}

void cp_unsupported(fcomp *fc, sc_pos pos, const char *what)
{
    sc_error(fc->d, pos, "%s is not supported by the interpreter yet", what);
    fc->failed = true;
}

int cp_const_int(fcomp *fc, int64_t v)
{
    int s = cp_slots_raw(fc, 1, false);
    vm_ins *in = cp_ins(fc, cp_emit(fc, OP_CONST, s, 0, 0));
    in->k = v;
    return s;
}

/* ---------------------------------------------------------------- variables */

static bool escapes(const sc_object *o) { return o->flags & (OF_CAPTURED | OF_ADDRESSED); }

static int capture_index(const sc_func_info *info, const sc_object *o)
{
    for (int i = 0; info && i < info->ncaptures; i++)
        if (info->captures[i] == o)
            return i;
    return -1;
}

int cp_var_slot(fcomp *fc, sc_object *o, bool *cell)
{
    int k = capture_index(fc->info, o);
    if (k >= 0) { /* a variable of an enclosing function: its cell via the closure */
        *cell = true;
        int s = cp_slots_raw(fc, 1, true);
        vm_ins *in = cp_ins(fc, cp_emit(fc, OP_CAPREF, s, 0, 0));
        in->k = k;
        return s;
    }
    if (o->flags & OF_GLOBAL) { /* its address in the globals area */
        *cell = true;
        int s = cp_slots_raw(fc, 1, true);
        vm_ins *in = cp_ins(fc, cp_emit(fc, OP_CONST, s, 0, 0));
        in->k = (int64_t)(intptr_t)((char *)fc->prog->globals + o->slot);
        return s;
    }
    *cell = escapes(o);
    return o->slot;
}

/* new_cell: a heap cell of type t whose pointer goes to slot s */
static void new_cell(fcomp *fc, int s, const vm_type *t)
{
    vm_ins *in = cp_ins(fc, cp_emit(fc, OP_NEW, s, 0, 0));
    in->p = t;
}

void cp_declare(fcomp *fc, sc_object *o)
{
    const vm_type *t = cp_type(fc, o->type);
    if (escapes(o)) {
        o->slot = cp_slots_raw(fc, 1, true);
        cp_keep(fc, o->slot, 1);
        new_cell(fc, o->slot, t);
        return;
    }
    o->slot = cp_slots(fc, t);
    cp_keep(fc, o->slot, t->words);
    vm_ins *in = cp_ins(fc, cp_emit(fc, OP_ZERO, o->slot, 0, 0));
    in->w = (uint32_t)t->words;
}

/* ---------------------------------------------------------------- functions */

/* func_name: Go's name for a function (main.f, main.T.m, main.(*T).m) or a literal,
   named after the function it is in (main.main.func1) */
static const char *func_name(sc_func_info *info)
{
    vm_func *f = info->compiled;
    if (f && f->name)
        return f->name;
    const char *name;
    if (info->obj) {
        sc_type *r = info->obj->recv;
        if (r && r->kind == K_POINTER)
            name = sc_sprintf("main.(*%s).%s", r->elem->name, info->obj->name);
        else if (r)
            name = sc_sprintf("main.%s.%s", r->name, info->obj->name);
        else
            name = sc_sprintf("main.%s", info->obj->name);
    } else {
        name = info->outer ? sc_sprintf("%s.func%d", func_name(info->outer), ++info->outer->nlits)
                           : "main.func";
    }
    if (f)
        f->name = name;
    return name;
}

vm_func *cp_func_of(fcomp *fc, sc_func_info *info)
{
    (void)fc;
    if (!info->compiled) {
        vm_func *f = calloc(1, sizeof *f);
        if (!f)
            vm_throw("out of host memory");
        f->info = info;
        f->defer_slot = -1;
        info->compiled = f;
    }
    return info->compiled;
}

/* params: results first, then the receiver and parameters, each in its type's words;
   escaping parameters are moved into cells at entry */
static void frame_params(fcomp *fc)
{
    sc_func_info *in = fc->info;
    int np = in->nparams, nr = in->nresults;
    sc_object **res = in->locals + np, **par = in->locals;
    for (int i = 0; i < nr; i++)
        res[i]->slot = cp_slots(fc, cp_type(fc, res[i]->type));
    cp_keep(fc, 0, fc->f->nslots);
    fc->f->nresult_words = fc->f->nslots;
    for (int i = 0; i < np; i++)
        par[i]->slot = cp_slots(fc, cp_type(fc, par[i]->type));
    fc->f->nparams_words = fc->f->nslots - fc->f->nresult_words;
    cp_keep(fc, 0, fc->f->nslots);
    for (int i = 0; i < np + nr; i++) {
        sc_object *o = in->locals[i];
        if (!escapes(o))
            continue;
        const vm_type *t = cp_type(fc, o->type);
        int raw = o->slot;
        o->slot = cp_slots_raw(fc, 1, true);
        cp_keep(fc, o->slot, 1);
        new_cell(fc, o->slot, t);
        lvalue lv = {.kind = LV_MEM, .t = t, .slot = o->slot, .heap = true};
        cp_store(fc, &lv, raw);
    }
}

/* results_out: named results living in cells are copied to the result slots at return */
void cp_results_out(fcomp *fc)
{
    sc_func_info *in = fc->info;
    int off = 0;
    for (int i = 0; i < in->nresults; i++) {
        sc_object *o = in->locals[in->nparams + i];
        const vm_type *t = cp_type(fc, o->type);
        if (escapes(o)) {
            lvalue lv = {.kind = LV_MEM, .t = t, .slot = o->slot, .heap = true};
            cp_copy(fc, t, off, cp_load(fc, &lv));
        }
        off += t->words;
    }
}

void cp_rebase_out(vm_func *f)
{
    for (int i = 0; i < f->ncode; i++) {
        vm_ins *in = &f->code[i];
        if (in->a >= OUT_BASE)
            in->a = in->a - OUT_BASE + f->nslots;
        if (in->b >= OUT_BASE)
            in->b = in->b - OUT_BASE + f->nslots;
        if (in->c >= OUT_BASE)
            in->c = in->c - OUT_BASE + f->nslots;
    }
}

/* free_scratch: what only compiling a function needed */
void cp_free_scratch(fcomp *fc)
{
    free(fc->keep);
    free(fc->labels);
    free(fc->gotos);
    free(fc->returns.v);
}

static bool compile_func(vm_program *p, sc_diags *d, sc_func_info *info)
{
    vm_func *f = cp_func_of(NULL, info);
    fcomp fc = {.prog = p, .f = f, .info = info, .d = d};
    frame_params(&fc);
    if (info->has_defer) {
        f->defer_slot = cp_slots_raw(&fc, 1, true);
        cp_keep(&fc, f->defer_slot, 1);
    }
    sc_stmt *body = info->decl ? info->decl->body : info->lit->funclit.body;
    fc.pos = body->pos;
    cp_stmts(&fc, &body->block.list);
    fc.pos = body->block.rbrace;
    /* the epilogue every return jumps to: deferred calls (which may set named results),
       then the results copied out of their cells, then the return */
    f->epilogue = cp_here(&fc);
    cp_jumps_patch(&fc, &fc.returns, f->epilogue);
    cp_emit(&fc, OP_DEFERRUN, 0, 0, 0);
    cp_results_out(&fc);
    cp_emit(&fc, OP_RET, 0, 0, 0);
    f->out_words = fc.out_words;
    cp_rebase_out(f);
    cp_free_scratch(&fc);
    /* the outgoing area's pointer bytes are the callee's to set */
    return !fc.failed;
}

/* ---------------------------------------------------------------- the program */

static bool lay_out_globals(vm_program *p)
{
    int64_t off = 0;
    for (int i = 0; i < p->src->nglobals; i++) {
        sc_object *o = p->src->globals[i];
        const vm_type *t = vm_rtype(p, o->type);
        off = (off + 7) / 8 * 8;
        o->slot = (int32_t)off;
        off += t->size ? t->size : 1;
    }
    p->globals_size = off;
    p->globals = calloc(1, (size_t)(off ? off : 8));
    return p->globals != NULL;
}

void vm_compile_add(vm_program *p, vm_func *f)
{
    if (p->nfuncs == p->capfuncs) {
        p->capfuncs = p->capfuncs ? p->capfuncs * 2 : 32;
        p->funcs = xrealloc(p->funcs, (size_t)p->capfuncs * sizeof *p->funcs);
    }
    p->funcs[p->nfuncs++] = f;
}

/* init_func: package variables in initialization order, then init()s, then main */
static bool compile_init(vm_program *p, sc_diags *d)
{
    sc_func_info *info = sc_alloc(sizeof *info);
    info->sig = sc_func_type(NULL, 0, NULL, 0, false);
    vm_func *f = cp_func_of(NULL, info);
    f->name = "main.init";
    fcomp fc = {.prog = p, .f = f, .info = info, .d = d};
    for (int i = 0; i < p->src->nglobals; i++) {
        sc_object *o = p->src->globals[i];
        sc_spec *s = o->spec;
        if (!s || !s->values.n || o->spec_index != 0)
            continue; /* zero, or initialized with the spec's first name */
        fc.pos = s->pos;
        extern void cp_init_spec(fcomp *fc, sc_spec *s);
        cp_init_spec(&fc, s);
    }
    for (int i = 0; i < p->src->ninits; i++) {
        vm_ins *in = cp_ins(&fc, cp_emit(&fc, OP_CALL, OUT(0), 0, 0));
        in->p = cp_func_of(NULL, p->src->inits[i]->func);
    }
    vm_ins *in = cp_ins(&fc, cp_emit(&fc, OP_CALL, OUT(0), 0, 0));
    in->p = cp_func_of(NULL, p->src->main->func);
    cp_emit(&fc, OP_RET, 0, 0, 0);
    f->out_words = fc.out_words + 1;
    cp_rebase_out(f);
    cp_free_scratch(&fc);
    p->init = f;
    vm_compile_add(p, f);
    return !fc.failed;
}

vm_program *vm_compile(sc_program *src, sc_diags *d)
{
    vm_program *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->src = src;
    if (!lay_out_globals(p))
        return NULL;
    bool ok = true;
    for (int i = 0; i < src->nfuncs; i++) /* names first: literals are checked before
                                               the functions they are in */
        cp_func_of(NULL, src->funcs[i]);
    for (int i = 0; i < src->nfuncs; i++)
        func_name(src->funcs[i]);
    for (int i = 0; i < src->nfuncs; i++) {
        sc_func_info *info = src->funcs[i];
        ok &= compile_func(p, d, info);
        vm_compile_add(p, info->compiled);
    }
    ok &= compile_init(p, d);
    p->main = src->main->func->compiled;
    for (int i = 0; i < p->nfuncs; i++)
        vm_link(p->funcs[i]);
    return ok && !sc_failed(d) ? p : NULL;
}
