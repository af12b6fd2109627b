#!/bin/sh
# gorun.sh — run a gorsim scenario with real Go, for side-by-side comparison.
#
#   scenarios/gorun.sh FILE.go [name=value ...]
#
# Copies FILE.go as main.go into a fresh temporary module
#   module scenario / go 1.19 / require sim v0.0.0 / replace sim => <this dir>/gosim
# builds it offline (GOPROXY=off, GOFLAGS=-mod=mod, GOTOOLCHAIN unset) and runs it
# with GORSIM_PARAMS="name=value,..." so sim.Param sees the overrides (like
# `gorsim run -p name=value`; any GORSIM_PARAMS already set is replaced). The
# program's stdout, stderr and exit status are passed through unchanged. The
# binary is built with `go build` and executed directly rather than with
# `go run .`, because `go run` replaces the program's exit status by 1 and adds
# an "exit status N" line to stderr.
# Compile errors go to stderr as "FILE.go:line:col: message" lines (go's
# "./main.go:" renamed to FILE.go as given, its "# scenario" header dropped) and
# the script exits with status 1, as gorsim does for front-end errors. Bad usage
# exits with status 2. The temporary directory is always removed.
set -u

usage() { echo "usage: $0 FILE.go [name=value ...]" >&2; exit 2; }
[ $# -ge 1 ] || usage
file=$1; shift
[ -f "$file" ] || { echo "$0: $file: no such file" >&2; exit 2; }

here=$(cd "$(dirname "$0")" && pwd -P) || exit 2
params=
for kv in "$@"; do
	case $kv in
	?*=*) ;;
	*) echo "$0: bad parameter '$kv' (want name=value)" >&2; exit 2 ;;
	esac
	params=${params:+$params,}$kv
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gorun.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cp "$file" "$tmp/main.go" || exit 2
cat > "$tmp/go.mod" <<MOD
module scenario

go 1.19

require sim v0.0.0

replace sim => $here/gosim
MOD

unset GOTOOLCHAIN GOWORK
export GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on GOSUMDB=off

# Build; keep compile errors, renaming the temp file to the user's file name.
if ! (cd "$tmp" && go build -o prog . ) 2>"$tmp/build.err"; then
	esc=$(printf '%s\n' "$file" | sed 's/[&|\\]/\\&/g')
	sed -e "s|$tmp/main\.go:|$esc:|g" -e "s|\./main\.go:|$esc:|g" \
	    -e "s|^main\.go:|$esc:|" -e "/^# scenario$/d" "$tmp/build.err" >&2
	exit 1
fi
# Warnings, if any, still reach the user.
[ -s "$tmp/build.err" ] && cat "$tmp/build.err" >&2

GORSIM_PARAMS=$params "$tmp/prog"
exit $?
