/*
 * compile_stmt.c — statements to code: declarations and assignments (all right-hand
 * sides evaluated before any store, as Go), if, for with a loop back-edge that is a safe
 * point, range over integers, slices, arrays, strings, maps and channels, switch,
 * return, break and continue with labels, go, defer, send.
 */
#include "sim/vm/compile.h"

int cp_emitp(fcomp *fc, vm_opcode op, int a, int b, int c, const void *p);
int cp_emitk(fcomp *fc, vm_opcode op, int a, int b, int c, int64_t k);
const vm_type *cp_type_of(fcomp *fc, sc_expr *x);
int cp_receive(fcomp *fc, sc_expr *x, bool ok);
int cp_assert(fcomp *fc, sc_expr *x, bool ok);
#define emitp cp_emitp
#define emitk cp_emitk
#define type_of cp_type_of

static int jump(fcomp *fc, vm_opcode op, int a, int b) { return cp_emit(fc, op, a, b, 0); }

/* ---------------------------------------------------------------- assignment */

/* values: the right-hand side as n values in temporaries, converted to the left-hand
   types; handles n:n, a multi-value call, and the comma-ok forms */
static void values(fcomp *fc, sc_exprs *rhs, int n, sc_type **lt, int *out)
{
    if (rhs->n == n) {
        for (int i = 0; i < n; i++)
            out[i] = lt[i] ? cp_convert_to(fc, rhs->v[i], lt[i]) : cp_expr(fc, rhs->v[i]);
        return;
    }
    sc_expr *v = rhs->v[0];
    while (v->kind == E_PAREN)
        v = v->paren.x;
    int base;
    if (v->mode == M_MAPINDEX) {
        sc_type *m = sc_under(v->index.x->type);
        const vm_type *et = cp_type(fc, m->elem);
        base = cp_slots_raw(fc, et->words + 1, false);
        for (int w = 0; w < et->words; w++)
            fc->f->ptr[base + w] = w * 8 < (int)et->gc.ptrdata && (et->gc.ptrmask[w / 8] >> (w % 8) & 1);
        emitp(fc, OP_MAPGET2, base, cp_expr(fc, v->index.x), cp_convert_to(fc, v->index.index, m->key),
              cp_type_of(fc, v->index.x));
        out[0] = base;
        out[1] = base + et->words;
        return;
    }
    if (v->mode == M_COMMAOK) {
        base = v->kind == E_ASSERT ? cp_assert(fc, v, true) : cp_receive(fc, v, true);
        out[0] = base;
        out[1] = base + cp_type(fc, v->type)->words;
        return;
    }
    base = cp_expr(fc, v); /* a call with n results */
    for (int i = 0; i < n; i++) {
        out[i] = base;
        base += cp_type(fc, v->type->results[i])->words;
    }
}

static void assign(fcomp *fc, sc_stmt *s)
{
    sc_exprs *l = &s->assign.lhs;
    int n = l->n;
    lvalue *lv = sc_alloc((size_t)n * sizeof *lv);
    sc_type **lt = sc_alloc((size_t)n * sizeof *lt);
    int *v = sc_alloc_atomic((size_t)n * sizeof *v);
    for (int i = 0; i < n; i++) {
        lv[i] = cp_lvalue(fc, l->v[i]);
        lt[i] = lv[i].kind == LV_BLANK ? NULL : l->v[i]->type;
    }
    values(fc, &s->assign.rhs, n, lt, v);
    for (int i = 0; i < n; i++)
        cp_store(fc, &lv[i], v[i]);
}

static void define(fcomp *fc, sc_stmt *s)
{
    sc_exprs *l = &s->assign.lhs;
    int n = l->n;
    sc_type **lt = sc_alloc((size_t)n * sizeof *lt);
    int *v = sc_alloc_atomic((size_t)n * sizeof *v);
    for (int i = 0; i < n; i++)
        lt[i] = l->v[i]->obj ? l->v[i]->obj->type : NULL;
    values(fc, &s->assign.rhs, n, lt, v);
    for (int i = 0; i < n; i++) {
        sc_object *o = l->v[i]->obj;
        if (!o || !strcmp(o->name, "_"))
            continue;
        if (o->slot < 0)
            cp_declare(fc, o); /* a new variable (else: redeclared, assigned) */
        lvalue lv = cp_lvalue(fc, l->v[i]);
        cp_store(fc, &lv, v[i]);
    }
}

