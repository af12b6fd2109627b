//gorsim: procs=2 gogc=100

// params.go — the sim package with default parameters: package-level vars
// initialised from sim.Param (default used when no -p override is given),
// a parameter used as a loop bound and a make hint, and sim.Work (simulated
// computation: takes time, allocates nothing) called from several goroutines.
// Also shows a //gorsim: header line before the package clause.
package main

import (
	"fmt"
	"sim"
	"sync"
	"time"
)

var n = sim.Param("n", 10)
var workers = sim.Param("workers", 3)
var hint = sim.Param("hint", 0)

func main() {
	fmt.Println("n =", n, "workers =", workers, "hint =", hint)
	m := make(map[int]int, hint)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += workers {
				sim.Work(time.Microsecond)
				mu.Lock()
				m[i] = i * i
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	sum := 0
	for _, v := range m {
		sum += v
	}
	fmt.Println("entries", len(m), "sum of squares", sum)
	start := time.Now()
	sim.Work(2 * time.Millisecond)
	fmt.Println("Work took at least its duration:", time.Since(start) >= 2*time.Millisecond)
	sim.Work(0)
	fmt.Println("done")
}
