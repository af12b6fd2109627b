/*
 * fmt.c — Go 1.19's fmt/print.go over interpreter values: Sprint, Sprintln and Sprintf
 * (flags, width and precision, `*` operands, [n] argument indexes), the per-verb dispatch
 * for basic kinds, String / Error / GoString methods (handleMethods), and the error forms
 * %!d(string=hi), %!d(MISSING), %!(EXTRA int=1), %!(BADWIDTH), %!(BADPREC), %!d(BADINDEX)
 * and %!(NOVERB). Composite values (structs, slices, maps, pointers, interfaces) are
 * fmt_value.c; one operand's layout under the flags is fmt_verb.c.
 *
 * Methods are called through the caller's env (fmt.h). Go's fmt recovers a panicking
 * String method and prints %!v(PANIC=String method: ...); we cannot catch the
 * interpreter's panics, so a panicking method panics the program — except the one case
 * Go's programs meet in practice, a value method reached through a nil pointer, which Go
 * prints as <nil> and we do too without calling it.
 */
#include "config.h"
#include "sim/vm/fmt_internal.h"

enum { TOO_LARGE = 1000000 }; /* widths, precisions and indexes beyond this are errors */

/* ---------------------------------------------------------------- methods */

const vm_method *vm__find_method(const vm_type *t, const char *name)
{
    const vm_method *ms = t->methods;
    int n = t->nmethods;
    if (t->kind == K_POINTER && !t->named && t->elem) { /* *T has T's and *T's methods */
        ms = t->elem->ptr_methods;
        n = t->elem->nptr_methods;
    }
    for (int i = 0; i < n; i++)
        if (!strcmp(ms[i].name, name))
            return &ms[i];
    return NULL;
}

/* call_method formats the result of the operand's method name (String, Error or
   GoString) with verb; false if it has no such method (then fmt goes on without it). */
static bool call_method(vm__pp *p, const char *name, int verb)
{
    fmt_val a = p->arg;
    const vm_method *m = vm__find_method(a.t, name);
    if (!m)
        return false;
    if (a.t->kind == K_POINTER && !vm__load_ptr(a.p) && !m->ptr_recv) {
        /* Go's wrapper panics on the nil *T and fmt's catchPanic prints <nil> */
        vm_buf_puts(p->f.buf, "<nil>");
        return true;
    }
    vm_string s;
    if (!p->env || !p->env->call_method ||
        !p->env->call_method(p->env->ctx, a.t, a.p, name, &s))
        return false;
    if (verb == 'G') /* GoString: %#v shows it as it is */
        vm__fmt_s(&p->f, s.ptr, (size_t)s.len);
    else
        vm__fmt_string(p, s.ptr, (size_t)s.len, verb);
    return true;
}

/* vm__handle_methods is Go's handleMethods: Error, then String, for %v %s %x %X %q
   without '#'; GoString for %#v. Sprintf never wraps errors, so %w is a bad verb. */
bool vm__handle_methods(vm__pp *p, int verb)
{
    if (p->erroring)
        return false;
    if (verb == 'w') {
        vm__bad_verb(p, verb);
        return true;
    }
    if (!p->arg.t)
        return false;
    if (p->f.sharp_v)
        return call_method(p, "GoString", 'G');
    switch (verb) {
    case 'v': case 's': case 'x': case 'X': case 'q':
        return call_method(p, "Error", verb) || call_method(p, "String", verb);
    }
    return false;
}

/* ---------------------------------------------------------------- operands */

static void print_arg(vm__pp *p, fmt_val arg, int verb);

/* vm__bad_verb writes %!verb(type=value), or %!verb(<nil>) for a nil operand. */
void vm__bad_verb(vm__pp *p, int verb)
{
    vm_buf *b = p->f.buf;
    p->erroring = true;
    vm_buf_puts(b, "%!");
    vm__buf_rune(b, verb);
    vm_buf_putc(b, '(');
    if (p->arg.t) {
        vm_buf_puts(b, p->arg.t->name);
        vm_buf_putc(b, '=');
        print_arg(p, p->arg, 'v');
    } else if (p->value.t) {
        vm_buf_puts(b, p->value.t->name);
        vm_buf_putc(b, '=');
        vm__print_value(p, p->value, 'v', 0);
    } else {
        vm_buf_puts(b, "<nil>");
    }
    vm_buf_putc(b, ')');
    p->erroring = false;
}

void vm__fmt_bool(vm__pp *p, bool v, int verb)
{
    if (verb == 't' || verb == 'v')
        vm__fmt_boolean(&p->f, v);
    else
        vm__bad_verb(p, verb);
}

