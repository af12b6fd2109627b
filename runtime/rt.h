/*
 * rt.h — gorsim's runtime: goroutines (G), processors (P), OS threads (M), a Go-like
 * scheduler with two engines, stop-the-world, synchronisation, channels, timers and the
 * event tracer. This is the only header gc/, maps/ and sim/ may include from runtime/.
 *
 * Engines (DESIGN.md §3). Every run picks one; the code above this header is the same.
 *   virtual  All Ps are simulated on the calling OS thread, each with its own clock in
 *            nanoseconds. A goroutine runs until a charge point (rt_charge and everything
 *            built on it); then the P with the lowest clock runs next, ties by P id. Costs
 *            come from the cost model (rt_cost_*). Same seed and build => same schedule.
 *   threads  One OS thread per P, wall-clock time; charge points are cooperative
 *            preemption checks. Idle Ps sleep.
 *
 * Calling convention. Functions that act "as the current goroutine" (rt_go, rt_gosched,
 * rt_charge, rt_sleep, the sync and channel operations, rt_stw_*) take no scheduler
 * argument: like Go's getg(), they find the current G through the running M. They must be
 * called from a goroutine of a running scheduler. Everything else takes its context first.
 *
 * Failure kinds (STYLE.md G10): misuse by the simulated program is rt_fatal() — a Go-style
 * "fatal error:" and exit status 2; a broken internal invariant is rt_throw() — a bug report
 * with context, then abort. Recoverable misuse that Go turns into a panic (send on a closed
 * channel, negative WaitGroup counter) is returned as an rt_err code so the caller can panic.
 */
#ifndef GORSIM_RT_H
#define GORSIM_RT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(GORSIM_BUILDING) && defined(__GNUC__)
#define GORSIM_API __attribute__((visibility("default")))
#else
#define GORSIM_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rt_sched rt_sched;           /* one runtime instance (the context struct) */
typedef struct rt_g rt_g;                   /* a goroutine */
typedef struct rt_p rt_p;                   /* a processor */
typedef struct rt_cost_model rt_cost_model; /* named costs in nanoseconds */
typedef void (*rt_func)(void *arg);

/* ---------------------------------------------------------------- errors */

#define RT_ERRORS(X)                                                  \
    X(RT_OK, "ok")                                                    \
    X(RT_ECLOSED, "send on closed channel")                           \
    X(RT_ECLOSECLOSED, "close of closed channel")                     \
    X(RT_ENILCHAN, "close of nil channel")                            \
    X(RT_ENEGWG, "sync: negative WaitGroup counter")                  \
    X(RT_EINVAL, "invalid argument")                                  \
    X(RT_ENOMEM, "out of memory")                                     \
    X(RT_EIO, "cannot read file")                                     \
    X(RT_ESYNTAX, "syntax error")
#define RT_ERR_ENUM(name, msg) name,
typedef enum rt_err { RT_ERRORS(RT_ERR_ENUM) RT_ERR_COUNT } rt_err;
#undef RT_ERR_ENUM
/* rt_strerror returns the message of an rt_err code (Go's wording where Go has one). */
GORSIM_API const char *rt_strerror(rt_err e);

/* ---------------------------------------------------------------- configuration */

typedef enum rt_engine_kind { RT_ENGINE_VIRTUAL, RT_ENGINE_THREADS } rt_engine_kind;

/* rt_engine_name returns "virtual" or "threads". */
GORSIM_API const char *rt_engine_name(rt_engine_kind k);
/* rt_engine_parse sets *k from a name and reports whether the name was known. */
GORSIM_API bool rt_engine_parse(const char *name, rt_engine_kind *k);

typedef struct rt_config {
    rt_engine_kind engine;      /* virtual (default) or threads */
    int nprocs;                 /* GOMAXPROCS, 1..RT_MAX_PROCS; 0 = 1 */
    uint64_t seed;              /* root of every random stream */
    size_t stack_bytes;         /* usable goroutine stack, RT_MIN_STACK_BYTES..RT_MAX_STACK_BYTES;
                                   0 = RT_DEFAULT_STACK_BYTES */
    int64_t timeslice_ns;       /* preempt a G after this long; 0 = 10 ms (Go's) */
    int64_t preempt_slice_ns;   /* virtual: cut charges into slices this long; 0 = 10 us */
    bool no_async_preempt;      /* virtual: charges are never cut (pre-Go-1.14 behaviour) */
    const rt_cost_model *costs; /* NULL = built-in defaults; copied by rt_sched_new */
    bool fatal_returns;         /* fatal errors end the run (rt_sched_run returns 2)
                                   instead of exiting the process; for tests and hosts */
} rt_config;

