// rand_pkg.go — math/rand with the default (run-seeded) source. Sequences
// differ between runs and implementations, so only properties are printed:
// rand.Intn / rand.Int63n / rand.Float64 / rand.Int stay in range, every value
// of Intn(10) shows up in 10000 draws, the mean of Float64 is near 0.5, and a
// Fisher-Yates shuffle built on Intn is a permutation. Concurrent use of the
// top-level functions is safe.
package main

import (
	"fmt"
	"math/rand"
	"sync"
)

func main() {
	inRange := true
	var seen [10]int
	for i := 0; i < 10000; i++ {
		v := rand.Intn(10)
		if v < 0 || v >= 10 {
			inRange = false
		} else {
			seen[v]++
		}
	}
	all := true
	for i := 0; i < 10; i++ {
		if seen[i] == 0 {
			all = false
		}
	}
	fmt.Println("Intn(10) in [0,10):", inRange, "all values seen:", all)

	ok63 := true
	for i := 0; i < 1000; i++ {
		v := rand.Int63n(1 << 40)
		if v < 0 || v >= 1<<40 {
			ok63 = false
		}
	}
	fmt.Println("Int63n in range:", ok63)

	okInt := true
	for i := 0; i < 1000; i++ {
		if rand.Int() < 0 {
			okInt = false
		}
	}
	fmt.Println("Int non-negative:", okInt)

	sum := 0.0
	okF := true
	for i := 0; i < 10000; i++ {
		f := rand.Float64()
		if f < 0 || f >= 1 {
			okF = false
		}
		sum += f
	}
	mean := sum / 10000
	fmt.Println("Float64 in [0,1):", okF, "mean near 0.5:", mean > 0.45 && mean < 0.55)

	// shuffle
	p := make([]int, 20)
	for i := range p {
		p[i] = i
	}
	for i := len(p) - 1; i > 0; i-- {
		j := rand.Intn(i + 1)
		p[i], p[j] = p[j], p[i]
	}
	var hit [20]bool
	perm := true
	for _, v := range p {
		if hit[v] {
			perm = false
		}
		hit[v] = true
	}
	fmt.Println("shuffle is a permutation:", perm, len(p))

	// concurrent use
	var wg sync.WaitGroup
	counts := make([]int, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				if rand.Intn(2) < 2 {
					counts[g]++
				}
			}
		}(g)
	}
	wg.Wait()
	fmt.Println("concurrent draws:", counts)
}
