// Command gobench measures, in Go, the operations `gorsim bench` measures in gorsim, with
// the same shapes and sizes, so both sides are compared in one run. It prints
// "median_ns X" (ns per operation, median of -runs runs), or for mark "median_mb_per_s X".
// Benchmarks: switch, spawn, chan, alloc, mark, and the map[int64]int64 ones
// mapinsert_nohint, mapinsert_hint (make with hint n) and maplookup.
// Run it with the same GOMAXPROCS.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strconv"
	"strings"
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

// tnode and lnode are the 32-byte nodes of sim/bench_gc.c.
type tnode struct {
	left, right *tnode
	a, b        int64
}

type lnode struct {
	next    *lnode
	a, b, c int64
}

var sink *tnode

// allocNs: allocation of a 32-byte object with two pointers, stored to a global; ns each.
func allocNs(n int) float64 {
	for i := 0; i < 10000; i++ {
		sink = &tnode{}
	}
	t0 := time.Now()
	for i := 0; i < n; i++ {
		sink = &tnode{}
	}
	return float64(time.Since(t0).Nanoseconds()) / float64(n)
}

var mapSink map[int64]int64
var sumSink int64

// mapInsert: make(map[int64]int64, hint) and insert keys 0..n-1 (value = key), the map
// stored to a global so it escapes; runtime.GC first, untimed; ns per insert.
func mapInsert(n, hint int) float64 {
	mapSink = nil
	runtime.GC()
	t0 := time.Now()
	m := make(map[int64]int64, hint)
	for i := 0; i < n; i++ {
		m[int64(i)] = int64(i)
	}
	mapSink = m
	return float64(time.Since(t0).Nanoseconds()) / float64(n)
}

func mapInsertNoHintNs(n int) float64 { return mapInsert(n, 0) }
func mapInsertHintNs(n int) float64   { return mapInsert(n, n) }

// mapLookupNs: a map of keys 0..n-1 built untimed, runtime.GC, then n lookups of the
// keys in sequential order 0..n-1 (all hits), the values summed into a global; ns per
// lookup.
func mapLookupNs(n int) float64 {
	mapSink = nil
	m := make(map[int64]int64)
	for i := 0; i < n; i++ {
		m[int64(i)] = int64(i)
	}
	mapSink = m
	runtime.GC()
	var sum int64
	t0 := time.Now()
	for i := 0; i < n; i++ {
		sum += m[int64(i)]
	}
	el := time.Since(t0)
	sumSink = sum
	return float64(el.Nanoseconds()) / float64(n)
}

func tree(n int) *tnode {
	if n <= 0 {
		return nil
	}
	t := &tnode{}
	left := (n - 1) / 2
	t.left = tree(left)
	t.right = tree(n - 1 - left)
	return t
}

var shapeTree *tnode
var shapeList *lnode

const markWarmups = 2

// markChild builds the shape (a tree and a list of n nodes each) and runs runtime.GC
// markWarmups + runs times; its parent reads the cycles from gctrace.
func markChild(n, runs int) {
	shapeTree = tree(n)
	for i := 0; i < n; i++ {
		shapeList = &lnode{next: shapeList}
	}
	for i := 0; i < markWarmups+runs; i++ {
		runtime.GC()
	}
	runtime.KeepAlive(shapeTree)
	runtime.KeepAlive(shapeList)
}

// markCPUms parses the mark-phase CPU (assist + background + idle workers, the E/F/G of
// "D+E/F/G+H ms cpu") of a gctrace line.
func markCPUms(line string) (float64, bool) {
	i := strings.Index(line, " ms cpu")
	j := strings.LastIndex(line[:max(i, 0)], ", ")
	if i < 0 || j < 0 {
		return 0, false
	}
	f := strings.FieldsFunc(line[j+2:i], func(r rune) bool { return r == '+' || r == '/' })
	if len(f) != 5 {
		return 0, false
	}
	sum := 0.0
	for _, s := range f[1:4] {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, false
		}
		sum += v
	}
	return sum, true
}

func max(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// markMBs runs markChild under GODEBUG=gctrace=1 with one P and returns the median mark
// throughput of its measured runtime.GC cycles: shape bytes per second of mark CPU.
func markMBs(n, runs int) (float64, error) {
	cmd := exec.Command(os.Args[0], "-bench", "markchild", "-n", strconv.Itoa(n), "-runs",
		strconv.Itoa(runs))
	cmd.Env = append(os.Environ(), "GODEBUG=gctrace=1", "GOMAXPROCS=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return 0, err
	}
	shape := float64(n) * 32 * 2
	var v []float64
	forced := 0
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "gc ") || !strings.HasSuffix(line, " (forced)") {
			continue
		}
		if forced++; forced <= markWarmups {
			continue
		}
		ms, ok := markCPUms(line)
		if !ok || ms <= 0 {
			return 0, fmt.Errorf("cannot read mark CPU from %q", line)
		}
		v = append(v, shape/1e6/(ms/1e3))
	}
	if len(v) == 0 {
		return 0, fmt.Errorf("no gctrace lines")
	}
	return median(v), nil
}

func median(v []float64) float64 {
	sort.Float64s(v)
	if len(v)%2 == 0 {
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return v[len(v)/2]
}

func main() {
	bench := flag.String("bench", "",
		"switch, spawn, chan, alloc, mark, mapinsert_nohint, mapinsert_hint or maplookup")
	n := flag.Int("n", 100000, "operations per run")
	runs := flag.Int("runs", 7, "runs")
	flag.Parse()
	switch *bench {
	case "markchild":
		markChild(*n, *runs)
		return
	case "mark":
		mbs, err := markMBs(*n, *runs)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gobench mark:", err)
			os.Exit(1)
		}
		fmt.Printf("median_mb_per_s %.3f\n", mbs)
		return
	}
	fns := map[string]func(int) float64{"switch": switchNs, "spawn": spawnNs, "chan": chanNs,
		"alloc": allocNs, "mapinsert_nohint": mapInsertNoHintNs, "mapinsert_hint": mapInsertHintNs,
		"maplookup": mapLookupNs}
	fn, ok := fns[*bench]
	if !ok || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: gobench -bench "+
			"switch|spawn|chan|alloc|mark|mapinsert_nohint|mapinsert_hint|maplookup [-n N] [-runs R]")
		os.Exit(2)
	}
	v := make([]float64, *runs)
	for i := range v {
		v[i] = fn(*n)
	}
	fmt.Printf("median_ns %.3f\n", median(v))
}
