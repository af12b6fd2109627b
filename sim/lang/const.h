/*
 * const.h — constant values of the scenario language (Go's "Constants"): untyped and
 * typed constants are evaluated at compile time, exactly, as go/constant does: integers
 * are arbitrary-precision (an operation whose integer result needs more than 512 bits is an
 * overflow, as types2 reports it), floats are exact rationals (a fraction whose numerator
 * or denominator reaches 4096 bits is rounded to a 512-bit mantissa, as go/constant switches
 * to big.Float). Limits against absurd inputs: no value reaches 2^8192 (an overflow), and a
 * nonzero float below 2^-8192 becomes 0.
 */
#ifndef GORSIM_SIM_LANG_CONST_H
#define GORSIM_SIM_LANG_CONST_H

#include "sim/lang/lex.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef __int128 sc_int128;

struct sc_big; /* sim/lang/bigint.h */

typedef enum sc_const_kind {
    SC_C_UNKNOWN, /* not a constant, or an error already reported */
    SC_C_BOOL, SC_C_STRING, SC_C_INT, SC_C_FLOAT
} sc_const_kind;

/* The exact value of an INT is i when num is NULL (always so when it fits 128 bits);
   else it is num, and i is I128_MAX or I128_MIN by its sign (only its sign is meaningful).
   The exact value of a FLOAT is num / den (normalized: den > 0, no common factor) when num
   is set, else f itself; f is always the value rounded to the nearest double (infinite
   beyond the doubles, 0 for a nonzero value below them). Values built by hand with num
   NULL (sc_const_int, sc_const_float, designated initializers) are exact as they are. */
typedef struct sc_const {
    sc_const_kind kind;
    bool b;
    sc_int128 i;
    double f;
    const char *s; /* SC_C_STRING: bytes (may hold NULs), slen of them */
    size_t slen;
    const struct sc_big *num, *den; /* host memory (never freed), or NULL: see above */
} sc_const;

/* What a constant must fit when it gets a type (a basic type's representation). */
typedef enum sc_repr {
    SC_R_UNTYPED,  /* no limit */
    SC_R_INT8, SC_R_INT16, SC_R_INT32, SC_R_INT64,
    SC_R_UINT8, SC_R_UINT16, SC_R_UINT32, SC_R_UINT64,
    SC_R_FLOAT64, SC_R_BOOL, SC_R_STRING
} sc_repr;

/* Results of the operations: SC_OK, or why the operation has no constant result. Every
   operation below that takes an err sets it (SC_OK on success; err may be NULL), and
   returns SC_C_UNKNOWN on an error. */
typedef enum sc_const_err {
    SC_OK,
    SC_E_DIV_ZERO,   /* "invalid operation: division by zero" */
    SC_E_OVERFLOW,   /* "constant overflow" (see above, or out of a representation) */
    SC_E_BAD_OP,     /* the operator does not apply to the operands' kinds */
    SC_E_SHIFT,      /* a negative or too large shift count */
    SC_E_TRUNCATED   /* a float with a fraction where an integer is needed ("truncated") */
} sc_const_err;

sc_const sc_const_int(sc_int128 v);
sc_const sc_const_float(double v);
sc_const sc_const_bool(bool v);
sc_const sc_const_string(const char *s, size_t n);

/* sc_const_from_token: the value of a T_INT, T_FLOAT, T_CHAR or T_STRING token (Go's
   literal syntax: 0x 0o 0b prefixes, legacy octal 0777, underscores between digits,
   decimal and hexadecimal floats with exponents), exact. Integer literals may have up to
   8192 bits (Go 1.19 takes any; only operations' results are held to 512 bits); beyond, or
   with more than 2500 significant digits, or a float of 2^8192 or more, it is SC_C_UNKNOWN
   and *err = SC_E_OVERFLOW (1e-9999 is 0). A malformed literal (which the lexer has
   reported: "08",
   an invalid octal, digits of no base, "0x" with no digits) is SC_E_BAD_OP, and so are
   T_IMAG and tokens that are no literals. */
sc_const sc_const_from_token(const sc_token *t, sc_const_err *err);

/* sc_const_unary: op is T_ADD, T_SUB, T_XOR (bitwise complement) or T_NOT. For ^ the
   result depends on the representation (^uint8(1) is 254; untyped and signed: -x-1); an
   unsigned x out of r's range is SC_E_OVERFLOW, r neither untyped nor an integer one
   SC_E_BAD_OP. An INT result over 512 bits is SC_E_OVERFLOW (even +x, as Go's checker). */
