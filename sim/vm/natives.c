/*
 * natives.c — the functions of the built-in packages (check_pkgs.c declares them in Go):
 * fmt, runtime, runtime/debug, sync, time, math/rand, strconv, context, runtime/trace,
 * sim, and the print built-ins. A native gets its frame as a compiled callee would
 * (results, then parameters) and may block, allocate or panic as Go's would.
 *
 * sync's types keep Go's sizes (a Mutex is 8 bytes): their first word holds a pointer to
 * the runtime's primitive, made on first use (host memory, never freed).
 */
#include "sim/vm/ops.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void vm_load_value(const vm_type *t, vm_word *dst, const void *src);

#define NATIVE(name) static void name(vm_thread *t, vm_word *a, int n)
#define UNUSED (void)t, (void)a, (void)n
static vm_string *str(vm_word *w) { return (vm_string *)w; }
static void *ptr(vm_word w) { return (void *)(uintptr_t)w; }

/* ---------------------------------------------------------------- methods for fmt */

const vm_method *vm_find_method(const vm_type *t, const char *name)
{
    const vm_method *m = t->kind == K_POINTER && t->elem ? t->elem->ptr_methods : t->methods;
    int n = t->kind == K_POINTER && t->elem ? t->elem->nptr_methods : t->nmethods;
    for (int i = 0; i < n; i++)
        if (!strcmp(m[i].name, name))
            return &m[i];
    return NULL;
}

void vm_duration_string(vm_buf *b, int64_t d);

/* vm_method_receiver: the receiver m wants, from a value of dynamic type dyn whose
   interface data word is data; its words, or -1 for a nil pointer on the way */
int vm_method_receiver(const vm_method *m, const vm_type *dyn, const void *data, vm_word *out)
{
    const char *addr = data; /* the value's memory: a *T's target, or a boxed T */
    if (m->depth == 0) {
        if (m->ptr_recv || (vm_pointer_shaped(dyn) && dyn->kind != K_POINTER)) {
            out[0] = (vm_word)(uintptr_t)data;
            return 1;
        }
        const vm_type *vt = dyn->kind == K_POINTER ? dyn->elem : dyn;
        if (!addr)
            return -1;
        if (vt->words > VM_MAX_INLINE_WORDS)
            rt_fatal("gorsim: a value receiver of %lld bytes through an interface is not "
                     "supported (at most %d)", (long long)vt->size, VM_MAX_INLINE_WORDS * 8);
        vm_load_value(vt, out, addr);
        return vt->words;
    }
    for (int i = 0; i < m->depth; i++) {
        if (!addr)
            return -1;
        addr += m->off[i];
        if (m->deref[i])
            addr = *(const char *const *)addr;
    }
    if (m->ptr_recv) {
        out[0] = (vm_word)(uintptr_t)addr;
        return 1;
    }
    if (!addr)
        return -1;
    if (m->recv->words > VM_MAX_INLINE_WORDS)
        rt_fatal("gorsim: a value receiver of %lld bytes through an interface is not "
                 "supported (at most %d)", (long long)m->recv->size, VM_MAX_INLINE_WORDS * 8);
    vm_load_value(m->recv, out, addr);
    return m->recv->words;
}

bool vm_call_method(void *ctx, const vm_type *t, const void *p, const char *name, vm_string *out)
{
    vm_thread *th = ctx;
    const vm_method *m = vm_find_method(t, name);
    if (!m)
        return false;
    if (m->native) {
        if (!strcmp(m->native, "runtime.Error.Error")) {
            *out = *(const vm_string *)p;
            return true;
        }
        if (!strcmp(m->native, "time.Duration.String")) {
            vm_buf b = {0};
            vm_duration_string(&b, *(const int64_t *)p);
            *out = vm_string_new(th, b.p, b.len);
            vm_buf_free(&b);
            return true;
        }
        return false;
    }
    /* a scenario method: results (a string) then the receiver, past the current top */
    vm_word recv[VM_MAX_INLINE_WORDS];
    int rw = vm_method_receiver(m, t, vm_pointer_shaped(t) ? *(void *const *)p : p, recv);
    if (rw < 0)
        return false;
    size_t base = th->top;
    vm_thread_reserve(th, base + 2 + (size_t)rw + 1);
    vm_word *f = th->stack + base;
    memset(f, 0, 2 * sizeof *f);
    memcpy(f + 2, recv, (size_t)rw * sizeof *f);
    vm_closure c = {.fn = m->fn};
    vm_call_closure(th, &c, th->stack + base, 2 + rw);
    *out = *(vm_string *)(th->stack + base);
    return !th->panicking;
}

