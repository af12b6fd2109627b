# GORSIM_ARG_CONTEXT
# --with-context=asm|ucontext chooses the goroutine context-switch backend; asm is the
# default on x86_64 and aarch64, ucontext elsewhere. Defines GORSIM_CTX_UCONTEXT (0/1) and
# the Automake conditionals CTX_X86_64, CTX_AARCH64, CTX_UCONTEXT.
AC_DEFUN([GORSIM_ARG_CONTEXT], [
  AC_ARG_WITH([context],
    [AS_HELP_STRING([--with-context=asm|ucontext],
      [goroutine context switch: hand-written assembly (x86_64, aarch64) or swapcontext @<:@default: asm where supported@:>@])],
    [gorsim_context=$withval], [gorsim_context=auto])
  AS_CASE([$gorsim_context:$host_cpu],
    [auto:x86_64|asm:x86_64], [gorsim_context=asm-x86_64],
    [auto:aarch64|asm:aarch64], [gorsim_context=asm-aarch64],
    [auto:*|ucontext:*], [gorsim_context=ucontext],
    [asm:*], [AC_MSG_ERROR([--with-context=asm supports x86_64 and aarch64, not $host_cpu])],
    [AC_MSG_ERROR([--with-context must be asm or ucontext])])
  AS_IF([test "x$gorsim_context" = xucontext],
    [AC_CHECK_HEADER([ucontext.h], [], [AC_MSG_ERROR([ucontext.h not found])])
     AC_DEFINE([GORSIM_CTX_UCONTEXT], [1], [Define to 1 to switch goroutines with swapcontext.])],
    [AC_DEFINE([GORSIM_CTX_UCONTEXT], [0], [Define to 1 to switch goroutines with swapcontext.])])
  AM_CONDITIONAL([CTX_X86_64], [test "x$gorsim_context" = xasm-x86_64])
  AM_CONDITIONAL([CTX_AARCH64], [test "x$gorsim_context" = xasm-aarch64])
  AM_CONDITIONAL([CTX_UCONTEXT], [test "x$gorsim_context" = xucontext])
])
