// runtime_pkg.go — the runtime and runtime/debug packages, printing only facts
// that hold on every run: runtime.NumGoroutine at quiescent points (1 at start,
// 1+k while k goroutines are parked), runtime.GOMAXPROCS(0) > 0,
// runtime.Gosched, runtime.GC (a full cycle: NumGC and NumForcedGC grow),
// runtime.ReadMemStats invariants (TotalAlloc >= HeapAlloc, Mallocs >= Frees,
// a live 8 MiB slice counted in HeapAlloc, gone after it dies and GC runs),
// runtime.KeepAlive, debug.SetGCPercent (returns the previous setting) and
// debug.SetMemoryLimit (a negative argument only reads the limit).
package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

type blob struct {
	data [1 << 20]byte
}

var global []*blob

func main() {
	fmt.Println("goroutines at start:", runtime.NumGoroutine())
	fmt.Println("GOMAXPROCS > 0:", runtime.GOMAXPROCS(0) > 0)

	// parked goroutines are counted
	release := make(chan bool)
	parked := make(chan bool)
	for i := 0; i < 3; i++ {
		go func() {
			parked <- true
			<-release
		}()
	}
	for i := 0; i < 3; i++ {
		<-parked
	}
	fmt.Println("goroutines while parked:", runtime.NumGoroutine())
	close(release)
	for tries := 0; runtime.NumGoroutine() > 1 && tries < 100000; tries++ {
		runtime.Gosched()
	}
	fmt.Println("goroutines after exit:", runtime.NumGoroutine())

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	runtime.GC()
	runtime.ReadMemStats(&after)
	fmt.Println("NumGC grew:", after.NumGC > before.NumGC, after.NumGC >= 1)
	fmt.Println("NumForcedGC >= 1:", after.NumForcedGC >= 1)
	fmt.Println("TotalAlloc >= HeapAlloc:", after.TotalAlloc >= after.HeapAlloc)
	fmt.Println("Mallocs >= Frees:", after.Mallocs >= after.Frees)

	// a live 8 MiB slice shows in HeapAlloc; once dead and collected it does not
	// (PRECISE-FREE: gorsim's threads engine scans C stacks conservatively)
	big := make([]byte, 8<<20)
	for i := 0; i < len(big); i += 4096 {
		big[i] = 1
	}
	runtime.GC()
	var live runtime.MemStats
	runtime.ReadMemStats(&live)
	fmt.Println("live 8MiB counted:", live.HeapAlloc >= 8<<20, live.HeapObjects > 0, live.NextGC > 0)
	runtime.KeepAlive(big)
	big = nil
	runtime.GC()
	var dead runtime.MemStats
	runtime.ReadMemStats(&dead)
	fmt.Println("freed after GC:", dead.HeapAlloc < live.HeapAlloc, dead.HeapAlloc < 8<<20)
	fmt.Println("TotalAlloc >= 8MiB:", dead.TotalAlloc >= 8<<20, dead.TotalAlloc >= live.TotalAlloc)

	// globals are roots
	for i := 0; i < 4; i++ {
		global = append(global, &blob{})
	}
	runtime.GC()
	var g runtime.MemStats
	runtime.ReadMemStats(&g)
	fmt.Println("globals kept:", g.HeapAlloc >= 4<<20, len(global))
	global = nil

	// runtime/debug
	prev := debug.SetGCPercent(50)
	fmt.Println("SetGCPercent returns previous:", prev > 0 || prev == -1, debug.SetGCPercent(prev))
	off := debug.SetGCPercent(-1)
	fmt.Println("disabled:", debug.SetGCPercent(off))
	limit := debug.SetMemoryLimit(-1)
	fmt.Println("memory limit readable:", limit > 0)
	old := debug.SetMemoryLimit(1 << 30)
	fmt.Println("SetMemoryLimit returns previous:", old == limit, debug.SetMemoryLimit(limit))

	x := &blob{}
	x.data[0] = 7
	runtime.GC()
	fmt.Println("kept alive:", x.data[0])
	runtime.KeepAlive(x)
}