static vm_fmt_env env_of(vm_thread *t) { return (vm_fmt_env){vm_call_method, t}; }

/* ---------------------------------------------------------------- fmt */

/* format: fmt's Print (P), Println (L) or Printf (F) of the []any at a[args] (with the
   format string at a[fmt] for F), into b */
static void format(vm_thread *t, vm_word *a, char how, int fmt, int args, vm_buf *b)
{
    vm_slice *s = (vm_slice *)(a + args);
    vm_iface *v = s->ptr;
    int c = (int)s->len;
    vm_fmt_env e = env_of(t);
    if (how == 'F')
        vm_sprintf(b, &e, str(a + fmt)->ptr, (size_t)str(a + fmt)->len, v, c);
    else if (how == 'L')
        vm_sprintln(b, &e, v, c);
    else
        vm_sprint(b, &e, v, c);
}

/* to_stdout: Print's results (n int, err error: nil) after writing b out */
static void to_stdout(vm_word *res, vm_buf *b)
{
    fwrite(b->p, 1, b->len, stdout);
    res[0] = b->len;
    res[1] = res[2] = 0;
    vm_buf_free(b);
}

/* to_string: Sprint's result, a string on the heap */
static void to_string(vm_thread *t, vm_word *res, vm_buf *b)
{
    *str(res) = vm_string_new(t, b->p, b->len);
    vm_buf_free(b);
}

/* Print and Println: results n, err (3 words), then a ...any; Printf: the format first.
   Sprint and Sprintln: the result string (2 words), then the ...any; Sprintf: the format
   first. */
#define PRINTER(name, how, fmt, args, out)                                                  \
    NATIVE(name)                                                                            \
    {                                                                                       \
        (void)n;                                                                            \
        vm_buf b = {0};                                                                     \
        format(t, a, how, fmt, args, &b);                                                   \
        out;                                                                                \
    }
PRINTER(fmt_println, 'L', 0, 3, to_stdout(a, &b))
PRINTER(fmt_print, 'P', 0, 3, to_stdout(a, &b))
PRINTER(fmt_printf, 'F', 3, 5, to_stdout(a, &b))
PRINTER(fmt_sprintf, 'F', 2, 4, to_string(t, a, &b))
PRINTER(fmt_sprint, 'P', 0, 2, to_string(t, a, &b))
PRINTER(fmt_sprintln, 'L', 0, 2, to_string(t, a, &b))
#undef PRINTER

extern const vm_type vm_t_plain_error;
static const uint8_t one_ptr[] = {1};
static vm_method errstr_methods[] = {{"Error", NULL, "runtime.Error.Error", false}};
static const vm_type errors_string = {
    .kind = K_STRUCT, .name = "*errors.errorString", .size = 16, .align = 8, .words = 2,
    .gc = {16, 8, one_ptr, "errors.errorString"}, .methods = errstr_methods, .nmethods = 1,
    .ptr_methods = errstr_methods, .nptr_methods = 1, .named = true, .comparable = true};

NATIVE(fmt_errorf)
{
    (void)n;
    vm_buf b = {0};
    format(t, a, 'F', 2, 4, &b);
    vm_string s = vm_string_new(t, b.p, b.len);
    vm_buf_free(&b);
    vm_string *obj = gc_alloc(t->prog->heap, &errors_string.gc);
    gc_write_ptr(t->prog->heap, &obj->ptr, (void *)s.ptr);
    obj->len = s.len;
    *(vm_iface *)a = (vm_iface){&errors_string, obj};
}

