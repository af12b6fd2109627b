// errors/assign_map_field.go — deliberately invalid: assignment to a non-addressable operand: a field of a struct held in a map.
// Go 1.19's compiler output is in assign_map_field.goerr.
package main

import "fmt"

type point struct{ x, y int }

func main() {
	m := map[string]point{"a": {1, 2}}
	m["a"].x = 10
	fmt.Println(m)
}
