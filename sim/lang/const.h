/*
 * const.h — constant values of the scenario language (Go's "Constants"): untyped and
 * typed constants are evaluated at compile time. Integers are exact in 128 bits (Go
 * promises at least 256; beyond 128 bits is reported as an overflow, which no experiment
 * needs), floats are doubles (Go: at least 256-bit mantissas; literals and arithmetic here
 * round once per operation).
 */
#ifndef GORSIM_SIM_LANG_CONST_H
#define GORSIM_SIM_LANG_CONST_H

#include "sim/lang/lex.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef __int128 sc_int128;

typedef enum sc_const_kind {
    SC_C_UNKNOWN, /* not a constant, or an error already reported */
    SC_C_BOOL, SC_C_STRING, SC_C_INT, SC_C_FLOAT
} sc_const_kind;

typedef struct sc_const {
    sc_const_kind kind;
    bool b;
    sc_int128 i;
    double f;
    const char *s; /* SC_C_STRING: bytes (may hold NULs), slen of them */
    size_t slen;
} sc_const;

/* What a constant must fit when it gets a type (a basic type's representation). */
typedef enum sc_repr {
    SC_R_UNTYPED,  /* no limit but 128 bits */
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
    SC_E_OVERFLOW,   /* "constant overflow" (more than 128 bits) */
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
   decimal and hexadecimal floats with exponents). An integer literal over 128 bits gives
   SC_C_UNKNOWN and *err = SC_E_OVERFLOW, as does a float literal beyond the doubles
   (1e309); one below them is 0. A malformed literal (which the lexer has reported: "08",
   an invalid octal, digits of no base, "0x" with no digits) is SC_E_BAD_OP, and so are
   T_IMAG and tokens that are no literals. */
sc_const sc_const_from_token(const sc_token *t, sc_const_err *err);

/* sc_const_unary: op is T_ADD, T_SUB, T_XOR (bitwise complement) or T_NOT. For ^ the
   result depends on the representation (^uint8(1) is 254; untyped and signed: -x-1); an
   unsigned x out of r's range is SC_E_OVERFLOW, r neither untyped nor an integer one
   SC_E_BAD_OP. -x overflows only for -(-2^127). */
sc_const sc_const_unary(sc_tok op, sc_const x, sc_repr r, sc_const_err *err);

/* sc_const_binary: arithmetic, bitwise, logical (T_LAND, T_LOR), comparison is separate
   (sc_const_compare), and string concatenation. x and y have the same kind, except that an
   INT and a FLOAT mix into a FLOAT; integer says whether / and % are integer operations
   (both operands of integer types or untyped integers: truncated division as Go's). The
   result is exact and is not checked against any representation (sc_const_represent
   does that: Go never wraps constants). With integer, integral FLOAT operands count as
   INTs (and one with a fraction is SC_E_TRUNCATED); without it, / of two INTs is a float
   division and % of them SC_E_BAD_OP. Division by zero (integer or float) is
   SC_E_DIV_ZERO, a float result beyond the doubles SC_E_OVERFLOW. For convenience op may
   also be a comparison (a BOOL result; SC_E_BAD_OP where sc_const_compare has no answer)
   or a shift (sc_const_shift). */
sc_const sc_const_binary(sc_tok op, sc_const x, sc_const y, bool integer, sc_const_err *err);

/* sc_const_shift: x << s or x >> s (s a non-negative integer < 1100 or SC_E_SHIFT; a FLOAT
   with no fraction counts). x is an INT, or a FLOAT with no fraction (1.0 << 3 is the INT
   8; else SC_E_TRUNCATED). The result must fit signed 128 bits: 1<<127 is SC_E_OVERFLOW,
   -1<<127 is not. >> is arithmetic (-1 >> 200 is -1). */
sc_const sc_const_shift(sc_tok op, sc_const x, sc_const s, sc_const_err *err);

/* sc_const_compare: ==, !=, <, <=, >, >= on two constants of one kind (INT and FLOAT mix,
   compared exactly; strings compare bytewise). Bools have only == and !=; what does not
   apply is false. */
bool sc_const_compare(sc_tok op, sc_const x, sc_const y);

/* sc_const_represent: x converted to representation r if it fits exactly (Go's
   "representable"): an integer in range; for an integer representation, a FLOAT with no
   fraction (else SC_E_TRUNCATED); for FLOAT64, any INT or FLOAT that does not overflow
   to infinity (rounded to the nearest double). Otherwise SC_C_UNKNOWN and *err
   (SC_E_OVERFLOW or SC_E_TRUNCATED). BOOL and STRING must match their kind (else
   SC_E_BAD_OP). SC_R_UNTYPED takes any constant as it is. */
sc_const sc_const_represent(sc_const x, sc_repr r, sc_const_err *err);

/* sc_const_convert: Go's conversion T(x) of a constant to a basic type: like represent,
   but int -> string gives the UTF-8 of the code point ("\uFFFD" if invalid) and float ->
   float rounds. A float with a fraction converted to an integer type is SC_E_TRUNCATED,
   as in Go. */
sc_const sc_const_convert(sc_const x, sc_repr r, sc_const_err *err);

/* sc_const_format: the constant as Go's messages print it (300, 1.5, 1e+100, "abc",
   true), into buf (truncated to len - 1 bytes; returns buf). Floats print with %.6g, as
   integers when integral and below 1e21, and in the shortest exact form when %.6g would
   hide a fraction. Strings are quoted as strconv.Quote does, and cut to 69 runes and
   "..." beyond 72 runes quoted (go/constant's rule). */
const char *sc_const_format(sc_const x, char *buf, size_t len);

/* sc_const_int64 / sc_const_uint64 / sc_const_f64: the value as a C scalar (the caller has
   checked it is representable). */
int64_t sc_const_int64(sc_const x);
uint64_t sc_const_uint64(sc_const x);
double sc_const_f64(sc_const x);

#endif
