//gorsim: procs=2 gogc=100

// params_set.go — params.go's program run with overrides: params_set.params
// holds "n=25 workers=5 hint=64", i.e. `gorsim run -p n=25 -p workers=5
// -p hint=64` (gorun.sh params_set.go n=25 workers=5 hint=64), so every
// sim.Param returns the given value instead of its default.
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
