/*
 * lock.c — the runtime's internal locks and notes.
 *
 * rt__lock is Go's lock_futex.go in small: a word that is 0 (free), 1 (held) or 2 (held,
 * maybe with sleepers). Acquire spins briefly — holders are short — then sleeps on a futex.
 * With 64 threads on 2 cores a pure spinlock would burn whole time slices behind a
 * descheduled holder; the futex sleep avoids that. Happens-before comes from the atomic
 * exchange and release store, which ThreadSanitizer understands.
 *
 * Notes are pthread mutex + condition variable: used only when an M sleeps for want of work
 * or waits for a stop-the-world, never on hot paths, and they give a timed wait.
 */
#include "rt_internal.h"
#include <errno.h>
#include <time.h>
#if defined(__linux__)
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
#else
#include <sched.h>
#endif

static void futex_wait(uint32_t *addr, uint32_t val)
{
#if defined(__linux__)
    syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
#else
    (void)addr, (void)val;
    sched_yield();
#endif
}

static void futex_wake(uint32_t *addr)
{
#if defined(__linux__)
    syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
#else
    (void)addr;
#endif
}

void rt__lock(uint32_t *l)
{
    uint32_t expect = 0;
    if (likely(cas_acqrel(l, &expect, 1)))
        return;
    for (int spin = 0; spin < 64; spin++) {
        rt__cpu_relax();
        expect = 0;
        if (ld_rlx(l) == 0 && cas_acqrel(l, &expect, 1))
            return;
    }
    /* Mark contended (2) and sleep until the holder's unlock wakes us. */
    while (xchg(l, 2) != 0)
        futex_wait(l, 2);
}

void rt__unlock(uint32_t *l)
{
    if (unlikely(xchg(l, 0) == 2))
        futex_wake(l);
}

void rt_lock(uint32_t *l) { rt__lock(l); }
void rt_unlock(uint32_t *l) { rt__unlock(l); }

int64_t rt__mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void rt__note_init(rt_note *n)
{
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_init(&n->mu, NULL);
    pthread_cond_init(&n->cv, &ca);
    pthread_condattr_destroy(&ca);
    n->set = 0;
}

void rt__note_destroy(rt_note *n)
{
    pthread_cond_destroy(&n->cv);
    pthread_mutex_destroy(&n->mu);
}

void rt__note_wake(rt_note *n)
{
    pthread_mutex_lock(&n->mu);
    n->set = 1;
    pthread_cond_signal(&n->cv);
    pthread_mutex_unlock(&n->mu);
}

void rt__note_sleep(rt_note *n, int64_t deadline)
{
    struct timespec ts = {deadline / 1000000000, deadline % 1000000000};
    pthread_mutex_lock(&n->mu);
    while (!n->set) {
        if (deadline < 0) {
            pthread_cond_wait(&n->cv, &n->mu);
        } else if (pthread_cond_timedwait(&n->cv, &n->mu, &ts) == ETIMEDOUT) {
            break;
        }
    }
    n->set = 0;
    pthread_mutex_unlock(&n->mu);
}
