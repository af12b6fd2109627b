/*
 * trace.c — the event tracer: one stream of rt_event in engine time, delivered to one sink.
 * With no sink, RT_TRACE is a predicted-not-taken branch on one pointer. In the threads
 * engine sink calls are serialised by trace_lock, so a sink needs no locking of its own.
 * Event kinds beyond the runtime's are defined by upper layers (gc/, maps/) by name.
 */
#include "rt_internal.h"
#include <stdlib.h>
#include <string.h>

#define RT_EV_NAME(id, name) name,
static const char *const builtin_kinds[] = {RT_EVENTS(RT_EV_NAME)};
#undef RT_EV_NAME
#define RT_WAIT_NAME(id, str) str,
static const char *const builtin_waits[] = {RT_WAIT_REASONS(RT_WAIT_NAME)};
#undef RT_WAIT_NAME

void rt__trace_init(rt_sched *s)
{
    for (int i = 0; i < RT_EV_BUILTIN_COUNT; i++)
        s->kind_names[i] = builtin_kinds[i];
    s->nkinds = RT_EV_BUILTIN_COUNT;
    for (int i = 0; i < RT_WAIT_BUILTIN_COUNT; i++)
        s->wait_names[i] = builtin_waits[i];
    s->nwait = RT_WAIT_BUILTIN_COUNT;
}

void rt_sched_set_trace(rt_sched *s, rt_trace_sink sink, void *ud)
{
    s->sink = sink;
    s->sink_ud = ud;
}

int rt_trace_kind_define(rt_sched *s, const char *name)
{
    return s->nkinds < RT_EV_MAX ? (s->kind_names[s->nkinds] = name, s->nkinds++) : -1;
}

const char *rt_trace_kind_name(const rt_sched *s, uint32_t kind)
{
    return kind < (uint32_t)s->nkinds ? s->kind_names[kind] : "?";
}

int rt_wait_reason_define(rt_sched *s, const char *name)
{
    return s->nwait < RT_WAIT_MAX ? (s->wait_names[s->nwait] = name, s->nwait++) : -1;
}

const char *rt_wait_reason_name(const rt_sched *s, int reason)
{
    return reason >= 0 && reason < s->nwait ? s->wait_names[reason] : "?";
}

void rt__trace(rt_m *m, uint32_t kind, uint64_t g, uint64_t a0, uint64_t a1, uint64_t a2,
               const char *str)
{
    rt_sched *s = m->s;
    rt_event ev = {
        .ts = s->eng->now(m),
        .kind = kind,
        .p = m->p ? m->p->id : -1,
        .g = g,
        .arg = {a0, a1, a2},
        .str = str,
    };
    if (s->is_virtual) {
        s->sink(s->sink_ud, &ev);
        return;
    }
    rt__lock(&s->trace_lock);
    s->sink(s->sink_ud, &ev);
    rt__unlock(&s->trace_lock);
}

bool rt_trace_enabled(void)
{
    rt_m *m = rt__m();
    return m && rt__tracing(m->s);
}

void rt_trace_emit(uint32_t kind, uint64_t a0, uint64_t a1, uint64_t a2, const char *str)
{
    rt_m *m = rt__m();
    if (m && rt__tracing(m->s))
        rt__trace(m, kind, m->curg ? m->curg->id : 0, a0, a1, a2, str);
}

void rt_trace_log(const char *msg, uint64_t value)
{
    rt_trace_emit(RT_EV_USER, value, 0, 0, msg);
}

void rt_trace_buf_sink(void *ud, const rt_event *ev)
{
    rt_trace_buf *b = ud;
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 1024;
        rt_event *e = realloc(b->ev, cap * sizeof *e);
        if (!e)
            rt_throw("out of memory in the trace buffer");
        b->ev = e;
        b->cap = cap;
    }
    b->ev[b->n++] = *ev;
}

void rt_trace_buf_destroy(rt_trace_buf *b)
{
    free(b->ev);
    memset(b, 0, sizeof *b);
}
