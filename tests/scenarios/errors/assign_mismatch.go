// errors/assign_mismatch.go — deliberately invalid: a type mismatch in assignment and in a variable declaration.
// Go 1.19's compiler output is in assign_mismatch.goerr.
package main

import "fmt"

func main() {
	var n int = "hello"
	var s string
	s = 42
	fmt.Println(n, s)
}
