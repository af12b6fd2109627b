/*
 * cost.c — the cost model: named costs in nanoseconds that the virtual engine charges.
 * The runtime's entries come first with fixed ids (RT_COSTS in rt.h); other layers append
 * theirs with rt_cost_define. A cost file overrides values by name; it cannot add names,
 * so a misspelt name is an error rather than a silently ignored line.
 */
#include "rt_internal.h"
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cost_entry {
    char *name;
    char *doc;
    int64_t ns;
} cost_entry;

struct rt_cost_model {
    cost_entry *e;
    int n, cap;
};

static const rt_cost_entry builtin_costs[] = {RT_COSTS(RT_COST_ENTRY)};

static char *dupstr(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    return d ? memcpy(d, s, n) : NULL;
}

rt_cost_model *rt_cost_model_new(void)
{
    rt_cost_model *cm = calloc(1, sizeof *cm);
    if (cm && !rt_cost_define_all(cm, builtin_costs, RT_COST_BUILTIN_COUNT)) {
        rt_cost_model_free(cm);
        return NULL;
    }
    return cm; /* a fresh model: the builtin ids are the row indices */
}

bool rt_cost_define_all(rt_cost_model *cm, const rt_cost_entry *rows, int n)
{
    for (int i = 0; i < n; i++)
        if (rt_cost_define(cm, rows[i].name, rows[i].ns, rows[i].doc) < 0)
            return false;
    return true;
}

void rt_cost_model_free(rt_cost_model *cm)
{
    if (!cm)
        return;
    for (int i = 0; i < cm->n; i++) {
        free(cm->e[i].name);
        free(cm->e[i].doc);
    }
    free(cm->e);
    free(cm);
}

int rt_cost_lookup(const rt_cost_model *cm, const char *name)
{
    for (int i = 0; i < cm->n; i++)
        if (strcmp(cm->e[i].name, name) == 0)
            return i;
    return -1;
}

int rt_cost_define(rt_cost_model *cm, const char *name, int64_t default_ns, const char *doc)
{
    int id = rt_cost_lookup(cm, name);
    if (id >= 0)
        return id; /* defining twice (two heaps, say) names the same entry */
    if (default_ns < 0)
        return -1;
    if (cm->n == cm->cap) {
        int cap = cm->cap ? cm->cap * 2 : 32;
        cost_entry *e = realloc(cm->e, (size_t)cap * sizeof *e);
        if (!e)
            return -1;
        cm->e = e;
        cm->cap = cap;
    }
    cost_entry *e = &cm->e[cm->n];
    e->name = dupstr(name);
    e->doc = dupstr(doc ? doc : "");
    e->ns = default_ns;
    if (!e->name || !e->doc) {
        free(e->name);
        free(e->doc);
        return -1;
    }
    return cm->n++;
}

int64_t rt_cost_get(const rt_cost_model *cm, int id)
{
    return id >= 0 && id < cm->n ? cm->e[id].ns : 0;
}

int rt_cost_count(const rt_cost_model *cm) { return cm->n; }
const char *rt_cost_name(const rt_cost_model *cm, int id)
{
    return id >= 0 && id < cm->n ? cm->e[id].name : NULL;
}

const char *rt_cost_doc(const rt_cost_model *cm, int id)
{
    return id >= 0 && id < cm->n ? cm->e[id].doc : NULL;
}

rt_err rt_cost_set(rt_cost_model *cm, const char *name, int64_t ns)
{
    int id = rt_cost_lookup(cm, name);
    if (id < 0 || ns < 0)
        return RT_EINVAL;
    cm->e[id].ns = ns;
    return RT_OK;
}

rt_cost_model *rt__cost_model_copy(const rt_cost_model *cm)
{
    rt_cost_model *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    for (int i = 0; i < cm->n; i++)
        if (rt_cost_define(c, cm->e[i].name, cm->e[i].ns, cm->e[i].doc) != i) {
            rt_cost_model_free(c);
            return NULL;
        }
    return c;
}

int64_t *rt__cost_table(const rt_cost_model *cm)
{
    int64_t *t = malloc((size_t)(cm->n ? cm->n : 1) * sizeof *t);
    if (t)
        for (int i = 0; i < cm->n; i++)
            t[i] = cm->e[i].ns;
    return t;
}

/* ---------------------------------------------------------------- cost files */

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = 0;
    return s;
}

/* parse_line applies one `name = ns` line; returns NULL or an error message. */
static const char *parse_line(rt_cost_model *cm, char *line)
{
    char *hash = strchr(line, '#');
    if (hash)
        *hash = 0;
    char *s = trim(line);
    if (!*s)
        return NULL;
    char *eq = strchr(s, '=');
    if (!eq)
        return "expected `name = nanoseconds`";
    *eq = 0;
    char *name = trim(s), *val = trim(eq + 1), *end;
    if (!*name)
        return "missing cost name";
    errno = 0;
    long long ns = strtoll(val, &end, 10);
    if (!*val || *end || errno || ns < 0)
        return "cost must be a non-negative integer number of nanoseconds";
    if (rt_cost_set(cm, name, ns) != RT_OK)
        return "unknown cost name";
    return NULL;
}

rt_err rt_cost_model_load(rt_cost_model *cm, const char *path, char *errbuf, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
        return RT_EIO;
    }
    char line[1024];
    int lineno = 0;
    rt_err r = RT_OK;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (!strchr(line, '\n') && !feof(f)) {
            snprintf(errbuf, errlen, "%s:%d: line too long", path, lineno);
            r = RT_ESYNTAX;
            break;
        }
        char copy[1024];
        memcpy(copy, line, sizeof copy);
        const char *msg = parse_line(cm, line);
        if (msg) {
            char *nl = strchr(copy, '\n');
            if (nl)
                *nl = 0;
            snprintf(errbuf, errlen, "%s:%d: %s: %s", path, lineno, msg, trim(copy));
            r = RT_ESYNTAX;
            break;
        }
    }
    fclose(f);
    return r;
}