sc_const sc_const_unary(sc_tok op, sc_const x, sc_repr r, sc_const_err *err);

/* sc_const_binary: arithmetic, bitwise, logical (T_LAND, T_LOR), comparison is separate
   (sc_const_compare), and string concatenation. x and y have the same kind, except that an
   INT and a FLOAT mix into a FLOAT; integer says whether / and % are integer operations
   (both operands of integer types or untyped integers: truncated division as Go's). The
   result is exact and is not checked against any representation (sc_const_represent
   does that: Go never wraps constants). With integer, integral FLOAT operands count as
   INTs (and one with a fraction is SC_E_TRUNCATED); without it, / of two INTs is a float
   division and % of them SC_E_BAD_OP. Division by zero (integer or float) is
   SC_E_DIV_ZERO, an INT result over 512 bits or a float one of 2^8192 or more
   SC_E_OVERFLOW (a float result beyond the doubles is fine: 1e308 * 10 is 1e309, which
   only sc_const_represent refuses as a float64). For convenience op may
   also be a comparison (a BOOL result; SC_E_BAD_OP where sc_const_compare has no answer)
   or a shift (sc_const_shift). */
sc_const sc_const_binary(sc_tok op, sc_const x, sc_const y, bool integer, sc_const_err *err);

/* sc_const_shift: x << s or x >> s (s a non-negative integer <= 1074, Go's bound, or
   SC_E_SHIFT; a FLOAT with no fraction counts). x is an INT, or a FLOAT with no fraction
   (1.0 << 3 is the INT 8; else SC_E_TRUNCATED). The result must fit 512 bits, as Go's
   untyped integers: 1<<511 and -1<<511 do, 1<<512 is SC_E_OVERFLOW. >> is arithmetic
   (-1 >> 200 is -1). */
sc_const sc_const_shift(sc_tok op, sc_const x, sc_const s, sc_const_err *err);

/* sc_const_compare: ==, !=, <, <=, >, >= on two constants of one kind (INT and FLOAT mix,
   compared exactly; strings compare bytewise). Bools have only == and !=; what does not
   apply is false. */
bool sc_const_compare(sc_tok op, sc_const x, sc_const y);

/* sc_const_represent: x converted to representation r if it fits exactly (Go's
   "representable"): an integer in range; for an integer representation, a FLOAT with no
   fraction (else SC_E_TRUNCATED); for FLOAT64, any INT or FLOAT that does not overflow
   to infinity (correctly rounded to the nearest double, which is then the exact value:
   1e-400 is 0). Otherwise SC_C_UNKNOWN and *err
   (SC_E_OVERFLOW or SC_E_TRUNCATED). BOOL and STRING must match their kind (else
   SC_E_BAD_OP). SC_R_UNTYPED takes any constant as it is. */
sc_const sc_const_represent(sc_const x, sc_repr r, sc_const_err *err);

/* sc_const_convert: Go's conversion T(x) of a constant to a basic type: like represent,
   but int -> string gives the UTF-8 of the code point ("\uFFFD" if invalid) and float ->
   float rounds. A float with a fraction converted to an integer type is SC_E_TRUNCATED,
   as in Go. */
sc_const sc_const_convert(sc_const x, sc_repr r, sc_const_err *err);

/* sc_const_format: the constant as Go's messages print it (300, 1.5, 1e+100, "abc",
   true), into buf (truncated to len - 1 bytes; returns buf). Integers print all their
   digits. Floats print with %.6g of their double, as integers when integral and below
   1e21, and in the shortest form of the double when %.6g would hide a fraction; beyond
   the doubles (1e+400, 1e-400) as go/constant approximates them. Strings are quoted as
   strconv.Quote does, and cut to 69 runes and "..." beyond 72 runes quoted (go/constant's
   rule). */
const char *sc_const_format(sc_const x, char *buf, size_t len);

/* sc_const_int64 / sc_const_uint64 / sc_const_f64: the value as a C scalar (the caller has
   checked it is representable; an integer beyond wraps to its low 64 bits, a double is
   correctly rounded). */
int64_t sc_const_int64(sc_const x);
uint64_t sc_const_uint64(sc_const x);
double sc_const_f64(sc_const x);

#endif
