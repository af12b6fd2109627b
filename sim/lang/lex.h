/*
 * lex.h — the scenario lexer: Go's tokens (the Go spec's "Lexical elements") with automatic
 * semicolon insertion. Positions are 1-based line and column (columns count bytes, as
 * Go's compiler does). The lexer never fails: a malformed token becomes T_ILLEGAL (or a
 * literal with its error reported) and lexing goes on, so the parser can report several
 * errors.
 *
 * Memory: token texts point into the source buffer (which outlives the lexer); a string or
 * rune literal's decoded value is allocated with sc_alloc_atomic (Boehm, never freed).
 */
#ifndef GORSIM_SIM_LANG_LEX_H
#define GORSIM_SIM_LANG_LEX_H

#include "sim/lang/diag.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SC_TOKENS(X)                                                                        \
    X(T_EOF, "EOF") X(T_ILLEGAL, "ILLEGAL")                                                 \
    X(T_IDENT, "name") X(T_INT, "integer literal") X(T_FLOAT, "floating-point literal")    \
    X(T_IMAG, "imaginary literal") X(T_CHAR, "rune literal") X(T_STRING, "string literal")  \
    /* operators and punctuation */                                                         \
    X(T_ADD, "+") X(T_SUB, "-") X(T_MUL, "*") X(T_QUO, "/") X(T_REM, "%")                   \
    X(T_AND, "&") X(T_OR, "|") X(T_XOR, "^") X(T_SHL, "<<") X(T_SHR, ">>") X(T_AND_NOT, "&^") \
    X(T_ADD_ASSIGN, "+=") X(T_SUB_ASSIGN, "-=") X(T_MUL_ASSIGN, "*=") X(T_QUO_ASSIGN, "/=") \
    X(T_REM_ASSIGN, "%=") X(T_AND_ASSIGN, "&=") X(T_OR_ASSIGN, "|=") X(T_XOR_ASSIGN, "^=")  \
    X(T_SHL_ASSIGN, "<<=") X(T_SHR_ASSIGN, ">>=") X(T_AND_NOT_ASSIGN, "&^=")               \
    X(T_LAND, "&&") X(T_LOR, "||") X(T_ARROW, "<-") X(T_INC, "++") X(T_DEC, "--")           \
    X(T_EQL, "==") X(T_LSS, "<") X(T_GTR, ">") X(T_ASSIGN, "=") X(T_NOT, "!") X(T_TILDE, "~") \
    X(T_NEQ, "!=") X(T_LEQ, "<=") X(T_GEQ, ">=") X(T_DEFINE, ":=") X(T_ELLIPSIS, "...")     \
    X(T_LPAREN, "(") X(T_LBRACK, "[") X(T_LBRACE, "{") X(T_COMMA, ",") X(T_PERIOD, ".")     \
    X(T_RPAREN, ")") X(T_RBRACK, "]") X(T_RBRACE, "}") X(T_SEMICOLON, ";") X(T_COLON, ":")  \
    /* keywords */                                                                          \
    X(T_BREAK, "break") X(T_CASE, "case") X(T_CHAN, "chan") X(T_CONST, "const")             \
    X(T_CONTINUE, "continue") X(T_DEFAULT, "default") X(T_DEFER, "defer") X(T_ELSE, "else") \
    X(T_FALLTHROUGH, "fallthrough") X(T_FOR, "for") X(T_FUNC, "func") X(T_GO, "go")         \
    X(T_GOTO, "goto") X(T_IF, "if") X(T_IMPORT, "import") X(T_INTERFACE, "interface")       \
    X(T_MAP, "map") X(T_PACKAGE, "package") X(T_RANGE, "range") X(T_RETURN, "return")       \
    X(T_SELECT, "select") X(T_STRUCT, "struct") X(T_SWITCH, "switch") X(T_TYPE, "type")     \
    X(T_VAR, "var")

#define SC_TOKEN_ENUM(id, text) id,
typedef enum sc_tok { SC_TOKENS(SC_TOKEN_ENUM) SC_TOK_COUNT } sc_tok;
#undef SC_TOKEN_ENUM
#define SC_FIRST_KEYWORD T_BREAK

/* sc_tok_text: the token's spelling ("+", "func") or its description ("name") */
const char *sc_tok_text(sc_tok t);

typedef struct sc_token {
    sc_tok kind;
    sc_pos pos;
    const char *text;  /* the token as written (not NUL-terminated), len bytes */
    size_t len;
    /* literals, decoded: T_STRING the bytes (str, slen; may hold NULs), T_CHAR the code
       point (rune). T_INT and T_FLOAT keep only their text (const.c converts). A
       semicolon inserted at a newline or at EOF has text "\n" (Go says "newline"). */
    const char *str;
    size_t slen;
    int32_t rune;
} sc_token;

typedef struct sc_lexer {
    const sc_source *src;
    sc_diags *diags;   /* errors go here */
    size_t off;        /* next byte */
    int line, col;     /* of the next byte */
    bool semi;         /* insert a semicolon at the next newline or EOF */
} sc_lexer;

/* sc_lex_init starts lexing src (its text need not be NUL-terminated). */
void sc_lex_init(sc_lexer *lx, const sc_source *src, sc_diags *diags);
/* sc_lex_next returns the next token, comments skipped (a //gorsim: directive is a comment
   here; sim/lang/directive.c reads it from the source). */
sc_token sc_lex_next(sc_lexer *lx);

#endif
