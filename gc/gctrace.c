/*
 * gctrace.c — the GODEBUG=gctrace=1 line, printed after each mark termination in Go
 * 1.19's exact format (mgc.go's gcMarkTermination; reference §6), in engine time:
 *   gc N @T.TTTs U%: A+B+C ms clock, D+E/F/G+H ms cpu, I->J->K MB, L MB goal,
 *   M MB stacks, S MB globals, P P[ (forced)]
 */
#include "gc/gc_internal.h"
#include <inttypes.h>

/* itoa_div formats val / 10^dec with dec decimals (Go's itoaDiv). */
static char *itoa_div(char *buf, size_t len, uint64_t val, int dec)
{
    char tmp[32];
    int i = (int)sizeof tmp - 2, idec = i - dec;
    tmp[sizeof tmp - 1] = 0;
    while (val >= 10 || i >= idec) {
        tmp[i--] = (char)('0' + val % 10);
        if (i == idec)
            tmp[i--] = '.';
        val /= 10;
    }
    tmp[i] = (char)('0' + val);
    snprintf(buf, len, "%s", tmp + i);
    return buf;
}

char *gc__fmt_ns_as_ms(char *buf, size_t len, uint64_t ns)
{
    if (ns >= 10000000) /* whole milliseconds */
        return itoa_div(buf, len, ns / 1000000, 0);
    uint64_t x = ns / 1000; /* two digits of precision, at most three decimals */
    if (x == 0) {
        snprintf(buf, len, "0");
        return buf;
    }
    int dec = 3;
    while (x >= 100) {
        x /= 10;
        dec--;
    }
    return itoa_div(buf, len, x, dec);
}

void gc__gctrace_print(gc_heap *h)
{
    const gc_cycle_rec *r = &h->rec;
    char t[32], a[24], b[24], c[24], d[24], e[24], f[24], g[24], hh[24];
    rt_lock(&h->lk);
    const gc_pacer *p = &h->pacer;
    uint32_t num = h->num_gc;
    int util = (int)(h->gc_cpu_fraction * 100);
    uint64_t cpu_assist = (uint64_t)p->assist_ns;
    uint64_t cpu_bg = (uint64_t)(p->dedicated_ns + p->fractional_ns);
    uint64_t cpu_idle = (uint64_t)p->idle_ns;
    uint64_t goal = p->last_heap_goal, stacks = p->max_stack_scan, globals = p->globals_scan;
    rt_unlock(&h->lk);
    fprintf(h->cfg.log,
            "gc %" PRIu32 " @%ss %d%%: %s+%s+%s ms clock, %s+%s/%s/%s+%s ms cpu, "
            "%" PRIu64 "->%" PRIu64 "->%" PRIu64 " MB, %" PRIu64 " MB goal, %" PRIu64
            " MB stacks, %" PRIu64 " MB globals, %d P%s\n",
            num, itoa_div(t, sizeof t, (uint64_t)(r->t_sweep_term / 1000000), 3), util,
            gc__fmt_ns_as_ms(a, sizeof a, (uint64_t)(r->t_mark - r->t_sweep_term)),
            gc__fmt_ns_as_ms(b, sizeof b, (uint64_t)(r->t_mark_term - r->t_mark)),
            gc__fmt_ns_as_ms(c, sizeof c, (uint64_t)(r->t_end - r->t_mark_term)),
            gc__fmt_ns_as_ms(d, sizeof d, (uint64_t)(r->t_mark - r->t_sweep_term) * (uint64_t)r->procs),
            gc__fmt_ns_as_ms(e, sizeof e, cpu_assist), gc__fmt_ns_as_ms(f, sizeof f, cpu_bg),
            gc__fmt_ns_as_ms(g, sizeof g, cpu_idle),
            gc__fmt_ns_as_ms(hh, sizeof hh, (uint64_t)(r->t_end - r->t_mark_term) * (uint64_t)r->procs),
            r->heap0 >> 20, r->heap1 >> 20, r->heap2 >> 20, goal >> 20, stacks >> 20,
            globals >> 20, r->procs, r->user_forced ? " (forced)" : "");
    fflush(h->cfg.log);
}
