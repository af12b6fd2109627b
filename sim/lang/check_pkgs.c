/*
 * check_pkgs.c — the built-in packages a scenario may import, declared in Go: each is a
 * Go source of declarations checked by the same checker, whose functions without bodies
 * are natives the interpreter provides (sync.(*Mutex).Lock, fmt.Println ...). Struct
 * layouts are Go 1.19's on 64-bit Linux, so objects that embed them have Go's sizes.
 */
#include "sim/lang/check.h"
#include <stdio.h>
#include <stdlib.h>

static const struct pkgsrc {
    const char *path, *src;
} sources[] = {
    {"fmt", "package fmt\n"
            "func Println(a ...any) (n int, err error)\n"
            "func Printf(format string, a ...any) (n int, err error)\n"
            "func Print(a ...any) (n int, err error)\n"
            "func Sprintf(format string, a ...any) string\n"
            "func Sprint(a ...any) string\n"
            "func Sprintln(a ...any) string\n"
            "func Errorf(format string, a ...any) error\n"},
    {"runtime", "package runtime\n"
                "func GC()\n"
                "func Gosched()\n"
                "func NumGoroutine() int\n"
                "func NumCPU() int\n"
                "func GOMAXPROCS(n int) int\n"
                "func KeepAlive(x any)\n"
                "type MemStats struct {\n"
                "\tAlloc, TotalAlloc, Sys, Lookups, Mallocs, Frees uint64\n"
                "\tHeapAlloc, HeapSys, HeapIdle, HeapInuse, HeapReleased, HeapObjects uint64\n"
                "\tStackInuse, StackSys, MSpanInuse, MSpanSys, MCacheInuse, MCacheSys uint64\n"
                "\tBuckHashSys, GCSys, OtherSys, NextGC, LastGC, PauseTotalNs uint64\n"
                "\tPauseNs [256]uint64\n"
                "\tPauseEnd [256]uint64\n"
                "\tNumGC, NumForcedGC uint32\n"
                "\tGCCPUFraction float64\n"
                "\tEnableGC, DebugGC bool\n"
                "\tBySize [61]struct{ Size uint32; Mallocs, Frees uint64 }\n"
                "}\n"
                "func ReadMemStats(m *MemStats)\n"},
    {"runtime/debug", "package debug\n"
                      "func SetGCPercent(percent int) int\n"
                      "func SetMemoryLimit(limit int64) int64\n"
                      "func FreeOSMemory()\n"},
    {"sync", "package sync\n"
             "type Mutex struct { state int32; sema uint32 }\n"
             "func (m *Mutex) Lock()\n"
             "func (m *Mutex) Unlock()\n"
             "func (m *Mutex) TryLock() bool\n"
             "type RWMutex struct { w Mutex; writerSem, readerSem uint32; readerCount, readerWait int32 }\n"
             "func (rw *RWMutex) Lock()\n"
             "func (rw *RWMutex) Unlock()\n"
             "func (rw *RWMutex) RLock()\n"
             "func (rw *RWMutex) RUnlock()\n"
             "type WaitGroup struct { noCopy [0]func(); state1 uint64; state2 uint32 }\n"
             "func (wg *WaitGroup) Add(delta int)\n"
             "func (wg *WaitGroup) Done()\n"
             "func (wg *WaitGroup) Wait()\n"
             "type Once struct { done uint32; m Mutex }\n"
             "func (o *Once) Do(f func())\n"
             "type Map struct { mu Mutex; read uintptr; dirty map[any]any; misses int }\n"
             "func (m *Map) Load(key any) (value any, ok bool)\n"
             "func (m *Map) Store(key, value any)\n"
             "func (m *Map) LoadOrStore(key, value any) (actual any, loaded bool)\n"
             "func (m *Map) LoadAndDelete(key any) (value any, loaded bool)\n"
             "func (m *Map) Delete(key any)\n"
             "func (m *Map) Range(f func(key, value any) bool)\n"},
    {"time", "package time\n"
             "type Duration int64\n"
             "const (\n"
             "\tNanosecond Duration = 1\n"
             "\tMicrosecond = 1000 * Nanosecond\n"
             "\tMillisecond = 1000 * Microsecond\n"
             "\tSecond = 1000 * Millisecond\n"
             "\tMinute = 60 * Second\n"
             "\tHour = 60 * Minute\n"
             ")\n"
             "func (d Duration) String() string\n"
             "func (d Duration) Nanoseconds() int64\n"
             "func (d Duration) Microseconds() int64\n"
             "func (d Duration) Milliseconds() int64\n"
             "func (d Duration) Seconds() float64\n"
             "type Time struct { wall uint64; ext int64; loc uintptr }\n"
             "func Now() Time\n"
             "func Since(t Time) Duration\n"
             "func (t Time) Sub(u Time) Duration\n"
             "func (t Time) UnixNano() int64\n"
             "func Sleep(d Duration)\n"
             "func After(d Duration) <-chan Time\n"
             "func Tick(d Duration) <-chan Time\n"},
    {"math/rand", "package rand\n"
                  "func Seed(seed int64)\n"
                  "func Int() int\n"
                  "func Intn(n int) int\n"
                  "func Int31n(n int32) int32\n"
                  "func Int63() int64\n"
                  "func Int63n(n int64) int64\n"
                  "func Uint64() uint64\n"
                  "func Float64() float64\n"
                  "func Perm(n int) []int\n"
                  "func Shuffle(n int, swap func(i, j int))\n"},
    {"strconv", "package strconv\n"
                "func Itoa(i int) string\n"
                "func FormatInt(i int64, base int) string\n"
                "func Quote(s string) string\n"},
    {"context", "package context\n"
                "type Context interface{}\n"
                "func Background() Context\n"
                "func TODO() Context\n"},
    {"runtime/trace", "package trace\n"
                      "import \"context\"\n"
                      "func Log(ctx context.Context, category, message string)\n"
                      "func WithRegion(ctx context.Context, regionType string, fn func())\n"
                      "func IsEnabled() bool\n"},
    {"sim", "package sim\n"
            "import \"time\"\n"
            "func Param(name string, def int) int\n"
            "func Work(d time.Duration)\n"},
};
enum { NPKG = sizeof sources / sizeof *sources };

/* checked once and shared: built-in packages are immutable after checking */
static sc_package *cache[NPKG];

static sc_package *load(int i)
{
    sc_source *src = sc_alloc(sizeof *src);
    src->name = sc_sprintf("<gorsim>/%s.go", sources[i].path);
    src->text = sources[i].src;
    src->len = strlen(sources[i].src);
    sc_diags d;
    sc_diags_init(&d, src);
    sc_file *f = sc_parse(src, &d);
    sc_package *pkg = sc_alloc(sizeof *pkg);
    pkg->path = sources[i].path;
    const char *slash = strrchr(pkg->path, '/');
    pkg->name = slash ? slash + 1 : pkg->path;
    pkg->native = true;
    cache[i] = pkg; /* before checking: the package's own types refer to it */
    if (!sc_failed(&d))
        ck_check_package(f, &d, pkg);
    if (sc_failed(&d)) { /* a bug in the table above */
        sc_diags_print(&d, stderr);
        fprintf(stderr, "gorsim: internal error (please report): built-in package %s\n",
                pkg->path);
        abort();
    }
    return pkg;
}

sc_package *ck_package(checker *c, const char *path)
{
    (void)c;
    for (int i = 0; i < NPKG; i++)
        if (!strcmp(sources[i].path, path))
            return cache[i] ? cache[i] : load(i);
    return NULL;
}
