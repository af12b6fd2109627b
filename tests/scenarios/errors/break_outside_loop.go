// errors/break_outside_loop.go — deliberately invalid: break and continue outside any loop, switch or select.
// Go 1.19's compiler output is in break_outside_loop.goerr.
package main

import "fmt"

func main() {
	x := 3
	if x > 2 {
		break
	}
	continue
	fmt.Println(x)
}