#define RT_MAX_PROCS 256
#define RT_DEFAULT_STACK_BYTES (256u * 1024u)
#define RT_MIN_STACK_BYTES (16u * 1024u)
#define RT_MAX_STACK_BYTES (1024u * 1024u * 1024u)

/* rt_config_init fills c with the defaults listed field by field above. */
GORSIM_API void rt_config_init(rt_config *c);

/* ---------------------------------------------------------------- scheduler */

/* rt_sched_new creates a runtime; NULL with errno EINVAL for a configuration out of range,
   ENOMEM when memory cannot be had. */
GORSIM_API rt_sched *rt_sched_new(const rt_config *cfg);
/* rt_sched_free releases a runtime that is not running, with every goroutine it still has. */
GORSIM_API void rt_sched_free(rt_sched *s);
/*
 * rt_sched_run runs main_fn(arg) as goroutine 1 and returns when it returns (0), like a Go
 * program; other goroutines are abandoned. A fatal error exits the process with status 2,
 * or, with cfg.fatal_returns, makes rt_sched_run return 2 (see rt_sched_fatal_message).
 * A runtime runs once.
 */
GORSIM_API int rt_sched_run(rt_sched *s, rt_func main_fn, void *arg);
/* rt_sched_fatal_message returns the message of the fatal error that ended the run, or NULL. */
GORSIM_API const char *rt_sched_fatal_message(const rt_sched *s);
GORSIM_API int rt_sched_nprocs(const rt_sched *s);
GORSIM_API rt_engine_kind rt_sched_engine(const rt_sched *s);
/* rt_sched_single_thread reports whether goroutines of s only ever run on one OS thread
   (the virtual engine, or the threads engine with one P): then state they alone touch needs
   no atomic read-modify-write. */
GORSIM_API bool rt_sched_single_thread(const rt_sched *s);
GORSIM_API uint64_t rt_sched_seed(const rt_sched *s);
/* rt_sched_end_ns returns the engine time at which the run ended (virtual: the highest P clock). */
GORSIM_API int64_t rt_sched_end_ns(const rt_sched *s);

/* ---------------------------------------------------------------- goroutines */

typedef enum rt_g_status {
    RT_G_RUNNABLE, /* on a run queue (or runnext); not running; its stack is saved */
    RT_G_RUNNING,  /* owns a P and an M; its stack is live (virtual: maybe suspended at a charge) */
    RT_G_WAITING,  /* parked with a wait reason; on exactly one wait structure or a timer */
    RT_G_DEAD      /* exited; on a free list, stack kept for reuse */
} rt_g_status;

/* Why a goroutine waits: Go 1.19's strings, shown in traces and fatal-error dumps. */
#define RT_WAIT_REASONS(X)                         \
    X(RT_WAIT_NONE, "")                            \
    X(RT_WAIT_CHAN_RECV, "chan receive")           \
    X(RT_WAIT_CHAN_SEND, "chan send")              \
    X(RT_WAIT_CHAN_RECV_NIL, "chan receive (nil chan)") \
    X(RT_WAIT_CHAN_SEND_NIL, "chan send (nil chan)") \
    X(RT_WAIT_SELECT, "select")                    \
    X(RT_WAIT_SELECT_NO_CASES, "select (no cases)") \
    X(RT_WAIT_SLEEP, "sleep")                      \
    X(RT_WAIT_SEMACQUIRE, "semacquire")            \
    X(RT_WAIT_PARKED, "park")
#define RT_WAIT_ENUM(name, str) name,
typedef enum rt_wait_reason { RT_WAIT_REASONS(RT_WAIT_ENUM) RT_WAIT_BUILTIN_COUNT } rt_wait_reason;
#undef RT_WAIT_ENUM
#define RT_WAIT_MAX 64
/* rt_wait_reason_define adds a reason (e.g. gc/'s "GC assist wait"); returns its id or -1. */
GORSIM_API int rt_wait_reason_define(rt_sched *s, const char *name);
GORSIM_API const char *rt_wait_reason_name(const rt_sched *s, int reason);
GORSIM_API const char *rt_g_status_name(rt_g_status st);

