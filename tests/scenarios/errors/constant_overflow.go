// errors/constant_overflow.go — deliberately invalid: constants that overflow their type, and a constant division by zero.
// Go 1.19's compiler output is in constant_overflow.goerr.
package main

import "fmt"

func main() {
	var b uint8 = 300
	var i int32 = 1 << 31
	n := 10
	fmt.Println(b, i, n/0)
}
