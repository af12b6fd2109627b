/*
 * check.c — the checker's driver: the package's names collected, each package-level
 * object resolved on demand (so declarations may come in any order, as in Go), methods
 * attached to their types, function bodies checked, then what Go reports at the end
 * (unused imports, a missing main). Also the shared helpers of check.h.
 */
#include "sim/lang/check.h"
#include <stdarg.h>

/* ---------------------------------------------------------------- helpers */

void ck_error(checker *c, sc_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    sc_error(c->d, pos, "%s", buf);
}

void ck_grow(void **v, int n, int *cap, size_t size)
{
    if (n < *cap)
        return;
    int nc = *cap ? *cap * 2 : 8;
    void *w = sc_alloc((size_t)nc * size);
    if (n)
        memcpy(w, *v, (size_t)n * size);
    *v = w;
    *cap = nc;
}

const char *ck_describe(const sc_expr *x)
{
    const char *s = sc_expr_string(x);
    const char *t = x->type ? sc_type_string(x->type) : "invalid type";
    char cv[200]; /* a 512-bit constant has 155 digits */
    switch (x->mode) {
    case M_CONST:
        if (x->kind == E_LIT || !sc_is_untyped(x->type))
            return sc_sprintf("%s (%s constant)", s, t);
        return sc_sprintf("%s (%s constant %s)", s, t, sc_const_format(x->cval, cv, sizeof cv));
    case M_VARIABLE:
        return sc_sprintf("%s (variable of type %s)", s, t);
    case M_MAPINDEX:
        return sc_sprintf("%s (map index expression of type %s)", s, t);
    case M_NOVALUE:
        return sc_sprintf("%s (no value)", s);
    case M_TYPE:
        return sc_sprintf("%s (type)", s);
    case M_BUILTIN:
        return sc_sprintf("%s (built-in)", s);
    case M_COMMAOK:
        return sc_sprintf("%s (comma, ok expression of type %s)", s, t);
    default:
        if (x->type && x->type->kind == K_UNTYPED_NIL)
            return "nil";
        return sc_sprintf("%s (value of type %s)", s, t);
    }
}

bool ck_declare(checker *c, sc_scope *s, sc_object *o)
{
    sc_object *old = sc_scope_insert(s, o);
    if (!old)
        return true;
    if (old->pos.line)
        ck_error(c, o->pos, "%s redeclared in this block\n\t%s:%d:%d: other declaration of %s",
                 o->name, c->file->src->name, old->pos.line, old->pos.col, o->name);
    else
        ck_error(c, o->pos, "%s redeclared in this block", o->name);
    o->flags |= OF_USED; /* not declared: not reported as unused either */
    return false;
}

sc_object *ck_new_local(checker *c, sc_expr *name, sc_type *t)
{
    sc_object *o = sc_new_object(O_VAR, name->ident.name, name->pos, t);
    name->obj = o;
    name->type = t;
    name->mode = M_VARIABLE;
    if (ck_declare(c, c->scope, o) && c->fn)
        CK_PUSH(c->fn->info->locals, c->fn->info->nlocals, c->fn->info->caplocals, o);
    return o;
}

/* ---------------------------------------------------------------- package-level objects */

void ck_add_dep(checker *c, sc_object *o)
{
    sc_object *r = c->resolving;
    if (!r || r == o)
        return;
    for (int i = 0; i < r->ndeps; i++)
        if (r->deps[i] == o)
            return;
    CK_PUSH(r->deps, r->ndeps, r->capdeps, o);
}

/* spec_values: the type and values a const spec uses (an implicit spec repeats the last
   explicit one before it in its group) */
static sc_spec *const_source(sc_decl *d, sc_spec *s)
{
    for (sc_spec *p = s; p >= d->specs; p--)
        if (!p->implicit)
            return p;
    return s;
}