/* vm__fmt_0x64 is v in hex, with 0x when leading0x, whatever the '#' flag says. */
void vm__fmt_0x64(vm__pp *p, uint64_t v, bool leading0x)
{
    bool sharp = p->f.sharp;
    p->f.sharp = leading0x;
    vm__fmt_integer(&p->f, v, 16, false, 'v', false);
    p->f.sharp = sharp;
}

void vm__fmt_int(vm__pp *p, uint64_t v, bool is_signed, int verb)
{
    vm__fmt *f = &p->f;
    switch (verb) {
    case 'v':
        if (f->sharp_v && !is_signed)
            vm__fmt_0x64(p, v, true); /* %#v of unsigned integers is hex */
        else
            vm__fmt_integer(f, v, 10, is_signed, verb, false);
        return;
    case 'd': vm__fmt_integer(f, v, 10, is_signed, verb, false); return;
    case 'b': vm__fmt_integer(f, v, 2, is_signed, verb, false); return;
    case 'o': case 'O': vm__fmt_integer(f, v, 8, is_signed, verb, false); return;
    case 'x': vm__fmt_integer(f, v, 16, is_signed, verb, false); return;
    case 'X': vm__fmt_integer(f, v, 16, is_signed, verb, true); return;
    case 'c': vm__fmt_c(f, v); return;
    case 'q': vm__fmt_qc(f, v); return;
    case 'U': vm__fmt_unicode(f, v); return;
    default: vm__bad_verb(p, verb);
    }
}

void vm__fmt_float_verb(vm__pp *p, double v, int size, int verb)
{
    switch (verb) {
    case 'v': vm__fmt_float(&p->f, v, size, 'g', -1); return;
    case 'b': case 'g': case 'G': case 'x': case 'X':
        vm__fmt_float(&p->f, v, size, verb, -1);
        return;
    case 'f': case 'e': case 'E': vm__fmt_float(&p->f, v, size, verb, 6); return;
    case 'F': vm__fmt_float(&p->f, v, size, 'f', 6); return;
    default: vm__bad_verb(p, verb);
    }
}

void vm__fmt_string(vm__pp *p, const uint8_t *s, size_t n, int verb)
{
    switch (verb) {
    case 'v':
        if (p->f.sharp_v)
            vm__fmt_q(&p->f, s, n);
        else
            vm__fmt_s(&p->f, s, n);
        return;
    case 's': vm__fmt_s(&p->f, s, n); return;
    case 'x': vm__fmt_sbx(&p->f, s, n, false); return;
    case 'X': vm__fmt_sbx(&p->f, s, n, true); return;
    case 'q': vm__fmt_q(&p->f, s, n); return;
    default: vm__bad_verb(p, verb);
    }
}

/* vm__fmt_bytes is fmtBytes for the verbs that treat a byte slice or array as a string
   (printValue sends only %s %q %x %X here). */
void vm__fmt_bytes(vm__pp *p, const uint8_t *s, size_t n, int verb)
{
    switch (verb) {
    case 's': vm__fmt_s(&p->f, s, n); return;
    case 'x': vm__fmt_sbx(&p->f, s, n, false); return;
    case 'X': vm__fmt_sbx(&p->f, s, n, true); return;
    default: vm__fmt_q(&p->f, s, n); return;
    }
}

static bool pointer_kind(sc_kind k)
{
    return k == K_CHAN || k == K_FUNC || k == K_MAP || k == K_POINTER || k == K_SLICE ||
           k == K_UNSAFE_POINTER;
}

/* fmt_pointer_v is %v of a pointer-like value: 0xc000010000, <nil>, or with %#v
   (*main.T)(0xc000010000) and (*main.T)(nil). */
static void fmt_pointer_v(vm__pp *p, fmt_val v, uint64_t u)
{
    vm_buf *b = p->f.buf;
    if (!p->f.sharp_v) {
        if (u)
            vm__fmt_0x64(p, u, !p->f.sharp);
        else
            vm__fmt_pad(&p->f, "<nil>", 5);
        return;
    }
    vm_buf_putc(b, '(');
    vm_buf_puts(b, v.t->name);
    vm_buf_puts(b, ")(");
    if (u)
        vm__fmt_0x64(p, u, true);
    else
        vm_buf_puts(b, "nil");
    vm_buf_putc(b, ')');
}