static void op_assign(fcomp *fc, sc_stmt *s)
{
    /* x op= y: x's address evaluated once */
    sc_expr *x = s->assign.lhs.v[0];
    lvalue lv = cp_lvalue(fc, x);
    int cur = cp_load(fc, &lv);
    const vm_type *t = cp_type_of(fc, x);
    int r = cp_expr(fc, s->assign.rhs.v[0]);
    sc_tok op = (sc_tok)(s->assign.op - T_ADD_ASSIGN + T_ADD);
    int d = cp_slots(fc, t);
    extern void cp_arith(fcomp * fc, sc_tok op, const vm_type *t, const vm_type *rt, int d,
                         int l, int r);
    cp_arith(fc, op, t, cp_type_of(fc, s->assign.rhs.v[0]), d, cur, r);
    cp_store(fc, &lv, d);
}

/* var declarations inside functions (and the package's, by cp_init_spec) */
static void var_spec(fcomp *fc, sc_spec *sp, bool global)
{
    int n = sp->names.n;
    if (!global)
        for (int i = 0; i < n; i++)
            if (sp->names.v[i]->obj && strcmp(sp->names.v[i]->ident.name, "_"))
                cp_declare(fc, sp->names.v[i]->obj);
    if (!sp->values.n)
        return;
    sc_type **lt = sc_alloc((size_t)n * sizeof *lt);
    int *v = sc_alloc_atomic((size_t)n * sizeof *v);
    for (int i = 0; i < n; i++)
        lt[i] = sp->names.v[i]->obj ? sp->names.v[i]->obj->type : NULL;
    values(fc, &sp->values, n, lt, v);
    for (int i = 0; i < n; i++) {
        lvalue lv = cp_lvalue(fc, sp->names.v[i]);
        cp_store(fc, &lv, v[i]);
    }
}

void cp_init_spec(fcomp *fc, sc_spec *sp) { var_spec(fc, sp, true); }

/* ---------------------------------------------------------------- control flow */

static loop_ctx *push_loop(fcomp *fc, loop_ctx *l, bool is_loop)
{
    *l = (loop_ctx){.outer = fc->loops, .label = fc->pending_label, .is_loop = is_loop};
    fc->pending_label = NULL;
    fc->loops = l;
    return l;
}

static void pop_loop(fcomp *fc, loop_ctx *l, int cont)
{
    cp_jumps_patch(fc, &l->continues, cont);
    cp_jumps_patch(fc, &l->breaks, cp_here(fc));
    fc->loops = l->outer;
}

static void block(fcomp *fc, sc_stmt *b) { cp_stmts(fc, &b->block.list); }

static void if_stmt(fcomp *fc, sc_stmt *s)
{
    if (s->ifs.init)
        cp_stmt(fc, s->ifs.init);
    jump_list no = {0};
    cp_cond_jump(fc, s->ifs.cond, false, &no);
    block(fc, s->ifs.then);
    if (s->ifs.els) {
        int skip = jump(fc, OP_JMP, 0, 0);
        cp_jumps_patch(fc, &no, cp_here(fc));
        cp_stmt(fc, s->ifs.els);
        cp_patch_to_here(fc, skip);
    } else {
        cp_jumps_patch(fc, &no, cp_here(fc));
    }
}

