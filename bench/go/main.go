// Command gobench measures, in Go, the operations `gorsim bench` measures in gorsim, with
// the same shapes and sizes, so both sides are compared in one run. It prints
// "median_ns X" (ns per operation, median of -runs runs). Run it with the same GOMAXPROCS.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"
	"time"
)

const spawnBatch = 100 // goroutines per WaitGroup batch, as in sim/bench.c

// switchNs: two identical goroutines yielding to each other n times each while main
// waits; ns per goroutine switch (2n switches).
func switchNs(n int) float64 {
	var wg sync.WaitGroup
	wg.Add(2)
	yielder := func() {
		for i := 0; i < n; i++ {
			runtime.Gosched()
		}
		wg.Done()
	}
	t0 := time.Now()
	go yielder()
	go yielder()
	wg.Wait()
	return float64(time.Since(t0).Nanoseconds()) / float64(2*n)
}

// spawnNs: create + run + exit of a goroutine, in batches joined by a WaitGroup.
func spawnNs(n int) float64 {
	var wg sync.WaitGroup
	batches := n / spawnBatch
	t0 := time.Now()
	for b := 0; b < batches; b++ {
		wg.Add(spawnBatch)
		for i := 0; i < spawnBatch; i++ {
			go wg.Done()
		}
		wg.Wait()
	}
	return float64(time.Since(t0).Nanoseconds()) / float64(batches*spawnBatch)
}

// chanNs: unbuffered ping-pong; ns per message.
func chanNs(n int) float64 {
	ping, pong := make(chan int64), make(chan int64)
	go func() {
		for i := 0; i < n; i++ {
			v := <-ping
			pong <- v
		}
	}()
	t0 := time.Now()
	for i := 0; i < n; i++ {
		ping <- int64(i)
		<-pong
	}
	return float64(time.Since(t0).Nanoseconds()) / float64(2*n)
}

func main() {
	bench := flag.String("bench", "", "switch, spawn or chan")
	n := flag.Int("n", 100000, "operations per run")
	runs := flag.Int("runs", 7, "runs")
	flag.Parse()
	fns := map[string]func(int) float64{"switch": switchNs, "spawn": spawnNs, "chan": chanNs}
	fn, ok := fns[*bench]
	if !ok || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: gobench -bench switch|spawn|chan [-n N] [-runs R]")
		os.Exit(2)
	}
	v := make([]float64, *runs)
	for i := range v {
		v[i] = fn(*n)
	}
	sort.Float64s(v)
	med := v[len(v)/2]
	if len(v)%2 == 0 {
		med = (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	fmt.Printf("median_ns %.3f\n", med)
}