/* rt_go starts fn(arg) in a new goroutine on the current P's runnext, like Go's `go`. */
GORSIM_API rt_g *rt_go(rt_func fn, void *arg);
/* rt_gosched yields the processor (runtime.Gosched). The caller goes to the tail of its P's
   run queue; Go 1.19 uses the global queue — see ARCHITECTURE.md, "Departures from Go". */
GORSIM_API void rt_gosched(void);
/* rt_goexit ends the calling goroutine (runtime.Goexit; deferred calls are the caller's business). */
GORSIM_API void rt_goexit(void) __attribute__((noreturn));
/* rt_self returns the running goroutine, or NULL outside any. */
GORSIM_API rt_g *rt_self(void);
GORSIM_API rt_sched *rt_self_sched(void);
GORSIM_API uint64_t rt_g_id(const rt_g *g);
GORSIM_API rt_g_status rt_g_status_of(const rt_g *g);
GORSIM_API int rt_g_wait_reason(const rt_g *g);
/* rt_p_id returns the id of the P the caller runs on. */
GORSIM_API int rt_p_id(void);
/* rt_num_goroutine returns the number of live (not dead) goroutines that are not runtime
   services (runtime.NumGoroutine). */
GORSIM_API int rt_num_goroutine(rt_sched *s);

/*
 * Parking (Go's gopark/goready), for the runtime's own primitives and for upper layers.
 * rt_park makes the caller wait with the given reason. After the caller's context is saved,
 * commit(arg) runs on the next context: it typically releases the lock that protects the wait
 * structure the caller is on, so no waker can see the caller before it is parked. If commit
 * returns false the caller is made runnable again at once. rt_ready makes a waiting G
 * runnable on the current P's runnext (ready time = now).
 */
typedef bool (*rt_park_commit)(rt_g *g, void *arg);
GORSIM_API void rt_park(rt_park_commit commit, void *arg, int reason);
GORSIM_API void rt_ready(rt_g *g);
/* rt_ready_back makes g runnable at the back of the P's queue, not in runnext (Go's
   ready(gp, 0, false), used for woken assists so they do not ride a worker's priority). */
GORSIM_API void rt_ready_back(rt_g *g);

/* Stacks and iteration, for a collector that scans goroutine stacks. */
typedef struct rt_stack_info {
    void *lo;       /* lowest usable address */
    void *hi;       /* one past the highest address (the stack grows down from here) */
    void *sp;       /* saved stack pointer, or NULL while the G runs (in the threads engine a
                       G stopped for the world has one). Callee-saved registers lie in
                       [sp, hi), so a scan of [sp, hi) covers them */
    bool guarded;   /* a PROT_NONE guard page lies below lo */
    void *arg;      /* the argument it was started with (rt_go): a root until it runs */
} rt_stack_info;
GORSIM_API void rt_g_stack(const rt_g *g, rt_stack_info *out);
/*
 * rt_g_suspend keeps g off every CPU so its stack can be scanned while the world runs (Go's
 * suspendG, for one goroutine at a time). RT_SUSPENDED: g is stopped (its saved stack
 * pointer, rt_g_stack, is current) until rt_g_resume(g); the caller must not block or
 * switch meanwhile. RT_SUSPEND_RUNNING: g is on a CPU now (or is the caller); try again
 * later, or have it scan itself at a safe point. RT_SUSPEND_DEAD: g has exited.
 */
typedef enum rt_suspend { RT_SUSPENDED, RT_SUSPEND_RUNNING, RT_SUSPEND_DEAD } rt_suspend;
GORSIM_API rt_suspend rt_g_suspend(rt_g *g);
GORSIM_API void rt_g_resume(rt_g *g);
/* rt_set_preemptible(false) exempts the calling goroutine from time-slice preemption (Go's
   dedicated mark worker); stop-the-world, ragged barriers and safe-point hooks still reach
   it at its safe points. rt_set_preemptible(true) restores the default. */
GORSIM_API void rt_set_preemptible(bool on);
/* rt_set_system marks the calling goroutine as a runtime service (gc/'s workers and
   sweeper): rt_num_goroutine does not count it and fatal errors do not list it, as Go's
   isSystemGoroutine. */
