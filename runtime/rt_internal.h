/*
 * rt_internal.h — runtime/'s structures and cross-file functions; for the runtime/ sources and the
 * runtime tests only.
 *
 * Files: ctx*.{c,S} context switch; lock.c internal locks and notes; minheap.c the
 * binary heap of timers and active Ps; stack.c goroutine
 * stacks and the overflow handler; g.c G allocation, entry, exit, iteration; runq.c run
 * queues; sched.c scheduling decisions, park/ready, the post-switch protocol; vengine.c the
 * virtual engine; tengine.c the threads engine and sysmon; stw.c stop-the-world and ragged
 * barriers; timer.c timers and sleep; sync.c Mutex/RWMutex/WaitGroup; chan.c channels and
 * select; trace.c the tracer; cost.c the cost model; rand.c random streams; fatal.c fatal
 * errors and throws.
 *
 * Invariants (cited by name elsewhere):
 *  INV-ONE-PLACE   A G is in exactly one place its status names: RUNNABLE on one run queue
 *                  (a P's ring or runnext, or the global queue); RUNNING as exactly one P's
 *                  curg; WAITING on one wait structure (waitq/sudogs) or timer; DEAD on a
 *                  free list. rt__sched_verify() checks it.
 *  INV-SAVED-FIRST A G's context is saved before any other M can reach it: a G that leaves
 *                  its P describes what must happen to it (m->after) and the *next* context
 *                  on the same M does it (rt__after_switch). So wait-queue locks are released
 *                  and runnable Gs published only once their registers are on their stack.
 *  INV-P-ACTIVE    (virtual) The P the M runs is never in the active heap; every other P that
 *                  has work to do (a suspended curg, or woken to look for work) is in it, keyed
 *                  by (clock, id); idle, stopped and STW-waiting Ps are not.
 *  INV-CAUSAL      (virtual) A P never runs a G before the G became runnable: picking up a G
 *                  moves the P's clock to at least g->ready_at.
 *  INV-WORLD       At most one stop-the-world or ragged barrier is in progress (worldsema);
 *                  while the world is stopped only the owner's P runs.
 *  INV-ON-CPU      (threads, several Ps) g->cpu_lock is held from the moment an M chooses g
 *                  to run (start_running) until g's context is saved after it leaves (the
 *                  next context's rt__after_switch releases it). rt_g_suspend takes it, so a
 *                  suspended G is on no CPU and its saved stack pointer is current. With a
 *                  single host thread (single_thread) no lock is needed and none is taken.
 */
#ifndef GORSIM_RT_INTERNAL_H
#define GORSIM_RT_INTERNAL_H

#include "config.h"
#include "runtime/rt.h"
#include "runtime/ctx.h"
#include "runtime/rt_debug.h"
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

/* ---------------------------------------------------------------- atomics */
#define ld_acq(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define ld_rlx(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define st_rel(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define st_rlx(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define cas_acqrel(p, expp, v) \
    __atomic_compare_exchange_n((p), (expp), (v), false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)
#define xadd(p, v) __atomic_add_fetch((p), (v), __ATOMIC_ACQ_REL)
#define xchg(p, v) __atomic_exchange_n((p), (v), __ATOMIC_ACQ_REL)
#define or_rel(p, v) __atomic_or_fetch((p), (v), __ATOMIC_RELEASE)
#define and_rel(p, v) __atomic_and_fetch((p), (v), __ATOMIC_RELEASE)

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

typedef struct rt_m rt_m;
typedef struct rt_sudog rt_sudog;

/* rt__cpu_relax tells the CPU we spin (pause / yield). */
static inline void rt__cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

/* ---------------------------------------------------------------- lock.c */

/* rt__lock/rt__unlock: a futex-based mutex word (0 free, 1 held, 2 held with waiters),
   the shape of Go's lock_futex.go. Never held across a goroutine switch except as the
   commit of rt_park (INV-SAVED-FIRST). */
void rt__lock(uint32_t *l);
void rt__unlock(uint32_t *l);

