// methods.go — methods and interfaces: value and pointer receivers, methods promoted
// from embedded fields (an embedded sync.Mutex), calls through interfaces (error,
// fmt.Stringer-like), type switches with nil, several types and default, goto, method
// values (the receiver is evaluated when the value is made).
package main

import (
	"fmt"
	"sync"
)

type shape interface {
	area() int
	name() string
}

type rect struct{ w, h int }
type square struct{ rect }

func (r rect) area() int     { return r.w * r.h }
func (r rect) name() string  { return "rect" }
func (s square) name() string { return "square" }

type counter struct {
	sync.Mutex
	n int
}

func (c *counter) inc() { c.Lock(); c.n++; c.Unlock() }

type celsius float64

func (c celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type myErr struct{ code int }

func (e *myErr) Error() string { return fmt.Sprintf("code %d", e.code) }

func find(code int) error {
	if code == 0 {
		return nil
	}
	return &myErr{code}
}

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int, int64:
		return fmt.Sprint("an integer ", x)
	case string:
		return "a string of " + fmt.Sprint(len(x))
	case shape:
		return x.name() + " of area " + fmt.Sprint(x.area())
	case error:
		return "error: " + x.Error()
	default:
		return fmt.Sprintf("something else: %v", x)
	}
}

func main() {
	shapes := []shape{rect{2, 3}, square{rect{4, 4}}}
	total := 0
	for _, s := range shapes {
		total += s.area()
		fmt.Println(s.name(), s.area())
	}
	fmt.Println("total", total)

	c := &counter{}
	for i := 0; i < 5; i++ {
		c.inc()
	}
	fmt.Println("count", c.n)

	fmt.Println(celsius(21.5))
	fmt.Printf("%v %s\n", celsius(-3), celsius(100))

	for _, code := range []int{0, 7} {
		if err := find(code); err != nil {
			fmt.Println("failed:", err)
		} else {
			fmt.Println("ok")
		}
	}

	for _, v := range []any{nil, 3, int64(4), "hey", rect{1, 5}, find(9), 2.5} {
		fmt.Println(describe(v))
	}

	c2 := &counter{}
	inc := c2.inc // bound to c2
	inc()
	inc()
	r := rect{3, 3}
	area := r.area // a copy of r
	r.w = 100
	fmt.Println("method values:", c2.n, area(), r.area())

	i := 0
again:
	if i < 3 {
		i++
		goto again
	}
	fmt.Println("goto looped", i, "times")
}
