// errors/mismatched_binary.go — deliberately invalid: a binary operator applied to operands of different types.
// Go 1.19's compiler output is in mismatched_binary.goerr.
package main

import "fmt"

func main() {
	a := 1
	b := "2"
	var c int64 = 3
	fmt.Println(a + b)
	fmt.Println(a * c)
}