/* for loops: the back-edge is LOOP, a safe point that charges the iteration's time */
static void for_stmt(fcomp *fc, sc_stmt *s)
{
    loop_ctx l;
    push_loop(fc, &l, true);
    if (s->fors.init)
        cp_stmt(fc, s->fors.init);
    int test = cp_here(fc);
    jump_list out = {0};
    if (s->fors.cond)
        cp_cond_jump(fc, s->fors.cond, false, &out);
    block(fc, s->fors.body);
    int cont = cp_here(fc);
    if (s->fors.post)
        cp_stmt(fc, s->fors.post);
    cp_ins(fc, jump(fc, OP_LOOP, 0, 0))->k = test;
    cp_jumps_patch(fc, &out, cp_here(fc));
    pop_loop(fc, &l, cont);
}

/* once: the range expression's value, evaluated once into its own slots (the loop may
   assign to the variable it came from) */
static int once(fcomp *fc, sc_expr *x)
{
    const vm_type *t = cp_type_of(fc, x);
    int v = cp_expr(fc, x), c = cp_slots(fc, t);
    cp_copy(fc, t, c, v);
    return c;
}

/* range_var: where a range clause puts an iteration value (a new variable, an existing
   one, or nowhere) */
static lvalue range_var(fcomp *fc, sc_stmt *s, sc_expr *v)
{
    if (!v)
        return (lvalue){.kind = LV_BLANK};
    if (s->range.tok == T_DEFINE && v->obj && strcmp(v->ident.name, "_"))
        cp_declare(fc, v->obj);
    return cp_lvalue(fc, v);
}

static void range_int(fcomp *fc, sc_stmt *s, int n, loop_ctx *l)
{
    int i = cp_const_int(fc, 0);
    lvalue k = range_var(fc, s, s->range.key);
    int test = cp_here(fc);
    int out = cp_emit(fc, OP_JLE, n, i, 0); /* i >= n */
    cp_store(fc, &k, i);
    block(fc, s->range.body);
    int cont = cp_here(fc);
    cp_emitk(fc, OP_ADDK, i, i, 0, 1);
    cp_ins(fc, jump(fc, OP_LOOP, 0, 0))->k = test;
    cp_patch_to_here(fc, out);
    pop_loop(fc, l, cont);
}

static void range_slice(fcomp *fc, sc_stmt *s, loop_ctx *l)
{
    sc_type *u = sc_under(s->range.x->type);
    lvalue arr = {0};
    int x = -1, len;
    if (u->kind == K_SLICE) {
        x = once(fc, s->range.x);
        len = x + 1;
    } else { /* an array (a copy, as Go ranges over a copy) or a pointer to one */
        if (u->kind == K_POINTER)
            u = sc_under(u->elem);
        x = once(fc, s->range.x);
        len = cp_const_int(fc, u->len);
        arr = (lvalue){0};
    }
    (void)arr;
    const vm_type *et = cp_type(fc, u->elem);
    int i = cp_const_int(fc, 0);
    lvalue k = range_var(fc, s, s->range.key), v = range_var(fc, s, s->range.value);
    int test = cp_here(fc);
    int out = cp_emit(fc, OP_JLE, len, i, 0);
    cp_store(fc, &k, i);
    if (v.kind != LV_BLANK) {
        int base;
        bool heap = true;
        if (u->kind == K_SLICE || sc_under(s->range.x->type)->kind == K_POINTER) {
            base = x;
        } else {
            base = cp_slots_raw(fc, 1, false);
            cp_emitk(fc, OP_FADDR, base, x, 0, 0);
            heap = false;
        }
        int addr = cp_slots_raw(fc, 1, heap);
        cp_ins(fc, cp_emit(fc, OP_IDX, addr, base, i))->w = (uint32_t)et->size;
        lvalue e = {LV_MEM, et, addr, 0, heap, 0, NULL};
        cp_store(fc, &v, cp_load(fc, &e));
    }
    block(fc, s->range.body);
    int cont = cp_here(fc);
    cp_emitk(fc, OP_ADDK, i, i, 0, 1);
    cp_ins(fc, jump(fc, OP_LOOP, 0, 0))->k = test;
    cp_patch_to_here(fc, out);
    pop_loop(fc, l, cont);
}