GORSIM_API void rt_set_system(void);
/* rt_p_has_runnable reports whether the caller's P or the global queue holds a runnable
   goroutine (Go's pollWork, for idle mark workers). */
GORSIM_API bool rt_p_has_runnable(void);
/* rt_g_foreach calls fn on every goroutine that is not dead. Call it with the world
   stopped, or from the virtual engine; fn must not start or end goroutines. */
GORSIM_API void rt_g_foreach(rt_sched *s, void (*fn)(rt_g *g, void *arg), void *arg);

/* Per-P and per-G slots for upper layers (gc's mcache, wb buffer, work buffers, assist
   credit). Register before rt_sched_run; each call returns a fresh index or -1. */
#define RT_NSLOTS 8
GORSIM_API int rt_p_slot_new(rt_sched *s);
GORSIM_API int rt_g_slot_new(rt_sched *s);
GORSIM_API void **rt_p_slot(rt_sched *s, int p_id, int slot);
GORSIM_API void **rt_g_slot(rt_g *g, int slot);
/* rt_cur_p_slot returns the value of slot on the caller's P, or NULL when the caller is not
   a goroutine of s (one thread-local lookup: for allocation fast paths). */
GORSIM_API void *rt_cur_p_slot(const rt_sched *s, int slot);

/*
 * Hooks that upper layers register before rt_sched_run (G2's registration idea: runtime/
 * never includes gc.h). find_work runs at every scheduling decision before the local run
 * queue (Go's findRunnableGCWorker); idle_work runs when a P would otherwise go idle (Go's
 * idle mark workers). Each returns NULL or a parked goroutine (WAITING, as after rt_park,
 * and on no queue) that the scheduler then runs on P p_id. Hooks must not block.
 */
typedef rt_g *(*rt_find_work_hook)(rt_sched *s, int p_id, void *arg);
GORSIM_API bool rt_sched_set_find_work_hook(rt_sched *s, rt_find_work_hook fn, void *arg);
GORSIM_API bool rt_sched_set_idle_work_hook(rt_sched *s, rt_find_work_hook fn, void *arg);
/*
 * A safe-point hook runs on P p_id at its next safe point after rt_p_request_safepoint asked
 * for it (an idle P: when it next runs) — how gc/ will ask one P to flush its buffers or to
 * stop a goroutine for a stack scan. It runs in scheduler context on that P and must not
 * block. Requests may come from any goroutine; several before the hook runs count once.
 */
typedef void (*rt_safepoint_hook)(rt_sched *s, int p_id, void *arg);
GORSIM_API bool rt_sched_set_safepoint_hook(rt_sched *s, rt_safepoint_hook fn, void *arg);
/* Each hook has one owner: the setters return false, changing nothing, when another
   function or argument holds the place (NULL removes a hook). */
GORSIM_API void rt_p_request_safepoint(rt_sched *s, int p_id);
/* A hand-off hook sees every value the runtime moves between goroutines behind the
   collector's back: a goroutine's start argument (rt_go) and every channel element copied
   (send, receive, buffer). It runs on the goroutine doing the move, at no safe point; gc/
   shades pointers in it while marking (Go's barriers on newproc's context and sendDirect). */
typedef void (*rt_handoff_hook)(void *arg, const void *p, size_t n);
GORSIM_API bool rt_sched_set_handoff_hook(rt_sched *s, rt_handoff_hook fn, void *arg);
/* rt_wake_idle_p wakes an idle P, if there is one, to look for work — its hooks included
   (Go's wakep, as enlistWorker uses it for idle mark workers); false if none was idle. */
GORSIM_API bool rt_wake_idle_p(void);
/* rt_p_request_preempt asks P p_id's running goroutine to yield its P at its next safe
   point, so the P makes a scheduling decision (Go's preemptone; gc/ uses it after starting
   a cycle so every P considers a mark worker, as Go's stop-the-world preemption does). */
GORSIM_API void rt_p_request_preempt(rt_sched *s, int p_id);

/* ---------------------------------------------------------------- time and cost */

