// syncmap.go — sync.Map: Store, Load (value and ok), Delete, LoadOrStore,
// Range counting entries and stopping early, concurrent Stores from several
// goroutines, and printing loaded values with fmt. sync.Map's API traffics in
// `any` (interface{}) values: this file needs that type for Range's callback
// and compares loaded values with ==, but never uses type assertions.
package main

import (
	"fmt"
	"strconv"
	"sync"
)

type entry struct{ hits int }

func count(m *sync.Map) int {
	n := 0
	m.Range(func(k, v any) bool {
		n++
		return true
	})
	return n
}

func main() {
	var m sync.Map
	fmt.Println("empty:", count(&m))
	m.Store("a", 1)
	m.Store("b", 2)
	m.Store("a", 10)
	v, ok := m.Load("a")
	fmt.Println(v, ok, v == 10)
	v, ok = m.Load("zzz")
	fmt.Println(v, ok)
	fmt.Println("count:", count(&m))
	m.Delete("b")
	m.Delete("never stored")
	_, ok = m.Load("b")
	fmt.Println("after delete:", ok, count(&m))

	actual, loaded := m.LoadOrStore("a", 99)
	fmt.Println(actual, loaded)
	actual, loaded = m.LoadOrStore("c", "see")
	fmt.Println(actual, loaded, count(&m))

	// Range stops when the callback returns false
	visited := 0
	m.Range(func(k, v any) bool {
		visited++
		return false
	})
	fmt.Println("stopped after", visited)

	// concurrent stores
	var cm sync.Map
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 250; i++ {
				cm.Store(g*1000+i, strconv.Itoa(i))
			}
		}(g)
	}
	wg.Wait()
	fmt.Println("concurrent entries:", count(&cm))
	x, _ := cm.Load(3249)
	fmt.Println("3249 ->", x, x == "249")

	// pointer values
	var pm sync.Map
	e := &entry{hits: 3}
	pm.Store("k", e)
	p, ok := pm.Load("k")
	fmt.Println("pointer stored:", ok, p != nil, p == e, count(&pm))
}
