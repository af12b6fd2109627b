// closures.go — func values and closures: captured variables are shared (not
// copied) between the closure and its enclosing function and between closures,
// they outlive the call that declared them, closures created in a loop over
// explicit per-iteration copies (the program never depends on Go 1.22's
// per-iteration loop variables), func values passed as parameters, returned,
// stored in slices, maps and struct fields, compared with nil, and called
// immediately.
package main

import "fmt"

func counter() func() int {
	c := 0
	return func() int {
		c++
		return c
	}
}

func pair() (func(), func() int) {
	x := 0
	return func() { x += 10 }, func() int { return x }
}

func apply(xs []int, f func(int) int) []int {
	out := make([]int, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func compose(f, g func(int) int) func(int) int {
	return func(x int) int { return g(f(x)) }
}

func adder(n int) func(int) int {
	return func(x int) int { return x + n }
}

type handler struct {
	name string
	fn   func(string) string
}

func main() {
	c1 := counter()
	c2 := counter()
	fmt.Println(c1(), c1(), c1(), c2(), c1(), c2())

	inc, get := pair()
	inc()
	inc()
	fmt.Println("shared:", get())

	// the enclosing function sees the closure's writes and vice versa
	total := 0
	addTo := func(n int) { total += n }
	addTo(5)
	addTo(7)
	total *= 2
	addTo(1)
	fmt.Println("total:", total)

	// closures created in a loop, each over its own copy
	var fs []func() int
	for i := 0; i < 4; i++ {
		i := i
		fs = append(fs, func() int { return i * i })
	}
	for _, f := range fs {
		fmt.Println("sq:", f())
	}

	// closures in a loop sharing one variable declared outside the loop
	shared := 0
	var gs []func() int
	for j := 0; j < 3; j++ {
		shared = j
		gs = append(gs, func() int { return shared })
	}
	fmt.Println("shared var:", gs[0](), gs[1](), gs[2]())

	// func values as parameters and results
	double := func(x int) int { return 2 * x }
	fmt.Println(apply([]int{1, 2, 3}, double))
	fmt.Println(apply([]int{1, 2, 3}, adder(100)))
	fmt.Println(compose(double, adder(1))(5), compose(adder(1), double)(5))

	// immediately invoked
	r := func(a, b int) int { return a*b + 1 }(6, 7)
	fmt.Println("iife:", r)

	// in maps and struct fields; nil func values
	ops := map[string]func(int, int) int{
		"add": func(a, b int) int { return a + b },
		"sub": func(a, b int) int { return a - b },
	}
	fmt.Println(ops["add"](3, 4), ops["sub"](3, 4), ops["mul"] == nil)
	var nf func()
	fmt.Println("nil func:", nf == nil)
	nf = func() {}
	fmt.Println("non-nil func:", nf != nil)

	h := handler{name: "shout", fn: func(s string) string { return s + "!" }}
	fmt.Println(h.name, h.fn("hey"))
	hp := &h
	suffix := "?"
	hp.fn = func(s string) string { return s + suffix }
	suffix = "?!"
	fmt.Println(h.fn("what"))

	// closure capturing a slice and a map: mutations are visible
	s := []int{1, 2, 3}
	m := map[string]int{}
	mut := func() {
		s[0] = 100
		s = append(s, 4)
		m["n"]++
	}
	mut()
	mut()
	fmt.Println(s, len(s), m["n"])

	// a closure keeps a large captured value alive after its frame returned
	mk := func() func() int {
		big := make([]int, 1000)
		for i := range big {
			big[i] = i
		}
		return func() int { return big[999] + len(big) }
	}
	keep := mk()
	fmt.Println("kept:", keep())
}