/* rt_now returns engine time in nanoseconds: the P's clock (virtual) or wall time since start. */
GORSIM_API int64_t rt_now(void);
/* rt_charge charges ns of modeled work to the current P: a charge point and a safe point. */
GORSIM_API void rt_charge(int64_t ns);
/* rt_charge_cost charges units times the cost model's entry id. */
GORSIM_API void rt_charge_cost(int id, int64_t units);
/* rt_work is explicit work of ns: charged in the virtual engine, busy-spun in threads
   (with safe points every preempt slice unless async preemption is off). */
GORSIM_API void rt_work(int64_t ns);
/* rt_sleep parks the caller for ns of engine time (time.Sleep). */
GORSIM_API void rt_sleep(int64_t ns);

/*
 * Cost model: a table of named costs in nanoseconds. rt_cost_model_new holds the runtime's
 * own entries with their built-in defaults; other layers add theirs with rt_cost_define;
 * rt_cost_model_load then overrides values from a file of `name = ns` lines (# comments).
 * An unknown name or a bad value in the file is an error naming file and line.
 */
GORSIM_API rt_cost_model *rt_cost_model_new(void);
GORSIM_API void rt_cost_model_free(rt_cost_model *cm);
GORSIM_API int rt_cost_define(rt_cost_model *cm, const char *name, int64_t default_ns,
                              const char *doc);
GORSIM_API int rt_cost_lookup(const rt_cost_model *cm, const char *name);
GORSIM_API int64_t rt_cost_get(const rt_cost_model *cm, int id);
GORSIM_API int rt_cost_count(const rt_cost_model *cm);
GORSIM_API const char *rt_cost_name(const rt_cost_model *cm, int id);
GORSIM_API const char *rt_cost_doc(const rt_cost_model *cm, int id);
GORSIM_API rt_err rt_cost_set(rt_cost_model *cm, const char *name, int64_t ns);
/* A row of a layer's cost table; RT_COST_ENTRY turns an X-macro list such as RT_COSTS into
   rows. rt_cost_define_all defines n rows in order (as rt_cost_define: idempotent) and
   reports success. */
typedef struct rt_cost_entry {
    const char *name;
    int64_t ns;
    const char *doc;
} rt_cost_entry;
#define RT_COST_ENTRY(id, name, ns, doc) {name, ns, doc},
GORSIM_API bool rt_cost_define_all(rt_cost_model *cm, const rt_cost_entry *rows, int n);
/* rt_sched_cost_get looks a cost up by name in the runtime's copy of its model: how a layer
   finds the value of an entry it registered before rt_sched_new (false when absent). */
GORSIM_API bool rt_sched_cost_get(const rt_sched *s, const char *name, int64_t *ns);
/* rt_cost_model_load reads path; on error returns the code and writes "file:line: msg". */
GORSIM_API rt_err rt_cost_model_load(rt_cost_model *cm, const char *path, char *errbuf,
                                     size_t errlen);

/* The runtime's own cost entries (ids are fixed; upper layers get theirs from rt_cost_define). */
#define RT_COSTS(X)                                                                 \
    X(RT_COST_SWITCH, "sched.switch", 120, "one goroutine switch")                  \
    X(RT_COST_SPAWN, "sched.spawn", 250, "create a goroutine (go statement)")       \
    X(RT_COST_EXIT, "sched.exit", 80, "goroutine exit")                             \
    X(RT_COST_FIND, "sched.findrunnable", 100, "one look for work by an idle P")    \
    X(RT_COST_STEAL, "sched.steal", 150, "steal from another P's run queue")        \
    X(RT_COST_CHAN, "chan.op", 50, "channel send or receive, excluding blocking")   \
    X(RT_COST_SELECT, "chan.select_case", 30, "per case examined by select")        \
    X(RT_COST_LOCK, "sync.lock", 20, "uncontended Mutex/RWMutex operation")         \
    X(RT_COST_WG, "sync.waitgroup", 20, "WaitGroup Add/Done/Wait")                  \
    X(RT_COST_TIMER, "timer.op", 60, "start or stop a timer, or sleep")             \
    X(RT_COST_STW_P, "stw.per_p", 300, "stop one P and restart it")                 \
    X(RT_COST_SAFEPOINT, "sched.safepoint_fn", 200, "run a safe-point function on a P")
#define RT_COST_ENUM(id, name, ns, doc) id,
enum { RT_COSTS(RT_COST_ENUM) RT_COST_BUILTIN_COUNT };
#undef RT_COST_ENUM

