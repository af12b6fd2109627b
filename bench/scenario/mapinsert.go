// mapinsert.go — the scenario `gorsim bench scenario` times against Go: 10^6 inserts
// into a map without a hint (growth, evacuation, garbage collection along the way).
package main

import "fmt"

func main() {
	m := make(map[int64]int64)
	for i := 0; i < 1000000; i++ {
		m[int64(i)] = int64(i)
	}
	fmt.Println(len(m))
}
