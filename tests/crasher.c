/*
 * crasher.c — runs one program that must end in a Go-style fatal error, for tests/cli.sh to
 * check the message and the exit status 2 (exit tests inside Check cannot read stderr).
 *
 *   crasher overflow [virtual|threads]   unbounded recursion on a goroutine stack
 *   crasher deadlock [virtual|threads]   every goroutine blocked, no timer
 *   crasher unlock   [virtual|threads]   sync: unlock of unlocked mutex
 */
#include "runtime/rt.h"
#include <stdio.h>
#include <string.h>

static volatile int sink;

static int recurse(int depth)
{
    volatile char frame[512];
    frame[0] = (char)depth;
    frame[511] = (char)depth;
    if (depth == -1) /* never: keeps the compiler from proving the recursion infinite */
        return 0;
    return recurse(depth + 1) + frame[0] + frame[511];
}

static void overflow(void *arg)
{
    (void)arg;
    sink = recurse(0);
}

static void deadlock(void *arg)
{
    (void)arg;
    rt_chan_recv(rt_chan_new(0, 0), NULL);
}

static void unlock(void *arg)
{
    (void)arg;
    rt_mutex mu = {0};
    rt_mutex_unlock(&mu);
}

int main(int argc, char **argv)
{
    const struct {
        const char *name;
        rt_func fn;
    } modes[] = {{"overflow", overflow}, {"deadlock", deadlock}, {"unlock", unlock}};
    rt_config cfg;
    rt_config_init(&cfg);
    cfg.nprocs = 2;
    if (argc < 2 || (argc > 2 && !rt_engine_parse(argv[2], &cfg.engine))) {
        fprintf(stderr, "usage: crasher overflow|deadlock|unlock [virtual|threads]\n");
        return 1;
    }
    for (size_t i = 0; i < sizeof modes / sizeof *modes; i++)
        if (!strcmp(argv[1], modes[i].name)) {
            rt_sched *s = rt_sched_new(&cfg);
            return rt_sched_run(s, modes[i].fn, NULL);
        }
    fprintf(stderr, "crasher: unknown mode %s\n", argv[1]);
    return 1;
}