static void range_map(fcomp *fc, sc_stmt *s, loop_ctx *l)
{
    const vm_type *mt = cp_type_of(fc, s->range.x);
    int m = once(fc, s->range.x);
    int words = (int)((sizeof(hmap_iter) + 7) / 8);
    int it = cp_slots_raw(fc, words, true); /* the iterator's words hold heap pointers */
    cp_emitp(fc, OP_MAPITER, it, m, 0, mt);
    lvalue k = range_var(fc, s, s->range.key), v = range_var(fc, s, s->range.value);
    int kt = cp_slots(fc, mt->key), vt = cp_slots(fc, mt->elem);
    int test = cp_here(fc);
    int next = cp_emitp(fc, OP_MAPNEXT, it, kt, vt, mt);
    cp_store(fc, &k, kt);
    cp_store(fc, &v, vt);
    block(fc, s->range.body);
    cp_ins(fc, jump(fc, OP_LOOP, 0, 0))->k = test;
    cp_ins(fc, next)->k = cp_here(fc);
    pop_loop(fc, l, test);
}

static void range_string(fcomp *fc, sc_stmt *s, loop_ctx *l)
{
    int str = once(fc, s->range.x);
    int st = cp_slots_raw(fc, 3, false); /* next index, this index, rune */
    cp_ins(fc, cp_emit(fc, OP_ZERO, st, 0, 0))->w = 3;
    lvalue k = range_var(fc, s, s->range.key), v = range_var(fc, s, s->range.value);
    int test = cp_here(fc);
    int next = cp_emit(fc, OP_STRNEXT, st, str, 0);
    cp_store(fc, &k, st + 1);
    cp_store(fc, &v, st + 2);
    block(fc, s->range.body);
    cp_ins(fc, jump(fc, OP_LOOP, 0, 0))->k = test;
    cp_ins(fc, next)->k = cp_here(fc);
    pop_loop(fc, l, test);
}

static void range_chan(fcomp *fc, sc_stmt *s, loop_ctx *l)
{
    const vm_type *et = cp_type(fc, sc_under(s->range.x->type)->elem);
    int ch = once(fc, s->range.x);
    lvalue k = range_var(fc, s, s->range.key);
    int r = cp_slots_raw(fc, et->words + 1, false);
    for (int w = 0; w < et->words; w++)
        fc->f->ptr[r + w] = w * 8 < (int)et->gc.ptrdata && (et->gc.ptrmask[w / 8] >> (w % 8) & 1);
    int test = cp_here(fc);
    cp_ins(fc, cp_emitp(fc, OP_RECV, r, ch, 0, et))->w = 1;
    int out = jump(fc, OP_JF, r + et->words, 0);
    cp_store(fc, &k, r);
    block(fc, s->range.body);
    cp_ins(fc, jump(fc, OP_LOOP, 0, 0))->k = test;
    cp_patch_to_here(fc, out);
    pop_loop(fc, l, test);
}

static void range_stmt(fcomp *fc, sc_stmt *s)
{
    loop_ctx l;
    push_loop(fc, &l, true);
    sc_type *u = sc_under(s->range.x->type);
    switch (u->kind) {
    case K_MAP: range_map(fc, s, &l); return;
    case K_CHAN: range_chan(fc, s, &l); return;
    case K_STRING: case K_UNTYPED_STRING: range_string(fc, s, &l); return;
    case K_SLICE: case K_ARRAY: case K_POINTER: range_slice(fc, s, &l); return;
    default: range_int(fc, s, once(fc, s->range.x), &l); return;
    }
}