void vm__fmt_pointer(vm__pp *p, fmt_val v, int verb)
{
    if (!pointer_kind(v.t->kind)) {
        vm__bad_verb(p, verb);
        return;
    }
    uint64_t u = vm__pointer_of(v);
    switch (verb) {
    case 'v': fmt_pointer_v(p, v, u); return;
    case 'p': vm__fmt_0x64(p, u, !p->f.sharp); return;
    case 'b': case 'o': case 'd': case 'x': case 'X': vm__fmt_int(p, u, false, verb); return;
    default: vm__bad_verb(p, verb);
    }
}

/* is_byte_slice reports whether t is the unnamed []byte, which printArg formats itself
   (so %#v says []byte{...} where reflect would say []uint8). */
static bool is_byte_slice(const vm_type *t)
{
    return t->kind == K_SLICE && !t->named && t->elem->kind == K_UINT8 && !t->elem->named;
}

/* bytes_v is fmtBytes for %v and %d: [1 2 3], or []byte{0x1, 0x2, 0x3} with %#v. */
static void bytes_v(vm__pp *p, const vm_slice *s, int verb)
{
    vm_buf *b = p->f.buf;
    const uint8_t *v = s->ptr;
    if (p->f.sharp_v) {
        vm_buf_puts(b, "[]byte");
        if (!v) {
            vm_buf_puts(b, "(nil)");
            return;
        }
        vm_buf_putc(b, '{');
        for (int64_t i = 0; i < s->len; i++) {
            if (i > 0)
                vm_buf_puts(b, ", ");
            vm__fmt_0x64(p, v[i], true);
        }
        vm_buf_putc(b, '}');
        return;
    }
    vm_buf_putc(b, '[');
    for (int64_t i = 0; i < s->len; i++) {
        if (i > 0)
            vm_buf_putc(b, ' ');
        vm__fmt_integer(&p->f, v[i], 10, false, verb, false);
    }
    vm_buf_putc(b, ']');
}

/* byte_slice_arg is printArg's case []byte. */
static void byte_slice_arg(vm__pp *p, fmt_val arg, int verb)
{
    const vm_slice *s = arg.p;
    switch (verb) {
    case 'v': case 'd': bytes_v(p, s, verb); return;
    case 's': case 'x': case 'X': case 'q':
        vm__fmt_bytes(p, s->ptr, (size_t)s->len, verb);
        return;
    default: vm__print_value(p, arg, verb, 0);
    }
}

/* print_arg is printArg: one operand (an interface value) with verb. */
static void print_arg(vm__pp *p, fmt_val arg, int verb)
{
    p->arg = arg;
    p->value = (fmt_val){0};
    if (!arg.t) {
        if (verb == 'T' || verb == 'v')
            vm__fmt_pad(&p->f, "<nil>", 5);
        else
            vm__bad_verb(p, verb);
        return;
    }
    if (verb == 'T') {
        vm__fmt_s(&p->f, (const uint8_t *)arg.t->name, strlen(arg.t->name));
        return;
    }
    if (verb == 'p') {
        vm__fmt_pointer(p, arg, 'p');
        return;
    }
    if (is_byte_slice(arg.t)) { /* no methods: Go's type switch takes it first */
        byte_slice_arg(p, arg, verb);
        return;
    }
    if (!vm__handle_methods(p, verb))
        vm__print_value(p, arg, verb, 0);
}

/* arg_val is operand i as fmt sees it; an interface-typed operand (not made by the
   interpreter's ...any conversion, but tolerated) stands for its dynamic value. */
static fmt_val arg_val(const vm_iface *a)
{
    if (!a->type)
        return (fmt_val){0};
    if (a->type->kind == K_INTERFACE)
        return vm__iface_elem(a->data, false);
    return (fmt_val){a->type, vm_iface_value(a), false};
}

static void pp_init(vm__pp *p, vm_buf *b, const vm_fmt_env *env)
{
    *p = (vm__pp){.env = env};
    p->f.buf = b;
}

/* ---------------------------------------------------------------- Print, Println */

void vm_sprint(vm_buf *b, const vm_fmt_env *env, const vm_iface *args, int n)
{
    vm__pp p;
    pp_init(&p, b, env);
    bool prev_string = false;
    for (int i = 0; i < n; i++) {
        fmt_val a = arg_val(&args[i]);
        bool is_string = a.t && a.t->kind == K_STRING;
        if (i > 0 && !is_string && !prev_string)
            vm_buf_putc(b, ' '); /* a space only between two non-strings */
        print_arg(&p, a, 'v');
        prev_string = is_string;
    }
}

void vm_sprintln(vm_buf *b, const vm_fmt_env *env, const vm_iface *args, int n)
{
    vm__pp p;
    pp_init(&p, b, env);
    for (int i = 0; i < n; i++) {
        if (i > 0)
            vm_buf_putc(b, ' ');
        print_arg(&p, arg_val(&args[i]), 'v');
    }
    vm_buf_putc(b, '\n');
}

