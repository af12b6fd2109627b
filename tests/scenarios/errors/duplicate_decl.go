// errors/duplicate_decl.go — deliberately invalid: a name declared twice in one scope (package-level function and local variable).
// Go 1.19's compiler output is in duplicate_decl.goerr.
package main

import "fmt"

func helper() int { return 1 }

func helper() int { return 2 }

func main() {
	var a int
	var a string
	fmt.Println(a, helper())
}
