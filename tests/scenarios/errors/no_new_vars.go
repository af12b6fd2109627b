// errors/no_new_vars.go — deliberately invalid: `:=` with no new variable on its left.
// Go 1.19's compiler output is in no_new_vars.goerr.
package main

import "fmt"

func main() {
	a := 1
	a := 2
	fmt.Println(a)
}