/* A note: a one-shot wake-up for an M sleeping on the OS (Go's note). */
typedef struct rt_note {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int set;                 /* guarded by mu */
} rt_note;
void rt__note_init(rt_note *n);
void rt__note_destroy(rt_note *n);
void rt__note_wake(rt_note *n);
/* rt__note_sleep waits until woken or until the monotonic deadline (ns; <0: none); clears it. */
void rt__note_sleep(rt_note *n, int64_t deadline_mono_ns);
int64_t rt__mono_ns(void);

/* ---------------------------------------------------------------- stack.c */

typedef struct rt_stack {
    char *lo, *hi;           /* usable range; grows down from hi */
    bool guarded;            /* a PROT_NONE page lies below lo; else a canary word at lo */
} rt_stack;

typedef struct rt_stack_region {
    char *base;              /* mmap'd reservation */
    size_t nslots, used;     /* slots carved so far */
} rt_stack_region;

typedef struct rt_stack_pool {
    uint32_t lk;
    size_t usable_bytes;     /* per stack */
    size_t slot_bytes;       /* guard page + usable, page multiple */
    size_t slots_per_region;
    rt_stack_region *regions;
    size_t nregions, capregions;
    size_t nguarded;         /* stacks with a guard page */
    size_t guard_budget;     /* above this, stacks get a canary instead: each guard page
                                costs two memory mappings and vm.max_map_count is finite */
    uintptr_t hint;          /* next fixed address to ask for (reproducible layout) */
} rt_stack_pool;

#define RT_STACK_CANARY 0x5354414b43414e59ull /* "STAKCANY" */

int rt__stack_pool_init(rt_stack_pool *sp, size_t usable_bytes);
void rt__stack_pool_destroy(rt_stack_pool *sp);
int rt__stack_alloc(rt_stack_pool *sp, rt_stack *out);
static inline bool rt__stack_canary_ok(const rt_stack *st)
{
    return st->guarded || *(const uint64_t *)st->lo == RT_STACK_CANARY;
}
/* rt__stack_install_handler installs the SIGSEGV overflow handler (once per process) and an
   alternate signal stack for the calling thread (the M's). */
void rt__stack_thread_init(rt_m *m);
void rt__stack_thread_destroy(rt_m *m);
void rt__stack_overflow(rt_g *g) __attribute__((noreturn));

/* ---------------------------------------------------------------- minheap.c */

/* A binary min-heap of pointers; each element holds its position (an int at index_offset,
   -1 when not in the heap). */
typedef struct rt_minheap {
    void **a;
    int n, cap;
    bool (*before)(const void *x, const void *y); /* strict order: x comes first */
    size_t index_offset;
} rt_minheap;
void rt__minheap_init(rt_minheap *h, bool (*before)(const void *, const void *),
                      size_t index_offset);
void rt__minheap_destroy(rt_minheap *h);
bool rt__minheap_reserve(rt_minheap *h, int cap); /* false when out of memory */
bool rt__minheap_push(rt_minheap *h, void *x);    /* false when out of memory */
void *rt__minheap_pop(rt_minheap *h);
void rt__minheap_remove(rt_minheap *h, void *x);
bool rt__minheap_contains(const rt_minheap *h, void *x);
static inline void *rt__minheap_top(const rt_minheap *h) { return h->n ? h->a[0] : NULL; }

/* ---------------------------------------------------------------- G, P, M */

typedef struct rt_sudog {
    rt_g *g;
    rt_sudog *next, *prev;   /* on a waitq */
    void *elem;              /* channel data slot */
    rt_chan *c;              /* channel (select, chan ops) */
    int64_t t0;              /* when it started waiting (mutex starvation) */
    int32_t case_index;      /* select case */
    bool is_select;
    bool success;            /* woken by a value (true) or by close (false) */
    bool queued;             /* on a waitq now */
} rt_sudog;

