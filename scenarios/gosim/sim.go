// Package sim is the real-Go shim for gorsim's built-in `sim` package, so a
// scenario can be run unchanged with `go run` for side-by-side comparison.
// See README.md and ../gorun.sh.
package sim

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// params holds the overrides parsed from GORSIM_PARAMS ("name=value,...").
var params = parseParams(os.Getenv("GORSIM_PARAMS"))

func parseParams(s string) map[string]string {
	m := make(map[string]string)
	for _, kv := range strings.Split(s, ",") {
		kv = strings.TrimSpace(kv)
		if kv == "" {
			continue
		}
		i := strings.IndexByte(kv, '=')
		if i <= 0 {
			fmt.Fprintf(os.Stderr, "sim: bad parameter %q in GORSIM_PARAMS (want name=value)\n", kv)
			os.Exit(1)
		}
		m[strings.TrimSpace(kv[:i])] = strings.TrimSpace(kv[i+1:])
	}
	return m
}

// Param returns the run parameter name: the value given in GORSIM_PARAMS
// (as by `gorsim run -p name=value`), otherwise def. A value that is not an
// integer is a fatal usage error (exit status 1), as in gorsim.
func Param(name string, def int) int {
	v, ok := params[name]
	if !ok {
		return def
	}
	n, err := strconv.ParseInt(v, 0, 64)
	if err != nil {
		fmt.Fprintf(os.Stderr, "sim: parameter %s=%q is not an integer\n", name, v)
		os.Exit(1)
	}
	return int(n)
}

// sink keeps the busy loop from being optimised away.
var sink uint64

// Work simulates computation of duration d: it spins for d of wall time and
// allocates nothing. A non-positive d returns at once.
func Work(d time.Duration) {
	if d <= 0 {
		return
	}
	start := time.Now()
	x := sink
	for time.Since(start) < d {
		for i := 0; i < 64; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
	}
	sink = x
}
