// errors/wrong_arg_type.go — deliberately invalid: an argument of the wrong type, and sending a wrong-typed value on a channel.
// Go 1.19's compiler output is in wrong_arg_type.goerr.
package main

import "fmt"

func double(n int) int { return 2 * n }

func main() {
	ch := make(chan int, 1)
	fmt.Println(double("four"))
	ch <- "x"
}
