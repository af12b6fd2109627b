// errors/undeclared_package.go — deliberately invalid: using a package that is not imported.
// Go 1.19's compiler output is in undeclared_package.goerr.
package main

import "fmt"

func main() {
	fmt.Println(strconv.Itoa(5))
}
