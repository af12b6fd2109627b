// goroutines.go — goroutines: the go statement with a func literal (arguments
// evaluated at the go statement) and with a named function, sync.WaitGroup
// (Add/Done/Wait, Done deferred), a sync.Mutex-protected counter, a
// sync.RWMutex-protected table read by many readers, results written to
// per-goroutine slots then printed in order, a relay of goroutines printing in
// a fixed order through a chain of channels, a worker pool fed by a channel,
// runtime.Gosched, and many short-lived goroutines. All output is independent
// of scheduling.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

type counter struct {
	mu sync.Mutex
	n  int
}

func inc(c *counter) {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

func worker(id int, jobs <-chan int, results chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		results <- j * j
	}
	_ = id
}

func main() {
	// Mutex-protected counter
	var mu sync.Mutex
	count := 0
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				mu.Lock()
				count++
				mu.Unlock()
				if i%100 == 0 {
					runtime.Gosched()
				}
			}
		}()
	}
	wg.Wait()
	fmt.Println("count", count)

	// per-goroutine result slots; arguments evaluated at the go statement
	results := make([]int, 6)
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func(k int, out *int) {
			defer wg.Done()
			s := 0
			for j := 1; j <= k*100; j++ {
				s += j
			}
			*out = s
		}(i, &results[i])
	}
	wg.Wait()
	fmt.Println("results", results)

	// RWMutex: one writer then many readers
	var rw sync.RWMutex
	table := map[int]int{}
	wg.Add(1)
	go func() {
		defer wg.Done()
		rw.Lock()
		for i := 0; i < 100; i++ {
			table[i] = i * 2
		}
		rw.Unlock()
	}()
	wg.Wait()
	sums := make([]int, 4)
	for r := 0; r < 4; r++ {
		wg.Add(1)
		go func(r int) {
			defer wg.Done()
			for i := r; i < 100; i += 4 {
				rw.RLock()
				sums[r] += table[i]
				rw.RUnlock()
			}
		}(r)
	}
	wg.Wait()
	fmt.Println("rw sums", sums, sums[0]+sums[1]+sums[2]+sums[3])

	// relay: goroutine i waits for its turn, prints, passes the baton on
	const n = 5
	var turns [n + 1]chan bool
	for i := 0; i <= n; i++ {
		turns[i] = make(chan bool)
	}
	for i := n - 1; i >= 0; i-- {
		go func(i int) {
			<-turns[i]
			fmt.Println("relay", i)
			turns[i+1] <- true
		}(i)
	}
	turns[0] <- true
	<-turns[n]

	// worker pool
	jobs := make(chan int, 100)
	out := make(chan int, 100)
	var pool sync.WaitGroup
	for w := 0; w < 3; w++ {
		pool.Add(1)
		go worker(w, jobs, out, &pool)
	}
	for j := 1; j <= 20; j++ {
		jobs <- j
	}
	close(jobs)
	go func() {
		pool.Wait()
		close(out)
	}()
	total, got := 0, 0
	for r := range out {
		total += r
		got++
	}
	fmt.Println("pool", got, total)

	// a struct holding a mutex, shared by pointer
	c := &counter{}
	for g := 0; g < 50; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			inc(c)
		}()
	}
	wg.Wait()
	fmt.Println("struct counter", c.n)

	// many short-lived goroutines reporting on a channel
	ch := make(chan int)
	for i := 0; i < 1000; i++ {
		go func(i int) { ch <- i }(i)
	}
	sum := 0
	for i := 0; i < 1000; i++ {
		sum += <-ch
	}
	fmt.Println("sum", sum)
}
