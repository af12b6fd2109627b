// errors/undefined_label.go — deliberately invalid: break to a label that does not exist.
// Go 1.19's compiler output is in undefined_label.goerr.
package main

import "fmt"

func main() {
	for i := 0; i < 3; i++ {
		if i == 1 {
			break outer
		}
		fmt.Println(i)
	}
}
