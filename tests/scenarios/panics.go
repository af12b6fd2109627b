// panics.go — an unrecovered panic with a custom message: the program prints
// to stdout, deferred calls still run (and print) while the panic unwinds, then
// Go prints "panic: <message>" and a goroutine trace to stderr and exits with
// status 2. Expected: panics.out (stdout), panics.err (first stderr line),
// panics.exit (2).
package main

import "fmt"

func process(items []string) {
	defer fmt.Println("process: deferred cleanup runs")
	for i := 0; i < len(items); i++ {
		if items[i] == "bad" {
			panic(fmt.Sprintf("boom: bad item at index %d", i))
		}
		fmt.Println("processed", items[i])
	}
}

func main() {
	defer fmt.Println("main: deferred call runs too")
	fmt.Println("starting")
	process([]string{"a", "b", "bad", "c"})
	fmt.Println("never printed")
}
