// errors/call_non_function.go — deliberately invalid: calling a value that is not a function.
// Go 1.19's compiler output is in call_non_function.goerr.
package main

import "fmt"

func main() {
	count := 5
	fmt.Println(count())
}
