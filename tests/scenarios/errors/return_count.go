// errors/return_count.go — deliberately invalid: return statements with too many and too few values.
// Go 1.19's compiler output is in return_count.goerr.
package main

import "fmt"

func one() int {
	return 1, 2
}

func pair() (int, string) {
	return 1
}

func main() {
	fmt.Println(one())
	fmt.Println(pair())
}
