// extensions.go — what the scenario language accepts beyond Go 1.19, so this file is not
// run under Go: range over an int (Go 1.22), clear (Go 1.21), and runtime/trace
// annotations (Log, WithRegion), which go to gorsim's event trace. Its expected output
// (extensions.out) is written by hand from Go's semantics for these features.
package main

import (
	"context"
	"fmt"
	"runtime/trace"
)

func main() {
	sum := 0
	for i := range 5 {
		sum += i
	}
	fmt.Println("range over 5:", sum)
	for range 3 {
		sum++
	}
	fmt.Println("after three more:", sum)

	m := map[string]int{"a": 1, "b": 2, "c": 3}
	clear(m)
	m["d"] = 4
	fmt.Println("cleared:", len(m), m["a"], m["d"])

	ctx := context.Background()
	trace.Log(ctx, "phase", "start")
	calls := 0
	trace.WithRegion(ctx, "work", func() { calls++ })
	fmt.Println("region ran", calls, "time(s); tracing enabled:", trace.IsEnabled())
}
