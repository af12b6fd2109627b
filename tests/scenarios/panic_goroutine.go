// panic_goroutine.go — a panic in a goroutine other than main is not
// recoverable by main and ends the whole program: "panic: worker failed:
// 3" and exit status 2, while main is blocked on a channel. Output printed
// before the panic is ordered by channels.
package main

import "fmt"

func main() {
	step := make(chan int)
	block := make(chan bool)
	defer fmt.Println("main's defers do not run")
	go func() {
		for v := range step {
			if v == 3 {
				panic(fmt.Sprintf("worker failed: %d", v))
			}
			fmt.Println("worker got", v)
			block <- true
		}
	}()
	for i := 1; i <= 3; i++ {
		step <- i
		if i < 3 {
			<-block
		}
	}
	<-block
	fmt.Println("never printed")
}
