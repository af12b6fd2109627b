// structs.go — structs: zero values, keyed and positional composite literals,
// value semantics (assignment and passing copy), pointers to structs with
// automatic dereference for field access, &T{} and new(T), nested structs and
// struct fields of array/slice/map/pointer type, struct equality ==, structs in
// slices (indexing gives an addressable element) and maps (values must be
// replaced whole), self-referential types (linked list, tree), and %v/%+v printing.
package main

import "fmt"

type point struct {
	x, y int
}

type rect struct {
	min, max point
	name     string
}

type node struct {
	val  int
	next *node
}

type tree struct {
	left, right *tree
	key         int
}

type record struct {
	id    int64
	tags  []string
	attrs map[string]int
	grid  [2][2]uint8
	owner *point
	ok    bool
	score float64
}

func area(r rect) int {
	return (r.max.x - r.min.x) * (r.max.y - r.min.y)
}

func grow(r *rect, d int) {
	r.max.x += d
	r.max.y += d
	r.name = r.name + "+"
}

func insert(t *tree, k int) *tree {
	if t == nil {
		return &tree{key: k}
	}
	if k < t.key {
		t.left = insert(t.left, k)
	} else {
		t.right = insert(t.right, k)
	}
	return t
}

func inorder(t *tree, out []int) []int {
	if t == nil {
		return out
	}
	out = inorder(t.left, out)
	out = append(out, t.key)
	return inorder(t.right, out)
}

func height(t *tree) int {
	if t == nil {
		return 0
	}
	l, r := height(t.left), height(t.right)
	if l > r {
		return l + 1
	}
	return r + 1
}

func main() {
	var z rect
	fmt.Println(z.min.x, z.max.y, z.name == "", z)
	fmt.Printf("%v %+v\n", point{1, 2}, point{x: 3})

	r := rect{min: point{0, 0}, max: point{3, 4}, name: "r"}
	fmt.Println(area(r), r)

	// copies
	r2 := r
	r2.max.x = 10
	r2.name = "r2"
	fmt.Println(r.max.x, r.name, r2.max.x, r2.name)

	// pointer and auto-deref
	grow(&r, 2)
	fmt.Println(r.max, r.name, area(r))
	p := &r
	p.min.x = 1
	(*p).min.y = 1
	fmt.Println(r.min, p.min == r.min, area(*p))
	pp := &r.max
	pp.x = 100
	fmt.Println(r.max.x)

	// &T{} and new
	a := &point{5, 6}
	b := new(point)
	b.x = 7
	*b = point{b.x, 8}
	fmt.Println(*a, *b, a.x+b.y)
	c := a
	c.y = 60
	fmt.Println(a.y, a == c, *a == point{5, 60})

	// equality
	fmt.Println(point{1, 2} == point{1, 2}, point{1, 2} != point{2, 1}, r == r2, z == rect{})

	// linked list
	var head *node
	for i := 1; i <= 5; i++ {
		head = &node{val: i * i, next: head}
	}
	sum, n := 0, 0
	for e := head; e != nil; e = e.next {
		sum += e.val
		n++
	}
	fmt.Println("list", n, sum, head.val, head.next.next.val)

	// binary tree
	var t *tree
	for _, k := range []int{50, 30, 70, 20, 40, 60, 80, 35, 45, 65} {
		t = insert(t, k)
	}
	fmt.Println("tree", inorder(t, nil), height(t))

	// struct with reference-typed fields
	rec := record{id: 1, tags: []string{"a"}, attrs: map[string]int{"w": 3}, owner: a}
	rec.grid[1][0] = 9
	cp := rec
	cp.tags[0] = "shared" // slice backing array is shared
	cp.tags = append(cp.tags, "b")
	cp.attrs["w"] = 4 // map is shared
	cp.grid[1][0] = 1 // array is copied
	cp.owner.x = 55   // pointee is shared
	fmt.Println(rec.tags, cp.tags, rec.attrs["w"], rec.grid, cp.grid, rec.owner.x, rec.ok, rec.score)

	// slices of structs: elements are addressable
	pts := make([]point, 3)
	for i := range pts {
		pts[i].x = i
		pts[i].y = i * 10
	}
	q := &pts[1]
	q.y = -1
	fmt.Println(pts)

	// maps of structs: copy out, modify, store back
	m := map[string]point{"a": {1, 1}}
	v := m["a"]
	v.x = 42
	fmt.Println(m["a"].x, v.x)
	m["a"] = v
	fmt.Println(m["a"].x, m["missing"])

	// maps of pointers to structs: modify in place
	mp := map[int]*point{1: {1, 1}}
	mp[1].y = 77
	fmt.Println(*mp[1])

	// anonymous struct values via a named type array
	arr := [2]point{{1, 2}, {3, 4}}
	arr2 := arr
	arr2[0].x = 9
	fmt.Println(arr, arr2, arr == arr2)
}
