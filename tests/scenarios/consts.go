// consts.go — constants: package-level and local const declarations and
// const blocks, untyped constants (exact arbitrary-precision arithmetic, taking
// their type from context: int, int32, uint8, float64), typed constants,
// constant expressions (including ones with huge intermediates), constant
// strings and len of a constant string, boolean constants, constants as array
// sizes, typed time.Duration constants, and package-level vars using them.
// (iota is not listed in SCENARIO-LANGUAGE.md, so it is not used.)
package main

import (
	"fmt"
	"time"
)

const answer = 42

const (
	kb       = 1024
	mb       = kb * kb
	gb       = mb * kb
	name     = "gorsim"
	greeting = "hello, " + name
	debug    = false
	pi       = 3.14159265358979323846264338327950288
	tau      = 2 * pi
	huge     = 1 << 200
	small    = huge >> 197
	bufSize  = 4 * kb
)

const (
	maxInt32  int32   = 2147483647
	smallByte uint8   = 255
	ratio     float64 = 1.0 / 3
	big64     int64   = 1 << 62
	allOnes   uint64  = 1<<64 - 1
)

const tick time.Duration = 15 * time.Millisecond
const period = 4 * tick

var buffer [bufSize / 512]byte
var limit = answer * mb

func main() {
	fmt.Println(answer, kb, mb, gb, name, greeting, debug)
	fmt.Println(pi, tau, small, len(greeting), len(buffer), limit)
	fmt.Println(maxInt32, smallByte, ratio, big64, allOnes)
	fmt.Println(tick, period, period/tick)

	// untyped constants take the type the context needs
	var i32 int32 = answer
	var u8 uint8 = answer * 6
	var f float64 = answer
	var i int = 7.0
	half := answer / 2.0
	fmt.Println(i32, u8, f/8, i, half)
	fmt.Println(answer/5, answer/5.0, answer%5, 1/2, 1/2.0, 7.0/2)

	// exact arithmetic: huge intermediates, no rounding until use
	const third = 1.0 / 3.0
	fmt.Println(third*3 == 1, huge/huge, (huge+1)-huge)
	const mask = ^uint8(0)
	const neg = -answer
	fmt.Println(mask, neg, -neg, answer<<10, answer>>1)

	// local const blocks and shadowing
	const (
		a = 1
		b = a * 2
		c = b + a
	)
	{
		const a = "inner"
		fmt.Println(a, b, c)
	}
	fmt.Println(a)

	// typed constants in expressions with variables
	n := 10
	fmt.Println(n*kb, maxInt32-1, uint8(smallByte-5), big64/2)
	if !debug && len(name) == 6 {
		fmt.Println("const condition")
	}
	var arr [c]int
	fmt.Println(len(arr), arr)
	fmt.Printf("%.10f %v %v\n", pi, pi, int64(period/tick))
}
