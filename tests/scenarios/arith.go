// arith.go — integer and float arithmetic: operator precedence, wrap-around of
// fixed-size integers (int32, uint8, uint64, int64), shifts (including counts
// past the width), division and modulo of negatives, MinInt64 / -1, bitwise
// operators (& | ^ &^ unary ^), conversions between numeric types, float64
// formatting by Println, and IEEE infinities/NaN from run-time division.
package main

import "fmt"

func main() {
	// precedence: * / % << >> & &^ bind tighter than + - | ^, which bind tighter than comparisons
	fmt.Println(2+3*4, (2+3)*4, 10-4-3, 100/10/5, 7+8%3, 1<<2+1, 6&3|8, 5^1+1)
	fmt.Println(1+2 == 3 && 2*2 != 5 || false, !(3 < 2), 3 >= 3, -7 < -3)

	// int is 64-bit
	a := 9223372036854775807
	a++
	fmt.Println("int wraps:", a)

	// int32 wrap
	var i32 int32 = 2147483647
	i32++
	fmt.Println("int32 wraps:", i32)
	i32 = -2147483648
	i32--
	fmt.Println("int32 wraps down:", i32)
	var m32 int32 = 65536
	fmt.Println("int32 mul wraps:", m32*m32, m32*m32/2+1)

	// uint8 / byte wrap
	var u8 uint8 = 250
	u8 += 10
	fmt.Println("uint8 wraps:", u8)
	var b byte = 0
	b--
	fmt.Println("byte wraps down:", b)
	var c byte = 200
	fmt.Println("byte product:", c*2, int(c)*2)

	// uint64 wrap and unsigned division
	var u64 uint64 = 0
	u64--
	fmt.Println("uint64 max:", u64, u64/3, u64%7)
	u64 += 2
	fmt.Println("uint64 wraps:", u64)

	// int64 edge: MinInt64 / -1 and % -1 do not trap in Go
	var min64 int64 = -9223372036854775808
	var neg1 int64 = -1
	fmt.Println("min64 / -1 =", min64/neg1, "min64 % -1 =", min64%neg1, "-min64 =", -min64)

	// division truncates toward zero; remainder takes the sign of the dividend
	x, y := 7, 2
	fmt.Println(x/y, -x/y, x/-y, -x/-y)
	fmt.Println(x%y, -x%y, x%-y, -x%-y)
	var s32 int32 = -17
	fmt.Println(s32/5, s32%5, s32/-5, s32%-5)

	// shifts
	one := 1
	var n uint64 = 70
	k := 63
	fmt.Println(one<<10, one<<62, one<<k, one<<n, 1024>>3)
	neg := -1024
	fmt.Println(neg>>3, neg>>n, neg<<2)
	var ub uint8 = 0x81
	fmt.Println(ub<<1, ub>>1, ub<<7)
	var hi uint64 = 1 << 63
	fmt.Println(hi, hi>>63, hi<<1)
	var sh int32 = -8
	fmt.Println(sh>>1, sh<<29, sh<<30)

	// bitwise
	p, q := 0xF0, 0x3C
	fmt.Println(p&q, p|q, p^q, p&^q, ^p, ^0)
	var bu uint8 = 0x0F
	fmt.Println(^bu, bu&^0x05, ^uint64(0)>>60)
	fmt.Printf("%x %x %X %08b\n", p&q, uint64(1)<<40|0xbeef, 255, 5)

	// op-assign and ++/--
	v := 10
	v += 5
	v -= 3
	v *= 4
	v /= 5
	v %= 7
	v <<= 3
	v >>= 1
	v |= 1
	v &= 0xD
	v ^= 0xF
	v &^= 2
	v++
	v--
	v--
	fmt.Println("op-assign:", v)

	// conversions
	f := 3.99
	nf := -3.99
	fmt.Println(int(f), int(nf), int64(f*100), float64(7)/2, float64(7/2))
	big := 300
	var five int64 = 5000000000
	m1, m2 := -1, int32(-2)
	fmt.Println(uint8(big), byte(big+1), int32(five), int64(int32(-5)))
	fmt.Println(uint64(m1), uint64(m2), int(uint8(255)), int32(uint8(big)))
	var mix int64 = 1<<40 + 7
	fmt.Println(int32(mix), uint8(mix), int(mix))

	// floats
	fmt.Println(0.1+0.2, 1.0/3.0, 2.5*4, 1e21, 1e20, 123456789.0, 0.000001, 0.0000001)
	fa, fb := 0.1, 0.2
	fmt.Println("run-time 0.1+0.2:", fa+fb, fa+fb == 0.3, "constant:", 0.1+0.2 == 0.3)
	fmt.Println(float64(1)/8, -0.5*3, 10.0/4.0, 100.0)
	zero := 0.0
	posInf := 1 / zero
	negInf := -1 / zero
	nan := zero / zero
	fmt.Println(posInf, negInf, nan, nan == nan, nan != nan, posInf > 1e308)
	fmt.Printf("%f %.2f %.3f %e %g %v\n", 3.14159, 2.675, -1.0005, 123456.789, 0.00001234, 2.0)
	g := 1.5
	g += 2.25
	g *= 2
	g /= 3
	fmt.Println("float op-assign:", g)

	// untyped constant expressions are exact
	const huge = 1 << 100
	fmt.Println(huge>>98, huge/(1<<97))
	const third = 1.0 / 3
	fmt.Println(third*3 == 1)
}