static void switch_stmt(fcomp *fc, sc_stmt *s)
{
    if (s->sw.init)
        cp_stmt(fc, s->sw.init);
    loop_ctx l;
    push_loop(fc, &l, false);
    sc_stmts *cl = &s->sw.body->block.list;
    int tag = s->sw.tag ? cp_expr(fc, s->sw.tag) : -1;
    const vm_type *tt = s->sw.tag ? cp_type_of(fc, s->sw.tag) : NULL;
    int *body = sc_alloc_atomic((size_t)(cl->n + 1) * sizeof *body);
    jump_list *to = sc_alloc((size_t)(cl->n + 1) * sizeof *to);
    int dflt = -1;
    for (int i = 0; i < cl->n; i++) { /* the tests, in order */
        sc_stmt *c = cl->v[i];
        if (c->clause.dflt)
            dflt = i;
        for (int e = 0; e < c->clause.list.n; e++) {
            sc_expr *x = c->clause.list.v[e];
            if (tag < 0) {
                cp_cond_jump(fc, x, true, &to[i]);
                continue;
            }
            int v = cp_convert_to(fc, x, s->sw.tag->type);
            int r = cp_slots_raw(fc, 1, false);
            if (tt->kind == K_STRING)
                cp_emit(fc, OP_STREQ, r, tag, v);
            else if (tt->words > 1 || tt->kind == K_STRUCT || tt->kind == K_INTERFACE)
                cp_emitp(fc, OP_EQMEM, r, tag, v, tt);
            else
                cp_emit(fc, tt->kind == K_FLOAT64 ? OP_FEQ : OP_EQ, r, tag, v);
            cp_jump_add(&to[i], jump(fc, OP_JT, r, 0));
        }
    }
    int end = jump(fc, OP_JMP, 0, 0);
    if (dflt >= 0)
        cp_jump_add(&to[dflt], end);
    else
        cp_jump_add(&l.breaks, end);
    int *ft = sc_alloc_atomic((size_t)(cl->n + 1) * sizeof *ft);
    for (int i = 0; i < cl->n; i++) {
        body[i] = cp_here(fc);
        cp_jumps_patch(fc, &to[i], body[i]);
        if (i > 0 && ft[i - 1] >= 0)
            cp_ins(fc, ft[i - 1])->k = body[i];
        sc_stmts *b = &cl->v[i]->clause.body;
        bool fall = b->n && b->v[b->n - 1]->kind == S_BRANCH && b->v[b->n - 1]->branch.tok == T_FALLTHROUGH;
        cp_stmts(fc, b);
        ft[i] = fall ? jump(fc, OP_JMP, 0, 0) : -1;
        if (!fall)
            cp_jump_add(&l.breaks, jump(fc, OP_JMP, 0, 0));
    }
    pop_loop(fc, &l, cp_here(fc));
}

/* select: the cases' channels and values evaluated in source order, SELECT picks one
   (the runtime's choice among ready cases), then the chosen clause runs */