/* ---------------------------------------------------------------- randomness */

/* A random stream: all randomness comes from the run seed split by name (SplitMix64 to
   derive, xoshiro256** to generate), so adding a stream never shifts another. */
typedef struct rt_rng { uint64_t s[4]; } rt_rng;
GORSIM_API void rt_rng_init(rt_rng *r, uint64_t seed, const char *stream);
GORSIM_API uint64_t rt_rng_next(rt_rng *r);
/* rt_rng_uintn returns a uniform value in [0, n), n > 0. */
GORSIM_API uint64_t rt_rng_uintn(rt_rng *r, uint64_t n);
/* rt_sched_rng_init seeds r from the run's seed and a stream name. */
GORSIM_API void rt_sched_rng_init(const rt_sched *s, rt_rng *r, const char *stream);

/* ---------------------------------------------------------------- stop-the-world */

typedef struct rt_stw_info {
    int reason;            /* what the caller passed */
    int64_t start_ns;      /* when the stop was requested */
    int64_t stopped_ns;    /* when the last P stopped */
    int64_t end_ns;        /* when the world restarted */
    int64_t ttsp_ns;       /* time to safe point: stopped_ns - start_ns */
    int64_t pause_ns;      /* end_ns - start_ns */
} rt_stw_info;

/* Reasons are upper layers' business; the runtime names a few of its own. */
enum { RT_STW_GENERIC = 0, RT_STW_USER = 1, RT_STW_FIRST_FREE = 16 };

/* rt_stw_stop stops every other P at its next safe point and returns with the world
   stopped (only the caller runs); rt_stw_start restarts it and completes *info. */
GORSIM_API void rt_stw_stop(int reason, const char *name, rt_stw_info *info);
GORSIM_API void rt_stw_start(rt_stw_info *info);
/* rt_stw_run stops the world, runs fn(arg), restarts the world. */
GORSIM_API void rt_stw_run(int reason, const char *name, rt_func fn, void *arg,
                           rt_stw_info *info);
/* rt_ragged_barrier runs fn(p_id, arg) once on every P at its next safe point without
   stopping the world (Go's forEachP), and returns when all have run it. For an idle P the
   caller runs fn, under the scheduler's lock: fn must not block, park, or call anything that
   schedules or walks goroutines (rt_go, rt_g_foreach, rt_num_goroutine, ...). The caller
   is not preempted while it waits (nor while it holds the world stopped). */
GORSIM_API void rt_ragged_barrier(void (*fn)(int p_id, void *arg), void *arg);

/* ---------------------------------------------------------------- address space */

/* rt_sys_reserve reserves bytes of inaccessible address space, at hint when that range is
   free (reproducible layouts), else where the kernel chooses; NULL on failure.
   rt_sys_map makes part of it usable (committed lazily, on first touch); rt_sys_free
   returns a whole reservation. Go's sysReserve, sysMap and sysFree. */
GORSIM_API void *rt_sys_reserve(size_t bytes, uintptr_t hint);
GORSIM_API bool rt_sys_map(void *p, size_t bytes);
/* rt_sys_hugepage asks for transparent huge pages on the whole 2 MiB pages of a mapped
   range (Go's sysHugePage on heap memory: fewer TLB misses on large tables). */
GORSIM_API void rt_sys_hugepage(void *p, size_t bytes);
GORSIM_API void rt_sys_free(void *p, size_t bytes);
/* rt_sys_zero makes usable memory read as zero again, giving large page-aligned ranges back
   to the OS (Go's sysUnused, as the scavenger uses it) and clearing small ones. */
GORSIM_API void rt_sys_zero(void *p, size_t bytes);

/* ---------------------------------------------------------------- runtime locks */

/* rt_lock/rt_unlock: the runtime's own lock on a zero-initialised word (Go's runtime mutex,
   not sync.Mutex): for upper layers' short critical sections. Never hold one across a
   charge point or anything that may park: in the virtual engine every goroutine shares one
   OS thread, and another one taking the lock would spin forever. */
GORSIM_API void rt_lock(uint32_t *l);
GORSIM_API void rt_unlock(uint32_t *l);

/* ---------------------------------------------------------------- sync */