static void resolve_const(checker *c, sc_object *o)
{
    sc_spec *src = const_source(o->decl, o->spec);
    int saved = c->iota;
    c->iota = o->spec->iota;
    sc_type *t = src->type ? ck_type(c, src->type) : NULL;
    if (o->spec_index >= src->values.n) {
        if (!src->values.n || src == o->spec)
            ck_error(c, o->pos, src->values.n ? "missing init expr for const declaration"
                                               : "missing init expr for const declaration");
        else
            ck_error(c, o->pos, "missing init expr for const declaration");
        o->type = &sc_basic[K_INVALID];
        c->iota = saved;
        return;
    }
    /* an implicit spec re-checks the source expression with its own iota: copy it */
    sc_expr *x = src->values.v[o->spec_index];
    if (src != o->spec) {
        sc_expr *copy = sc_alloc(sizeof *copy);
        *copy = *x;
        x = copy; /* shallow: the checker rewrites annotations, not structure */
    }
    ck_expr(c, x);
    c->iota = saved;
    if (x->mode == M_INVALID) {
        o->type = &sc_basic[K_INVALID];
        return;
    }
    if (x->mode != M_CONST) {
        ck_error(c, x->pos, "%s is not constant", ck_describe(x));
        o->type = &sc_basic[K_INVALID];
        return;
    }
    if (t && !ck_assignable(c, x, t, "constant declaration")) {
        o->type = &sc_basic[K_INVALID];
        return;
    }
    o->type = x->type;
    o->val = x->cval;
}

static void resolve_var(checker *c, sc_object *o);

static void resolve_func(checker *c, sc_object *o)
{
    sc_decl *d = o->decl;
    o->type = ck_signature(c, d->type, NULL);
}

void ck_resolve(checker *c, sc_object *o)
{
    if (o->resolve == RES_DONE || !o->decl)
        return;
    if (o->resolve == RES_BUSY) {
        if (o->kind == O_TYPE)
            return; /* a type may refer to itself (through a pointer); layout checks the rest */
        if (o->kind == O_FUNC && o->type)
            return;
        ck_error(c, o->pos, "initialization cycle or invalid recursive reference to %s",
                 o->name);
        o->type = &sc_basic[K_INVALID];
        return;
    }
    if (c->resolve_depth >= CK_MAX_RESOLVE_DEPTH) {
        ck_error(c, o->pos, "declaration of %s depends on a chain of more than %d declarations",
                 o->name, CK_MAX_RESOLVE_DEPTH);
        o->type = &sc_basic[K_INVALID];
        o->resolve = RES_DONE;
        return;
    }
    c->resolve_depth++;
    o->resolve = RES_BUSY;
    sc_object *outer = c->resolving;
    sc_scope *scope = c->scope;
    func_ctx *fn = c->fn;
    c->resolving = o;
    c->scope = c->file_scope;
    c->fn = NULL;
    switch (o->kind) {
    case O_CONST: resolve_const(c, o); break;
    case O_VAR: resolve_var(c, o); break;
    case O_TYPE:
        if (o->spec->alias) {
            o->type = ck_type(c, o->spec->type);
        } else {
            ck_named_underlying(c, o->type, o->spec->type);
        }
        break;
    case O_FUNC: resolve_func(c, o); break;
    default: break;
    }
    c->resolving = outer;
    c->scope = scope;
    c->fn = fn;
    o->resolve = RES_DONE;
    c->resolve_depth--;
}

/* ---------------------------------------------------------------- variables */

/* resolve_var types every name of o's spec at once (var a, b = f() needs them together) */
static void resolve_var(checker *c, sc_object *o)
{
    sc_spec *s = o->spec;
    sc_object **objs = sc_alloc((size_t)s->names.n * sizeof *objs);
    for (int i = 0; i < s->names.n; i++) {
        objs[i] = s->names.v[i]->obj;
        objs[i]->resolve = RES_BUSY;
        c->resolving = objs[i] == o ? o : c->resolving;
    }
    sc_type *t = s->type ? ck_type(c, s->type) : NULL;
    ck_init_vars(c, objs, s->names.n, t, &s->values, s->pos);
    for (int i = 0; i < s->names.n; i++) {
        objs[i]->resolve = RES_DONE;
        if (objs[i] != o) /* the spec's other names share its dependencies */
            for (int k = 0; k < o->ndeps; k++)
                CK_PUSH(objs[i]->deps, objs[i]->ndeps, objs[i]->capdeps, o->deps[k]);
    }
}

/* ---------------------------------------------------------------- collecting */

static sc_object *pkg_object(checker *c, sc_obj_kind k, sc_expr *name, sc_decl *d, sc_spec *s,
                             int index)
{
    sc_object *o = sc_new_object(k, name->ident.name, name->pos, NULL);
    o->decl = d;
    o->spec = s;
    o->spec_index = index;
    o->pkg = c->pkg;
    name->obj = o;
    if (!strcmp(o->name, "init") && k != O_FUNC)
        ck_error(c, o->pos, "cannot declare init - must be func");
    else if (!strcmp(o->name, "main") && k != O_FUNC && !strcmp(c->pkg->path, "main"))
        ck_error(c, o->pos, "cannot declare main - must be func");
    else if (strcmp(o->name, "init") || k != O_FUNC)
        ck_declare(c, c->pkg_scope, o);
    return o;
}