static void select_stmt(fcomp *fc, sc_stmt *s)
{
    loop_ctx l;
    push_loop(fc, &l, false);
    sc_stmts *cl = &s->select.body->block.list;
    vm_select *sel = calloc(1, sizeof *sel + (size_t)(cl->n + 1) * sizeof *sel->cases);
    int *clause_case = sc_alloc_atomic((size_t)(cl->n + 1) * sizeof *clause_case);
    if (!sel)
        vm_throw("out of host memory");
    for (int i = 0; i < cl->n; i++) {
        sc_stmt *comm = cl->v[i]->comm.comm;
        clause_case[i] = -1;
        if (!comm) {
            sel->has_default = true;
            continue;
        }
        vm_select_case *c = &sel->cases[sel->n];
        clause_case[i] = sel->n++;
        if (comm->kind == S_SEND) {
            sc_type *et = sc_under(comm->send.ch->type)->elem;
            c->send = true;
            c->et = cp_type(fc, et);
            c->ch = cp_expr(fc, comm->send.ch);
            c->val = cp_convert_to(fc, comm->send.value, et);
            continue;
        }
        sc_expr *rx = comm->kind == S_EXPR ? comm->x : comm->assign.rhs.v[0];
        while (rx->kind == E_PAREN)
            rx = rx->paren.x;
        c->et = cp_type(fc, sc_under(rx->unary.x->type)->elem);
        c->ch = cp_expr(fc, rx->unary.x);
        c->val = cp_slots_raw(fc, c->et->words + 1, false); /* the value, then ok */
        for (int w = 0; w < c->et->words; w++)
            fc->f->ptr[c->val + w] = w * 8 < (int)c->et->gc.ptrdata &&
                                     (c->et->gc.ptrmask[w / 8] >> (w % 8) & 1);
    }
    int chosen = cp_slots_raw(fc, 1, false);
    cp_emitp(fc, OP_SELECT, chosen, 0, 0, sel);
    jump_list *to = sc_alloc((size_t)(cl->n + 1) * sizeof *to);
    int dflt = -1;
    for (int i = 0; i < cl->n; i++) {
        int k = cp_const_int(fc, clause_case[i]);
        if (clause_case[i] < 0)
            dflt = i;
        int r = cp_slots_raw(fc, 1, false);
        cp_emit(fc, OP_EQ, r, chosen, k);
        cp_jump_add(&to[i], jump(fc, OP_JT, r, 0));
    }
    (void)dflt;
    for (int i = 0; i < cl->n; i++) {
        cp_jumps_patch(fc, &to[i], cp_here(fc));
        sc_stmt *comm = cl->v[i]->comm.comm;
        if (comm && comm->kind == S_ASSIGN) { /* v [, ok] = / := <-ch */
            vm_select_case *c = &sel->cases[clause_case[i]];
            for (int j = 0; j < comm->assign.lhs.n; j++) {
                sc_expr *v = comm->assign.lhs.v[j];
                if (comm->assign.op == T_DEFINE && v->obj && strcmp(v->ident.name, "_"))
                    cp_declare(fc, v->obj);
                lvalue lv = cp_lvalue(fc, v);
                cp_store(fc, &lv, j ? c->val + c->et->words : c->val);
            }
        }
        cp_stmts(fc, &cl->v[i]->comm.body);
        cp_jump_add(&l.breaks, jump(fc, OP_JMP, 0, 0));
    }
    pop_loop(fc, &l, cp_here(fc));
}

/* a type switch: each case's types tried in order with a comma-ok assertion (nil: the
   interface's type word is nil); a clause with one type binds the value as that type */
static void type_switch(fcomp *fc, sc_stmt *s)
{
    if (s->tsw.init)
        cp_stmt(fc, s->tsw.init);
    loop_ctx l;
    push_loop(fc, &l, false);
    sc_stmt *g = s->tsw.assign;
    sc_expr *ax = g->kind == S_EXPR ? g->x : g->assign.rhs.v[0];
    sc_expr *bind = g->kind == S_ASSIGN ? g->assign.lhs.v[0] : NULL;
    int x = cp_expr(fc, ax->assert.x);
    const vm_type *xt = cp_type_of(fc, ax->assert.x);
    sc_stmts *cl = &s->tsw.body->block.list;
    jump_list *to = sc_alloc((size_t)(cl->n + 1) * sizeof *to);
    int *val = sc_alloc_atomic((size_t)(cl->n + 1) * sizeof *val);
    int dflt = -1;
    for (int i = 0; i < cl->n; i++) {
        sc_stmt *c = cl->v[i];
        val[i] = -1;
        if (c->clause.dflt)
            dflt = i;
        for (int e = 0; e < c->clause.list.n; e++) {
            sc_expr *te = c->clause.list.v[e];
            int r = cp_slots_raw(fc, 1, false);
            if (te->mode != M_TYPE) { /* case nil */
                int z = cp_const_int(fc, 0);
                cp_emit(fc, OP_EQ, r, x, z);
                cp_jump_add(&to[i], jump(fc, OP_JT, r, 0));
                continue;
            }
            const vm_type *tt = cp_type(fc, te->type);
            int v = cp_slots_raw(fc, tt->words + 1, false);
            for (int w = 0; w < tt->words; w++)
                fc->f->ptr[v + w] = w * 8 < (int)tt->gc.ptrdata && (tt->gc.ptrmask[w / 8] >> (w % 8) & 1);
            int at = cp_emitp(fc, OP_ASSERT2, v, x, 0, tt);
            cp_ins(fc, at)->k = (int64_t)(intptr_t)xt;
            if (c->clause.list.n == 1)
                val[i] = v;
            cp_jump_add(&to[i], jump(fc, OP_JT, v + tt->words, 0));
        }
    }
    jump_list none = {0};
    cp_jump_add(dflt >= 0 ? &to[dflt] : &l.breaks, jump(fc, OP_JMP, 0, 0));
    (void)none;
    for (int i = 0; i < cl->n; i++) {
        cp_jumps_patch(fc, &to[i], cp_here(fc));
        sc_stmt *c = cl->v[i];
        /* the clause's own variable (the checker declared one per clause) */
        sc_object *o = NULL;
        for (int k = 0; bind && k < fc->info->nlocals; k++) {
            sc_object *cand = fc->info->locals[k];
            if (cand->pos.line == bind->pos.line && cand->pos.col == bind->pos.col &&
                cand->slot < 0 && !strcmp(cand->name, bind->ident.name)) {
                o = cand;
                break;
            }
        }
        if (o) {
            cp_declare(fc, o);
            lvalue lv = cp_lvalue_var(fc, o);
            cp_store(fc, &lv, val[i] >= 0 ? val[i] : x);
        }
        cp_stmts(fc, &c->clause.body);
        cp_jump_add(&l.breaks, jump(fc, OP_JMP, 0, 0));
    }
    pop_loop(fc, &l, cp_here(fc));
}

