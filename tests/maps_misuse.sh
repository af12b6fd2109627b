#!/bin/sh
# maps_misuse.sh — runs tests/check_maps_misuse, whose threads-engine runs race on the map
# on purpose (two goroutines writing one map is what Go's detection exists for): under
# ThreadSanitizer the map layer's accesses in those races are suppressed, for this program
# only (tests/tsan_misuse.supp); every other test runs with no suppression.
b=${top_builddir:-.}
s=${top_srcdir:-.}
TSAN_OPTIONS="suppressions=$s/tests/tsan_misuse.supp ${TSAN_OPTIONS:-}"
export TSAN_OPTIONS
exec "$b/tests/check_maps_misuse"