/* ---------------------------------------------------------------- Printf */

/* Printf's cursor over the format and the operands. */
typedef struct pf {
    const uint8_t *s;
    size_t end, i;
    const vm_iface *args;
    int nargs, argnum;
    bool after_index;  /* the previous item was an index like [3] */
} pf;

static bool too_large(int64_t x) { return x > TOO_LARGE || x < -TOO_LARGE; }

/* parsenum reads a decimal number at s[start..end); *i is where it stopped (end for an
   absurdly long one). */
static bool parsenum(const uint8_t *s, size_t start, size_t end, int *num, size_t *i)
{
    bool isnum = false;
    *num = 0;
    for (*i = start; *i < end && s[*i] >= '0' && s[*i] <= '9'; (*i)++) {
        if (too_large(*num)) {
            *num = 0;
            *i = end;
            return false;
        }
        *num = *num * 10 + (s[*i] - '0');
        isnum = true;
    }
    return isnum;
}

/* int_value reads an integer operand for `*`: any integer kind that fits an int. */
static bool int_value(fmt_val a, int64_t *num)
{
    *num = 0;
    if (!a.t || !vm__kind_is_int(a.t->kind))
        return false;
    uint64_t u = vm__load_int(a.t, a.p);
    if (vm__kind_is_unsigned(a.t->kind) && (int64_t)u < 0)
        return false;
    *num = (int64_t)u;
    return true;
}

/* int_from_arg is intFromArg: the operand for a `*` width or precision. */
static bool int_from_arg(pf *s, int *num)
{
    int64_t v = 0;
    bool ok = false;
    if (s->argnum < s->nargs) {
        ok = int_value(arg_val(&s->args[s->argnum]), &v);
        s->argnum++;
        if (too_large(v)) {
            v = 0;
            ok = false;
        }
    }
    *num = (int)v;
    return ok;
}

/* parse_arg_number reads "[n]" at s[i..]: *index is n-1, *wid the bytes it spans. */
static bool parse_arg_number(const uint8_t *s, size_t i, size_t end, int *index, size_t *wid)
{
    *index = 0;
    *wid = 1;
    if (end - i < 3)
        return false;
    for (size_t j = i + 1; j < end; j++) {
        if (s[j] != ']')
            continue;
        int width;
        size_t newi;
        bool ok = parsenum(s, i + 1, j, &width, &newi);
        *wid = j - i + 1;
        if (!ok || newi != j)
            return false;
        *index = width - 1;
        return true;
    }
    return false;
}

/* arg_number is argNumber: an optional [n] before a width, precision or verb. */
static void arg_number(vm__pp *p, pf *s)
{
    s->after_index = false;
    if (s->i >= s->end || s->s[s->i] != '[')
        return;
    p->reordered = true;
    int index;
    size_t wid;
    bool ok = parse_arg_number(s->s, s->i, s->end, &index, &wid);
    s->i += wid;
    if (ok && index >= 0 && index < s->nargs) {
        s->argnum = index;
        s->after_index = true;
        return;
    }
    p->good_arg_num = false;
    s->after_index = ok;
}

/* set_v_flags: %v turns '#' and '+' into %#v and %+v. */
static void set_v_flags(vm__fmt *f)
{
    f->sharp_v = f->sharp;
    f->sharp = false;
    f->plus_v = f->plus;
    f->plus = false;
}

/* simple_format reads the flags; true if it also printed a plain verb (the fast path). */
static bool simple_format(vm__pp *p, pf *s)
{
    vm__fmt *f = &p->f;
    for (; s->i < s->end; s->i++) {
        uint8_t c = s->s[s->i];
        switch (c) {
        case '#': f->sharp = true; break;
        case '0': f->zero = !f->minus; break; /* only pad with zeros on the left */
        case '+': f->plus = true; break;
        case '-': f->minus = true; f->zero = false; break;
        case ' ': f->space = true; break;
        default:
            if (c < 'a' || c > 'z' || s->argnum >= s->nargs)
                return false;
            if (c == 'v')
                set_v_flags(f);
            print_arg(p, arg_val(&s->args[s->argnum++]), c);
            s->i++;
            return true;
        }
    }
    return false;
}

