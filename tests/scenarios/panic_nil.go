// panic_nil.go — an unrecovered nil pointer dereference: stderr starts with
// "panic: runtime error: invalid memory address or nil pointer dereference"
// (Go then prints a "[signal SIGSEGV ...]" line whose addresses vary), exit 2.
package main

import "fmt"

type node struct {
	val  int
	next *node
}

func main() {
	list := &node{1, &node{2, nil}}
	for e := list; ; e = e.next {
		fmt.Println("val", e.val)
	}
}
