/*
 * lex.c — the scenario lexer (lex.h): Go's tokens and automatic semicolon insertion, after
 * the Go spec's "Lexical elements" and Go's compiler (cmd/compile/internal/syntax,
 * scanner.go and source.go), whose error messages and positions it reproduces.
 *
 * Reading works in two layers, as in Go's compiler. The lower one (skip_bad, peek,
 * advance) walks the source a UTF-8 character at a time and reports and skips what cannot
 * be source text at all — NUL bytes, invalid UTF-8, a byte order mark after the start —
 * wherever they occur, so the token scanners above only ever see valid characters.
 * Invariant: after sc_lex_init and after every advance, off is at a valid character or at
 * the end. The text is not NUL-terminated: every read checks off < len.
 *
 * The lexer allocates only decoded string values (sc_alloc_atomic); it has no state but
 * the sc_lexer.
 */
#include "sim/lang/lex.h"
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The brief for gorsim asks for these spellings, which some Go releases used; today's
   cmd/compile says "unknown escape", "escape is invalid Unicode code point U+D800" and
   "string not terminated". Kept in one place so that they are easy to change. */
#define MSG_UNKNOWN_ESCAPE "unknown escape sequence"
#define MSG_BAD_CODE_POINT "escape sequence is invalid Unicode code point"
#define MSG_RAW_UNTERMINATED "raw string literal not terminated"
#define MSG_STRING_UNTERMINATED "string literal not terminated"

#define BOM 0xFEFF
#define NONE ((size_t)-1)

/* ---------------------------------------------------------------- token names */

const char *sc_tok_text(sc_tok t)
{
#define SC_TOKEN_TEXT(id, text) [id] = text,
    static const char *const texts[SC_TOK_COUNT] = {SC_TOKENS(SC_TOKEN_TEXT)};
#undef SC_TOKEN_TEXT
    return (unsigned)t < SC_TOK_COUNT ? texts[t] : "?";
}

/* ---------------------------------------------------------------- characters */

static bool is_digit(int32_t c) { return c >= '0' && c <= '9'; }
/* lower: c in lower case if it is an ASCII letter (Go's trick: other characters stay
   outside 'a'..'z') */
static int32_t lower(int32_t c) { return c | 0x20; }
static bool is_hex(int32_t c) { return is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'f'); }
static bool is_letter(int32_t c) { return (lower(c) >= 'a' && lower(c) <= 'z') || c == '_'; }

/* decode_utf8: the character at p (n > 0 bytes there) and *w its length, as Go's
   utf8.DecodeRune: -1 and *w = 1 for a byte that does not start a valid sequence (a
   truncated one, an overlong form, a surrogate, a value above U+10FFFF) */
static int32_t decode_utf8(const unsigned char *p, size_t n, size_t *w)
{
    unsigned b = p[0], lo = 0x80, hi = 0xBF;
    size_t len;
    uint32_t c;
    *w = 1;
    if (b < 0x80)
        return (int32_t)b;
    if (b >= 0xC2 && b <= 0xDF)
        len = 2, c = b & 0x1F;
    else if (b >= 0xE0 && b <= 0xEF)
        len = 3, c = b & 0x0F, lo = b == 0xE0 ? 0xA0 : lo, hi = b == 0xED ? 0x9F : hi;
    else if (b >= 0xF0 && b <= 0xF4)
        len = 4, c = b & 0x07, lo = b == 0xF0 ? 0x90 : lo, hi = b == 0xF4 ? 0x8F : hi;
    else
        return -1;
    /* the second byte's range is what excludes overlongs, surrogates and > U+10FFFF */
    if (n < len || p[1] < lo || p[1] > hi)
        return -1;
    c = c << 6 | (p[1] & 0x3F);
    for (size_t i = 2; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return -1;
        c = c << 6 | (p[i] & 0x3F);
    }
    *w = len;
    return (int32_t)c;
}