/* print and println write to stderr, as Go's runtime does */
static void builtin_out(vm_word *a, int n, bool ln)
{
    vm_buf b = {0};
    vm_builtin_print(&b, (vm_iface *)a, n, ln);
    fflush(stdout);
    fwrite(b.p, 1, b.len, stderr);
    vm_buf_free(&b);
}

NATIVE(builtin_print) { (void)t; builtin_out(a, n, false); }
NATIVE(builtin_println) { (void)t; builtin_out(a, n, true); }

/* ---------------------------------------------------------------- runtime */

NATIVE(runtime_gc) { UNUSED; gc_collect(t->prog->heap); }
NATIVE(runtime_gosched) { UNUSED; rt_gosched(); }
NATIVE(runtime_numgoroutine) { (void)n; a[0] = (vm_word)rt_num_goroutine(t->prog->sched); }
NATIVE(runtime_numcpu) { (void)n; a[0] = (vm_word)rt_sched_nprocs(t->prog->sched); }
NATIVE(runtime_gomaxprocs) { (void)n; a[0] = (vm_word)rt_sched_nprocs(t->prog->sched); }
NATIVE(runtime_keepalive) { UNUSED; }

NATIVE(runtime_readmemstats)
{
    (void)n;
    uint8_t *m = ptr(a[0]);
    if (!m) {
        vm_panic_nil(t);
        return;
    }
    gc_stats *s = malloc(sizeof *s);
    if (!s)
        vm_throw("out of host memory");
    gc_read_stats(t->prog->heap, s);
    uint64_t *u = (uint64_t *)m; /* Go 1.19's MemStats layout (check_pkgs.c) */
    u[0] = s->heap_alloc;
    u[1] = s->total_alloc;
    u[2] = s->heap_sys;
    u[4] = s->mallocs;
    u[5] = s->frees;
    u[6] = s->heap_alloc;
    u[7] = s->heap_sys;
    u[8] = s->heap_sys - s->heap_inuse;
    u[9] = s->heap_inuse;
    u[11] = s->heap_objects;
    u[21] = s->next_gc;
    u[22] = s->last_gc;
    u[23] = s->pause_total_ns;
    memcpy(m + 192, s->pause_ns, sizeof s->pause_ns);
    memcpy(m + 192 + 2048, s->pause_end, sizeof s->pause_end);
    memcpy(m + 4288, &s->num_gc, 4);
    memcpy(m + 4292, &s->num_forced_gc, 4);
    memcpy(m + 4296, &s->gc_cpu_fraction, 8);
    m[4304] = 1; /* EnableGC */
    free(s);
}

NATIVE(debug_setgcpercent) { (void)n; a[0] = (vm_word)(int64_t)gc_set_gogc(t->prog->heap, (int)(int64_t)a[1]); }
NATIVE(debug_setmemorylimit)
{
    (void)n;
    a[0] = (vm_word)gc_set_memory_limit(t->prog->heap, (int64_t)a[1]);
}
NATIVE(debug_freeosmemory) { UNUSED; gc_collect(t->prog->heap); }

/* ---------------------------------------------------------------- sync */

