// arrays.go — arrays: zero values, literals (positional, indexed, [...]T),
// value semantics on assignment, passing and in structs, arrays of arrays,
// len/cap of arrays and of array pointers, indexing through a pointer to an
// array, comparison ==, arrays as map keys, slicing an array (the slice shares
// its storage), and a [48]byte payload as in the spec's example.
package main

import "fmt"

type payload struct {
	next *payload
	data [48]byte
}

type cell struct{ v [2]int }

func sum(a [5]int) int {
	s := 0
	for i := 0; i < len(a); i++ {
		s += a[i]
	}
	return s
}

func zeroFirst(a *[5]int) {
	a[0] = 0
}

func main() {
	var a [5]int
	fmt.Println(a, len(a), cap(a))
	b := [5]int{1, 2, 3, 4, 5}
	c := [5]int{1: 10, 3: 30}
	d := [...]string{"x", "y", "z"}
	fmt.Println(b, c, d, len(d))

	// value semantics
	e := b
	e[0] = 100
	fmt.Println(b[0], e[0], sum(b), sum(e))
	zeroFirst(&e)
	fmt.Println(e, sum(e))

	// pointer to array: indexing and len through the pointer
	pa := &b
	pa[4] = 50
	fmt.Println(b[4], len(pa), (*pa)[4])

	// arrays of arrays
	var grid [3][4]int
	for i := 0; i < len(grid); i++ {
		for j := 0; j < len(grid[i]); j++ {
			grid[i][j] = i * j
		}
	}
	fmt.Println(grid, len(grid), len(grid[0]))
	row := grid[2]
	row[3] = -1
	fmt.Println(grid[2][3], row[3])
	id := [3][3]int{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}
	trace := 0
	for i := 0; i < 3; i++ {
		trace += id[i][i]
	}
	fmt.Println("trace", trace)

	// comparison
	fmt.Println(b == [5]int{1, 2, 3, 4, 50}, c != [5]int{}, d == [3]string{"x", "y", "z"})

	// arrays as map keys
	seen := map[[2]int]string{}
	seen[[2]int{1, 2}] = "a"
	seen[[2]int{2, 1}] = "b"
	seen[[2]int{1, 2}] = "c"
	fmt.Println(len(seen), seen[[2]int{1, 2}], seen[[2]int{2, 1}], seen[[2]int{0, 0}] == "")

	// slicing an array shares its storage
	s := b[1:4]
	s[0] = 222
	fmt.Println(b, s, len(s), cap(s))
	whole := b[:]
	whole[4] = 5
	fmt.Println(b[4])

	// byte arrays
	var p payload
	for i := 0; i < len(p.data); i++ {
		p.data[i] = byte(i * 7)
	}
	q := p
	q.data[0] = 255
	total := 0
	for _, v := range p.data[:] {
		total += int(v)
	}
	fmt.Println(len(p.data), p.data[47], p.data[0], q.data[0], total, p.next == nil)
	heap := &payload{next: &p}
	heap.next.data[1] = 1
	fmt.Println(p.data[1], heap.data[1])

	// array of structs with arrays
	var cells [2]cell
	cells[1].v[1] = 3
	cc := cells
	cc[1].v[1] = 4
	fmt.Println(cells, cc)
}