struct rt_g {
    rt_ctx ctx;              /* saved context; valid unless RUNNING on an M */
    rt_sched *s;
    uint64_t id;             /* goid; fresh on every reuse */
    uint64_t parent_id;      /* creator's goid */
    uint32_t status;         /* rt_g_status; atomic */
    int32_t wait_reason;
    rt_func fn;
    void *arg;
    rt_stack stack;
    rt_g *schedlink;         /* global run queue or free list */
    int64_t ready_at;        /* engine time it last became runnable (INV-CAUSAL) */
    uint32_t select_done;    /* atomic: a select waker claimed this G */
    void *param;             /* set by the waker: the sudog that completed */
    rt_timer sleep_timer;    /* rt_sleep */
    void *slots[RT_NSLOTS];  /* upper layers' per-G state */
    uint32_t cpu_lock;       /* INV-ON-CPU; atomic */
    bool nopreempt;          /* rt_set_preemptible(false): no time-slice preemption */
    bool system;             /* rt_set_system: a runtime service, not counted or listed */
    void *asan_fake;         /* ASan fiber bookkeeping */
    void *tsan_fiber;
};

typedef enum rt_p_status {
    RT_P_IDLE,               /* no G, not looking for work; on the idle list (threads) */
    RT_P_RUNNING,            /* owned by an M: running curg or looking for work */
    RT_P_GCSTOP              /* stopped for a stop-the-world */
} rt_p_status;

/* p->signal bits: requests a P honours at its next safe point. */
enum {
    RT_SIG_PREEMPT = 1u << 0,   /* time slice used up (threads: set by sysmon) */
    RT_SIG_STW = 1u << 1,       /* stop for a stop-the-world */
    RT_SIG_SAFEPOINT = 1u << 2, /* run the ragged-barrier function */
    RT_SIG_DONE = 1u << 3,      /* the run ended: leave for the scheduler loop */
    RT_SIG_HOOK = 1u << 4       /* run the upper layers' safe-point hook */
};

#define RT_RUNQ_SIZE 256
#define RT_GFREE_MAX 64

struct rt_p {
    int id;
    rt_p_status status;      /* guarded by the sched lock (threads) */
    uint32_t runqhead;       /* atomic; consumers CAS it */
    uint32_t runqtail;       /* atomic; only the owner stores it */
    rt_g *runq[RT_RUNQ_SIZE];
    rt_g *runnext;           /* atomic; a G readied by this P runs next, inheriting the slice */
    uint32_t signal;         /* atomic RT_SIG_* */
    rt_g *curg;              /* atomic; the G running on this P (virtual: maybe suspended) */
    uint32_t schedtick;      /* atomic; +1 per new time slice (sysmon watches it) */
    int64_t slice_start;     /* engine time the current slice began */
    rt_g *gfree;             /* dead Gs with stacks, for reuse */
    int ngfree;
    rt_rng rng;              /* steal order, select order */
    uint64_t goid_next;      /* goid cache: [goid_next, goid_end) (Go's goidcache) */
    uint64_t goid_end;
    void *slots[RT_NSLOTS];  /* upper layers' per-P state */
    rt_m *m;                 /* threads: the M bound to this P */
    /* virtual engine */
    int64_t clock;           /* this P's virtual time */
    int heap_index;          /* position in the active heap, -1 when not in it (INV-P-ACTIVE) */
    bool vwaiting;           /* the STW/ragged-barrier owner waiting for the others */
    bool spinning;           /* virtual: woken to look for work (counted in nmspinning) */
    bool stopped_idle;       /* GCSTOP taken from idle: restart returns it to idle */
    /* threads engine, sysmon's view */
    uint32_t sysmon_tick;
    int64_t sysmon_when;
    char pad[64];
};

/* What the next context must do with the G that just left (INV-SAVED-FIRST). */
typedef enum {
    RT_AFTER_NONE,
    RT_AFTER_PARK,           /* run the commit; if it fails, make the G runnable again */
    RT_AFTER_RUNQ_LOCAL,     /* Gosched: to the tail of the P's ring */
    RT_AFTER_RUNQ_GLOBAL,    /* preemption: to the tail of the global queue (Go's gopreempt_m) */
    RT_AFTER_FREE            /* exited: to the P's free list */
} rt_after_kind;

