// funcs.go — functions: several parameters of one type, multiple results,
// named results with bare return, the blank identifier, recursion and mutual
// recursion, passing a multi-valued call straight to another function,
// arguments passed by value (arrays, structs) versus slices/maps/pointers, and
// package-level variables initialised in dependency order (not source order).
package main

import "fmt"

var total = base + bonus() // initialised after base and bonus's dependencies
var base = 10
var calls = 0

func bonus() int {
	calls++
	return base * 2
}

func divmod(a, b int) (int, int) {
	return a / b, a % b
}

func minmax(xs []int) (lo, hi int) {
	if len(xs) == 0 {
		return
	}
	lo, hi = xs[0], xs[0]
	for _, x := range xs[1:] {
		if x < lo {
			lo = x
		}
		if x > hi {
			hi = x
		}
	}
	return
}

func named() (x int, s string) {
	x = 7
	s = "seven"
	return x * 2, s + "!" // explicit values override
}

func fact(n int) int {
	if n <= 1 {
		return 1
	}
	return n * fact(n-1)
}

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func isEven(n int) bool {
	if n == 0 {
		return true
	}
	return isOdd(n - 1)
}

func isOdd(n int) bool {
	if n == 0 {
		return false
	}
	return isEven(n - 1)
}

func add(a, b int) int { return a + b }

func swap(a, b string) (string, string) { return b, a }

type point struct{ x, y int }

func bumpArray(a [3]int) [3]int { a[0] = 99; return a }
func bumpSlice(s []int)         { s[0] = 99 }
func bumpStruct(p point)        { p.x = 99 }
func bumpPtr(p *point)          { p.x = 99 }
func bumpMap(m map[string]int)  { m["k"] = 99 }

func ackermann(m, n int) int {
	if m == 0 {
		return n + 1
	}
	if n == 0 {
		return ackermann(m-1, 1)
	}
	return ackermann(m-1, ackermann(m, n-1))
}

func main() {
	fmt.Println("init order:", total, base, calls)

	q, r := divmod(17, 5)
	fmt.Println(q, r)
	_, r2 := divmod(-17, 5)
	fmt.Println(r2)
	lo, hi := minmax([]int{5, -2, 9, 3})
	fmt.Println(lo, hi)
	fmt.Println(minmax(nil))
	fmt.Println(named())
	fmt.Println(fact(20), fib(20), isEven(10), isOdd(7), isEven(7))
	fmt.Println(add(divmod(23, 4)))
	fmt.Println(swap(swap("a", "b")))
	fmt.Println("ackermann(2,3) =", ackermann(2, 3))

	arr := [3]int{1, 2, 3}
	out := bumpArray(arr)
	sl := []int{1, 2, 3}
	bumpSlice(sl)
	pt := point{1, 2}
	bumpStruct(pt)
	pp := point{1, 2}
	bumpPtr(&pp)
	m := map[string]int{"k": 1}
	bumpMap(m)
	fmt.Println(arr, out, sl, pt, pp, m["k"])

	// deep recursion grows the goroutine stack
	var depth func(n int) int
	depth = func(n int) int {
		if n == 0 {
			return 0
		}
		return 1 + depth(n-1)
	}
	fmt.Println("depth", depth(100000))
}
