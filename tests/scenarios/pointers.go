// pointers.go — pointers: &x of locals (which then escape to the heap when
// returned or captured), new(T) for scalars, *p reads and writes, pointers to
// pointers, pointers to slice/array elements and struct fields, pointer
// equality and nil, swapping through pointers, *p op= and (*p)++, pointers
// stored in slices and maps, and a pointer that keeps an element of a
// re-allocated slice's old backing array alive.
package main

import "fmt"

type pair struct {
	a, b int
}

func newInt(v int) *int {
	x := v
	return &x
}

func swap(p, q *int) {
	*p, *q = *q, *p
}

func setPtr(pp **int, v *int) {
	*pp = v
}

func main() {
	x := 1
	p := &x
	*p = 2
	*p += 3
	(*p)++
	fmt.Println(x, *p, p == &x, p != nil)

	q := newInt(10)
	r := newInt(10)
	fmt.Println(*q, *r, q == r, *q == *r)

	n := new(int)
	fmt.Println(*n)
	*n = 5
	nb := new(bool)
	ns := new(string)
	nf := new(float64)
	*ns = "set"
	fmt.Println(*n, *nb, *ns, *nf)

	a, b := 1, 2
	swap(&a, &b)
	fmt.Println(a, b)

	// pointer to pointer
	var ip *int
	pp := &ip
	fmt.Println(ip == nil, *pp == nil)
	setPtr(pp, &a)
	**pp = 100
	fmt.Println(a, *ip)

	// pointers into slices, arrays and structs
	s := []int{1, 2, 3}
	e := &s[1]
	*e = 20
	arr := [3]int{}
	ae := &arr[2]
	*ae = 7
	pr := pair{1, 2}
	fa := &pr.a
	*fa = 11
	pp2 := &pr
	pb := &pp2.b
	*pb *= 10
	fmt.Println(s, arr, pr)

	// old backing array kept alive by an interior pointer
	old := &s[0]
	s = append(s, 4, 5, 6, 7)
	s[0] = -1
	*old = 999
	fmt.Println(s[0], *old)

	// slices and maps of pointers
	var ptrs []*pair
	for i := 0; i < 3; i++ {
		ptrs = append(ptrs, &pair{i, i * i})
	}
	ptrs[2].a = 50
	alias := ptrs[2]
	alias.b = 60
	fmt.Println(*ptrs[0], *ptrs[1], *ptrs[2])
	byName := map[string]*int{}
	counter := 0
	byName["c"] = &counter
	*byName["c"] += 4
	fmt.Println(counter, byName["missing"] == nil)

	// captured variables are shared through the closure
	v := 1
	inc := func() { v++ }
	vp := &v
	inc()
	inc()
	*vp *= 10
	fmt.Println(v)

	// distinct allocations are distinct pointers even with equal contents
	pa, pb2 := &pair{1, 1}, &pair{1, 1}
	fmt.Println(pa == pb2, *pa == *pb2)
}
