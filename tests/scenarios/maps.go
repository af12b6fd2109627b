// maps.go — maps: make with and without a size hint, literals, m[k] = v,
// m[k] op= v and m[k]++ on missing keys, v, ok := m[k], delete (present,
// missing, on a nil map), len, reads from a nil map, range (keys collected and
// insertion-sorted, or values summed: iteration order is never printed),
// deleting during range, maps as reference values, keys of type int, int64,
// string, bool, byte, struct and array, maps of structs, of slices, of maps
// and of pointers, and fmt's printing of a map (fmt sorts the keys).
// clear(m) is in the scenario language but not in Go 1.19: see README.md.
package main

import "fmt"

type key struct {
	a int
	b string
}

type pt struct{ x, y int }

func sortedKeys(m map[string]int) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	for i := 1; i < len(ks); i++ {
		v := ks[i]
		j := i - 1
		for j >= 0 && ks[j] > v {
			ks[j+1] = ks[j]
			j--
		}
		ks[j+1] = v
	}
	return ks
}

func main() {
	m := make(map[string]int)
	m["one"] = 1
	m["two"] = 2
	m["three"] = 3
	m["two"] = 22
	fmt.Println(len(m), m["one"], m["two"], m["missing"])
	v, ok := m["three"]
	fmt.Println(v, ok)
	v, ok = m["four"]
	fmt.Println(v, ok)
	if _, ok := m["one"]; ok {
		fmt.Println("has one")
	}
	delete(m, "one")
	delete(m, "nothing")
	_, ok = m["one"]
	fmt.Println(len(m), ok)
	m["count"]++
	m["count"] += 5
	m["x"] -= 2
	fmt.Println(m["count"], m["x"], len(m))
	for _, k := range sortedKeys(m) {
		fmt.Println(" ", k, m[k])
	}

	// nil map: reads, len, delete and range are fine
	var nm map[string]int
	nv, nok := nm["a"]
	delete(nm, "a")
	for range nm {
		fmt.Println("never")
	}
	fmt.Println(nm == nil, len(nm), nm["a"], nv, nok)

	// size hint; many keys; sum by range
	h := make(map[int64]int64, 1000)
	for i := int64(0); i < 5000; i++ {
		h[i*7919%100003] = i
	}
	var ksum, vsum int64
	for k, v := range h {
		ksum += k
		vsum += v
	}
	fmt.Println(len(h), ksum, vsum)
	// delete during range: allowed, each remaining key is still visited once
	visited := 0
	for k := range h {
		if k%2 == 0 {
			delete(h, k)
		}
		visited++
	}
	fmt.Println(visited, len(h))
	for k := range h {
		delete(h, k)
	}
	fmt.Println("emptied", len(h))

	// maps are references
	alias := m
	alias["new"] = 9
	fmt.Println(m["new"], len(m) == len(alias))

	// various key types
	bk := map[bool]int{true: 1, false: 0}
	byk := map[byte]string{'a': "A", 'b': "B"}
	sk := map[key]int{{1, "x"}: 10, {2, "y"}: 20}
	sk[key{1, "x"}] += 5
	ak := map[[3]int]bool{{1, 2, 3}: true}
	fmt.Println(bk[true], byk['b'], sk[key{1, "x"}], sk[key{3, "z"}], ak[[3]int{1, 2, 3}], ak[[3]int{}])

	// maps of structs, slices, maps and pointers
	ms := map[string]pt{"o": {0, 0}}
	p := ms["o"]
	p.x = 5
	ms["o"] = p
	msl := map[string][]int{}
	msl["a"] = append(msl["a"], 1)
	msl["a"] = append(msl["a"], 2)
	msl["b"] = append(msl["b"], 3)
	mm := map[string]map[string]int{}
	for _, pair := range [][2]string{{"x", "1"}, {"x", "2"}, {"y", "1"}} {
		inner, ok := mm[pair[0]]
		if !ok {
			inner = make(map[string]int)
			mm[pair[0]] = inner
		}
		inner[pair[1]]++
	}
	mp := map[int]*pt{}
	for i := 0; i < 3; i++ {
		mp[i] = &pt{i, i * i}
	}
	mp[2].y = 40
	sumY := 0
	for _, q := range mp {
		sumY += q.y
	}
	fmt.Println(ms["o"], msl["a"], len(msl["b"]), len(msl["c"]), msl["c"] == nil, len(mm), len(mm["x"]), mm["y"]["1"], sumY)

	// fmt prints maps with sorted keys
	fmt.Println(map[string]int{"b": 2, "a": 1, "c": 3}, map[int]bool{3: true, 1: false, 2: true})
	fmt.Printf("%v\n", msl)

	// word count
	text := []string{"the", "cat", "and", "the", "hat", "and", "the", "end"}
	wc := make(map[string]int, len(text))
	for _, w := range text {
		wc[w]++
	}
	for _, k := range sortedKeys(wc) {
		fmt.Printf("%s=%d ", k, wc[k])
	}
	fmt.Println(len(wc))
}
