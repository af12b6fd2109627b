// errors/syntax_brace.go — deliberately invalid: a syntax error: an else on the line after the if's closing brace (Go's automatic semicolon).
// Go 1.19's compiler output is in syntax_brace.goerr.
package main

import "fmt"

func main() {
	x := 1
	if x > 0 {
		fmt.Println("positive")
	}
	else {
		fmt.Println("not positive")
	}
}
