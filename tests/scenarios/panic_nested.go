// panic_nested.go — a deferred call panics while the first panic unwinds and
// nothing recovers: Go prints both, "panic: first" then "\tpanic: second",
// then one trace, and exits with status 2.
package main

import "fmt"

func main() {
	defer func() {
		fmt.Println("second deferred call: panics again")
		panic("second")
	}()
	defer fmt.Println("first deferred call runs")
	fmt.Println("about to panic")
	panic("first")
}
