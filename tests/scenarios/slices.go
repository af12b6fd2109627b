// slices.go — slices: nil and empty slices, make with len and with len+cap,
// literals, indexing, two-index slicing (s[a:b], s[a:], s[:b]) sharing the
// backing array, append (in place while capacity lasts, aliasing through a
// shared array, reallocation when it runs out, appending a slice with ...),
// copy (overlapping, short destination, from a string), range with index and
// value (value is a copy; the range expression is evaluated once), slices of
// slices, removing an element, an insertion sort, and Go 1.19's capacity
// growth sequence for append (runtime.growslice + size classes).
package main

import "fmt"

func insertionSort(a []int) {
	for i := 1; i < len(a); i++ {
		v := a[i]
		j := i - 1
		for j >= 0 && a[j] > v {
			a[j+1] = a[j]
			j--
		}
		a[j+1] = v
	}
}

func capSteps(n int) []int {
	var s []int
	var caps []int
	last := -1
	for i := 0; i < n; i++ {
		s = append(s, i)
		if cap(s) != last {
			last = cap(s)
			caps = append(caps, last)
		}
	}
	return caps
}

func byteCapSteps(n int) []int {
	var s []byte
	var caps []int
	last := -1
	for i := 0; i < n; i++ {
		s = append(s, byte(i))
		if cap(s) != last {
			last = cap(s)
			caps = append(caps, last)
		}
	}
	return caps
}

func main() {
	var ns []int
	fmt.Println(ns == nil, len(ns), cap(ns), ns)
	for range ns {
		fmt.Println("never")
	}
	es := []int{}
	fmt.Println(es == nil, len(es), es)
	ns = append(ns, 1)
	fmt.Println(ns == nil, ns)

	m := make([]int, 3)
	mc := make([]int, 2, 10)
	fmt.Println(m, len(m), cap(m), mc, len(mc), cap(mc))

	s := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	fmt.Println(s[2:5], s[:3], s[7:], s[:], len(s[2:5]), cap(s[2:5]), cap(s[7:]))

	// sub-slices share the backing array
	t := s[2:5]
	t[0] = 20
	fmt.Println(s[2], t)
	t = t[1:cap(t)]
	fmt.Println(len(t), t[len(t)-1])

	// append within capacity writes into the shared array
	base := make([]int, 3, 5)
	a1 := append(base, 1)
	a2 := append(base, 2)
	fmt.Println(a1[3], a2[3], len(base), len(a1))
	// append past capacity copies
	full := []int{1, 2, 3}
	grown := append(full, 4)
	grown[0] = 100
	fmt.Println(full, grown)
	// extending a sub-slice overwrites the parent
	parent := []int{1, 2, 3, 4}
	child := parent[:2]
	child = append(child, 99)
	fmt.Println(parent, child)

	// append a slice
	x := []int{1, 2}
	y := []int{3, 4, 5}
	x = append(x, y...)
	x = append(x, x...)
	fmt.Println(x, len(x))

	// copy
	dst := make([]int, 3)
	n := copy(dst, []int{7, 8, 9, 10})
	fmt.Println(n, dst)
	n = copy(dst, []int{1})
	fmt.Println(n, dst)
	ov := []int{1, 2, 3, 4, 5}
	copy(ov[1:], ov)
	fmt.Println(ov)
	ov2 := []int{1, 2, 3, 4, 5}
	copy(ov2, ov2[2:])
	fmt.Println(ov2)
	bs := make([]byte, 4)
	n = copy(bs, "hello")
	fmt.Println(n, string(bs))

	// range: index and value; the value is a copy
	vals := []int{10, 20, 30}
	for i, v := range vals {
		v *= 2
		vals[i] += 1
		_ = v
	}
	fmt.Println(vals)
	total := 0
	for i := range vals {
		total += i
	}
	for _, v := range vals {
		total += v
	}
	fmt.Println(total)
	// the range expression is evaluated once
	grow := []int{1, 2, 3}
	iters := 0
	for range grow {
		grow = append(grow, 0)
		iters++
	}
	fmt.Println(iters, len(grow))

	// slices of slices
	tri := make([][]int, 5)
	for i := 0; i < len(tri); i++ {
		tri[i] = make([]int, i+1)
		tri[i][0], tri[i][i] = 1, 1
		for j := 1; j < i; j++ {
			tri[i][j] = tri[i-1][j-1] + tri[i-1][j]
		}
	}
	fmt.Println(tri)

	// remove index 2
	r := []int{0, 1, 2, 3, 4}
	r = append(r[:2], r[3:]...)
	fmt.Println(r, len(r), cap(r))

	// sort
	data := []int{5, 2, 9, -1, 5, 0, 3}
	insertionSort(data)
	fmt.Println(data)

	// strings in slices
	words := []string{"b", "a"}
	words = append(words, "c")
	ws := words
	ws[0] = "B"
	fmt.Println(words, len(words))

	// capacity growth as Go 1.19 does it
	fmt.Println("int caps:", capSteps(3000))
	fmt.Println("byte caps:", byteCapSteps(3000))
	big := make([]int, 1000)
	big = append(big, 1)
	fmt.Println("1000+1:", cap(big))
}
