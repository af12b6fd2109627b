// errors/too_many_values.go — deliberately invalid: assignment count mismatches: more values than variables, and a two-result call assigned to one variable.
// Go 1.19's compiler output is in too_many_values.goerr.
package main

import "fmt"

func two() (int, int) { return 1, 2 }

func main() {
	a, b := 1, 2, 3
	c := two()
	fmt.Println(a, b, c)
}
