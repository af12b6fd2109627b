// errors/unused_variable.go — deliberately invalid: a variable declared but never used.
// Go 1.19's compiler output is in unused_variable.goerr.
package main

import "fmt"

func main() {
	x := 10
	y := 20
	fmt.Println(y)
}