/* parse_width reads `*` or a number, after an optional [n]. */
static void parse_width(vm__pp *p, pf *s)
{
    vm__fmt *f = &p->f;
    arg_number(p, s);
    if (s->i < s->end && s->s[s->i] == '*') {
        s->i++;
        f->wid_present = int_from_arg(s, &f->wid);
        if (!f->wid_present)
            vm_buf_puts(f->buf, "%!(BADWIDTH)");
        if (f->wid < 0) { /* a negative `*` width means '-' */
            f->wid = -f->wid;
            f->minus = true;
            f->zero = false;
        }
        s->after_index = false;
        return;
    }
    f->wid_present = parsenum(s->s, s->i, s->end, &f->wid, &s->i);
    if (s->after_index && f->wid_present) /* "%[3]2d" */
        p->good_arg_num = false;
}

/* parse_prec reads ".", then `*` or a number, after an optional [n]. */
static void parse_prec(vm__pp *p, pf *s)
{
    vm__fmt *f = &p->f;
    if (!(s->i + 1 < s->end && s->s[s->i] == '.'))
        return;
    s->i++;
    if (s->after_index) /* "%[3].2d" */
        p->good_arg_num = false;
    arg_number(p, s);
    if (s->i < s->end && s->s[s->i] == '*') {
        s->i++;
        f->prec_present = int_from_arg(s, &f->prec);
        if (f->prec < 0) {
            f->prec = 0;
            f->prec_present = false;
        }
        if (!f->prec_present)
            vm_buf_puts(f->buf, "%!(BADPREC)");
        s->after_index = false;
        return;
    }
    f->prec_present = parsenum(s->s, s->i, s->end, &f->prec, &s->i);
    if (!f->prec_present) { /* "%.d" is precision 0 */
        f->prec = 0;
        f->prec_present = true;
    }
}

/* print_verb handles the verb after the flags, width and precision. */
static void print_verb(vm__pp *p, pf *s, int32_t verb)
{
    vm_buf *b = p->f.buf;
    if (verb == '%') { /* absorbs no operand, ignores width and precision */
        vm_buf_putc(b, '%');
    } else if (!p->good_arg_num) {
        vm_buf_puts(b, "%!");
        vm__buf_rune(b, verb);
        vm_buf_puts(b, "(BADINDEX)");
    } else if (s->argnum >= s->nargs) {
        vm_buf_puts(b, "%!");
        vm__buf_rune(b, verb);
        vm_buf_puts(b, "(MISSING)");
    } else {
        if (verb == 'v')
            set_v_flags(&p->f);
        print_arg(p, arg_val(&s->args[s->argnum++]), verb);
    }
}

/* directive handles one %-directive after its flags; false at a format's end (NOVERB). */
static bool directive(vm__pp *p, pf *s)
{
    parse_width(p, s);
    parse_prec(p, s);
    if (!s->after_index)
        arg_number(p, s);
    if (s->i >= s->end) {
        vm_buf_puts(p->f.buf, "%!(NOVERB)");
        return false;
    }
    int32_t verb = s->s[s->i];
    int size = 1;
    if (verb >= 0x80)
        size = vm__utf8_decode(s->s + s->i, s->end - s->i, &verb);
    s->i += (size_t)size;
    print_verb(p, s, verb);
    return true;
}

/* extra_args writes %!(EXTRA type=value, ...) for operands no verb used. */
static void extra_args(vm__pp *p, const pf *s)
{
    vm_buf *b = p->f.buf;
    vm__fmt_clear_flags(&p->f);
    vm_buf_puts(b, "%!(EXTRA ");
    for (int i = s->argnum; i < s->nargs; i++) {
        if (i > s->argnum)
            vm_buf_puts(b, ", ");
        fmt_val a = arg_val(&s->args[i]);
        if (!a.t) {
            vm_buf_puts(b, "<nil>");
            continue;
        }
        vm_buf_puts(b, a.t->name);
        vm_buf_putc(b, '=');
        print_arg(p, a, 'v');
    }
    vm_buf_putc(b, ')');
}

void vm_sprintf(vm_buf *b, const vm_fmt_env *env, const uint8_t *format, size_t flen,
                const vm_iface *args, int n)
{
    vm__pp p;
    pp_init(&p, b, env);
    pf s = {format, flen, 0, args, n, 0, false};
    while (s.i < s.end) {
        p.good_arg_num = true;
        size_t lasti = s.i;
        while (s.i < s.end && format[s.i] != '%')
            s.i++;
        vm_buf_put(b, format + lasti, s.i - lasti);
        if (s.i >= s.end)
            break;
        s.i++; /* the '%' */
        vm__fmt_clear_flags(&p.f);
        if (simple_format(&p, &s))
            continue;
        if (!directive(&p, &s))
            break;
    }
    if (!p.reordered && s.argnum < n)
        extra_args(&p, &s);
}