static void collect_import(checker *c, sc_spec *s)
{
    const char *path = sc_strndup(s->path.str, s->path.slen);
    sc_package *pkg = ck_package(c, path);
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if (!pkg) {
        ck_error(c, s->path.pos, "package %s is not in gorsim's standard library "
                 "(scenarios can import: context, fmt, math/rand, runtime, runtime/debug, "
                 "runtime/trace, sim, strconv, sync, time)", path);
        sc_object *o = sc_new_object(O_PKG, s->names.n ? s->names.v[0]->ident.name : base,
                                     s->path.pos, NULL);
        o->flags |= OF_USED; /* its uses are invalid, silently: reported here once */
        sc_scope_insert(c->file_scope, o);
        return;
    }
    const char *name = s->names.n ? s->names.v[0]->ident.name : pkg->name;
    sc_pos pos = s->names.n ? s->names.v[0]->pos : s->path.pos;
    if (!strcmp(name, "_"))
        return;
    sc_object *o = sc_new_object(O_PKG, name, pos, NULL);
    o->pkg = pkg;
    o->spec = s;
    ck_declare(c, c->file_scope, o);
    CK_PUSH(c->imports, c->nimports, c->capimports, o);
}

static void collect(checker *c)
{
    for (int i = 0; i < c->file->ndecls; i++) {
        sc_decl *d = c->file->decls[i];
        for (int k = 0; k < d->nspecs; k++) {
            sc_spec *s = &d->specs[k];
            if (d->kind == D_IMPORT) {
                collect_import(c, s);
                continue;
            }
            for (int n = 0; n < s->names.n; n++) {
                sc_obj_kind ok = d->kind == D_CONST ? O_CONST : d->kind == D_VAR ? O_VAR : O_TYPE;
                sc_object *o = pkg_object(c, ok, s->names.v[n], d, s, n);
                if (ok == O_VAR)
                    o->flags |= OF_GLOBAL;
                if (ok == O_TYPE && !s->alias) {
                    o->type = sc_new_type(K_NAMED);
                    o->type->name = o->name;
                    o->type->obj = o;
                }
            }
        }
        if (d->kind == D_FUNC && !d->recv) {
            d->obj = pkg_object(c, O_FUNC, d->name, d, NULL, 0);
            if (!strcmp(d->name->ident.name, "init"))
                CK_PUSH(c->prog->inits, c->prog->ninits, c->prog->capinits, d->obj);
        }
    }
}

/* ---------------------------------------------------------------- methods */

/* recv_base: the named type of a receiver T or *T declared in this package, or NULL */
static sc_type *recv_base(checker *c, sc_field *recv, bool *ptr)
{
    sc_expr *x = recv->type;
    *ptr = false;
    while (x->kind == E_PAREN)
        x = x->paren.x;
    if (x->kind == E_STAR) {
        *ptr = true;
        x = x->star.x;
    }
    sc_type *t = ck_type(c, x);
    if (t->kind == K_INVALID)
        return NULL;
    if (t->kind != K_NAMED || !t->obj || t->obj->pkg != c->pkg) {
        ck_error(c, x->pos, "cannot define new methods on non-local type %s", sc_type_string(t));
        return NULL;
    }
    sc_kind u = sc_under(t)->kind;
    if (u == K_POINTER || u == K_INTERFACE) {
        ck_error(c, x->pos, "invalid receiver type %s (pointer or interface type)",
                 sc_type_string(t));
        return NULL;
    }
    return t;
}

static void collect_method(checker *c, sc_decl *d)
{
    bool ptr;
    sc_type *base = recv_base(c, d->recv, &ptr);
    sc_object *m = sc_new_object(O_FUNC, d->name->ident.name, d->name->pos, NULL);
    m->decl = d;
    m->flags = OF_METHOD;
    m->pkg = c->pkg;
    d->obj = m;
    d->name->obj = m;
    if (!base)
        return;
    m->recv = ptr ? sc_pointer_to(base) : base;
    m->type = ck_signature(c, d->type, NULL);
    m->resolve = RES_DONE;
    if (!strcmp(m->name, "_"))
        return;
    for (int i = 0; i < base->nmethods; i++)
        if (!strcmp(base->methods[i]->name, m->name)) {
            ck_error(c, m->pos, "method %s.%s already declared at %s:%d:%d", base->name, m->name,
                     c->file->src->name, base->methods[i]->pos.line, base->methods[i]->pos.col);
            return;
        }
    sc_type *u = sc_under(base);
    for (int i = 0; u->kind == K_STRUCT && i < u->nfields; i++)
        if (!strcmp(u->fields[i].name, m->name)) {
            ck_error(c, m->pos, "field and method with the same name %s", m->name);
            return;
        }
    int cap = base->nmethods;
    CK_PUSH(base->methods, base->nmethods, cap, m);
}

