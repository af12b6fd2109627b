// errors/invalid_map_key.go — deliberately invalid: a map key type that is not comparable (a slice).
// Go 1.19's compiler output is in invalid_map_key.goerr.
package main

import "fmt"

func main() {
	m := map[[]int]string{}
	fmt.Println(len(m))
}
