/*
 * fatal.c — the three kinds of failure (STYLE.md G10) for the runtime: rt_fatal for misuse
 * by the simulated program (Go's fatal error: message, goroutine list, exit status 2),
 * rt_throw for a broken invariant of gorsim itself (a bug report, then abort), and
 * rt__sched_verify, the walker that checks INV-ONE-PLACE.
 */
#include "rt_internal.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RT_ERR_MSG(name, msg) msg,
static const char *const err_msgs[] = {RT_ERRORS(RT_ERR_MSG)};
#undef RT_ERR_MSG

const char *rt_strerror(rt_err e)
{
    return (unsigned)e < RT_ERR_COUNT ? err_msgs[e] : "unknown error";
}

static const char *g_state(const rt_sched *s, const rt_g *g)
{
    rt_g_status st = rt__g_status(g);
    if (st == RT_G_WAITING)
        return rt_wait_reason_name(s, g->wait_reason);
    return rt_g_status_name(st);
}

void rt__dump_goroutines(rt_sched *s, int fd)
{
    FILE *f = fdopen(dup(fd), "w");
    if (!f)
        return;
    for (size_t i = 0; i < s->nallgs; i++) {
        rt_g *g = s->allgs[i];
        rt_g_status st = rt__g_status(g);
        if (st == RT_G_DEAD || g->system) /* Go hides system goroutines too */
            continue;
        fprintf(f, "\ngoroutine %llu [%s]:\n", (unsigned long long)g->id, g_state(s, g));
        if (g->parent_id)
            fprintf(f, "created by goroutine %llu\n", (unsigned long long)g->parent_id);
    }
    fclose(f);
}

void rt__fatal_record(rt_sched *s, const char *msg)
{
    if (!s->fatal_msg[0])
        snprintf(s->fatal_msg, sizeof s->fatal_msg, "%s", msg);
    if (s->cfg.fatal_returns)
        return;
    fflush(stdout);
    fprintf(stderr, "fatal error: %s\n", msg);
    fflush(stderr);
    rt__dump_goroutines(s, STDERR_FILENO);
    exit(2);
}

void rt_fatal(const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rt_m *m = rt__m();
    if (!m || !m->curg) {
        fflush(stdout);
        fprintf(stderr, "fatal error: %s\n", msg);
        exit(2);
    }
    rt__fatal_record(m->s, msg);
    rt__end_run(m->s, 2);
    rt__switch_to_g0(m); /* the run is over; this goroutine is abandoned */
    abort();
}

void rt_throw(const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rt_m *m = rt__m();
    fflush(stdout);
    fprintf(stderr, "gorsim: internal error (please report): %s\n", msg);
    if (m) {
        fprintf(stderr, "gorsim: engine %s, %d P, seed %llu, M %d, P %d, G %llu\n",
                rt_engine_name(m->s->cfg.engine), m->s->nprocs,
                (unsigned long long)m->s->cfg.seed, m->id, m->p ? m->p->id : -1,
                (unsigned long long)(m->curg ? m->curg->id : 0));
        rt__dump_goroutines(m->s, STDERR_FILENO);
    }
    abort();
}

/* ---------------------------------------------------------------- verifier */

static bool in_ring(const rt_p *p, const rt_g *g)
{
    for (uint32_t i = p->runqhead; i != p->runqtail; i++)
        if (p->runq[i % RT_RUNQ_SIZE] == g)
            return true;
    return false;
}

/* count_places counts the run-queue places g occupies (global queue, rings, runnext). */
static int count_places(rt_sched *s, const rt_g *g)
{
    int n = 0;
    for (rt_g *x = s->runq_head; x; x = x->schedlink)
        n += x == g;
    for (int i = 0; i < s->nprocs; i++)
        n += in_ring(&s->ps[i], g) + (s->ps[i].runnext == g);
    return n;
}

static int count_curg(rt_sched *s, const rt_g *g)
{
    int n = 0;
    for (int i = 0; i < s->nprocs; i++)
        n += s->ps[i].curg == g;
    return n;
}

/* rt__sched_verify reports whether every G is where its status says (INV-ONE-PLACE). Call it
   with the world stopped or from the virtual engine. */
bool rt__sched_verify(rt_sched *s)
{
    for (size_t i = 0; i < s->nallgs; i++) {
        rt_g *g = s->allgs[i];
        rt_g_status st = rt__g_status(g);
        int queued = count_places(s, g), running = count_curg(s, g);
        bool ok = st == RT_G_RUNNABLE   ? queued == 1 && running == 0
                  : st == RT_G_RUNNING ? queued == 0 && running == 1
                                       : queued == 0 && running == 0;
        if (!ok) {
            fprintf(stderr, "rt__sched_verify: goroutine %llu is %s, on %d queues, curg of %d Ps\n",
                    (unsigned long long)g->id, rt_g_status_name(st), queued, running);
            return false;
        }
    }
    return true;
}
