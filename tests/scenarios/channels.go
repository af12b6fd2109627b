// channels.go — channels: unbuffered hand-off (ping-pong printing in a fixed
// order), buffered channels with len and cap, close and range over a channel,
// v, ok := <-ch on open and closed channels (zero value after close), select
// with default (non-blocking send and receive), select over several channels
// where only one is ready at a time, select where several are ready (only
// totals are printed), a nil channel disabling a select case, directional
// channel parameters, a pipeline of goroutines, and channels of channels,
// structs and func values.
package main

import "fmt"

type msg struct {
	id   int
	body string
}

func gen(n int) <-chan int {
	out := make(chan int)
	go func() {
		for i := 1; i <= n; i++ {
			out <- i
		}
		close(out)
	}()
	return out
}

func square(in <-chan int) <-chan int {
	out := make(chan int, 2)
	go func() {
		for v := range in {
			out <- v * v
		}
		close(out)
	}()
	return out
}

func fill(out chan<- string, words []string) {
	for _, w := range words {
		out <- w
	}
	close(out)
}

func main() {
	// unbuffered ping-pong: strictly alternating output
	ping, pong := make(chan int), make(chan int)
	done := make(chan bool)
	go func() {
		for v := range ping {
			fmt.Println("pong", v)
			pong <- v + 1
		}
		done <- true
	}()
	v := 0
	for i := 0; i < 3; i++ {
		ping <- v
		v = <-pong
		fmt.Println("ping got", v)
	}
	close(ping)
	<-done

	// buffered
	b := make(chan string, 3)
	fmt.Println(len(b), cap(b))
	b <- "a"
	b <- "b"
	fmt.Println(len(b), cap(b))
	fmt.Println(<-b, len(b))
	b <- "c"
	b <- "d"
	close(b)
	for s := range b {
		fmt.Println("drained", s)
	}
	s, ok := <-b
	fmt.Printf("closed: %q %v\n", s, ok)

	// v, ok on a closed channel with buffered values left
	c := make(chan int, 2)
	c <- 7
	close(c)
	x, ok1 := <-c
	y, ok2 := <-c
	fmt.Println(x, ok1, y, ok2, len(c))

	// select with default
	e := make(chan int, 1)
	select {
	case w := <-e:
		fmt.Println("unexpected", w)
	default:
		fmt.Println("nothing ready")
	}
	select {
	case e <- 1:
		fmt.Println("sent")
	default:
		fmt.Println("full")
	}
	select {
	case e <- 2:
		fmt.Println("sent again")
	default:
		fmt.Println("full")
	}

	// select over several channels, one ready at a time
	c1 := make(chan string)
	c2 := make(chan string)
	quit := make(chan bool)
	go func() {
		c1 <- "one"
		c2 <- "two"
		c1 <- "three"
		quit <- true
	}()
	for running := true; running; {
		select {
		case m := <-c1:
			fmt.Println("c1:", m)
		case m := <-c2:
			fmt.Println("c2:", m)
		case <-quit:
			running = false
		}
	}

	// select with several ready: choice is random, totals are not
	r1 := make(chan int, 100)
	r2 := make(chan int, 100)
	for i := 0; i < 100; i++ {
		r1 <- 1
		r2 <- 2
	}
	got, sum := 0, 0
	for got < 200 {
		select {
		case a := <-r1:
			sum += a
		case a := <-r2:
			sum += a
		}
		got++
	}
	fmt.Println("select total", got, sum)

	// nil channel: its case never fires
	var nilc chan int
	ready := make(chan int, 1)
	ready <- 5
	select {
	case <-nilc:
		fmt.Println("impossible")
	case z := <-ready:
		fmt.Println("from ready", z)
	}
	// merge two channels, disabling each as it closes
	in1, in2 := gen(3), gen(4)
	total, n := 0, 0
	for in1 != nil || in2 != nil {
		select {
		case a, ok := <-in1:
			if !ok {
				in1 = nil
				continue
			}
			total += a
			n++
		case a, ok := <-in2:
			if !ok {
				in2 = nil
				continue
			}
			total += a * 10
			n++
		}
	}
	fmt.Println("merged", n, total)

	// pipeline
	squares := ""
	for sq := range square(gen(5)) {
		squares += fmt.Sprintf("%d ", sq)
	}
	fmt.Println("squares:", squares)

	// directional parameter
	words := make(chan string)
	go fill(words, []string{"x", "y", "z"})
	joined := ""
	for w := range words {
		joined += w
	}
	fmt.Println(joined)

	// channels of structs, channels and funcs
	mc := make(chan msg, 1)
	mc <- msg{1, "hi"}
	mm := <-mc
	fmt.Println(mm.id, mm.body)
	reqs := make(chan chan int)
	go func() {
		for reply := range reqs {
			reply <- 42
		}
	}()
	reply := make(chan int)
	reqs <- reply
	fmt.Println("reply", <-reply)
	close(reqs)
	fc := make(chan func() int, 1)
	fc <- func() int { return 99 }
	fmt.Println((<-fc)())

	// receive as an expression statement and in expressions
	sig := make(chan int, 3)
	sig <- 1
	sig <- 2
	sig <- 3
	<-sig
	fmt.Println(<-sig + <-sig)
}