/* Caller-allocated primitives; zero-initialised memory is a valid unlocked value, as in Go. */
typedef struct rt_waitq { struct rt_sudog *head, *tail; } rt_waitq;
typedef struct rt_mutex {
    uint32_t lk;          /* internal lock word guarding the fields below */
    int32_t locked;       /* 1 while held */
    int32_t starving;     /* direct hand-off mode (a waiter waited over 1 ms) */
    rt_waitq waiters;
} rt_mutex;
typedef struct rt_rwmutex {
    uint32_t lk;
    int32_t readers;          /* active readers */
    int32_t writer;           /* 1 while a writer holds it */
    int32_t writers_waiting;  /* writers queued: new readers wait behind them */
    rt_waitq rwait, wwait;
} rt_rwmutex;
typedef struct rt_waitgroup {
    uint32_t lk;
    int64_t counter;
    rt_waitq waiters;
} rt_waitgroup;

GORSIM_API void rt_mutex_lock(rt_mutex *m);
GORSIM_API bool rt_mutex_trylock(rt_mutex *m);
GORSIM_API void rt_mutex_unlock(rt_mutex *m);  /* fatal "sync: unlock of unlocked mutex" */
GORSIM_API void rt_rwmutex_rlock(rt_rwmutex *m);
GORSIM_API void rt_rwmutex_runlock(rt_rwmutex *m);
GORSIM_API void rt_rwmutex_lock(rt_rwmutex *m);
GORSIM_API void rt_rwmutex_unlock(rt_rwmutex *m);
GORSIM_API rt_err rt_waitgroup_add(rt_waitgroup *wg, int64_t delta); /* RT_ENEGWG */
GORSIM_API rt_err rt_waitgroup_done(rt_waitgroup *wg);                /* RT_ENEGWG */
GORSIM_API void rt_waitgroup_wait(rt_waitgroup *wg);

/* ---------------------------------------------------------------- channels */

typedef struct rt_chan rt_chan;
/* rt_chan_new makes a channel of elements of elem_bytes (0 allowed) with capacity cap. */
GORSIM_API rt_chan *rt_chan_new(size_t elem_bytes, size_t cap);
GORSIM_API void rt_chan_free(rt_chan *c);
/* rt_chan_foreach_buffered calls fn on the buffered elements of every live channel of the
   process (each under its channel's lock): a collector's root (channels live in C memory). */
GORSIM_API void rt_chan_foreach_buffered(void (*fn)(const void *p, size_t n, void *arg), void *arg);
/* Sends copy *elem; receives copy into *elem (may be NULL). A nil channel blocks forever. */
GORSIM_API rt_err rt_chan_send(rt_chan *c, const void *elem);            /* RT_ECLOSED */
GORSIM_API bool rt_chan_recv(rt_chan *c, void *elem);                    /* ok result */
GORSIM_API rt_err rt_chan_close(rt_chan *c);          /* RT_ECLOSECLOSED, RT_ENILCHAN */
GORSIM_API size_t rt_chan_len(rt_chan *c);
GORSIM_API size_t rt_chan_cap(const rt_chan *c);

typedef enum { RT_SELECT_SEND, RT_SELECT_RECV } rt_select_dir;
typedef struct rt_select_case {
    rt_chan *c;          /* NULL: the case never proceeds (Go's nil channel) */
    rt_select_dir dir;
    void *elem;          /* send: value to send; recv: where to store (may be NULL) */
    bool ok;             /* recv: set to the ok result */
} rt_select_case;
/* rt_select waits until one case can proceed, chosen uniformly among ready ones, and returns
   its index; with has_default, returns -1 instead of blocking. A send case on a closed
   channel returns its index with *err = RT_ECLOSED (the caller panics). No cases and no
   default blocks forever. */
GORSIM_API int rt_select(rt_select_case *cases, int n, bool has_default, rt_err *err);

/* rt_after returns a channel of int64 that receives the engine time after ns (time.After). */
GORSIM_API rt_chan *rt_after(int64_t ns);

/* ---------------------------------------------------------------- timers */

typedef struct rt_timer {
    int64_t when;            /* engine time it fires; valid while pending */
    rt_func fn;              /* runs in scheduler context: must not block */
    void *arg;
    int32_t heap_index;      /* -1 when not pending; set it to -1 before first use */
    uint32_t seq;            /* start order: ties on `when` fire in this order */
} rt_timer;
/* rt_timer_start arms t to run fn(arg) at engine time when (rearming a pending timer moves it). */
GORSIM_API void rt_timer_start(rt_timer *t, int64_t when, rt_func fn, void *arg);
/* rt_timer_stop disarms t and reports whether it was pending. */
GORSIM_API bool rt_timer_stop(rt_timer *t);

