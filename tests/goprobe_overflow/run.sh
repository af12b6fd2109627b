#!/bin/sh
# Builds the Go 1.19 overflow-bucket probe (main.go) in a temporary directory, runs it
# 20 times (each run a new process, so a new hash seed) and writes the raw lines plus a
# per-(N, hint) summary to tests/data/go119_overflow.txt.
# Usage: tests/goprobe_overflow/run.sh   (from anywhere)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$(cd "$here/.." && pwd)/data/go119_overflow.txt"
runs=20
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

(cd "$here" && GOPROXY=off go build -o "$tmp/probe" .)
i=1
while [ "$i" -le "$runs" ]; do
	"$tmp/probe" | sed "s/^/run=$i /" >>"$tmp/raw"
	i=$((i + 1))
done
[ "$(wc -l <"$tmp/raw")" -eq $((runs * 6)) ] || { echo "run.sh: expected $((runs * 6)) lines" >&2; exit 1; }

mkdir -p "$(dirname "$out")"
{
	echo "# Overflow buckets of Go map[int64]int64 after inserting keys 0..N-1 (value = key)"
	echo "# into make(map[int64]int64, hint), for N in 10^4, 10^5, 10^6 and hint in {0, N}."
	echo "# overflow = real overflow buckets, counted by walking every bucket's chain;"
	echo "# noverflow = hmap.noverflow (exact for B < 16, a probabilistic estimate above);"
	echo "# maxchain = longest overflow chain. $runs runs, each a new process (new hash seed)."
	echo "# $(go version)"
	echo "# Regenerate: tests/goprobe_overflow/run.sh"
	awk '
	{
		for (f = 2; f <= NF; f++) { split($f, kv, "="); v[kv[1]] = kv[2] }
		k = "N=" v["N"] " hint=" v["hint"]
		if (!(k in cnt)) { order[++nk] = k; omin[k] = omax[k] = v["overflow"]; nmin[k] = nmax[k] = v["noverflow"] }
		cnt[k]++; osum[k] += v["overflow"]; nsum[k] += v["noverflow"]
		if (v["overflow"] < omin[k]) omin[k] = v["overflow"]
		if (v["overflow"] > omax[k]) omax[k] = v["overflow"]
		if (v["noverflow"] < nmin[k]) nmin[k] = v["noverflow"]
		if (v["noverflow"] > nmax[k]) nmax[k] = v["noverflow"]
	}
	END {
		for (i = 1; i <= nk; i++) {
			k = order[i]
			printf "# mean %s overflow=%.1f noverflow=%.1f overflow_min=%d overflow_max=%d noverflow_min=%d noverflow_max=%d\n",
				k, osum[k] / cnt[k], nsum[k] / cnt[k], omin[k], omax[k], nmin[k], nmax[k]
		}
	}' "$tmp/raw"
	cat "$tmp/raw"
} >"$out"
echo "wrote $out"
