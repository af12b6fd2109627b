// errors/undefined_name.go — deliberately invalid: use of an undefined name.
// Go 1.19's compiler output is in undefined_name.goerr.
package main

import "fmt"

func main() {
	total := 0
	for i := 0; i < 3; i++ {
		total += i
	}
	fmt.Println(totl)
}