struct rt_m {
    rt_sched *s;
    int id;
    rt_ctx g0;               /* the OS thread's own context: the scheduler loop */
    rt_g *curg;              /* running G, NULL on g0 */
    rt_p *p;                 /* current P (virtual: the one being simulated) */
    rt_after_kind after;     /* post-switch action for after_g */
    rt_g *after_g;
    rt_park_commit after_commit;
    void *after_arg;
    bool spinning;           /* atomic; threads: woken to look for work (counted in nmspinning) */
    rt_note note;            /* threads: sleep/wake */
    pthread_t thread;
    void *g0_lo;             /* g0's stack bounds (sanitizer fiber switches) */
    size_t g0_size;
    void *asan_fake_g0;
    void *tsan_g0;
    void *altstack;          /* signal stack for the overflow handler */
    bool leaving_g0;         /* ASan: the switch in progress left g0 */
    int64_t timer_when;      /* while in_timer: the firing timer's when */
    bool in_timer;           /* running timer callbacks: wakers are "the timer" */
};

/* ---------------------------------------------------------------- engines */

typedef struct rt_engine_ops {
    int (*run)(rt_sched *s);                 /* main G queued on P0; returns exit code */
    int64_t (*now)(const rt_m *m);
    void (*charge)(rt_m *m, int64_t ns);     /* the part of rt_charge past the fast path */
    void (*work)(rt_m *m, int64_t ns);
    void (*leave)(rt_m *m);                  /* current P has no G: go to the engine */
    void (*wakep)(rt_sched *s, int64_t now); /* work appeared: maybe start an idle P */
    void (*owner_wait)(rt_m *m);             /* STW/barrier owner waits for the others */
    void (*owner_resume)(rt_sched *s, int64_t when); /* the last other P is done */
    void (*stop_self)(rt_m *m);              /* honour RT_SIG_STW at a safe point */
    void (*restart)(rt_sched *s, int64_t now);/* restart the stopped Ps */
    void (*timers_changed)(rt_sched *s);
} rt_engine_ops;

extern const rt_engine_ops rt__virtual_engine;
extern const rt_engine_ops rt__threads_engine;

/* ---------------------------------------------------------------- the scheduler */

struct rt_sched {
    rt_config cfg;
    const rt_engine_ops *eng;
    bool is_virtual;
    bool single_thread;      /* no other OS thread can touch a P's ring: virtual, or 1 P */
    int nprocs;
    rt_p *ps;                /* nprocs of them */
    rt_m *ms;                /* virtual: 1; threads: nprocs */
    int64_t *cost;           /* ns per cost id, copied from the model */
    int ncost;
    rt_cost_model *costs;
    int64_t timeslice_ns, preempt_slice_ns;

    uint32_t lock;           /* sched lock: global queue, idle list, allgs, free Gs */
    rt_g *runq_head, *runq_tail;
    int32_t runq_size;       /* atomic reads allowed */
    rt_g *gfree;             /* global free Gs; written under lock, peeked atomically */
    int ngfree;
    rt_g **allgs;
    size_t nallgs, capallgs;
    uint64_t next_goid;      /* atomic */
    int32_t npidle;          /* atomic */
    int32_t nmspinning;      /* atomic; Ps looking for work without a G */
    rt_p **pidle;            /* idle P stack (threads), guarded by lock */
    int npidle_list;
    rt_stack_pool stacks;

    uint32_t done;           /* atomic: the run ended */
    int exit_code;
    char fatal_msg[512];
    bool ran;
    rt_g *main_g;
    int64_t end_ns;

    /* timers (timer.c) */
    uint32_t timers_lock;
    rt_minheap timers;       /* pending rt_timer by (when, seq) */
    int64_t timers_next;     /* atomic: earliest when, INT64_MAX when none */
    uint32_t timer_seq;      /* next rt_timer.seq; guarded by timers_lock */

    /* stop-the-world and ragged barriers (stw.c) */
    rt_mutex worldsema;      /* INV-WORLD */
    uint32_t gcwaiting;      /* atomic */
    int32_t stopwait;        /* guarded by lock */
    int64_t stop_max_ns;     /* latest stop time among the others */
    rt_p *owner_p;           /* atomic; the P of the STW or barrier owner (not preemptible) */
    rt_m *owner_m;
    void (*sp_fn)(int p_id, void *arg);
    void *sp_arg;
    int32_t sp_wait;         /* guarded by lock */
    uint32_t owner_released; /* atomic: the others are done; the owner may go on */