/* ---------------------------------------------------------------- bodies */

static void check_bodies(checker *c)
{
    for (int i = 0; i < c->file->ndecls; i++) {
        sc_decl *d = c->file->decls[i];
        if (d->kind != D_FUNC || !d->obj || !d->obj->type)
            continue;
        if (!d->body) {
            if (!c->pkg->native && !d->ext)
                ck_error(c, d->name->pos, "missing function body");
            d->obj->flags |= OF_NATIVE;
            continue;
        }
        sc_func_info *info = sc_alloc(sizeof *info);
        info->obj = d->obj;
        info->decl = d;
        d->obj->func = info;
        sc_object *saved = c->resolving;
        c->resolving = d->obj;
        ck_func_body(c, info, d->type, d->body);
        c->resolving = saved;
        CK_PUSH(c->prog->funcs, c->prog->nfuncs, c->prog->capfuncs, info);
    }
}

/* ---------------------------------------------------------------- initialization order */

/* reaches: the package variables o depends on, directly or through the functions and
   methods it calls (an explicit stack: dependency chains may be long); marks with `mark` */
static void reaches(checker *c, sc_object *o, unsigned mark, sc_object ***out, int *n, int *cap)
{
    sc_object **stack = NULL;
    int ns = 0, caps = 0;
    CK_PUSH(stack, ns, caps, o);
    while (ns) {
        sc_object *x = stack[--ns];
        for (int i = 0; i < x->ndeps; i++) {
            sc_object *d = x->deps[i];
            if (d->walk == mark) /* visited in this walk */
                continue;
            if (d->kind == O_VAR)
                CK_PUSH(*out, *n, *cap, d);
            d->walk = mark;
            CK_PUSH(stack, ns, caps, d);
        }
    }
    (void)c;
}

/* report_loop: Go's "initialization loop for a" with the path back to a (breadth first
   through the dependencies, so the path is a shortest one) */
static void report_loop(checker *c, sc_object *v)
{
    sc_object **q = NULL, **from = NULL;
    int nq = 0, capq = 0, capf = 0, nf = 0, head = 0;
    CK_PUSH(q, nq, capq, v);
    CK_PUSH(from, nf, capf, NULL);
    int found = -1;
    c->walk++;
    while (head < nq && found < 0 && nq < 100000) {
        sc_object *x = q[head++];
        for (int i = 0; i < x->ndeps && found < 0; i++) {
            sc_object *d = x->deps[i];
            if (d == v) {
                found = head - 1;
                break;
            }
            if (d->walk == c->walk)
                continue;
            d->walk = c->walk;
            CK_PUSH(q, nq, capq, d);
            CK_PUSH(from, nf, capf, x);
        }
    }
    char msg[1024];
    int len = snprintf(msg, sizeof msg, "initialization loop for %s", v->name);
    /* the chain from v to the last step, found by walking parents back */
    sc_object *path[64];
    int np = 0;
    for (int at = found; at >= 0 && np < 64;) {
        path[np++] = q[at];
        sc_object *parent = from[at];
        at = -1;
        for (int k = 0; parent && k < nq; k++)
            if (q[k] == parent) {
                at = k;
                break;
            }
    }
    for (int k = np - 1; k >= 0 && len < (int)sizeof msg - 100; k--)
        len += snprintf(msg + len, sizeof msg - (size_t)len, "\n\t%s:%d:%d: %s refers to",
                        c->file->src->name, path[k]->pos.line, path[k]->pos.col, path[k]->name);
    if (len < (int)sizeof msg - 100)
        snprintf(msg + len, sizeof msg - (size_t)len, "\n\t%s:%d:%d: %s", c->file->src->name,
                 v->pos.line, v->pos.col, v->name);
    ck_error(c, v->pos, "%s", msg);
}

/* init_order: Go's rule — repeatedly, the first package variable in declaration order
   whose dependencies (direct, or through the functions it calls) are all initialized; a
   variable that depends on itself is an initialization cycle */