static void branch(fcomp *fc, sc_stmt *s)
{
    if (s->branch.tok == T_FALLTHROUGH)
        return; /* the switch wires it */
    if (s->branch.tok == T_GOTO) { /* a back-edge (LOOP, a safe point) or patched later */
        const char *name = s->branch.label->ident.name;
        for (int i = 0; i < fc->nlabels; i++)
            if (!strcmp(fc->labels[i].name, name)) {
                cp_ins(fc, jump(fc, OP_LOOP, 0, 0))->k = fc->labels[i].at;
                return;
            }
        struct label_pos g = {name, jump(fc, OP_JMP, 0, 0)};
        if (fc->ngotos == fc->capgotos) {
            fc->capgotos = fc->capgotos ? fc->capgotos * 2 : 8;
            fc->gotos = realloc(fc->gotos, (size_t)fc->capgotos * sizeof *fc->gotos);
            if (!fc->gotos)
                vm_throw("out of host memory");
        }
        fc->gotos[fc->ngotos++] = g;
        return;
    }
    const char *label = s->branch.label ? s->branch.label->ident.name : NULL;
    bool brk = s->branch.tok == T_BREAK;
    for (loop_ctx *l = fc->loops; l; l = l->outer) {
        if (label ? !(l->label && !strcmp(l->label, label)) : (!brk && !l->is_loop))
            continue;
        cp_jump_add(brk ? &l->breaks : &l->continues, jump(fc, brk ? OP_JMP : OP_LOOP, 0, 0));
        return;
    }
}

static void return_stmt(fcomp *fc, sc_stmt *s)
{
    sc_exprs *r = &s->ret.results;
    sc_type *sig = fc->info->sig;
    if (r->n) {
        int n = sig->nresults;
        int *v = sc_alloc_atomic((size_t)n * sizeof *v);
        values(fc, r, n, sig->results, v);
        int off = 0;
        for (int i = 0; i < n; i++) { /* named results in cells get the values too */
            sc_object *o = fc->info->locals[fc->info->nparams + i];
            const vm_type *t = cp_type(fc, sig->results[i]);
            if (o->flags & (OF_CAPTURED | OF_ADDRESSED)) {
                lvalue lv = {LV_MEM, t, o->slot, 0, true, 0, NULL};
                cp_store(fc, &lv, v[i]);
            } else {
                cp_copy(fc, t, off, v[i]);
            }
            off += t->words;
        }
    }
    cp_jump_add(&fc->returns, jump(fc, OP_JMP, 0, 0)); /* to the epilogue */
}