    /* tracer (trace.c) */
    rt_trace_sink sink;
    void *sink_ud;
    uint32_t trace_lock;
    const char *kind_names[RT_EV_MAX];
    int nkinds;
    const char *wait_names[RT_WAIT_MAX];
    int nwait;

    int np_slots, ng_slots;
    rt_find_work_hook find_work, idle_work;
    void *find_work_arg, *idle_work_arg;
    rt_safepoint_hook sp_hook;
    void *sp_hook_arg;
    rt_handoff_hook handoff;
    void *handoff_arg;

    /* virtual engine (vengine.c) */
    rt_minheap active;       /* active Ps by (clock, id) (INV-P-ACTIVE) */

    /* threads engine (tengine.c) */
    int64_t mono0;           /* monotonic ns at start */
    pthread_t sysmon;
    rt_note sysmon_note;
    uint32_t sysmon_stop;    /* atomic */
};

extern __thread rt_m *rt__tls_m;
/* rt__m returns the running M. Not inline on purpose: a goroutine may resume on another OS
   thread, and a compiler may reuse a thread-local address computed before a switch. */
rt_m *rt__m(void) __attribute__((noinline));

/* ---------------------------------------------------------------- sched.c */
void rt__switch_to(rt_m *m, rt_g *to);       /* from curg (or g0) to a G */
void rt__switch_to_g0(rt_m *m);              /* from curg to the scheduler loop */
void rt__after_switch(rt_m *m);              /* run m->after (INV-SAVED-FIRST) */
void rt__execute(rt_m *m, rt_g *g, bool inherit); /* start running a runnable G on m->p */
void rt__schedule(rt_m *m);                  /* the current G left its P: run something */
rt_g *rt__find_local(rt_m *m, bool *inherit);/* non-blocking: hooks, runqs, global */
rt_g *rt__find_runnable(rt_m *m, bool *inherit); /* + stealing and the idle hook */
void rt__ready_at(rt_m *m, rt_g *g, int64_t when, bool next);
bool rt__handle_signals(rt_m *m);            /* at a safe point; true if it switched */
void rt__preempt_current(rt_m *m);
void rt__run_safepoint_hook(rt_m *m, rt_p *p); /* RT_SIG_HOOK seen */
/* rt__preempt_off reports whether p runs the owner of a stop-the-world or ragged barrier,
   which must not lose its P to preemption (Go's preemptoff; INV-WORLD), or a G that made
   itself not preemptible (a dedicated mark worker). */
static inline bool rt__preempt_off(const rt_sched *s, const rt_p *p)
{
    const rt_g *g = ld_rlx(&p->curg);
    return ld_acq(&s->owner_p) == p || (g && g->nopreempt);
}
void rt__end_run(rt_sched *s, int code);

/* ---------------------------------------------------------------- runq.c */
bool rt__runq_empty(const rt_p *p);
void rt__runq_put(rt_sched *s, rt_p *p, rt_g *g, bool next);
rt_g *rt__runq_get(rt_sched *s, rt_p *p, bool *inherit);
/* rt__runq_put_solo appends g to a ring only its owner's thread touches; false when full. */
static inline bool rt__runq_put_solo(rt_p *p, rt_g *g)
{
    uint32_t t = p->runqtail;
    if (t - ld_rlx(&p->runqhead) >= RT_RUNQ_SIZE)
        return false;
    st_rlx(&p->runq[t % RT_RUNQ_SIZE], g);
    st_rel(&p->runqtail, t + 1);
    return true;
}

/* rt__runq_get_solo is rt__runq_get for a ring only its owner's thread touches. */
static inline rt_g *rt__runq_get_solo(rt_p *p, bool *inherit)
{
    rt_g *next = ld_rlx(&p->runnext);
    *inherit = next != NULL;
    if (next) {
        st_rlx(&p->runnext, NULL);
        return next;
    }
    uint32_t h = ld_rlx(&p->runqhead);
    if (h == p->runqtail)
        return NULL;
    st_rlx(&p->runqhead, h + 1);
    return ld_rlx(&p->runq[h % RT_RUNQ_SIZE]);
}

