//gorsim: procs=2 gogc=50

// gc_stress.go — allocation-heavy program whose output checks that the
// collector kept everything reachable intact: binary trees built and dropped
// repeatedly (only a checksum survives), a long-lived tree and a global linked
// list verified after many forced runtime.GC cycles, maps of pointers and
// slices of slices rewritten while garbage is produced, strings built at run
// time, closures capturing heap data, and several goroutines allocating at once.
package main

import (
	"fmt"
	"runtime"
	"sim"
	"strconv"
	"sync"
)

var depth = sim.Param("depth", 12)
var rounds = sim.Param("rounds", 20)

type tree struct {
	left, right *tree
	val         int
}

type link struct {
	next *link
	name string
	data []int
}

var globalList *link

func build(d, v int) *tree {
	if d == 0 {
		return &tree{val: v}
	}
	return &tree{build(d-1, 2*v), build(d-1, 2*v+1), v}
}

func check(t *tree) int {
	if t == nil {
		return 0
	}
	return t.val + check(t.left) + check(t.right)
}

func count(t *tree) int {
	if t == nil {
		return 0
	}
	return 1 + count(t.left) + count(t.right)
}

func main() {
	longLived := build(depth, 1)
	want := check(longLived)

	for i := 0; i < 50; i++ {
		globalList = &link{next: globalList, name: "n" + strconv.Itoa(i), data: make([]int, i)}
		for j := range globalList.data {
			globalList.data[j] = i
		}
	}

	total := 0
	for r := 0; r < rounds; r++ {
		t := build(depth-2, r)
		total += count(t)
		if r%5 == 0 {
			runtime.GC()
		}
	}
	fmt.Println("short-lived nodes", total)

	// several goroutines allocating concurrently
	var wg sync.WaitGroup
	sums := make([]int, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			m := make(map[int]*tree)
			for i := 0; i < 2000; i++ {
				m[i%100] = &tree{val: i}
				if i%500 == 0 {
					m[-1] = build(6, g)
				}
			}
			s := 0
			for _, t := range m {
				s += check(t)
			}
			sums[g] = s
		}(g)
	}
	wg.Wait()
	fmt.Println("goroutine sums", sums)

	// slices of slices rewritten while producing garbage
	grid := make([][]string, 64)
	for round := 0; round < 10; round++ {
		for i := range grid {
			row := make([]string, 0, 2)
			row = append(row, fmt.Sprintf("r%d-%d", round, i))
			row = append(row, strconv.Itoa(i*round))
			grid[i] = row
		}
		runtime.GC()
	}
	fmt.Println("grid", len(grid), grid[0], grid[63])

	// closures capturing heap data
	var fs []func() int
	for i := 0; i < 10; i++ {
		data := make([]int, 100)
		for j := range data {
			data[j] = i
		}
		fs = append(fs, func() int { return data[99] * len(data) })
	}
	for i := 0; i < 3; i++ {
		runtime.GC()
	}
	csum := 0
	for _, f := range fs {
		csum += f()
	}
	fmt.Println("closure sum", csum)

	// verify long-lived structures after all that
	for i := 0; i < 3; i++ {
		runtime.GC()
	}
	ok := true
	n, lsum := 0, 0
	for l := globalList; l != nil; l = l.next {
		for _, v := range l.data {
			lsum += v
		}
		if l.name != "n"+strconv.Itoa(len(l.data)) {
			ok = false
		}
		n++
	}
	fmt.Println("long-lived tree intact:", check(longLived) == want, count(longLived))
	fmt.Println("global list intact:", ok, n, lsum)
	runtime.KeepAlive(longLived)
}
