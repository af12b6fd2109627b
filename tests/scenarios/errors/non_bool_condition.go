// errors/non_bool_condition.go — deliberately invalid: a non-boolean condition in if and for.
// Go 1.19's compiler output is in non_bool_condition.goerr.
package main

import "fmt"

func main() {
	n := 3
	if n {
		fmt.Println("n")
	}
	for n {
		n--
	}
}
