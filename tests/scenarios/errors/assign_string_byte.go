// errors/assign_string_byte.go — deliberately invalid: assignment to a non-addressable operand: a byte of a string (strings are immutable).
// Go 1.19's compiler output is in assign_string_byte.goerr.
package main

import "fmt"

func main() {
	s := "hello"
	s[0] = 'j'
	fmt.Println(s)
}
