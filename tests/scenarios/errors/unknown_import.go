// errors/unknown_import.go — deliberately invalid: importing a package that does not exist.
// Go 1.19's compiler output is in unknown_import.goerr.
package main

import (
	"fmt"
	"notapackage"
)

func main() {
	fmt.Println(notapackage.X)
}
