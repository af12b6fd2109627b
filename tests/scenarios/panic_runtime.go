// panic_runtime.go — an unrecovered run-time error: indexing past the end of a
// slice panics with "panic: runtime error: index out of range [3] with length
// 3" (Go 1.19 also appends "\n\ngoroutine 1 [running]:" and a trace) and exit
// status 2, after stdout output and deferred calls.
package main

import "fmt"

func get(s []int, i int) int {
	return s[i]
}

func main() {
	defer fmt.Println("deferred before crash")
	s := []int{1, 2, 3}
	sum := 0
	for i := 0; i < 6; i++ {
		sum += get(s, i)
		fmt.Println("sum so far", sum)
	}
}