rt_g *rt__runq_steal(rt_p *p, rt_p *victim, bool steal_runnext);
void rt__globrunq_put(rt_sched *s, rt_g *g);            /* takes the lock */
void rt__globrunq_put_batch(rt_sched *s, rt_g *head, rt_g *tail, int n); /* lock held */
rt_g *rt__globrunq_get(rt_sched *s, rt_p *p, int max); /* lock held */

/* ---------------------------------------------------------------- g.c */
rt_g *rt__g_new(rt_sched *s, rt_p *p, rt_func fn, void *arg, uint64_t parent); /* NULL: no memory */
void rt__g_free(rt_sched *s, rt_p *p, rt_g *g);
void rt__g_destroy_all(rt_sched *s);
static inline rt_g_status rt__g_status(const rt_g *g) { return (rt_g_status)ld_acq(&g->status); }
static inline void rt__g_set_status(rt_g *g, rt_g_status st) { st_rel(&g->status, (uint32_t)st); }
void rt__goexit0(rt_m *m) __attribute__((noreturn));

/* ---------------------------------------------------------------- stw.c */
void rt__stop_at_safepoint(rt_m *m);        /* RT_SIG_STW seen */
void rt__run_safepoint_fn(rt_m *m, rt_p *p);
void rt__stw_stopped_one(rt_sched *s, int64_t when); /* lock held */

/* ---------------------------------------------------------------- timer.c */
void rt__timers_init(rt_sched *s);
void rt__timers_destroy(rt_sched *s);
/* rt__timers_run fires every timer due at or before now; returns how many fired. */
int rt__timers_run(rt_m *m, int64_t now);
static inline int64_t rt__timers_next(rt_sched *s) { return ld_acq(&s->timers_next); }
bool rt__timers_pending(rt_sched *s);
int64_t rt__deadline(int64_t now, int64_t ns);

/* ---------------------------------------------------------------- waitq (sync.c) */
void rt__waitq_push(rt_waitq *q, rt_sudog *sg);
rt_sudog *rt__waitq_pop(rt_waitq *q);
void rt__waitq_remove(rt_waitq *q, rt_sudog *sg);
bool rt__unlock_commit(rt_g *g, void *lockword);  /* rt_park commit: rt__unlock(lockword) */

/* ---------------------------------------------------------------- chan.c */
/* rt__chan_send_nb sends without blocking and without a charge point (timer callbacks);
   reports whether it sent. */
bool rt__chan_send_nb(rt_chan *c, const void *elem);

/* ---------------------------------------------------------------- trace.c */
void rt__trace_init(rt_sched *s);
void rt__trace(rt_m *m, uint32_t kind, uint64_t g, uint64_t a0, uint64_t a1, uint64_t a2,
               const char *str);
static inline bool rt__tracing(const rt_sched *s) { return s->sink != NULL; }
#define RT_TRACE(m, kind, g, a0, a1, a2, str)                                  \
    do {                                                                       \
        if (unlikely(rt__tracing((m)->s)))                                     \
            rt__trace((m), (kind), (g), (a0), (a1), (a2), (str));              \
    } while (0)

/* ---------------------------------------------------------------- cost.c */
rt_cost_model *rt__cost_model_copy(const rt_cost_model *cm);
int64_t *rt__cost_table(const rt_cost_model *cm);

/* ---------------------------------------------------------------- fatal.c */
void rt__fatal_record(rt_sched *s, const char *msg); /* print or store, per fatal_returns */
void rt__dump_goroutines(rt_sched *s, int fd);
bool rt__sched_verify(rt_sched *s);

/* ---------------------------------------------------------------- sanitizers (sched.c) */
void rt__fiber_new(rt_g *g);
void rt__fiber_free(rt_g *g);
void rt__m_fiber_init(rt_m *m);
void rt__fiber_arrived(void *my_fake);

#endif
