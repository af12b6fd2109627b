// control.go — control flow: if/else chains and if with an init statement
// (scoped to the if), for in three-clause, condition-only and infinite forms,
// break/continue (plain and labelled, from nested loops and from inside a
// switch), switch with a tag, with an init statement, tagless switch, several
// values in one case, default anywhere, `break` inside switch leaving only the
// switch, blocks and shadowing. (No fallthrough, goto or range-over-int: see
// README.md.)
package main

import "fmt"

func classify(n int) string {
	if n < 0 {
		return "negative"
	} else if n == 0 {
		return "zero"
	} else if n%2 == 0 {
		return "even"
	} else {
		return "odd"
	}
}

func weekday(d int) string {
	switch d {
	case 0, 6:
		return "weekend"
	default:
		return "unknown"
	case 1, 2, 3, 4, 5:
		return "weekday"
	}
}

func grade(score int) string {
	switch {
	case score >= 90:
		return "A"
	case score >= 80:
		return "B"
	case score >= 70:
		return "C"
	}
	return "F"
}

func main() {
	fmt.Println(classify(-3), classify(0), classify(4), classify(7))
	fmt.Println(weekday(0), weekday(3), weekday(6), weekday(9))
	fmt.Println(grade(95), grade(85), grade(70), grade(12))

	// if with init; the variable is scoped to the if/else
	x := 100
	if x := 5; x > 3 {
		fmt.Println("inner x", x)
	} else {
		fmt.Println("never", x)
	}
	fmt.Println("outer x", x)
	if y := x * 2; y > 1000 {
		fmt.Println("big", y)
	} else if z := y + 1; z > 200 {
		fmt.Println("medium", y, z)
	} else {
		fmt.Println("small", y, z)
	}

	// three-clause loop
	sum := 0
	for i := 1; i <= 10; i++ {
		sum += i
	}
	fmt.Println("sum", sum)

	// condition-only loop
	n, steps := 27, 0
	for n != 1 {
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
		}
		steps++
	}
	fmt.Println("collatz steps", steps)

	// infinite loop with break
	k := 0
	for {
		k++
		if k*k > 50 {
			break
		}
	}
	fmt.Println("k", k)

	// continue
	odds := 0
	for i := 0; i < 10; i++ {
		if i%2 == 0 {
			continue
		}
		odds += i
	}
	fmt.Println("odds", odds)

	// labelled break and continue
	found := 0
outer:
	for i := 1; i < 10; i++ {
		for j := 1; j < 10; j++ {
			if j > i {
				continue outer
			}
			if i*j == 42 {
				found = i*10 + j
				break outer
			}
		}
	}
	fmt.Println("found", found)

	// break inside a switch leaves only the switch
	count := 0
	for i := 0; i < 5; i++ {
		switch i {
		case 2:
			break
		default:
			count++
		}
	}
	fmt.Println("count", count)

	// labelled break out of the loop from inside a switch
	last := -1
loop:
	for i := 0; ; i++ {
		switch {
		case i == 7:
			break loop
		case i%3 == 0:
			last = i
		}
	}
	fmt.Println("last", last)

	// switch with init statement and no match
	switch v := x / 7; v {
	case 1, 2, 3:
		fmt.Println("small v")
	case 14:
		fmt.Println("v is 14")
	}
	switch v := 3; {
	case v > 5:
		fmt.Println("no")
	}
	fmt.Println("after empty switch")

	// switch on strings, cases evaluated in order, only the first match runs
	for _, w := range []string{"go", "c", "rust", "zig"} {
		switch w {
		case "go", "rust":
			fmt.Println(w, "has a runtime?", w == "go")
		case "c":
			fmt.Println(w, "is old")
		default:
			fmt.Println(w, "is other")
		}
	}

	// nested loops with a counter and a block with shadowing
	pairs := 0
	for i := 0; i < 4; i++ {
		for j := i + 1; j < 4; j++ {
			pairs++
		}
	}
	{
		pairs := pairs * 100
		fmt.Println("shadow", pairs)
	}
	fmt.Println("pairs", pairs)

	// loop variable after a loop declared outside it
	var i int
	for i = 0; i < 3; i++ {
	}
	fmt.Println("i after loop", i)

	// multiple assignment in post statement; evaluation order of a, b = b, a+b
	a, b := 0, 1
	for j := 0; j < 10; j++ {
		a, b = b, a+b
	}
	fmt.Println("fib", a, b)
}
