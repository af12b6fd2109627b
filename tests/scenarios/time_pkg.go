// time_pkg.go — the time package: time.Duration constants and arithmetic and
// how %v / Println print durations ("2ms", "1.5s", "1m30s", "1µs", "-3s"),
// conversion between Duration and int64, time.Sleep ordering goroutines
// (shorter sleeps wake first: 40 ms apart), and time.Now / time.Since as
// booleans only (elapsed >= slept, never negative).
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	d := 2 * time.Millisecond
	fmt.Println(d, time.Second, 1500*time.Millisecond, 90*time.Second, time.Hour)
	fmt.Println(time.Microsecond, 500*time.Nanosecond, time.Duration(0), -3*time.Second, 36*time.Hour+time.Minute+time.Nanosecond)
	fmt.Printf("%v %v %d\n", time.Duration(1234567), time.Minute/7, int64(time.Millisecond))
	n := 250
	t := time.Duration(n) * time.Microsecond
	fmt.Println(t, t*4, t/5, int64(t/time.Microsecond), t < time.Millisecond, t+t > d/4)
	var acc time.Duration
	for i := 1; i <= 4; i++ {
		acc += time.Duration(i) * 100 * time.Millisecond
	}
	fmt.Println("acc", acc, acc > time.Second, acc == time.Second)

	// sleeping orders the goroutines
	start := time.Now()
	order := make(chan int, 4)
	var wg sync.WaitGroup
	for i := 3; i >= 0; i-- {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			time.Sleep(time.Duration(i) * 40 * time.Millisecond)
			order <- i
		}(i)
	}
	wg.Wait()
	close(order)
	for i := range order {
		fmt.Println("woke", i)
	}
	el := time.Since(start)
	fmt.Println("elapsed >= 120ms:", el >= 120*time.Millisecond, "non-negative:", el >= 0)

	t0 := time.Now()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("slept at least 10ms:", time.Since(t0) >= 10*time.Millisecond)
	time.Sleep(0)
	time.Sleep(-time.Second)
	fmt.Println("zero and negative sleeps return")
}