static void go_defer(fcomp *fc, sc_stmt *s)
{
    extern void cp_go_defer(fcomp * fc, sc_expr * call, bool go);
    cp_go_defer(fc, s->x, s->kind == S_GO);
}

void cp_stmt(fcomp *fc, sc_stmt *s)
{
    fc->pos = s->pos;
    switch (s->kind) {
    case S_EMPTY: case S_BAD: return;
    case S_EXPR: cp_expr(fc, s->x); return;
    case S_ASSIGN:
        if (s->assign.op == T_DEFINE)
            define(fc, s);
        else if (s->assign.op == T_ASSIGN)
            assign(fc, s);
        else
            op_assign(fc, s);
        return;
    case S_INCDEC: {
        lvalue lv = cp_lvalue(fc, s->incdec.x);
        int cur = cp_load(fc, &lv);
        const vm_type *t = cp_type_of(fc, s->incdec.x);
        int d = cp_slots(fc, t);
        int one = cp_const_int(fc, 1);
        if (t->kind == K_FLOAT64) {
            double f = 1;
            memcpy(&cp_ins(fc, cp_here(fc) - 1)->k, &f, 8);
        }
        extern void cp_arith(fcomp * fc, sc_tok op, const vm_type *t, const vm_type *rt, int d,
                             int l, int r);
        cp_arith(fc, s->incdec.op == T_INC ? T_ADD : T_SUB, t, t, d, cur, one);
        cp_store(fc, &lv, d);
        return;
    }
    case S_DECL:
        if (s->decl->kind == D_VAR)
            for (int i = 0; i < s->decl->nspecs; i++)
                var_spec(fc, &s->decl->specs[i], false);
        return; /* const and type declarations need no code */
    case S_BLOCK: block(fc, s); return;
    case S_IF: if_stmt(fc, s); return;
    case S_FOR: for_stmt(fc, s); return;
    case S_RANGE: range_stmt(fc, s); return;
    case S_SWITCH: switch_stmt(fc, s); return;
    case S_RETURN: return_stmt(fc, s); return;
    case S_BRANCH: branch(fc, s); return;
    case S_LABELED: {
        const char *name = s->labeled.label->ident.name;
        int here = cp_here(fc);
        for (int i = 0; i < fc->ngotos; i++) /* earlier gotos jump forward to here */
            if (fc->gotos[i].name && !strcmp(fc->gotos[i].name, name)) {
                cp_ins(fc, fc->gotos[i].at)->k = here;
                fc->gotos[i].name = NULL;
            }
        if (fc->nlabels == fc->caplabels) {
            fc->caplabels = fc->caplabels ? fc->caplabels * 2 : 8;
            fc->labels = realloc(fc->labels, (size_t)fc->caplabels * sizeof *fc->labels);
            if (!fc->labels)
                vm_throw("out of host memory");
        }
        fc->labels[fc->nlabels++] = (struct label_pos){name, here};
        fc->pending_label = name;
        cp_stmt(fc, s->labeled.stmt);
        fc->pending_label = NULL;
        return;
    }
    case S_GO: case S_DEFER: go_defer(fc, s); return;
    case S_SELECT: select_stmt(fc, s); return;
    case S_TYPESWITCH: type_switch(fc, s); return;
    case S_SEND: {
        const vm_type *et = cp_type(fc, sc_under(s->send.ch->type)->elem);
        int ch = cp_expr(fc, s->send.ch);
        int v = cp_convert_to(fc, s->send.value, sc_under(s->send.ch->type)->elem);
        cp_emitp(fc, OP_SEND, ch, v, 0, et);
        return;
    }
    default:
        cp_unsupported(fc, s->pos, "this statement");
    }
}

void cp_stmts(fcomp *fc, sc_stmts *l)
{
    for (int i = 0; i < l->n; i++) {
        int mark = fc->f->nslots;
        cp_stmt(fc, l->v[i]);
        cp_clear_temps(fc, mark);
    }
}
