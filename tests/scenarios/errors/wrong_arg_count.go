// errors/wrong_arg_count.go — deliberately invalid: calls with too few and too many arguments.
// Go 1.19's compiler output is in wrong_arg_count.goerr.
package main

import "fmt"

func add(a, b int) int {
	return a + b
}

func main() {
	fmt.Println(add(1))
	fmt.Println(add(1, 2, 3))
}
