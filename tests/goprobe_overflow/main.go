// Probe: counts the real overflow buckets of a Go 1.19 map[int64]int64 after inserting
// keys 0..N-1, by walking every bucket's overflow chain through a mirrored runtime
// layout, and compares with hmap.noverflow (an estimate once B >= 16). It prints one
// line per (N, hint): "N=<n> hint=<h> B=<b> noverflow=<x> overflow=<real> maxchain=<c>".
// Run by run.sh; valid only for Go 1.19 on a 64-bit platform.
package main

import (
	"fmt"
	"os"
	"runtime"
	"unsafe"
)

// hmap mirrors runtime.hmap (Go 1.19).
type hmap struct {
	count      int
	flags      uint8
	B          uint8
	noverflow  uint16
	hash0      uint32
	buckets    unsafe.Pointer
	oldbuckets unsafe.Pointer
	nevacuate  uintptr
	extra      unsafe.Pointer
}

// bucket mirrors the bucket of map[int64]int64: 8 tophash bytes, 8 keys, 8 elems, then
// the overflow pointer at offset 136; 144 bytes in all.
type bucket struct {
	tophash  [8]uint8
	keys     [8]int64
	elems    [8]int64
	overflow *bucket
}

const minTopHash = 5 // tophash values below this mark empty or evacuated cells

func probe(n, hint int) {
	m := make(map[int64]int64, hint)
	for i := 0; i < n; i++ {
		m[int64(i)] = int64(i)
	}
	defer runtime.KeepAlive(m)
	h := *(**hmap)(unsafe.Pointer(&m))
	ovf, maxChain, filled := 0, 0, 0
	for i := uintptr(0); i < uintptr(1)<<h.B; i++ {
		b := (*bucket)(unsafe.Add(h.buckets, i*unsafe.Sizeof(bucket{})))
		chain := 0
		for ; b != nil; b = b.overflow {
			for j, th := range b.tophash {
				if th >= minTopHash {
					filled++
					if b.keys[j] != b.elems[j] {
						fail("key %d holds %d: layout mismatch", b.keys[j], b.elems[j])
					}
				}
			}
			if b.overflow != nil {
				chain++
			}
		}
		ovf += chain
		if chain > maxChain {
			maxChain = chain
		}
	}
	// A map still growing keeps part of its entries in oldbuckets: the count would be
	// partial, so say so (not expected at the end of these inserts).
	if h.oldbuckets != nil {
		fmt.Fprintf(os.Stderr, "N=%d hint=%d: oldbuckets != nil (map still growing)\n", n, hint)
	} else if filled != h.count || h.count != n {
		fail("N=%d hint=%d: %d filled cells, count %d: layout mismatch", n, hint, filled, h.count)
	}
	fmt.Printf("N=%d hint=%d B=%d noverflow=%d overflow=%d maxchain=%d\n",
		n, hint, h.B, h.noverflow, ovf, maxChain)
}

func fail(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "goprobe_overflow: "+format+"\n", a...)
	os.Exit(1)
}

func main() {
	if unsafe.Sizeof(bucket{}) != 144 || unsafe.Offsetof(bucket{}.overflow) != 136 {
		fail("unexpected bucket layout")
	}
	for _, n := range []int{10000, 100000, 1000000} {
		for _, hint := range []int{0, n} {
			probe(n, hint)
		}
	}
}
