// errors/missing_return.go — deliberately invalid: a function with results that can fall off its end.
// Go 1.19's compiler output is in missing_return.goerr.
package main

import "fmt"

func sign(n int) int {
	if n > 0 {
		return 1
	} else if n < 0 {
		return -1
	}
}

func main() {
	fmt.Println(sign(3))
}
