/*
 * scope.c — scopes and objects (types.h). Scopes are small (a block's names), so a scope
 * is an array searched from the end.
 */
#include "sim/lang/types.h"
#include <string.h>

sc_scope *sc_scope_new(sc_scope *parent, bool func)
{
    sc_scope *s = sc_alloc(sizeof *s);
    s->parent = parent;
    s->func = func;
    return s;
}

sc_object *sc_scope_lookup_local(const sc_scope *s, const char *name)
{
    for (int i = s->n - 1; i >= 0; i--)
        if (!strcmp(s->v[i]->name, name))
            return s->v[i];
    return NULL;
}

sc_object *sc_scope_lookup(const sc_scope *s, const char *name, const sc_scope **found)
{
    for (; s; s = s->parent) {
        sc_object *o = sc_scope_lookup_local(s, name);
        if (o) {
            if (found)
                *found = s;
            return o;
        }
    }
    return NULL;
}

sc_object *sc_scope_insert(sc_scope *s, sc_object *obj)
{
    if (strcmp(obj->name, "_")) {
        sc_object *old = sc_scope_lookup_local(s, obj->name);
        if (old)
            return old;
    }
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 8;
        sc_object **v = sc_alloc((size_t)s->cap * sizeof *v);
        if (s->n)
            memcpy(v, s->v, (size_t)s->n * sizeof *v);
        s->v = v;
    }
    s->v[s->n++] = obj;
    return NULL;
}

sc_object *sc_new_object(sc_obj_kind k, const char *name, sc_pos pos, sc_type *type)
{
    sc_object *o = sc_alloc(sizeof *o);
    o->kind = k;
    o->name = name;
    o->pos = pos;
    o->type = type;
    o->slot = -1;
    return o;
}
