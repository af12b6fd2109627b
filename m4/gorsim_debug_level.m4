# GORSIM_ARG_DEBUG_LEVEL
# --enable-debug[=0|1|2|3] sets GORSIM_DEBUG, the assertion tier (runtime/rt_debug.h):
# 0 none, 1 cheap checks (the default), 2 hot-path checks, 3 whole-structure verifiers.
# --enable-debug alone means 3 and adds -g -O1.
AC_DEFUN([GORSIM_ARG_DEBUG_LEVEL], [
  AC_ARG_ENABLE([debug],
    [AS_HELP_STRING([--enable-debug@<:@=LEVEL@:>@],
      [assertion tier 0-3 (default 1; bare --enable-debug means 3, with -g -O1)])],
    [], [enable_debug=1])
  AS_CASE([$enable_debug],
    [yes], [gorsim_debug=3; CFLAGS="$CFLAGS -g -O1"],
    [no], [gorsim_debug=0],
    [0|1|2|3], [gorsim_debug=$enable_debug],
    [AC_MSG_ERROR([--enable-debug takes 0, 1, 2 or 3])])
  AC_DEFINE_UNQUOTED([GORSIM_DEBUG], [$gorsim_debug], [Assertion tier, 0-3.])
])