/* lazy: the runtime primitive behind a sync value's first word (made on first use) */
void *vm_native_lazy(vm_thread *t, vm_word w, size_t size)
{
    void **slot = ptr(w);
    if (!slot) {
        vm_panic_nil(t);
        return NULL;
    }
    void *p = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    if (p)
        return p;
    void *fresh = calloc(1, size);
    if (!fresh)
        vm_throw("out of host memory");
    if (__atomic_compare_exchange_n(slot, &p, fresh, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        return fresh;
    free(fresh);
    return p;
}

#define MUTEX(x) ((rt_mutex *)vm_native_lazy(t, (x), sizeof(rt_mutex)))
#define RWMUTEX(x) ((rt_rwmutex *)vm_native_lazy(t, (x), sizeof(rt_rwmutex)))
#define WAITGROUP(x) ((rt_waitgroup *)vm_native_lazy(t, (x), sizeof(rt_waitgroup)))

NATIVE(mutex_lock) { (void)n; rt_mutex *m = MUTEX(a[0]); if (m) rt_mutex_lock(m); }
NATIVE(mutex_unlock) { (void)n; rt_mutex *m = MUTEX(a[0]); if (m) rt_mutex_unlock(m); }
NATIVE(mutex_trylock) { (void)n; rt_mutex *m = MUTEX(a[1]); a[0] = m && rt_mutex_trylock(m); }
NATIVE(rw_lock) { (void)n; rt_rwmutex *m = RWMUTEX(a[0]); if (m) rt_rwmutex_lock(m); }
NATIVE(rw_unlock) { (void)n; rt_rwmutex *m = RWMUTEX(a[0]); if (m) rt_rwmutex_unlock(m); }
NATIVE(rw_rlock) { (void)n; rt_rwmutex *m = RWMUTEX(a[0]); if (m) rt_rwmutex_rlock(m); }
NATIVE(rw_runlock) { (void)n; rt_rwmutex *m = RWMUTEX(a[0]); if (m) rt_rwmutex_runlock(m); }

NATIVE(wg_add)
{
    (void)n;
    rt_waitgroup *w = WAITGROUP(a[0]);
    if (w && rt_waitgroup_add(w, (int64_t)a[1]) == RT_ENEGWG)
        vm_panic_plain(t, "sync: negative WaitGroup counter");
}
NATIVE(wg_done)
{
    (void)n;
    rt_waitgroup *w = WAITGROUP(a[0]);
    if (w && rt_waitgroup_done(w) == RT_ENEGWG)
        vm_panic_plain(t, "sync: negative WaitGroup counter");
}
NATIVE(wg_wait) { (void)n; rt_waitgroup *w = WAITGROUP(a[0]); if (w) rt_waitgroup_wait(w); }

/* ---------------------------------------------------------------- time */

NATIVE(time_sleep)
{
    UNUSED;
    int64_t d = (int64_t)a[0];
    if (d > 0)
        rt_sleep(d);
    else
        rt_gosched();
}
NATIVE(time_now) { UNUSED; a[0] = 0; a[1] = (vm_word)rt_now(); a[2] = 0; }
NATIVE(time_since) { UNUSED; a[0] = (vm_word)(rt_now() - (int64_t)a[2]); }
NATIVE(time_sub) { UNUSED; a[0] = (vm_word)((int64_t)a[2] - (int64_t)a[5]); }
NATIVE(time_unixnano) { UNUSED; a[0] = a[2]; }
NATIVE(duration_string)
{
    (void)n;
    vm_buf b = {0};
    vm_duration_string(&b, (int64_t)a[2]);
    to_string(t, a, &b);
}
NATIVE(duration_ns) { UNUSED; a[0] = a[1]; }
NATIVE(duration_us) { UNUSED; a[0] = (vm_word)((int64_t)a[1] / 1000); }
NATIVE(duration_ms) { UNUSED; a[0] = (vm_word)((int64_t)a[1] / 1000000); }
NATIVE(duration_s)
{
    UNUSED;
    int64_t d = (int64_t)a[1];
    double s = (double)(d / 1000000000) + (double)(d % 1000000000) / 1e9;
    memcpy(&a[0], &s, 8);
}

/* ---------------------------------------------------------------- math/rand, strconv */

/* math/rand's source is shared by every goroutine, as Go's locked global source */
uint64_t vm_native_draw(vm_thread *t, uint64_t n)
{
    vm_rng_lock();
    rt_rng *r = vm_program_rng(t->prog);
    uint64_t v = n ? rt_rng_uintn(r, n) : rt_rng_next(r);
    vm_rng_unlock();
    return v;
}

NATIVE(rand_intn)
{
    (void)n;
    int64_t m = (int64_t)a[1];
    if (m <= 0) {
        vm_panic_plain(t, "invalid argument to Intn");
        return;
    }
    a[0] = vm_native_draw(t, (uint64_t)m);
}
NATIVE(rand_int63n)
{
    (void)n;
    int64_t m = (int64_t)a[1];
    if (m <= 0) {
        vm_panic_plain(t, "invalid argument to Int63n");
        return;
    }
    a[0] = vm_native_draw(t, (uint64_t)m);
}
NATIVE(rand_int31n)
{
    (void)n;
    int64_t m = (int64_t)a[1];
    if (m <= 0) {
        vm_panic_plain(t, "invalid argument to Int31n");
        return;
    }
    a[0] = vm_native_draw(t, (uint64_t)m);
}
NATIVE(rand_int) { UNUSED; a[0] = vm_native_draw(t, 0) >> 1; }
NATIVE(rand_int63) { UNUSED; a[0] = vm_native_draw(t, 0) >> 1; }
NATIVE(rand_uint64) { UNUSED; a[0] = vm_native_draw(t, 0); }
NATIVE(rand_float64)
{
    UNUSED;
    double f = (double)(vm_native_draw(t, 0) >> 11) / 9007199254740992.0;
    memcpy(&a[0], &f, 8);
}
NATIVE(rand_seed) { UNUSED; } /* the run's seed decides the stream */

NATIVE(strconv_itoa)
{
    (void)n;
    vm_buf b = {0};
    vm_format_int(&b, (int64_t)a[2], 10);
    to_string(t, a, &b);
}
NATIVE(strconv_formatint)
{
    (void)n;
    vm_buf b = {0};
    vm_format_int(&b, (int64_t)a[2], (int)(int64_t)a[3]);
    to_string(t, a, &b);
}
NATIVE(strconv_quote)
{
    (void)n;
    vm_buf b = {0};
    vm_quote(&b, str(a + 2)->ptr, (size_t)str(a + 2)->len);
    to_string(t, a, &b);
}

/* ---------------------------------------------------------------- sim, context, trace */

NATIVE(sim_param)
{
    (void)n;
    vm_string name = *str(a + 1);
    int64_t def = (int64_t)a[3];
    a[0] = (vm_word)vm_param_lookup(t->prog, name.ptr, (size_t)name.len, def);
}
/* sim.Work(d): d of computation — charged in the virtual engine, spent (busy, with safe
   points) in the threads engine, whose time is the wall clock */
NATIVE(sim_work)
{
    UNUSED;
    int64_t d = (int64_t)a[0];
    if (d <= 0)
        return;
    if (rt_sched_engine(t->prog->sched) == RT_ENGINE_VIRTUAL) {
        rt_charge(d);
        return;
    }
    for (int64_t end = rt_now() + d; rt_now() < end;)
        rt_charge(0);
}
NATIVE(context_background) { UNUSED; a[0] = a[1] = 0; }
/* trace.Log(ctx, category, message): a user annotation in the runtime's event trace */
NATIVE(trace_log)
{
    (void)n;
    vm_string cat = *str(a + 2), msg = *str(a + 4);
    char buf[512];
    snprintf(buf, sizeof buf, "%.*s: %.*s", (int)(cat.len > 200 ? 200 : cat.len),
             (const char *)cat.ptr, (int)(msg.len > 300 ? 300 : msg.len), (const char *)msg.ptr);
    (void)t;
    rt_trace_log(buf, 0);
}
NATIVE(trace_isenabled) { UNUSED; a[0] = 0; }
NATIVE(trace_withregion)
{
    (void)n;
    vm_closure *f = ptr(a[4]);
    if (!f) {
        vm_panic_nil(t);
        return;
    }
    vm_string region = *str(a + 2);
    char buf[256];
    snprintf(buf, sizeof buf, "region %.*s begin", (int)(region.len > 200 ? 200 : region.len),
             (const char *)region.ptr);
    rt_trace_log(buf, 0);
    vm_call_closure(t, f, a + 5, 0);
    buf[strlen(buf) - 5] = 0;
    strcat(buf, "end");
    rt_trace_log(buf, 1);
}

/* runtime errors through the error interface: their receiver is the boxed message */
NATIVE(error_error) { UNUSED; memmove(a, a + 2, 2 * sizeof *a); }
NATIVE(error_runtimeerror) { UNUSED; }

/* ---------------------------------------------------------------- the table */

static const struct {
    const char *name;
    vm_native_fn fn;
} table[] = {
    {"builtin.print", builtin_print}, {"builtin.println", builtin_println},
    {"fmt.Println", fmt_println}, {"fmt.Print", fmt_print}, {"fmt.Printf", fmt_printf},
    {"fmt.Sprintf", fmt_sprintf}, {"fmt.Sprint", fmt_sprint}, {"fmt.Sprintln", fmt_sprintln},
    {"fmt.Errorf", fmt_errorf},
    {"runtime.GC", runtime_gc}, {"runtime.Gosched", runtime_gosched},
    {"runtime.NumGoroutine", runtime_numgoroutine}, {"runtime.NumCPU", runtime_numcpu},
    {"runtime.GOMAXPROCS", runtime_gomaxprocs}, {"runtime.KeepAlive", runtime_keepalive},
    {"runtime.ReadMemStats", runtime_readmemstats},
    {"runtime/debug.SetGCPercent", debug_setgcpercent},
    {"runtime/debug.SetMemoryLimit", debug_setmemorylimit},
    {"runtime/debug.FreeOSMemory", debug_freeosmemory},
    {"sync.(*Mutex).Lock", mutex_lock}, {"sync.(*Mutex).Unlock", mutex_unlock},
    {"sync.(*Mutex).TryLock", mutex_trylock},
    {"sync.(*RWMutex).Lock", rw_lock}, {"sync.(*RWMutex).Unlock", rw_unlock},
    {"sync.(*RWMutex).RLock", rw_rlock}, {"sync.(*RWMutex).RUnlock", rw_runlock},
    {"sync.(*WaitGroup).Add", wg_add}, {"sync.(*WaitGroup).Done", wg_done},
    {"sync.(*WaitGroup).Wait", wg_wait},
    {"time.Sleep", time_sleep}, {"time.Now", time_now}, {"time.Since", time_since},
    {"time.Time.Sub", time_sub}, {"time.Time.UnixNano", time_unixnano},
    {"time.Duration.String", duration_string},
    {"runtime.Error.Error", error_error}, {"runtime.Error.RuntimeError", error_runtimeerror}, {"time.Duration.Nanoseconds", duration_ns},
    {"time.Duration.Microseconds", duration_us}, {"time.Duration.Milliseconds", duration_ms},
    {"time.Duration.Seconds", duration_s},
    {"math/rand.Intn", rand_intn}, {"math/rand.Int63n", rand_int63n},
    {"math/rand.Int31n", rand_int31n}, {"math/rand.Int", rand_int},
    {"math/rand.Int63", rand_int63}, {"math/rand.Uint64", rand_uint64},
    {"math/rand.Float64", rand_float64}, {"math/rand.Seed", rand_seed},
    {"strconv.Itoa", strconv_itoa}, {"strconv.FormatInt", strconv_formatint},
    {"strconv.Quote", strconv_quote},
    {"sim.Param", sim_param}, {"sim.Work", sim_work},
    {"context.Background", context_background}, {"context.TODO", context_background},
    {"runtime/trace.Log", trace_log}, {"runtime/trace.IsEnabled", trace_isenabled},
    {"runtime/trace.WithRegion", trace_withregion},
};

vm_native_fn vm_native_lookup_sync(const char *name);

vm_native_fn vm_native_lookup(const char *name)
{
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (!strcmp(table[i].name, name))
            return table[i].fn;
    return vm_native_lookup_sync(name);
}