/* ---------------------------------------------------------------- tracer */

/* Event kinds of the runtime; gc/ and maps/ add theirs with rt_trace_kind_define. */
#define RT_EVENTS(X)                                                                 \
    X(RT_EV_G_CREATE, "GoCreate")     /* g: parent; arg0: new goid */                \
    X(RT_EV_G_START, "GoStart")       /* g started running on p */                   \
    X(RT_EV_G_STOP, "GoStop")         /* arg0: rt_stop_reason */                     \
    X(RT_EV_G_BLOCK, "GoBlock")       /* arg0: wait reason */                        \
    X(RT_EV_G_UNBLOCK, "GoUnblock")   /* g: woken; arg0: waker goid (0: timer) */    \
    X(RT_EV_P_START, "ProcStart")                                                    \
    X(RT_EV_P_STOP, "ProcStop")                                                      \
    X(RT_EV_STW_BEGIN, "STWBegin")    /* arg0: reason; str: name */                  \
    X(RT_EV_STW_END, "STWEnd")        /* arg0: reason; arg1: ttsp ns; arg2: pause ns */ \
    X(RT_EV_USER, "UserLog")          /* str: message; arg0: user value */
#define RT_EV_ENUM(id, name) id,
typedef enum rt_event_kind { RT_EVENTS(RT_EV_ENUM) RT_EV_BUILTIN_COUNT } rt_event_kind;
#undef RT_EV_ENUM
#define RT_EV_MAX 128

typedef enum { RT_STOP_YIELD, RT_STOP_PREEMPT, RT_STOP_EXIT } rt_stop_reason;

typedef struct rt_event {
    int64_t ts;           /* engine time, ns */
    uint32_t kind;        /* rt_event_kind or a defined kind */
    int32_t p;            /* P id, -1 when none */
    uint64_t g;           /* goroutine id, 0 when none */
    uint64_t arg[3];
    const char *str;      /* static or caller-owned string, or NULL */
} rt_event;

/* A sink receives events in emission order; in the threads engine calls are serialised. */
typedef void (*rt_trace_sink)(void *ud, const rt_event *ev);
/* rt_sched_set_trace installs (or with NULL removes) the sink; before rt_sched_run. */
GORSIM_API void rt_sched_set_trace(rt_sched *s, rt_trace_sink sink, void *ud);
GORSIM_API int rt_trace_kind_define(rt_sched *s, const char *name);
GORSIM_API const char *rt_trace_kind_name(const rt_sched *s, uint32_t kind);
/* rt_trace_emit posts an event of kind for the current G and P (no-op without a sink). */
GORSIM_API void rt_trace_emit(uint32_t kind, uint64_t a0, uint64_t a1, uint64_t a2,
                              const char *str);
/* rt_trace_log posts a user annotation (runtime/trace.Log). */
GORSIM_API void rt_trace_log(const char *msg, uint64_t value);
GORSIM_API bool rt_trace_enabled(void);

/* A growable in-memory sink, for tests and for outputs built after the run. */
typedef struct rt_trace_buf { rt_event *ev; size_t n, cap; } rt_trace_buf;
GORSIM_API void rt_trace_buf_sink(void *ud, const rt_event *ev);
GORSIM_API void rt_trace_buf_destroy(rt_trace_buf *b);

/* ---------------------------------------------------------------- fatal errors */

/* rt_fatal reports misuse by the simulated program: "fatal error: msg" plus a goroutine
   list, exit status 2 (or an ended run with fatal_returns). */
GORSIM_API void rt_fatal(const char *fmt, ...)
    __attribute__((noreturn, format(printf, 1, 2)));
/* rt_throw reports a broken runtime invariant with context and aborts. */
GORSIM_API void rt_throw(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* ---------------------------------------------------------------- introspection */

/* rt_ctx_backend names the context-switch backend chosen at configure time. */
GORSIM_API const char *rt_ctx_backend(void);
GORSIM_API const char *rt_version(void);

#ifdef __cplusplus
}
#endif
#endif /* GORSIM_RT_H */
