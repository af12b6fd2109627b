//gorsim: procs=4 gogc=100

// mapwrites_mutex.go — mapwrites_race.go made correct: the same four writers,
// each map write under one sync.Mutex, so the program completes and prints
// len(m) (= n) and a checksum over the keys read back through the pointers.
package main

import (
	"fmt"
	"runtime"
	"sim"
	"sync"
)

var n = sim.Param("n", 200000)
var hint = sim.Param("hint", 0)

type payload struct {
	next *payload
	data [48]byte
}

func main() {
	m := make(map[int64]*payload, hint)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += 4 {
				p := &payload{}
				p.data[0] = byte(i)
				mu.Lock()
				m[int64(i)] = p
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	runtime.GC()
	sum := 0
	for k, p := range m {
		if byte(k) != p.data[0] {
			fmt.Println("corrupt entry", k)
		}
		sum += int(p.data[0])
	}
	fmt.Println("len(m) =", len(m))
	fmt.Println("checksum", sum)
	runtime.KeepAlive(m)
}
