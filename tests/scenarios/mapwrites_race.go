//gorsim: procs=4 gogc=100

// mapwrites_race.go — the example from SCENARIO-LANGUAGE.md with a smaller n:
// four goroutines write one map without synchronisation. Go's map detects the
// concurrent writes and dies with "fatal error: concurrent map writes" (exit
// status 2; not a panic, so recover cannot catch it and no defers run).
// EXPECTED-FATAL: gorsim must report it; real Go detects it only
// probabilistically (it needs two writers to overlap), so a real-Go run that
// happens to finish is not a failure of this file. Nothing is printed to
// stdout either way.
package main

import (
	"runtime"
	"sim"
	"sync"
)

var n = sim.Param("n", 200000) // overridable: gorsim run -p n=1000000
var hint = sim.Param("hint", 0)

type payload struct {
	next *payload
	data [48]byte
}

func main() {
	m := make(map[int64]*payload, hint)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += 4 {
				p := &payload{} // heap allocation: may assist
				m[int64(i)] = p // map write: barrier during mark
			}
		}(w)
	}
	wg.Wait()
	runtime.KeepAlive(m)
}
