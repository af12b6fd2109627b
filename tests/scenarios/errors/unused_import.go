// errors/unused_import.go — deliberately invalid: an import that is never used.
// Go 1.19's compiler output is in unused_import.goerr.
package main

import (
	"fmt"
	"strconv"
)

func main() {
	fmt.Println("no strconv here")
}
