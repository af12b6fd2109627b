/*
 * exprstring.c — expressions rendered for messages, as Go's types2 prints them in errors
 * ("m[k]", "p.x", "f(x)", "func literal"): short, and shortened further when long.
 */
#include "sim/lang/ast.h"
#include <string.h>

typedef struct buf {
    char s[128];
    size_t n;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n && b->n + 1 < sizeof b->s; i++)
        b->s[b->n++] = s[i];
    b->s[b->n] = 0;
}
static void puts_(buf *b, const char *s) { put(b, s, strlen(s)); }

static void expr(buf *b, const sc_expr *x, int depth);

static void list(buf *b, const sc_exprs *l, int depth)
{
    for (int i = 0; i < l->n; i++) {
        if (i)
            puts_(b, ", ");
        expr(b, l->v[i], depth);
    }
}

static void fields(buf *b, const sc_fields *f, int depth)
{
    for (int i = 0; i < f->n; i++) {
        if (i)
            puts_(b, ", ");
        list(b, &f->v[i].names, depth);
        if (f->v[i].names.n)
            puts_(b, " ");
        expr(b, f->v[i].type, depth);
    }
}

static void func_type(buf *b, const sc_expr *x, int depth)
{
    puts_(b, "func(");
    fields(b, &x->func.params, depth);
    puts_(b, ")");
    const sc_fields *r = &x->func.results;
    if (!r->n)
        return;
    bool paren = r->n > 1 || r->v[0].names.n;
    puts_(b, paren ? " (" : " ");
    fields(b, r, depth);
    if (paren)
        puts_(b, ")");
}

static void expr(buf *b, const sc_expr *x, int depth)
{
    if (!x || depth > 8) {
        puts_(b, "…");
        return;
    }
    depth++;
    switch (x->kind) {
    case E_BAD: puts_(b, "_"); break;
    case E_IDENT: puts_(b, x->ident.name); break;
    case E_LIT: put(b, x->lit.text, x->lit.len > 32 ? 32 : x->lit.len); break;
    case E_COMPOSITE:
        expr(b, x->composite.type, depth);
        puts_(b, "{…}");
        break;
    case E_FUNCLIT: puts_(b, "func literal"); break;
    case E_PAREN: puts_(b, "("); expr(b, x->paren.x, depth); puts_(b, ")"); break;
    case E_SELECTOR:
        expr(b, x->selector.x, depth);
        puts_(b, ".");
        expr(b, x->selector.sel, depth);
        break;
    case E_INDEX:
        expr(b, x->index.x, depth);
        puts_(b, "[");
        expr(b, x->index.index, depth);
        puts_(b, "]");
        break;
    case E_SLICE:
        expr(b, x->slice.x, depth);
        puts_(b, "[");
        if (x->slice.lo)
            expr(b, x->slice.lo, depth);
        puts_(b, ":");
        if (x->slice.hi)
            expr(b, x->slice.hi, depth);
        if (x->slice.three) {
            puts_(b, ":");
            expr(b, x->slice.max, depth);
        }
        puts_(b, "]");
        break;
    case E_ASSERT:
        expr(b, x->assert.x, depth);
        puts_(b, ".(");
        if (x->assert.type)
            expr(b, x->assert.type, depth);
        else
            puts_(b, "type");
        puts_(b, ")");
        break;
    case E_CALL:
        expr(b, x->call.fun, depth);
        puts_(b, "(");
        list(b, &x->call.args, depth);
        puts_(b, x->call.dots ? "...)" : ")");
        break;
    case E_STAR: puts_(b, "*"); expr(b, x->star.x, depth); break;
    case E_UNARY:
        puts_(b, sc_tok_text(x->unary.op));
        expr(b, x->unary.x, depth);
        break;
    case E_BINARY:
        expr(b, x->binary.x, depth);
        puts_(b, " ");
        puts_(b, sc_tok_text(x->binary.op));
        puts_(b, " ");
        expr(b, x->binary.y, depth);
        break;
    case E_KEYVALUE:
        expr(b, x->kv.key, depth);
        puts_(b, ": ");
        expr(b, x->kv.value, depth);
        break;
    case E_ARRAYTYPE:
        puts_(b, "[");
        if (x->array.len)
            expr(b, x->array.len, depth);
        puts_(b, "]");
        expr(b, x->array.elem, depth);
        break;
    case E_ELLIPSIS:
        puts_(b, "...");
        if (x->ellipsis.elt)
            expr(b, x->ellipsis.elt, depth);
        break;
    case E_STRUCTTYPE: puts_(b, "struct{…}"); break;
    case E_FUNCTYPE: func_type(b, x, depth); break;
    case E_IFACETYPE: puts_(b, x->iface.methods.n ? "interface{…}" : "interface{}"); break;
    case E_MAPTYPE:
        puts_(b, "map[");
        expr(b, x->map.key, depth);
        puts_(b, "]");
        expr(b, x->map.value, depth);
        break;
    case E_CHANTYPE:
        puts_(b, x->chan.dir == SC_RECV ? "<-chan " : x->chan.dir == SC_SEND ? "chan<- " : "chan ");
        expr(b, x->chan.value, depth);
        break;
    }
}

const char *sc_expr_string(const sc_expr *x)
{
    buf b = {{0}, 0};
    expr(&b, x, 0);
    return sc_strndup(b.s, b.n);
}

sc_pos sc_expr_start(const sc_expr *x)
{
    for (int i = 0; x && i < 10000; i++) {
        const sc_expr *l;
        switch (x->kind) {
        case E_BINARY: l = x->binary.x; break;
        case E_SELECTOR: l = x->selector.x; break;
        case E_INDEX: l = x->index.x; break;
        case E_SLICE: l = x->slice.x; break;
        case E_CALL: l = x->call.fun; break;
        case E_ASSERT: l = x->assert.x; break;
        case E_KEYVALUE: l = x->kv.key; break;
        case E_COMPOSITE: l = x->composite.type; break;
        default: l = NULL; break;
        }
        if (!l)
            return x->pos;
        x = l;
    }
    return x ? x->pos : (sc_pos){0, 0};
}
