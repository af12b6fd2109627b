// errors/invalid_op.go — deliberately invalid: operators the operand types do not support: indexing an int, deref of a non-pointer, ! on an int, comparing slices.
// Go 1.19's compiler output is in invalid_op.goerr.
package main

import "fmt"

func main() {
	n := 5
	s := []int{1}
	t := []int{1}
	fmt.Println(n[0])
	fmt.Println(*n)
	fmt.Println(!n)
	fmt.Println(s == t)
}