static void init_order(checker *c)
{
    int nv = 0;
    for (int i = 0; i < c->pkg_scope->n; i++)
        nv += c->pkg_scope->v[i]->kind == O_VAR;
    sc_object **vars = sc_alloc((size_t)(nv + 1) * sizeof *vars);
    sc_object ***deps = sc_alloc((size_t)(nv + 1) * sizeof *deps);
    int *ndeps = sc_alloc_atomic((size_t)(nv + 1) * sizeof *ndeps);
    int k = 0;
    for (int i = 0; i < c->pkg_scope->n; i++)
        if (c->pkg_scope->v[i]->kind == O_VAR)
            vars[k++] = c->pkg_scope->v[i];
    for (int i = 0; i < nv; i++) {
        int cap = 0;
        c->walk++;
        reaches(c, vars[i], c->walk, &deps[i], &ndeps[i], &cap);
        for (int j = 0; j < ndeps[i]; j++)
            if (deps[i][j] == vars[i]) {
                report_loop(c, vars[i]);
                ndeps[i] = 0;
                break;
            }
    }
    for (int done = 0; done < nv;) {
        int pick = -1;
        for (int i = 0; i < nv && pick < 0; i++) {
            if (vars[i]->flags & OF_ORDERED)
                continue;
            bool ready = true;
            for (int j = 0; j < ndeps[i] && ready; j++)
                ready = (deps[i][j]->flags & OF_ORDERED) || deps[i][j] == vars[i];
            if (ready)
                pick = i;
        }
        if (pick < 0) /* a cycle among several variables: reported above; keep source order */
            for (int i = 0; i < nv && pick < 0; i++)
                if (!(vars[i]->flags & OF_ORDERED))
                    pick = i;
        vars[pick]->flags |= OF_ORDERED;
        CK_PUSH(c->prog->globals, c->prog->nglobals, c->prog->capglobals, vars[pick]);
        done++;
    }
}

/* ---------------------------------------------------------------- the package */

static void finish(checker *c)
{
    for (int i = 0; i < c->nimports; i++) {
        sc_object *o = c->imports[i];
        if (o->flags & OF_USED)
            continue;
        if (o->spec->names.n)
            ck_error(c, o->pos, "imported and not used: \"%s\" as %s", o->pkg->path, o->name);
        else
            ck_error(c, o->pos, "imported and not used: \"%s\"", o->pkg->path);
    }
    if (c->pkg->native)
        return;
    sc_object *m = sc_scope_lookup_local(c->pkg_scope, "main");
    if (!m || m->kind != O_FUNC) {
        ck_error(c, (sc_pos){0, 0}, "function main is undeclared in the main package");
        return;
    }
    if (m->type && (m->type->nparams || m->type->nresults))
        ck_error(c, m->pos, "func main must have no arguments and no return values");
    c->prog->main = m;
}

sc_program *ck_check_package(sc_file *f, sc_diags *d, sc_package *pkg)
{
    checker c = {.d = d, .file = f, .pkg = pkg, .iota = -1};
    c.prog = sc_alloc(sizeof *c.prog);
    c.prog->file = f;
    c.prog->pkg = pkg;
    c.universe = ck_universe();
    c.pkg_scope = pkg->scope = sc_scope_new(c.universe, false);
    c.file_scope = c.scope = sc_scope_new(c.pkg_scope, false);
    if (!pkg->native && f->pkg && strcmp(f->pkg, "main"))
        ck_error(&c, f->pkgpos, "package %s: a scenario is package main", f->pkg);
    collect(&c);
    /* methods first: a package variable's initializer may call one (var j = T(0).m()) */
    for (int i = 0; i < f->ndecls; i++)
        if (f->decls[i]->kind == D_FUNC && f->decls[i]->recv)
            collect_method(&c, f->decls[i]);
    for (int i = 0; i < c.pkg_scope->n; i++)
        ck_resolve(&c, c.pkg_scope->v[i]);
    for (int i = 0; i < c.prog->ninits; i++)
        ck_resolve(&c, c.prog->inits[i]);
    for (int i = 0; i < c.pkg_scope->n; i++)
        if (c.pkg_scope->v[i]->kind == O_TYPE && c.pkg_scope->v[i]->type &&
            !ck_layout(c.pkg_scope->v[i]->type))
            ck_error(&c, c.pkg_scope->v[i]->pos, "invalid recursive type %s",
                     c.pkg_scope->v[i]->name);
    check_bodies(&c);
    finish(&c);
    init_order(&c);
    return sc_failed(d) ? NULL : c.prog;
}

sc_program *sc_check(sc_file *f, sc_diags *d)
{
    sc_package *pkg = sc_alloc(sizeof *pkg);
    pkg->path = "main";
    pkg->name = "main";
    return ck_check_package(f, d, pkg);
}
