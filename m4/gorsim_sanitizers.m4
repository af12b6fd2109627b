# GORSIM_ARG_SANITIZERS
# --enable-sanitizers builds with ASan+UBSan; --enable-sanitizers=thread with TSan; any
# other value is passed to -fsanitize=. Sets SAN_CFLAGS/SAN_LDFLAGS and defines GORSIM_ASAN
# or GORSIM_TSAN, which turn on the fiber annotations for goroutine stacks.
AC_DEFUN([GORSIM_ARG_SANITIZERS], [
  AC_ARG_ENABLE([sanitizers],
    [AS_HELP_STRING([--enable-sanitizers@<:@=LIST@:>@],
      [build with -fsanitize=LIST (yes: address,undefined; thread: ThreadSanitizer)])],
    [], [enable_sanitizers=no])
  AS_CASE([$enable_sanitizers],
    [no], [gorsim_sanitizers=],
    [yes], [gorsim_sanitizers=address,undefined],
    [gorsim_sanitizers=$enable_sanitizers])
  AS_IF([test -n "$gorsim_sanitizers"], [
    AS_CASE([$gorsim_sanitizers], [*address*thread*|*thread*address*],
      [AC_MSG_ERROR([ASan and TSan cannot be combined])])
    gorsim_save_CFLAGS=$CFLAGS; gorsim_save_LDFLAGS=$LDFLAGS
    CFLAGS="$CFLAGS -fsanitize=$gorsim_sanitizers"; LDFLAGS="$LDFLAGS -fsanitize=$gorsim_sanitizers"
    AC_MSG_CHECKING([whether $CC links with -fsanitize=$gorsim_sanitizers])
    AC_LINK_IFELSE([AC_LANG_PROGRAM([], [])], [AC_MSG_RESULT([yes])],
      [AC_MSG_RESULT([no]); AC_MSG_ERROR([-fsanitize=$gorsim_sanitizers is unusable with $CC])])
    CFLAGS=$gorsim_save_CFLAGS; LDFLAGS=$gorsim_save_LDFLAGS
    SAN_CFLAGS="-fsanitize=$gorsim_sanitizers -fno-omit-frame-pointer -fno-sanitize-recover=all -g"
    SAN_LDFLAGS="-fsanitize=$gorsim_sanitizers"
    AS_CASE([$gorsim_sanitizers], [*address*],
      [AC_DEFINE([GORSIM_ASAN], [1], [Define to 1 in an AddressSanitizer build.])])
    AS_CASE([$gorsim_sanitizers], [*thread*],
      [AC_DEFINE([GORSIM_TSAN], [1], [Define to 1 in a ThreadSanitizer build.])])
  ])
  AC_SUBST([SAN_CFLAGS])
  AC_SUBST([SAN_LDFLAGS])
])
