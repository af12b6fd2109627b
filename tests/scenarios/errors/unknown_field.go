// errors/unknown_field.go — deliberately invalid: selecting a field the struct does not have, and naming one in a composite literal.
// Go 1.19's compiler output is in unknown_field.goerr.
package main

import "fmt"

type point struct {
	x, y int
}

func main() {
	p := &point{x: 1, y: 2}
	fmt.Println(p.z)
	q := point{x: 1, w: 3}
	fmt.Println(q)
}
