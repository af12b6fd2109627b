// defer_recover.go — defer and recover: deferred calls run LIFO when the
// function returns, arguments of a deferred call are evaluated at the defer
// statement, deferred closures see later changes and can modify named
// results, defers in a loop, recover() is nil when not panicking, recovering
// from panic with a string, an int and a Sprintf'd message, a panic raised
// inside a deferred call replacing the first, re-panicking after recovery,
// defers still run while a panic unwinds through several frames, a panic
// recovered inside a goroutine, and the exact text of the runtime errors Go
// raises (index and slice bounds, nil map write, integer divide by zero, nil
// pointer dereference, close of nil/closed channel, send on closed channel,
// negative shift amount, makeslice) as printed by fmt.Println.
package main

import "fmt"

type box struct{ v int }

func order() {
	for i := 0; i < 3; i++ {
		defer fmt.Println("deferred in loop", i)
	}
	defer fmt.Println("deferred first")
	fmt.Println("body of order")
}

func args() {
	x := 1
	defer fmt.Println("arg evaluated at defer:", x)
	defer func() { fmt.Println("closure sees final x:", x) }()
	x = 2
}

func double() (r int) {
	defer func() { r *= 2 }()
	return 21
}

func named() (s string, err string) {
	defer func() {
		if rec := recover(); rec != nil {
			err = fmt.Sprintf("recovered: %v", rec)
			s = "partial"
		}
	}()
	s = "started"
	panic("midway")
}

func try(name string, f func()) {
	defer func() {
		r := recover()
		fmt.Println(name+":", r)
	}()
	f()
	fmt.Println(name + ": no panic")
}

func deep(n int) {
	defer fmt.Println("unwinding", n)
	if n == 0 {
		panic(fmt.Sprintf("bottom reached after %d frames", 3))
	}
	deep(n - 1)
}

func replaced() {
	defer func() {
		fmt.Println("outer recover:", recover())
	}()
	defer func() {
		panic("second")
	}()
	panic("first")
}

func repanic() (res string) {
	defer func() {
		res = fmt.Sprintf("caught again: %v", recover())
	}()
	func() {
		defer func() {
			r := recover()
			panic(fmt.Sprintf("%v, wrapped", r))
		}()
		panic("inner")
	}()
	return "unreachable"
}

func main() {
	order()
	args()
	fmt.Println("double:", double())
	fmt.Println(named())
	fmt.Println("recover outside panic:", recover() == nil)

	try("string", func() { panic("boom") })
	try("int", func() { panic(42) })
	try("nothing", func() {})
	try("deep", func() { deep(3) })
	replaced()
	fmt.Println(repanic())

	// runtime errors
	s := []int{1, 2, 3}
	i := 5
	j := -1
	try("index", func() { fmt.Println(s[i]) })
	try("index negative", func() { fmt.Println(s[j]) })
	try("slice high", func() { fmt.Println(s[1:i]) })
	try("slice inverted", func() { fmt.Println(s[2 : i-4]) })
	str := "abc"
	try("string index", func() { fmt.Println(str[i]) })
	arr := [4]int{}
	try("array index", func() { arr[i] = 1 })
	var nm map[string]int
	try("nil map write", func() { nm["a"] = 1 })
	zero := 0
	try("divide", func() { fmt.Println(10 / zero) })
	try("modulo", func() { fmt.Println(10 % zero) })
	var p *box
	try("nil deref", func() { fmt.Println(p.v) })
	var nc chan int
	try("close nil chan", func() { close(nc) })
	cc := make(chan int, 1)
	close(cc)
	try("close closed chan", func() { close(cc) })
	try("send on closed chan", func() { cc <- 1 })
	try("negative shift", func() { fmt.Println(1 << j) })
	try("makeslice", func() { _ = make([]int, j) })
	try("recovered value printed with %v", func() { panic(fmt.Sprintf("%d-%s", 7, "x")) })

	// a panic recovered inside a goroutine
	done := make(chan string)
	go func() {
		defer func() {
			done <- fmt.Sprintf("goroutine recovered: %v", recover())
		}()
		var m map[int]int
		m[1]++
	}()
	fmt.Println(<-done)
	fmt.Println("main still running")
}
