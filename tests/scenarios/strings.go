// strings.go — strings: concatenation and +=, len (bytes, not characters),
// indexing yields bytes, slicing, comparison operators, conversions
// string([]byte) and []byte(string) (which copy), building a string from bytes,
// strconv.Itoa, and fmt verbs: %d %s %v %x %X %5d %-5s %t %q %f %.2f %c %%
// and width/precision on strings, with Println/Printf/Sprintf.
package main

import (
	"fmt"
	"strconv"
)

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

func count(s string, c byte) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
		}
	}
	return n
}

func main() {
	s := "hello"
	t := s + ", " + "world"
	fmt.Println(t, len(t), len(""), len("héllo"))
	fmt.Println(t[0], t[4], t[len(t)-1], string(t[0:1]))
	fmt.Println(t[7:], t[:5], t[3:8], t[:], t[5:5] == "")

	// strings are immutable values; []byte(s) copies
	b := []byte(s)
	b[0] = 'j'
	fmt.Println(s, string(b), len(b))
	u := string(b)
	b[1] = 'E'
	fmt.Println(u, string(b))

	// building from bytes
	var out []byte
	for i := 0; i < 5; i++ {
		out = append(out, byte('a'+i))
	}
	out = append(out, "XYZ"...)
	fmt.Println(string(out), reverse("stressed"), count("banana", 'a'))

	// += in a loop
	acc := ""
	for i := 0; i < 5; i++ {
		acc += strconv.Itoa(i * i)
		if i < 4 {
			acc += ","
		}
	}
	fmt.Println(acc, strconv.Itoa(-42), strconv.Itoa(0), strconv.Itoa(9223372036854775807))

	// comparison is bytewise lexicographic
	fmt.Println("abc" < "abd", "ab" < "abc", "" < "a", "Z" < "a", "abc" == "ab"+"c", "b" > "abc")
	x, y := "apple", "apricot"
	fmt.Println(x < y, x >= y, x != y, x[:2] == y[:2])

	// fmt verbs
	n := 42
	fmt.Printf("[%d] [%5d] [%-5d] [%05d] [%+d] [%x] [%X] [%o]\n", n, n, n, n, n, 255, 255, 8)
	fmt.Printf("[%s] [%10s] [%-10s] [%.3s] [%2s]\n", s, s, s, s, s)
	fmt.Printf("[%v] [%v] [%v] [%v]\n", n, s, true, 1.5)
	fmt.Printf("[%t] [%t] [%q] [%q]\n", true, 1 > 2, "a\"b\n", "")
	fmt.Printf("[%f] [%.2f] [%8.3f] [%-8.1f] [%.0f] [%.0f]\n", 3.14159, 3.14159, 2.5, 2.5, 2.5, 3.5)
	fmt.Printf("[%x] [%X] [%c%c%c] [100%%]\n", "hi", []byte("ok"), 71, 111, 33)
	fmt.Printf("[%v] [%v] [%d] [%s]\n", []int{1, 2, 3}, []string{"a", "b"}, []int{4, 5}, []byte("raw"))
	fmt.Printf("%d-%s-%v\n", int32(-7), "mid", uint8(200))

	msg := fmt.Sprintf("%s has %d chars; first=%c", t, len(t), t[0])
	fmt.Println(msg, len(msg))
	line := fmt.Sprintf("%-6s|%6s|", "ab", "cd")
	fmt.Println(line)
	fmt.Println("multi", 1, true, 2.5, 'x', "end")
	var empty string
	fmt.Println(empty == "", len(empty), "["+empty+"]")
}
