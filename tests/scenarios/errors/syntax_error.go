// errors/syntax_error.go — deliberately invalid: a syntax error: a call missing its closing parenthesis.
// Go 1.19's compiler output is in syntax_error.goerr.
package main

import "fmt"

func main() {
	x := 1
	fmt.Println("x is", x
	fmt.Println("done")
}
