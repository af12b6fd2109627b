// deadlock.go — every goroutine blocked: main waits on a channel nobody will
// send on, after a worker has finished. Go detects it and dies with
// "fatal error: all goroutines are asleep - deadlock!" (not a panic: defers
// do not run, recover cannot catch it), exit status 2.
package main

import (
	"fmt"
	"sync"
)

func main() {
	defer fmt.Println("not printed: a fatal error runs no defers")
	var wg sync.WaitGroup
	results := make(chan int, 1)
	wg.Add(1)
	go func() {
		defer wg.Done()
		results <- 10
	}()
	wg.Wait()
	fmt.Println("got", <-results)
	fmt.Println("waiting for a second result that never comes")
	fmt.Println(<-results)
}