/* encode_utf8 writes c (a valid code point) to p; returns its length (at most 4) */
static size_t encode_utf8(char *p, uint32_t c)
{
    if (c < 0x80) {
        p[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        p[0] = (char)(0xC0 | c >> 6);
        p[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        p[0] = (char)(0xE0 | c >> 12);
        p[1] = (char)(0x80 | (c >> 6 & 0x3F));
        p[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    p[0] = (char)(0xF0 | c >> 18);
    p[1] = (char)(0x80 | (c >> 12 & 0x3F));
    p[2] = (char)(0x80 | (c >> 6 & 0x3F));
    p[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* Non-ASCII characters that are certainly not letters (Go's unicode.IsLetter is false):
   the common blocks of controls, spaces, punctuation and symbols, so that `a × b` or a
   pasted no-break space gets Go's "invalid character ... in identifier" instead of
   becoming part of a name. Every other character above ASCII is taken for a letter: the
   lexer carries no Unicode tables. print: Go's strconv.IsPrint (whether %#U and %q show
   the character itself). */
static const struct non_letter {
    uint32_t lo, hi;
    bool print;
} non_letters[] = {
    {0x0080, 0x009F, false}, {0x00A0, 0x00A0, false}, {0x00A1, 0x00A9, true},
    {0x00AB, 0x00AC, true},  {0x00AD, 0x00AD, false}, {0x00AE, 0x00B4, true},
    {0x00B6, 0x00B9, true},  {0x00BB, 0x00BF, true},  {0x00D7, 0x00D7, true},
    {0x00F7, 0x00F7, true},  {0x2000, 0x200F, false}, {0x2010, 0x2027, true},
    {0x2028, 0x202F, false}, {0x2030, 0x205E, true},  {0x205F, 0x206F, false},
    {0x2190, 0x23FF, true},  {0x2500, 0x27BF, true},  {0x3000, 0x3000, false},
    {0x3001, 0x3004, true},  {0xE000, 0xF8FF, false}, {0xFF01, 0xFF0F, true},
    {0xFF1A, 0xFF20, true},  {0xFFF0, 0xFFFB, false}, {0xFFFC, 0xFFFD, true},
    {0xFFFE, 0xFFFF, false}, {0x1F300, 0x1F64F, true},
};

static const struct non_letter *non_letter(int32_t c)
{
    for (size_t i = 0; i < sizeof non_letters / sizeof *non_letters; i++)
        if ((uint32_t)c >= non_letters[i].lo && (uint32_t)c <= non_letters[i].hi)
            return &non_letters[i];
    return NULL;
}

static bool is_print(int32_t c)
{
    if (c < 0x80)
        return c >= 0x20 && c < 0x7F;
    if (c > 0x10FFFF || (c >= 0xD800 && c < 0xE000))
        return false;
    const struct non_letter *r = non_letter(c);
    return r ? r->print : true;
}

/* unicode_desc: c as Go's %#U prints it, "U+0040 '@'" (without the quoted character if
   it is not printable); buf holds at least 24 bytes */
static const char *unicode_desc(char *buf, int32_t c)
{
    int n = snprintf(buf, 24, "U+%04X", (unsigned)c);
    if (n > 0 && n < 12 && is_print(c)) {
        char *p = buf + n;
        *p++ = ' ';
        *p++ = '\'';
        p += encode_utf8(p, (uint32_t)c);
        *p++ = '\'';
        *p = 0;
    }
    return buf;
}

/* quote_rune: c as Go's %q prints a rune ('a', '\n', '\'', '\x01', '\u00a0'); buf holds
   at least 16 bytes */
static const char *quote_rune(char *buf, int32_t c)
{
    static const char esc[] = "\a" "a" "\b" "b" "\f" "f" "\n" "n" "\r" "r" "\t" "t" "\v" "v"
                              "\\" "\\" "'" "'";
    if (c < 0 || c > 0x10FFFF || (c >= 0xD800 && c < 0xE000))
        c = 0xFFFD; /* Go quotes an invalid rune as the replacement character */
    for (size_t i = 0; i + 1 < sizeof esc; i += 2)
        if (c == esc[i]) {
            snprintf(buf, 16, "'\\%c'", esc[i + 1]);
            return buf;
        }
    if (is_print(c)) {
        size_t n = encode_utf8(buf + 1, (uint32_t)c);
        buf[0] = buf[n + 1] = '\'';
        buf[n + 2] = 0;
    } else if (c < 0x80)
        snprintf(buf, 16, "'\\x%02x'", (unsigned)c);
    else if (c < 0x10000)
        snprintf(buf, 16, "'\\u%04x'", (unsigned)c);
    else
        snprintf(buf, 16, "'\\U%08x'", (unsigned)c);
    return buf;
}

static const char *base_name(int base)
{
    switch (base) {
    case 2:
        return "binary";
    case 8:
        return "octal";
    case 16:
        return "hexadecimal";
    default:
        return "decimal";
    }
}

/* ---------------------------------------------------------------- reading */

static void errorf(sc_lexer *lx, sc_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void errorf(sc_lexer *lx, sc_pos pos, const char *fmt, ...)
{
    char msg[160]; /* the lexer's messages are short and bounded */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sc_error(lx->diags, pos, "%s", msg);
}

static sc_pos here(const sc_lexer *lx) { return (sc_pos){lx->line, lx->col}; }

/* col_add: col + n, saturated: a wrong column on a 2 GiB line beats an overflow */
static int col_add(int col, size_t n)
{
    return n > (size_t)(INT_MAX - col) ? INT_MAX : col + (int)n;
}

/* at_col: the position n bytes after the start of token t (Go's errorAtf) */
static sc_pos at_col(const sc_token *t, size_t n)
{
    return (sc_pos){t->pos.line, col_add(t->pos.col, n)};
}

/* text_at: the source from off; an empty source may have no text, and a null pointer
   must not be offset even by 0 */
static const char *text_at(const sc_lexer *lx, size_t off)
{
    return lx->src->text ? lx->src->text + off : "";
}

/* skip_bad reports and skips the bytes at off that are no source text (Go's
   source.nextch): afterwards off is at a valid character or at the end */
static void skip_bad(sc_lexer *lx)
{
    while (lx->off < lx->src->len) {
        size_t w;
        int32_t c = decode_utf8((const unsigned char *)lx->src->text + lx->off,
                                lx->src->len - lx->off, &w);
        if (c == 0)
            errorf(lx, here(lx), "invalid NUL character");
        else if (c < 0)
            errorf(lx, here(lx), "invalid UTF-8 encoding");
        else if (c == BOM) /* sc_lex_init skips the one at the start */
            errorf(lx, here(lx), "invalid BOM in the middle of the file");
        else
            return;
        lx->off += w;
        lx->col = col_add(lx->col, w);
    }
}

/* peek: the character at off, -1 at the end; *w (if w) its length */
static int32_t peek(const sc_lexer *lx, size_t *w)
{
    size_t n = 0;
    int32_t c = -1;
    if (lx->off < lx->src->len) {
        c = decode_utf8((const unsigned char *)lx->src->text + lx->off, lx->src->len - lx->off, &n);
        if (c < 0)
            c = 0xFFFD; /* unreachable by the invariant; Go's utf8.RuneError */
    }
    if (w)
        *w = n;
    return c;
}

/* byte_at: the byte k after off (k small), -1 past the end: a look-ahead for ASCII only */
static int byte_at(const sc_lexer *lx, size_t k)
{
    return k < lx->src->len - lx->off ? (unsigned char)lx->src->text[lx->off + k] : -1;
}

/* advance moves past the character at off (nothing at the end) */
static void advance(sc_lexer *lx)
{
    size_t w;
    int32_t c = peek(lx, &w);
    if (c < 0)
        return;
    lx->off += w;
    if (c == '\n') {
        lx->line += lx->line < INT_MAX;
        lx->col = 1;
    } else
        lx->col = col_add(lx->col, w);
    skip_bad(lx);
}

/* ---------------------------------------------------------------- decoded strings */

/* a growing byte buffer for a literal's value: kept NUL-terminated for convenience (the
   value may hold NULs itself), so one byte more than n is always allocated */
typedef struct strbuf {
    char *p;
    size_t n, cap;
} strbuf;

static void buf_add(strbuf *b, const char *s, size_t n)
{
    if (b->cap - b->n <= n) {
        size_t cap = b->cap ? b->cap : 16;
        while (cap - b->n <= n)
            cap *= 2;
        char *p = sc_alloc_atomic(cap); /* zeroed: the terminator comes free */
        if (b->n)
            memcpy(p, b->p, b->n);
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

static void set_str(sc_token *t, const strbuf *b)
{
    t->str = b->p ? b->p : ""; /* never NULL, even when empty */
    t->slen = b->n;
}

/* ---------------------------------------------------------------- comments, blanks */

/* skip_space skips blanks, and newlines unless one would end a statement */
static void skip_space(sc_lexer *lx, bool semi)
{
    for (;;) {
        int32_t c = peek(lx, NULL);
        if (c != ' ' && c != '\t' && c != '\r' && (c != '\n' || semi))
            return;
        advance(lx);
    }
}

/* skip_comment skips the comment at off (start): a line comment up to its newline, which
   is left for semicolon insertion, or a general comment; returns whether it spanned lines
   (such a comment acts as a newline) */
static bool skip_comment(sc_lexer *lx, sc_pos start)
{
    int line = lx->line;
    advance(lx);
    if (peek(lx, NULL) == '/') {
        for (int32_t c; (c = peek(lx, NULL)) >= 0 && c != '\n';)
            advance(lx);
        return false;
    }
    advance(lx);
    for (;;) {
        int32_t c = peek(lx, NULL);
        if (c < 0) {
            errorf(lx, start, "comment not terminated");
            break;
        }
        advance(lx);
        if (c == '*' && peek(lx, NULL) == '/') {
            advance(lx);
            break;
        }
    }
    return lx->line != line;
}

/* ---------------------------------------------------------------- identifiers */

static sc_tok keyword(const char *s, size_t n)
{
    for (int k = SC_FIRST_KEYWORD; k < SC_TOK_COUNT; k++) {
        const char *kw = sc_tok_text((sc_tok)k);
        if (strlen(kw) == n && memcmp(kw, s, n) == 0)
            return (sc_tok)k;
    }
    return T_IDENT;
}

/* ident scans a name or keyword. A character above ASCII counts as a letter (Go takes
   any such character into the name, complaining about non-letters). */
static sc_tok ident(sc_lexer *lx, size_t start)
{
    for (int32_t c; (c = peek(lx, NULL)) >= 0 && (is_letter(c) || is_digit(c) || c >= 0x80);) {
        if (c >= 0x80 && non_letter(c)) {
            char d[24];
            errorf(lx, here(lx), "invalid character %s in identifier", unicode_desc(d, c));
        }
        advance(lx);
    }
    sc_tok k = keyword(text_at(lx, start), lx->off - start);
    lx->semi = k == T_IDENT || k == T_BREAK || k == T_CONTINUE || k == T_FALLTHROUGH ||
               k == T_RETURN;
    return k;
}

/* ---------------------------------------------------------------- numbers */

/* digits skips { digit | '_' } (hex digits in base 16); returns bit 0 if there was a
   digit, bit 1 if a '_'. In bases below 10 any decimal digit is taken, the offset (from
   start) of the first one too large going to *invalid (Go's scanner.digits). */
static int digits(sc_lexer *lx, size_t start, int base, size_t *invalid)
{
    int digsep = 0;
    for (;;) {
        int32_t c = peek(lx, NULL);
        if (c == '_')
            digsep |= 2;
        else if (base == 16 ? is_hex(c) : is_digit(c)) {
            digsep |= 1;
            if (base < 10 && c >= '0' + base && invalid && *invalid == NONE)
                *invalid = lx->off - start;
        } else
            return digsep;
        advance(lx);
    }
}

/* invalid_sep: the offset of the first '_' in the number s[0..n) that does not separate
   two digits (a base prefix counts as a digit), or NONE (Go's invalidSep) */
static size_t invalid_sep(const char *s, size_t n)
{
    int x1 = ' ', d = '.'; /* d: the previous character as '_', '0' (digit) or '.' (other) */
    size_t i = 0;
    if (n >= 2 && s[0] == '0') {
        x1 = lower((unsigned char)s[1]);
        if (x1 == 'x' || x1 == 'o' || x1 == 'b')
            d = '0', i = 2;
    }
    for (; i < n; i++) {
        int p = d;
        d = (unsigned char)s[i];
        if (d == '_') {
            if (p != '0')
                return i;
        } else if (is_digit(d) || (x1 == 'x' && is_hex(d)))
            d = '0';
        else {
            if (p == '_')
                return i - 1;
            d = '.';
        }
    }
    return d == '_' ? n - 1 : NONE;
}

/* number_prefix scans "0x", "0o", "0b" or a legacy octal "0"; returns the base and sets
   *prefix ('x', 'o', 'b', '0', or 0 for a decimal number) and *digsep */
static int number_prefix(sc_lexer *lx, int *prefix, int *digsep)
{
    *prefix = 0;
    if (peek(lx, NULL) != '0')
        return 10;
    advance(lx);
    int c = lower(peek(lx, NULL));
    if (c == 'x' || c == 'o' || c == 'b') {
        advance(lx);
        *prefix = c;
        return c == 'x' ? 16 : c == 'o' ? 8 : 2;
    }
    *prefix = '0';
    *digsep = 1; /* the leading 0 is a digit */
    return 8;
}

/* exponent scans an exponent at off if there is one ("e+10", "p-2"); returns whether
   there was; *ok is cleared when an error is reported */
static bool exponent(sc_lexer *lx, size_t start, int prefix, int *digsep, bool *ok)
{
    int32_t c = peek(lx, NULL);
    if (lower(c) != 'e' && lower(c) != 'p')
        return false;
    char q[16];
    if (*ok && lower(c) == 'e' && prefix != 0 && prefix != '0') {
        errorf(lx, here(lx), "%s exponent requires decimal mantissa", quote_rune(q, c));
        *ok = false;
    } else if (*ok && lower(c) == 'p' && prefix != 'x') {
        errorf(lx, here(lx), "%s exponent requires hexadecimal mantissa", quote_rune(q, c));
        *ok = false;
    }
    advance(lx);
    c = peek(lx, NULL);
    if (c == '+' || c == '-')
        advance(lx);
    *digsep = digits(lx, start, 10, NULL) | (*digsep & 2);
    if (!(*digsep & 1) && *ok) {
        errorf(lx, here(lx), "exponent has no digits");
        *ok = false;
    }
    return true;
}

/* number scans an integer, floating-point or imaginary literal (Go's scanner.number);
   seen_point: its leading '.' is already consumed */
static sc_tok number(sc_lexer *lx, const sc_token *t, size_t start, bool seen_point)
{
    bool ok = true;
    sc_tok kind = T_INT;
    int prefix = 0, digsep = 0;
    int base = 10;
    size_t invalid = NONE;
    if (!seen_point) {
        base = number_prefix(lx, &prefix, &digsep);
        digsep |= digits(lx, start, base, &invalid);
        if (peek(lx, NULL) == '.') {
            if (prefix == 'o' || prefix == 'b') {
                errorf(lx, here(lx), "invalid radix point in %s literal", base_name(base));
                ok = false;
            }
            advance(lx);
            seen_point = true;
        }
    }
    if (seen_point) {
        kind = T_FLOAT;
        digsep |= digits(lx, start, base, &invalid);
    }
    if (!(digsep & 1) && ok) {
        errorf(lx, here(lx), "%s literal has no digits", base_name(base));
        ok = false;
    }
    if (exponent(lx, start, prefix, &digsep, &ok))
        kind = T_FLOAT;
    else if (prefix == 'x' && kind == T_FLOAT && ok) {
        errorf(lx, here(lx), "hexadecimal mantissa requires a 'p' exponent");
        ok = false;
    }
    if (peek(lx, NULL) == 'i') {
        kind = T_IMAG;
        advance(lx);
    }
    const char *s = text_at(lx, start);
    size_t n = lx->off - start;
    if (kind == T_INT && invalid != NONE && invalid < n && ok) {
        char q[16];
        errorf(lx, at_col(t, invalid), "invalid digit %s in %s literal",
               quote_rune(q, (unsigned char)s[invalid]), base_name(base));
        ok = false;
    }
    size_t i;
    if ((digsep & 2) && ok && (i = invalid_sep(s, n)) != NONE)
        errorf(lx, at_col(t, i), "'_' must separate successive digits");
    lx->semi = true;
    return kind;
}

/* ---------------------------------------------------------------- runes and strings */

typedef enum esc_kind {
    ESC_BAD,  /* reported */
    ESC_EOF,  /* the source ended inside: the caller reports the literal unterminated */
    ESC_RUNE, /* a code point */
    ESC_BYTE  /* \x and octal escapes: a byte value */
} esc_kind;

/* simple_escape: the value of the one-character escape \c (c being a, b, f, n, r, t, v,
   backslash or the literal's quote), 0 if c is none of them */
static uint32_t simple_escape(int32_t c, int32_t quote)
{
    static const char esc[] = "a\a" "b\b" "f\f" "n\n" "r\r" "t\t" "v\v" "\\\\";
    if (c == quote)
        return (uint32_t)c;
    for (size_t i = 0; i + 1 < sizeof esc; i += 2)
        if (c == esc[i])
            return (unsigned char)esc[i + 1];
    return 0;
}

/* hex_value: the value of hex digit c, 16 if it is none */
static uint32_t hex_value(int32_t c)
{
    if (is_digit(c))
        return (uint32_t)(c - '0');
    if (lower(c) >= 'a' && lower(c) <= 'f')
        return (uint32_t)(lower(c) - 'a' + 10);
    return 16;
}

/* escape scans the escape after a backslash (consumed) in a literal quoted by quote;
   *val gets its value (Go's scanner.escape) */
static esc_kind escape(sc_lexer *lx, int32_t quote, uint32_t *val)
{
    int32_t c = peek(lx, NULL);
    int n;
    uint32_t base = 16, max = 0x10FFFF;
    esc_kind kind = ESC_RUNE;
    if ((*val = simple_escape(c, quote)) != 0) {
        advance(lx);
        return ESC_RUNE;
    }
    if (c >= '0' && c <= '7')
        n = 3, base = 8, max = 255, kind = ESC_BYTE;
    else if (c == 'x')
        n = 2, max = 255, kind = ESC_BYTE;
    else if (c == 'u' || c == 'U')
        n = c == 'u' ? 4 : 8;
    else if (c < 0)
        return ESC_EOF;
    else {
        errorf(lx, here(lx), MSG_UNKNOWN_ESCAPE);
        return ESC_BAD;
    }
    if (base == 16)
        advance(lx); /* past the x, u or U */
    uint32_t x = 0;  /* at most 8 hex digits: fits */
    for (; n > 0; n--) {
        c = peek(lx, NULL);
        if (c < 0)
            return ESC_EOF;
        uint32_t d = hex_value(c);
        if (d >= base) {
            char q[16];
            errorf(lx, here(lx), "invalid character %s in %s escape", quote_rune(q, c),
                   base_name((int)base));
            return ESC_BAD;
        }
        x = x * base + d;
        advance(lx);
    }
    if (x > max && base == 8) {
        errorf(lx, here(lx), "octal escape value %u > 255", (unsigned)x);
        return ESC_BAD;
    }
    if (x > max || (x >= 0xD800 && x < 0xE000)) {
        errorf(lx, here(lx), MSG_BAD_CODE_POINT);
        return ESC_BAD;
    }
    *val = x;
    return kind;
}

/* rune_lit scans a rune literal (Go's scanner.rune): only its first error is reported */
static sc_tok rune_lit(sc_lexer *lx, sc_token *t)
{
    bool ok = true;
    advance(lx);
    for (size_t n = 0;; n++) {
        int32_t c = peek(lx, NULL);
        if (c == '\'') {
            if (ok && n == 0)
                errorf(lx, here(lx), "empty rune literal or unescaped ' in rune literal");
            else if (ok && n != 1)
                errorf(lx, t->pos, "more than one character in rune literal");
            advance(lx);
            break;
        }
        if (c == '\\') {
            advance(lx);
            uint32_t v;
            esc_kind e = escape(lx, '\'', &v);
            ok = ok && e != ESC_BAD;
            if (n == 0 && (e == ESC_RUNE || e == ESC_BYTE))
                t->rune = (int32_t)v;
            continue;
        }
        if (c == '\n' || c < 0) {
            if (ok && c == '\n')
                errorf(lx, here(lx), "newline in rune literal");
            else if (ok)
                errorf(lx, t->pos, "rune literal not terminated");
            break;
        }
        if (n == 0)
            t->rune = c;
        advance(lx);
    }
    lx->semi = true;
    return T_CHAR;
}

/* string_lit scans an interpreted string literal into t->str (Go's scanner.stdString) */
static sc_tok string_lit(sc_lexer *lx, sc_token *t)
{
    strbuf b = {0};
    advance(lx);
    for (;;) {
        size_t w;
        int32_t c = peek(lx, &w);
        if (c == '"') {
            advance(lx);
            break;
        }
        if (c == '\\') {
            advance(lx);
            uint32_t v;
            char u[4];
            esc_kind e = escape(lx, '"', &v);
            if (e == ESC_BYTE) { /* a byte even above 0x7F: "\xff" is not U+00FF */
                u[0] = (char)v;
                buf_add(&b, u, 1);
            } else if (e == ESC_RUNE)
                buf_add(&b, u, encode_utf8(u, v));
            continue;
        }
        if (c == '\n') { /* left for the next token: it ends the statement */
            errorf(lx, here(lx), "newline in string");
            break;
        }
        if (c < 0) {
            errorf(lx, t->pos, MSG_STRING_UNTERMINATED);
            break;
        }
        buf_add(&b, text_at(lx, lx->off), w);
        advance(lx);
    }
    set_str(t, &b);
    lx->semi = true;
    return T_STRING;
}

/* raw_string scans a raw string literal; its value drops carriage returns (Go spec) */
static sc_tok raw_string(sc_lexer *lx, sc_token *t)
{
    strbuf b = {0};
    advance(lx);
    for (;;) {
        size_t w;
        int32_t c = peek(lx, &w);
        if (c == '`') {
            advance(lx);
            break;
        }
        if (c < 0) {
            errorf(lx, t->pos, MSG_RAW_UNTERMINATED);
            break;
        }
        if (c != '\r')
            buf_add(&b, text_at(lx, lx->off), w);
        advance(lx);
    }
    set_str(t, &b);
    lx->semi = true;
    return T_STRING;
}

/* ---------------------------------------------------------------- operators */

/* punct scans the longest operator or punctuation at off (their spellings are
   SC_TOKENS' texts from T_ADD to T_COLON); T_ILLEGAL if none */
static sc_tok punct(sc_lexer *lx)
{
    sc_tok best = T_ILLEGAL;
    size_t best_n = 0, rest = lx->src->len - lx->off;
    for (int k = T_ADD; k <= T_COLON; k++) {
        const char *s = sc_tok_text((sc_tok)k);
        size_t n = strlen(s);
        if (n > best_n && n <= rest && memcmp(text_at(lx, lx->off), s, n) == 0)
            best = (sc_tok)k, best_n = n;
    }
    for (size_t i = 0; i < best_n; i++) /* ASCII, no newline: one advance a byte */
        advance(lx);
    lx->semi = best == T_INC || best == T_DEC || best == T_RPAREN || best == T_RBRACK ||
               best == T_RBRACE;
    return best;
}

/* ---------------------------------------------------------------- tokens */

/* scan scans the token starting with c at off (start) into t; returns its kind */
static sc_tok scan(sc_lexer *lx, sc_token *t, size_t start, int32_t c)
{
    if (is_letter(c) || c >= 0x80)
        return ident(lx, start);
    if (is_digit(c))
        return number(lx, t, start, false);
    if (c == '.' && is_digit(byte_at(lx, 1))) {
        advance(lx);
        return number(lx, t, start, true);
    }
    if (c == '"')
        return string_lit(lx, t);
    if (c == '`')
        return raw_string(lx, t);
    if (c == '\'')
        return rune_lit(lx, t);
    sc_tok k = punct(lx);
    if (k == T_ILLEGAL) {
        char d[24];
        errorf(lx, t->pos, "invalid character %s", unicode_desc(d, c));
        advance(lx);
    }
    return k;
}

void sc_lex_init(sc_lexer *lx, const sc_source *src, sc_diags *diags)
{
    *lx = (sc_lexer){.src = src, .diags = diags, .off = 0, .line = 1, .col = 1, .semi = false};
    /* a byte order mark is allowed as the very first character only */
    if (src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0) {
        lx->off = 3;
        lx->col = 4; /* Go counts its bytes in the columns */
    }
    skip_bad(lx);
}

static sc_token inserted_semi(sc_pos pos)
{
    return (sc_token){.kind = T_SEMICOLON, .pos = pos, .text = "\n", .len = 1};
}

sc_token sc_lex_next(sc_lexer *lx)
{
    bool semi = lx->semi; /* the token before asks for a semicolon at a line end */
    lx->semi = false;
    for (;;) {
        skip_space(lx, semi);
        size_t start = lx->off;
        sc_token t = {.pos = here(lx), .text = text_at(lx, start)};
        int32_t c = peek(lx, NULL);
        if (c < 0 && !semi) {
            t.kind = T_EOF;
            return t;
        }
        if (c < 0 || c == '\n') { /* a newline here can only be one that ends a statement */
            advance(lx);
            return inserted_semi(t.pos);
        }
        if (c == '/' && (byte_at(lx, 1) == '/' || byte_at(lx, 1) == '*')) {
            if (skip_comment(lx, t.pos) && semi)
                return inserted_semi(t.pos);
            continue;
        }
        t.kind = scan(lx, &t, start, c);
        /* Go drops an invalid character without a token: the semicolon state stays, so a
           parser that skips T_ILLEGAL sees what Go's parser sees */
        if (t.kind == T_ILLEGAL)
            lx->semi = semi;
        t.len = lx->off - start;
        return t;
    }
}
