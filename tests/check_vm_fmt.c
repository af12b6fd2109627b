/*
 * check_vm_fmt.c — sim/vm's formatting (fmt.h) against Go 1.19: every expected string
 * below was printed by Go 1.19 itself (go run), except addresses, which are computed from
 * the test's own pointers. Values are built by hand: vm_type descriptors laid out as
 * rtype.c lays them out, and methods as native entries that this file's call_method
 * implements. Maps need a running gorsim (hmap iteration runs on a goroutine): the map
 * tests run their body as the main goroutine of a fresh runtime, heap and map context.
 */
#include "config.h"
#include "sim/vm/fmt_internal.h"
#include "maps/maps.h"
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* ---------------------------------------------------------------- types */

static const uint8_t mask1[] = {0x1}, mask2[] = {0x2};

#define BASIC(id, k, sz, nm)                                                                \
    static const vm_type id = {.kind = k, .name = nm, .size = sz, .align = sz, .words = 1,  \
                               .gc = {sz, 0, NULL, nm}, .comparable = true}
BASIC(t_bool, K_BOOL, 1, "bool");
BASIC(t_int, K_INT, 8, "int");
BASIC(t_int8, K_INT8, 1, "int8");
BASIC(t_uint8, K_UINT8, 1, "uint8");
BASIC(t_uint64, K_UINT64, 8, "uint64");
BASIC(t_float64, K_FLOAT64, 8, "float64");
#undef BASIC
static const vm_type t_string = {.kind = K_STRING, .name = "string", .size = 16, .align = 8,
                                 .words = 2, .gc = {16, 8, mask1, "string"}};
static const vm_type t_any = {.kind = K_INTERFACE, .name = "interface {}", .size = 16,
                              .align = 8, .words = 2, .gc = {16, 16, mask2, "any"}};
static const vm_type t_error = {.kind = K_INTERFACE, .name = "error", .size = 16, .align = 8,
                                .words = 2, .named = true};

#define SLICE(id, nm, el) \
    static const vm_type id = {.kind = K_SLICE, .name = nm, .size = 24, .align = 8, \
                               .words = 3, .elem = el}
#define PTR(id, nm, el) \
    static const vm_type id = {.kind = K_POINTER, .name = nm, .size = 8, .align = 8, \
                               .words = 1, .elem = el, .gc = {8, 8, mask1, nm}}
SLICE(t_ints, "[]int", &t_int);
SLICE(t_bytes, "[]uint8", &t_uint8);
SLICE(t_anys, "[]interface {}", &t_any);
PTR(t_pint, "*int", &t_int);

/* named basic types: main.celsius, main.S, main.I, main.F, main.B */
static const vm_type t_celsius = {.kind = K_FLOAT64, .name = "main.celsius", .size = 8,
                                  .align = 8, .words = 1, .named = true};
static const vm_type t_S = {.kind = K_STRING, .name = "main.S", .size = 16, .align = 8,
                            .words = 2, .named = true, .gc = {16, 8, mask1, "main.S"}};
static const vm_type t_I = {.kind = K_INT, .name = "main.I", .size = 8, .align = 8,
                            .words = 1, .named = true, .gc = {8, 0, NULL, "main.I"}};
static const vm_type t_B = {.kind = K_BOOL, .name = "main.B", .size = 1, .align = 1,
                            .words = 1, .named = true};
static const vm_type t_namedbytes = {.kind = K_SLICE, .name = "main.B", .size = 24,
                                     .align = 8, .words = 3, .elem = &t_uint8, .named = true};

/* type T struct { A int; B string } */
typedef struct T { int64_t a; vm_string b; } T;
static const vm_field T_fields[] = {{"A", &t_int, 0, false}, {"B", &t_string, 8, false}};
static const vm_type t_T = {.kind = K_STRUCT, .name = "main.T", .size = 24, .align = 8,
                            .words = 3, .fields = T_fields, .nfields = 2, .named = true,
                            .gc = {24, 16, mask2, "main.T"}};
PTR(t_pT, "*main.T", &t_T);
PTR(t_ppT, "**main.T", &t_pT);
SLICE(t_pTs, "[]*main.T", &t_pT);
static const vm_type t_arr2 = {.kind = K_ARRAY, .name = "[2]int", .size = 16, .align = 8,
                               .words = 2, .elem = &t_int, .len = 2, .gc = {16, 0, NULL, "[2]int"}};
PTR(t_parr2, "*[2]int", &t_arr2);

/* type Outer struct { T; N int } */
static const vm_field Outer_fields[] = {{"T", &t_T, 0, true}, {"N", &t_int, 24, false}};
static const vm_type t_Outer = {.kind = K_STRUCT, .name = "main.Outer", .size = 32,
                                .align = 8, .words = 4, .fields = Outer_fields, .nfields = 2,
                                .named = true};

/* type E struct { msg string }, func (E) Error() string */
static const vm_method E_methods[] = {{"Error", NULL, "E.Error", false}};
static const vm_field E_fields[] = {{"msg", &t_string, 0, false}};
static const vm_type t_E = {.kind = K_STRUCT, .name = "main.E", .size = 16, .align = 8,
                            .words = 2, .fields = E_fields, .nfields = 1, .named = true,
                            .methods = E_methods, .nmethods = 1, .ptr_methods = E_methods,
                            .nptr_methods = 1, .gc = {16, 8, mask1, "main.E"}};
PTR(t_pE, "*main.E", &t_E);
SLICE(t_pEs, "[]*main.E", &t_pE);

/* type P struct { n int }, func (*P) String() string */
static const vm_method P_ptr_methods[] = {{"String", NULL, "P.String", true}};
static const vm_field P_fields[] = {{"n", &t_int, 0, false}};
static const vm_type t_P = {.kind = K_STRUCT, .name = "main.P", .size = 8, .align = 8,
                            .words = 1, .fields = P_fields, .nfields = 1, .named = true,
                            .ptr_methods = P_ptr_methods, .nptr_methods = 1};
PTR(t_pP, "*main.P", &t_P);
SLICE(t_pPs, "[]*main.P", &t_pP);

/* time.Duration with its String method; type V struct { d, D time.Duration } */
static const vm_method Dur_methods[] = {{"String", NULL, "Duration.String", false}};
static const vm_type t_dur = {.kind = K_INT64, .name = "time.Duration", .size = 8,
                              .align = 8, .words = 1, .named = true, .methods = Dur_methods,
                              .nmethods = 1, .ptr_methods = Dur_methods, .nptr_methods = 1};
static const vm_field V_fields[] = {{"d", &t_dur, 0, false}, {"D", &t_dur, 8, false}};
static const vm_type t_V = {.kind = K_STRUCT, .name = "main.V", .size = 16, .align = 8,
                            .words = 2, .fields = V_fields, .nfields = 2, .named = true};

/* type Both struct{} with Error and String */
static const vm_method Both_methods[] = {{"Error", NULL, "Both.Error", false},
                                         {"String", NULL, "Both.String", false}};
static const vm_type t_Both = {.kind = K_STRUCT, .name = "main.Both", .size = 0, .align = 1,
                               .words = 0, .named = true, .methods = Both_methods,
                               .nmethods = 2, .ptr_methods = Both_methods, .nptr_methods = 2};

/* ---------------------------------------------------------------- methods and values */

/* ctx of call_method: the strings methods returned, freed after each check */
typedef struct mctx {
    char *strs[64];
    int n, calls;
} mctx;

static const char *duration_string(int64_t d)
{
    return d == 1000000000 ? "1s" : d == 1500000 ? "1.5ms" : "?";
}

static bool call_method(void *ctx, const vm_type *t, const void *p, const char *name,
                        vm_string *out)
{
    mctx *c = ctx;
    const vm_method *m = vm__find_method(t, name);
    if (!m)
        return false;
    char buf[128];
    if (!strcmp(m->native, "E.Error")) {
        const vm_string *msg = t->kind == K_POINTER ? vm__load_ptr(p) : p;
        ck_assert_ptr_nonnull(msg); /* fmt must not call a value method on nil */
        snprintf(buf, sizeof buf, "E:%.*s", (int)msg->len, (const char *)msg->ptr);
    } else if (!strcmp(m->native, "P.String")) {
        const int64_t *n = vm__load_ptr(p);
        snprintf(buf, sizeof buf, "P%lld", (long long)*n);
    } else if (!strcmp(m->native, "Duration.String")) {
        snprintf(buf, sizeof buf, "%s", duration_string(*(const int64_t *)p));
    } else {
        snprintf(buf, sizeof buf, "%s", !strcmp(m->native, "Both.Error") ? "err" : "str");
    }
    ck_assert_int_lt(c->n, 64);
    c->strs[c->n] = strdup(buf);
    *out = (vm_string){(const uint8_t *)c->strs[c->n], (int64_t)strlen(buf)};
    c->n++;
    c->calls++;
    return true;
}

/* boxes made by the value helpers; freed by the fixture */
typedef struct arena {
    void *p[512];
    int n;
} arena;
static arena boxes;

static void *keep(void *p)
{
    ck_assert_int_lt(boxes.n, 512);
    return boxes.p[boxes.n++] = p;
}

static void free_boxes(void)
{
    while (boxes.n)
        free(boxes.p[--boxes.n]);
}

/* V boxes the value of type t at v as an interface (pointer-shaped: stored directly). */
static vm_iface V(const vm_type *t, const void *v)
{
    if (vm_pointer_shaped(t))
        return (vm_iface){t, vm__load_ptr(v)};
    void *b = keep(calloc(1, t->size ? (size_t)t->size : 1));
    memcpy(b, v, (size_t)t->size);
    return (vm_iface){t, b};
}

static vm_string str(const char *s) { return (vm_string){(const uint8_t *)s, (int64_t)strlen(s)}; }
static vm_iface VI(int64_t v) { return V(&t_int, &v); }
static vm_iface VF(double v) { return V(&t_float64, &v); }
static vm_iface VS(const char *s) { vm_string x = str(s); return V(&t_string, &x); }
static vm_iface VSN(const char *s, size_t n)
{
    vm_string x = {(const uint8_t *)s, (int64_t)n};
    return V(&t_string, &x);
}
static vm_iface VB(bool v) { uint8_t b = v; return V(&t_bool, &b); }
static vm_iface VP(const vm_type *t, const void *p) { return (vm_iface){t, (void *)p}; }
static const vm_iface NIL = {NULL, NULL};

static vm_slice slice_of(void *p, int64_t n) { return (vm_slice){p, n, n}; }

/* ---------------------------------------------------------------- checking */

#define ARGS(...) ((const vm_iface[]){__VA_ARGS__}), \
    (int)(sizeof((const vm_iface[]){__VA_ARGS__}) / sizeof(vm_iface))

static void check_out(const char *what, vm_buf *b, const char *want, mctx *c)
{
    ck_assert_msg(b->len == strlen(want) && !memcmp(b->p, want, b->len),
                  "%s: got \"%.*s\", want \"%s\"", what, (int)b->len, b->p, want);
    vm_buf_free(b);
    while (c->n)
        free(c->strs[--c->n]);
}

static void check_printf(const char *want, const char *format, const vm_iface *a, int n)
{
    mctx c = {{0}, 0, 0};
    vm_fmt_env env = {call_method, &c};
    vm_buf b = {0};
    vm_sprintf(&b, &env, (const uint8_t *)format, strlen(format), a, n);
    check_out(format, &b, want, &c);
}
#define PF(want, format, ...) check_printf(want, format, ARGS(__VA_ARGS__))
#define PF0(want, format) check_printf(want, format, NULL, 0)

static void check_print(const char *want, int kind, const vm_iface *a, int n)
{
    mctx c = {{0}, 0, 0};
    vm_fmt_env env = {call_method, &c};
    vm_buf b = {0};
    if (kind == 0)
        vm_sprint(&b, &env, a, n);
    else if (kind == 1)
        vm_sprintln(&b, &env, a, n);
    else if (kind == 2)
        vm_builtin_print(&b, a, n, false);
    else
        vm_builtin_print(&b, a, n, true);
    check_out("print", &b, want, &c);
}
#define SPRINT(want, ...) check_print(want, 0, ARGS(__VA_ARGS__))
#define SPRINTLN(want, ...) check_print(want, 1, ARGS(__VA_ARGS__))
#define PRINT(want, ...) check_print(want, 2, ARGS(__VA_ARGS__))
#define PRINTLN(want, ...) check_print(want, 3, ARGS(__VA_ARGS__))

/* addr is how Go prints a pointer: 0x and lowercase hex */
static const char *addr(const char *fmt, const void *p, char *buf, size_t n)
{
    char a[32];
    snprintf(a, sizeof a, "0x%llx", (unsigned long long)(uintptr_t)p);
    snprintf(buf, n, fmt, a);
    return buf;
}

/* ---------------------------------------------------------------- basic verbs */

START_TEST(test_verbs_integers)
{
    PF("ff|FF|10|0o10|101|0xff|010|0b101|-0000042|+5| 5|007|3    |", "%x|%X|%o|%O|%b|%#x|%#o|%#b|%08d|%+d|% d|%.3d|%-5d|",
       VI(255), VI(255), VI(8), VI(8), VI(5), VI(255), VI(8), VI(5), VI(-42), VI(5), VI(5),
       VI(7), VI(3));
    PF("x|'x'|U+1F600|U+1F600 '\xf0\x9f\x98\x80'|\xef\xbf\xbd", "%c|%q|%U|%#U|%c", VI('x'),
       VI('x'), VI(0x1F600), VI(0x1F600), VI(-1));
    PF("U+FFFFFFFFFFFFFFFF|U+0041 'A'|U+000A|U+00263A '\xe2\x98\xba'|U+0078  |",
       "%U|%#U|%#U|%#8.6U|%-8U|", VI(-1), VI(0x41), VI(0x0A), VI(0x263A), VI('x'));
    int8_t i8 = -5;
    uint8_t u8 = 200;
    uint64_t u64 = 10;
    PF("-5 200|0xc8 -5 0xa", "%v %v|%#v %#v %#v", V(&t_int8, &i8), V(&t_uint8, &u8),
       V(&t_uint8, &u8), V(&t_int8, &i8), V(&t_uint64, &u64));
    PF("-ff|    1|2    |", "%x|%*d|%-*d|", VI(-255), VI(5), VI(1), VI(5), VI(2));
    PF("|     |", "%.0d|%5.0d|", VI(0), VI(0));
}
END_TEST

START_TEST(test_verbs_floats)
{
    PF("1e+06 123456 0.1 1e-05 1e+21 1e+20 1.23456789e+08", "%v %v %v %v %v %v %v", VF(1e6),
       VF(123456.0), VF(0.1), VF(1e-05), VF(1e21), VF(1e20), VF(123456789.0));
    PF("  3.14|1.235e+03|+1| 2|-003.142|1E-07|1.000000E+10", "%6.2f|%-8.3e|%+g|% g|%08.3f|%G|%E",
       VF(3.14159), VF(1234.5678), VF(1.0), VF(2.0), VF(-3.14159), VF(1e-7), VF(1e10));
    PF("1.00000|1.00|1.000000e+00|3.|1.5", "%#g|%#.3g|%#e|%#.0f|%#v", VF(1.0), VF(1.0),
       VF(1.0), VF(3.0), VF(1.5));
    PF("0x1.8p+00|-0X1.AP+01|4503599627370496p-52", "%x|%X|%b", VF(1.5), VF(-3.25), VF(1.0));
    PF("-001.500|0.000000e+00 0 0.000000", "%08.3f|%e %g %f", VF(-1.5), VF(0), VF(0), VF(0));
    PF("+Inf|  -Inf|NaN|+NaN|   NaN", "%v|%6v|%+v|%+g|%06v", VF(INFINITY), VF(-INFINITY),
       VF(NAN), VF(NAN), VF(NAN));
    double c = 1.5;
    PF("1.5|1.5|main.celsius|-2.5|0x1.8p+00", "%v|%#v|%T|%v|%x", V(&t_celsius, &c),
       V(&t_celsius, &c), V(&t_celsius, &c), VF(-2.5), V(&t_celsius, &c));
    PF("00003.14|1", "%08.3v|%+v", VF(3.14159), VF(1.0));
}
END_TEST

START_TEST(test_verbs_strings_and_bools)
{
    PF("\"h\xc3\xa9llo\\n\\x00\\xff\"|\"h\\u00e9llo\"|`abc`|\"a`b\"", "%q|%+q|%#q|%#q",
       VSN("h\xc3\xa9llo\n\x00\xff", 9), VS("h\xc3\xa9llo"), VS("abc"), VS("a`b"));
    PF("       abc|ab        |00000003.5", "%10.3v|%-10v|%010v", VS("abcdef"), VS("ab"),
       VF(3.5));
    PF("  \"ab\"|\xe6\x97\xa5|", "%6.2q|%.1s|", VS("abc"), VS("\xe6\x97\xa5\xe6\x9c\xac"));
    PF("6869|68C3A96C6C6F|68 69|0x6869|", "%x|%X|% x|%#x|%x", VS("hi"),
       VS("h\xc3\xa9llo"), VS("hi"), VS("hi"), VS(""));
    PF("true|false| true|%!d(bool=true)", "%t|%v|%5t|%d", VB(true), VB(false), VB(true),
       VB(true));
    vm_string s = str("x");
    PF("x|\"x\"|main.S", "%v|%#v|%T", V(&t_S, &s), V(&t_S, &s), V(&t_S, &s));
    uint8_t hi[] = {'h', 'i'}, ab[] = {1, 171};
    vm_slice bs = slice_of(hi, 2), b2 = slice_of(ab, 2), bnil = {0};
    PF("hi|6869|\"hi\"|[104 105]|[]byte{0x68, 0x69}|01 AB|[]byte(nil)|[]",
       "%s|%x|%q|%v|%#v|% X|%#v|%v", V(&t_bytes, &bs), V(&t_bytes, &bs), V(&t_bytes, &bs),
       V(&t_bytes, &bs), V(&t_bytes, &bs), V(&t_bytes, &b2), V(&t_bytes, &bnil),
       V(&t_bytes, &bnil));
    PF("[104 105]|hi|6869|\"hi\"|main.B{0x68, 0x69}", "%v|%s|%x|%q|%#v",
       V(&t_namedbytes, &bs), V(&t_namedbytes, &bs), V(&t_namedbytes, &bs),
       V(&t_namedbytes, &bs), V(&t_namedbytes, &bs));
}
END_TEST

/* ---------------------------------------------------------------- Printf's errors */

START_TEST(test_printf_error_forms)
{
    PF("%!d(string=hi) %!s(int=5)", "%d %s", VS("hi"), VI(5));
    PF("1%!(EXTRA string=x)", "%d", VI(1), VS("x"));
    PF("1 %!d(MISSING)", "%d %d", VI(1));
    PF0("%!!(MISSING)", "%!");
    PF0("%!(NOVERB)", "%");
    PF("%!(BADWIDTH)1", "%*d", VS("x"), VI(1));
    PF("%!(BADPREC)1", "%.*d", VS("x"), VI(1));
    PF("2 1", "%[2]d %[1]d", VI(1), VI(2));
    PF("%!d(BADINDEX)", "%[3]d", VI(1), VI(2));
    PF("%!p(int=5)|%!s(<nil>)|<nil>|<nil>|%!d(<nil>)", "%p|%s|%v|%T|%d", VI(5), NIL, NIL,
       NIL, NIL);
    PF("[%!d(string=a)]", "%d", V(&t_anys, &(vm_slice){(vm_iface[]){VS("a")}, 1, 1}));
    PF("%!s(float64=3.5) 97|%!(EXTRA <nil>, int=1)", "%s %v|", VF(3.5), VI('a'), NIL, VI(1));
    PF("%!z(int=5)%!w(int=1)", "%z%w", VI(5), VI(1));
    PF("%!d(string=   hi)", "%5d", VS("hi"));
}
END_TEST

START_TEST(test_print_spacing)
{
    SPRINT("a1 2bc3.5 true false\n", VS("a"), VI(1), VI(2), VS("b"), VS("c"), VF(3.5),
           VB(true), VB(false), VS("\n"));
    SPRINTLN("a 1 2 b <nil>\n", VS("a"), VI(1), VI(2), VS("b"), NIL);
    vm_string s = str("s");
    SPRINT("1s2", VI(1), V(&t_S, &s), VI(2)); /* a named string is a string */
    SPRINT("<nil> <nil>", NIL, NIL);
}
END_TEST

/* ---------------------------------------------------------------- composite values */

START_TEST(test_values_structs)
{
    T t = {1, str("x")};
    PF("{1 x}|{A:1 B:x}|main.T{A:1, B:\"x\"}|main.T", "%v|%+v|%#v|%T", V(&t_T, &t),
       V(&t_T, &t), V(&t_T, &t), V(&t_T, &t));
    PF("&{1 x}|&{A:1 B:x}", "%v|%+v", VP(&t_pT, &t), VP(&t_pT, &t));
    int64_t arr[2] = {1, 2};
    PF("&[2]int{1, 2}|&[1 2]|[1 2]", "%#v|%v|%v", VP(&t_parr2, arr), VP(&t_parr2, arr),
       V(&t_arr2, arr));
    struct { T t; int64_t n; } o = {t, 2};
    PF("{{1 x} 2}|{T:{A:1 B:x} N:2}|main.Outer{T:main.T{A:1, B:\"x\"}, N:2}", "%v|%+v|%#v",
       V(&t_Outer, &o), V(&t_Outer, &o), V(&t_Outer, &o));
    T t2 = {1, str("ab")}, t3 = {255, str("ab")};
    PF("{1    %!d(string=ab  )}|{ff 6162}", "%-4d|%x", V(&t_T, &t2), V(&t_T, &t3));
    int64_t ints[] = {1, 2};
    vm_slice is = slice_of(ints, 2), nil_slice = {0};
    PF("[    1     2]|[]int{1, 2}|[]|[]int(nil)", "%5v|%#v|%v|%#v", V(&t_ints, &is),
       V(&t_ints, &is), V(&t_ints, &nil_slice), V(&t_ints, &nil_slice));
}
END_TEST

START_TEST(test_values_pointers)
{
    char want[128];
    T t = {1, str("x")};
    T *pt = &t;
    int64_t n = 5;
    PF(addr("%s", &n, want, sizeof want), "%v", VP(&t_pint, &n));
    PF(addr("%s", &pt, want, sizeof want), "%v", VP(&t_ppT, &pt)); /* **T: an address */
    PF(addr("(*int)(%s)", &n, want, sizeof want), "%#v", VP(&t_pint, &n));
    PF(addr("%s", &t, want, sizeof want), "%p", VP(&t_pT, &t));
    snprintf(want, sizeof want, "%llu|%llx", (unsigned long long)(uintptr_t)&n,
             (unsigned long long)(uintptr_t)&n);
    PF(want, "%d|%x", VP(&t_pint, &n), VP(&t_pint, &n));
    vm_slice ps = slice_of(&pt, 1);
    PF(addr("[%s]", &t, want, sizeof want), "%v", V(&t_pTs, &ps)); /* nested: address */
    PF(addr("[]*main.T{(*main.T)(%s)}", &t, want, sizeof want), "%#v", V(&t_pTs, &ps));
    PF("<nil>|(*int)(nil)|<nil>|(**main.T)(nil)|0|<nil>", "%v|%#v|%v|%#v|%d|%+v",
       VP(&t_pint, NULL), VP(&t_pint, NULL), VP(&t_ppT, NULL), VP(&t_ppT, NULL),
       VP(&t_pint, NULL), VP(&t_pT, NULL));
}
END_TEST

START_TEST(test_values_interfaces)
{
    vm_iface elems[] = {NIL, VI(1), VS("a")};
    vm_slice s = slice_of(elems, 3);
    PF("[<nil> 1 a]|[]interface {}{interface {}(nil), 1, \"a\"}", "%v|%#v", V(&t_anys, &s),
       V(&t_anys, &s));
    vm_slice empty = slice_of(elems, 0);
    PF("[]|[]interface {}{}", "%v|%#v", V(&t_anys, &empty), V(&t_anys, &empty));
    /* struct { X any; Y error } */
    vm_field f[] = {{"X", &t_any, 0, false}, {"Y", &t_error, 16, false}};
    vm_type st = {.kind = K_STRUCT, .name = "struct { X interface {}; Y error }", .size = 32,
                  .align = 8, .words = 4, .fields = f, .nfields = 2};
    vm_iface zero[2] = {NIL, NIL};
    PF("{<nil> <nil>}|struct { X interface {}; Y error }{X:interface {}(nil), Y:error(nil)}",
       "%v|%#v", V(&st, zero), V(&st, zero));
    int64_t ints[] = {1};
    vm_slice is = slice_of(ints, 1);
    vm_iface nested[] = {V(&t_ints, &is)};
    vm_slice ns = slice_of(nested, 1);
    PF("[[1]]|[a %!s(int=1)]", "%v|%s", V(&t_anys, &ns),
       V(&t_anys, &(vm_slice){(vm_iface[]){VS("a"), VI(1)}, 2, 2}));
}
END_TEST

/* ---------------------------------------------------------------- methods */

START_TEST(test_methods_error_and_stringer)
{
    vm_string m = str("m");
    PF("E:m|E:m|{%!d(string=m)}|453a6d|\"E:m\"|main.E{msg:\"m\"}", "%v|%s|%d|%x|%q|%#v",
       V(&t_E, &m), V(&t_E, &m), V(&t_E, &m), V(&t_E, &m), V(&t_E, &m), V(&t_E, &m));
    int64_t n3 = 3, n1 = 1, n2 = 2;
    PF("P3|{3}", "%v|%v", VP(&t_pP, &n3), V(&t_P, &n3)); /* String is on *P only */
    int64_t *ps[] = {&n1, &n2};
    vm_slice pps = slice_of(ps, 2);
    PF("[P1 P2]|[{1}]", "%s|%v", V(&t_pPs, &pps),
       V(&(vm_type){.kind = K_SLICE, .name = "[]main.P", .size = 24, .elem = &t_P},
         &(vm_slice){&n1, 1, 1}));
    PF("err|[err <nil> 1 E:m]", "%v|%v", V(&t_Both, &m),
       V(&t_anys, &(vm_slice){(vm_iface[]){V(&t_Both, &m), NIL, VI(1), V(&t_E, &m)}, 4, 4}));
    SPRINTLN("E:m P3\n", V(&t_E, &m), VP(&t_pP, &n3));
}
END_TEST

START_TEST(test_methods_nil_receivers_and_unexported_fields)
{
    /* a value method through a nil pointer: Go's call panics and fmt prints <nil> */
    vm_string *np = NULL;
    vm_slice nps = slice_of(&np, 1);
    vm_iface errs[] = {NIL, {&t_E, keep(calloc(1, 16))}};
    *(vm_string *)errs[1].data = str("z");
    PF("<nil>|[<nil>]|[<nil> E:z]", "%v|%s|%+v", VP(&t_pE, NULL), V(&t_pEs, &nps),
       V(&(vm_type){.kind = K_SLICE, .name = "[]error", .size = 24, .elem = &t_error},
         &(vm_slice){errs, 2, 2}));
    /* V{d, D}: the unexported field's String method is not called */
    int64_t v1[2] = {1000000000, 1500000}, v2[2] = {1000000000, 1000000000};
    PF("{1000000000 1.5ms}|{d:1000000000 D:1s}", "%v|%+v", V(&t_V, v1), V(&t_V, v2));
    vm_string m = str("y");
    vm_field f[] = {{"e", &t_E, 0, false}};
    vm_type hidden = {.kind = K_STRUCT, .name = "struct { e main.E }", .size = 16,
                      .fields = f, .nfields = 1};
    PF("{{y}}", "%v", V(&hidden, &m));
}
END_TEST

/* ---------------------------------------------------------------- maps (in a runtime) */

typedef struct mrt {
    gc_heap *h;
    map_ctx *c;
    void (*body)(struct mrt *);
} mrt;

static void mrt_main(void *arg)
{
    mrt *e = arg;
    e->body(e);
}

/* run_maps runs body as the main goroutine of a fresh runtime, heap and map context. */
static void run_maps(void (*body)(mrt *))
{
    rt_config cfg;
    rt_config_init(&cfg);
    cfg.fatal_returns = true;
    rt_sched *s = rt_sched_new(&cfg);
    ck_assert_ptr_nonnull(s);
    mrt e = {gc_heap_new(s, NULL), NULL, body};
    ck_assert_ptr_nonnull(e.h);
    e.c = map_ctx_new(s, e.h);
    ck_assert_ptr_nonnull(e.c);
    int rc = rt_sched_run(s, mrt_main, &e);
    ck_assert_msg(rc == 0, "run: %s", rt_sched_fatal_message(s));
    map_ctx_free(e.c);
    gc_heap_free(e.h);
    rt_sched_free(s);
}

/* map_vt describes map[key]elem with maps/ type mt */
static vm_type map_vt(const char *name, const vm_type *key, const vm_type *elem, map_type *mt)
{
    return (vm_type){.kind = K_MAP, .name = name, .size = 8, .align = 8, .words = 1,
                     .key = key, .elem = elem, .map = mt};
}

static void maps_basic(mrt *e)
{
    map_type mt, mi;
    ck_assert(map_type_init(&mt, e->c, &map_string_type, MAP_KEY_STRING, &t_int.gc));
    ck_assert(map_type_init(&mi, e->c, &t_int.gc, MAP_KEY_MEM, &map_string_type));
    vm_type tm = map_vt("map[string]int", &t_string, &t_int, &mt);
    vm_type ti = map_vt("map[int]string", &t_int, &t_string, &mi);
    hmap *h = hmap_make(&mt, 0), *hi = hmap_make(&mi, 0);
    const char *keys[] = {"b", "a", "c", "aa"};
    for (int64_t i = 0; i < 4; i++) {
        map_string k = {(const uint8_t *)keys[i], (int64_t)strlen(keys[i])};
        ck_assert(hmap_store(&mt, h, &k, &i));
        int64_t ik = 3 - i;
        ck_assert(hmap_store(&mi, hi, &ik, &k));
    }
    PF("map[a:1 aa:3 b:0 c:2]|map[string]int{\"a\":1, \"aa\":3, \"b\":0, \"c\":2}", "%v|%#v",
       V(&tm, &h), V(&tm, &h));
    PF("map[0:aa 1:c 2:a 3:b]|map[int]string{0:\"aa\", 1:\"c\", 2:\"a\", 3:\"b\"}", "%v|%#v",
       V(&ti, &hi), V(&ti, &hi));
    hmap *nilmap = NULL, *empty = hmap_make(&mt, 0);
    PF("map[]|map[string]int(nil)|map[]|map[string]int{}", "%v|%#v|%v|%#v", V(&tm, &nilmap),
       V(&tm, &nilmap), V(&tm, &empty), V(&tm, &empty));
    PF("map[%!d(string=a):1 %!d(string=aa):3 %!d(string=b):0 %!d(string=c):2]", "%d",
       V(&tm, &h));
}

START_TEST(test_maps_sorted_keys)
{
    run_maps(maps_basic);
}
END_TEST

static void maps_kinds(mrt *e)
{
    map_type mf, mb, ma;
    static const gc_type bool_gc = {1, 0, NULL, "bool"};
    ck_assert(map_type_init(&mf, e->c, &t_float64.gc, MAP_KEY_FLOAT64, &map_string_type));
    ck_assert(map_type_init(&mb, e->c, &bool_gc, MAP_KEY_MEM, &t_int.gc));
    ck_assert(map_type_init(&ma, e->c, &t_arr2.gc, MAP_KEY_MEM, &map_string_type));
    vm_type tf = map_vt("map[float64]string", &t_float64, &t_string, &mf);
    vm_type tb = map_vt("map[bool]int", &t_bool, &t_int, &mb);
    vm_type ta = map_vt("map[[2]int]string", &t_arr2, &t_string, &ma);
    hmap *hf = hmap_make(&mf, 0), *hb = hmap_make(&mb, 0), *ha = hmap_make(&ma, 0);
    double fk[] = {NAN, -INFINITY, 2.5, -1};
    const char *fv[] = {"n", "i", "x", "y"};
    for (int i = 0; i < 4; i++) {
        map_string v = {(const uint8_t *)fv[i], 1};
        ck_assert(hmap_store(&mf, hf, &fk[i], &v));
    }
    PF("map[NaN:n -Inf:i -1:y 2.5:x]", "%v", V(&tf, &hf));
    for (int64_t i = 0; i < 2; i++) {
        uint8_t k = (uint8_t)!i;
        int64_t v = k;
        ck_assert(hmap_store(&mb, hb, &k, &v));
    }
    PF("map[false:0 true:1]|map[%!d(bool=false):0 %!d(bool=true):1]", "%v|%d", V(&tb, &hb),
       V(&tb, &hb));
    int64_t ak[3][2] = {{2, 1}, {1, 2}, {1, 1}};
    const char *av[] = {"c", "b", "a"};
    for (int i = 0; i < 3; i++) {
        map_string v = {(const uint8_t *)av[i], 1};
        ck_assert(hmap_store(&ma, ha, ak[i], &v));
    }
    PF("map[[1 1]:a [1 2]:b [2 1]:c]", "%v", V(&ta, &ha));
}

START_TEST(test_maps_key_kinds)
{
    run_maps(maps_kinds);
}
END_TEST

static void maps_methods(mrt *e)
{
    static const gc_type ptr_gc = {8, 8, mask1, "*main.P"};
    map_type mp;
    ck_assert(map_type_init(&mp, e->c, &map_string_type, MAP_KEY_STRING, &ptr_gc));
    vm_type tp = map_vt("map[string]*main.P", &t_string, &t_pP, &mp);
    hmap *h = hmap_make(&mp, 0);
    int64_t n[] = {1, 2};
    map_string ka = {(const uint8_t *)"a", 1}, kb = {(const uint8_t *)"b", 1};
    int64_t *pa = &n[0], *pb = &n[1]; /* host memory: only printed, never collected */
    ck_assert(hmap_store(&mp, h, &kb, &pb));
    ck_assert(hmap_store(&mp, h, &ka, &pa));
    PF("map[a:P1 b:P2]", "%v", V(&tp, &h));
    /* a map reached through an unexported field: no methods */
    vm_field f[] = {{"m", &tp, 0, false}};
    vm_type hidden = {.kind = K_STRUCT, .name = "struct { m map[string]*main.P }", .size = 8,
                      .fields = f, .nfields = 1};
    char want[128], a[32], b[32];
    snprintf(a, sizeof a, "0x%llx", (unsigned long long)(uintptr_t)pa);
    snprintf(b, sizeof b, "0x%llx", (unsigned long long)(uintptr_t)pb);
    snprintf(want, sizeof want, "{map[a:%s b:%s]}", a, b);
    PF(want, "%v", V(&hidden, &h));
}

START_TEST(test_maps_call_methods_of_elements)
{
    run_maps(maps_methods);
}
END_TEST

/* ---------------------------------------------------------------- strconv */

static void check_buf(vm_buf *b, const char *want)
{
    ck_assert_msg(b->len == strlen(want) && !memcmp(b->p, want, b->len),
                  "got \"%.*s\", want \"%s\"", (int)b->len, b->p, want);
    vm_buf_free(b);
}

START_TEST(test_strconv_ints)
{
    vm_buf b = {0};
    vm_format_int(&b, -255, 16);
    check_buf(&b, "-ff");
    vm_format_int(&b, 35, 36);
    check_buf(&b, "z");
    vm_format_uint(&b, UINT64_MAX, 2);
    check_buf(&b, "1111111111111111111111111111111111111111111111111111111111111111");
    vm_format_int(&b, INT64_MIN, 10);
    check_buf(&b, "-9223372036854775808");
    vm_format_int(&b, -8, 8);
    check_buf(&b, "-10");
}
END_TEST

START_TEST(test_strconv_floats)
{
    static const struct {
        double f;
        char fmt;
        int prec;
        const char *want;
    } cases[] = {
        {1e6, 'g', -1, "1e+06"}, {123456, 'g', -1, "123456"}, {0.1, 'e', -1, "1e-01"},
        {1.5, 'f', -1, "1.5"}, {1.0 / 3, 'f', 3, "0.333"}, {1e21, 'f', -1, "1000000000000000000000"},
        {2.5, 'e', 3, "2.500e+00"}, {100, 'g', 2, "1e+02"}, {-0.0, 'g', -1, "-0"},
        {5e-324, 'g', -1, "5e-324"}, {NAN, 'f', 2, "NaN"}, {INFINITY, 'g', -1, "+Inf"},
        {-INFINITY, 'e', 3, "-Inf"}, {1e23, 'g', -1, "1e+23"}, {0.000001234, 'G', -1, "1.234E-06"},
        {123456789, 'E', -1, "1.23456789E+08"}, {0.125, 'f', 2, "0.12"}, {0.375, 'f', 2, "0.38"},
        {2.675, 'f', 2, "2.67"}, {1e-7, 'g', 3, "1e-07"}, {12345.678, 'g', 10, "12345.678"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        vm_buf b = {0};
        vm_format_float(&b, cases[i].f, cases[i].fmt, cases[i].prec);
        check_buf(&b, cases[i].want);
    }
}
END_TEST

START_TEST(test_strconv_quote)
{
    static const char in[] = "h\xc3\xa9llo\n\x00\xff\xe2\x80\x8b\xf0\x9f\x98\x80\xc2\xad\a\b\f"
                             "\r\t\v\\\"'\x7f\xc2\x80\xf3\xa0\x80\x81\xef\xbf\xbd\xed\xa0\x80"
                             "\xf4\x90\x80\x80";
    vm_buf b = {0};
    vm_quote(&b, (const uint8_t *)in, sizeof in - 1);
    check_buf(&b, "\"h\xc3\xa9llo\\n\\x00\\xff\\u200b\xf0\x9f\x98\x80\\u00ad\\a\\b\\f\\r\\t\\v"
                  "\\\\\\\"'\\x7f\\u0080\\U000e0001\xef\xbf\xbd\\xed\\xa0\\x80\\xf4\\x90\\x80"
                  "\\x80\"");
    PF("\"h\\u00e9llo\\U0001f600\"|`tab\there`|\"bom\\ufeff\"|\"x\\n\"|'x'|'\\u00e9'|'\\n'|"
       "'\xef\xbf\xbd'",
       "%+q|%#q|%#q|%#+q|%q|%+q|%q|%q", VS("h\xc3\xa9llo\xf0\x9f\x98\x80"), VS("tab\there"),
       VS("bom\xef\xbb\xbf"), VS("x\n"), VI('x'), VI(0xE9), VI('\n'), VI(0x110000));
}
END_TEST

/* ---------------------------------------------------------------- print, println, panic */

START_TEST(test_builtin_print)
{
    vm_iface nil_iface = {0};
    hmap *nilmap = NULL;
    vm_slice nil_slice = {0};
    int64_t i5 = 5;
    vm_string s = str("x");
    double f2 = 2;
    vm_type tm = map_vt("map[int]int", &t_int, &t_int, NULL);
    vm_type tF = t_celsius;
    uint8_t u8 = 200;
    PRINTLN("1 a +2.500000e+000 true 0x0 +1.000000e+100 +1.000000e-300 +1.000000e-001 -7 200\n",
            VI(1), VS("a"), VF(2.5), VB(true), VP(&t_pT, NULL), VF(1e100), VF(1e-300),
            VF(0.1), VI(-7), V(&t_uint8, &u8));
    PRINT("1a+2.500000e+000true\n", VI(1), VS("a"), VF(2.5), VB(true), VS("\n"));
    PRINTLN("(0x0,0x0) 0x0 [0/0]0x0\n", VP(&t_error, &nil_iface), V(&tm, &nilmap),
            V(&t_ints, &nil_slice));
    PRINTLN("5 x +2.000000e+000\n", V(&t_I, &i5), V(&t_S, &s), V(&tF, &f2));
    PRINTLN("+Inf -Inf NaN -0.000000e+000 +0.000000e+000\n", VF(INFINITY), VF(-INFINITY),
            VF(NAN), VF(-0.0), VF(0));
    PRINTLN("+1.234567e+006 +1.000000e+001 +5.000000e-001 +1.234568e+011\n", VF(1234567.0),
            VF(9.9999999), VF(0.5), VF(123456789012.0));
    char want[64];
    PRINT(addr("%s", &i5, want, sizeof want), VP(&t_pint, &i5));
}
END_TEST

static void check_panic(const char *want, vm_iface v)
{
    mctx c = {{0}, 0, 0};
    vm_fmt_env env = {call_method, &c};
    vm_buf b = {0};
    vm_panic_value(&b, &env, &v);
    check_out("panic", &b, want, &c);
}

START_TEST(test_panic_values)
{
    int64_t i5 = 5, n3 = 3;
    vm_string s = str("x"), m = str("m");
    double f = 1.5;
    uint8_t t = 1, u8 = 3;
    check_panic("nil", NIL);
    check_panic("main.I(5)", V(&t_I, &i5));
    check_panic("main.S(\"x\")", V(&t_S, &s));
    check_panic("main.celsius(+1.500000e+000)", V(&t_celsius, &f));
    check_panic("main.B(true)", V(&t_B, &t));
    check_panic("+2.500000e+000", VF(2.5));
    check_panic("3", V(&t_uint8, &u8));
    check_panic("boom", VS("boom"));
    check_panic("E:m", V(&t_E, &m));
    check_panic("P3", VP(&t_pP, &n3));
    check_panic("err", V(&t_Both, &m));
    char want[128];
    T tv = {1, str("x")};
    vm_iface a = V(&t_T, &tv);
    check_panic(addr("(main.T) %s", a.data, want, sizeof want), a);
    check_panic(addr("(*main.T) %s", &tv, want, sizeof want), VP(&t_pT, &tv));
    int64_t ints[] = {1};
    vm_slice is = slice_of(ints, 1);
    a = V(&t_ints, &is);
    check_panic(addr("([]int) %s", a.data, want, sizeof want), a);
}
END_TEST

/* ---------------------------------------------------------------- suite */

static Suite *vm_fmt_suite(void)
{
    Suite *s = suite_create("vm_fmt");
    struct {
        const char *name;
        const TTest *tests[8];
    } cases[] = {
        {"verbs", {test_verbs_integers, test_verbs_floats, test_verbs_strings_and_bools}},
        {"printf", {test_printf_error_forms, test_print_spacing}},
        {"values", {test_values_structs, test_values_pointers, test_values_interfaces}},
        {"methods", {test_methods_error_and_stringer,
                     test_methods_nil_receivers_and_unexported_fields}},
        {"maps", {test_maps_sorted_keys, test_maps_key_kinds,
                  test_maps_call_methods_of_elements}},
        {"strconv", {test_strconv_ints, test_strconv_floats, test_strconv_quote}},
        {"runtime", {test_builtin_print, test_panic_values}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        TCase *tc = tcase_create(cases[i].name);
        tcase_add_checked_fixture(tc, NULL, free_boxes);
        for (int j = 0; cases[i].tests[j]; j++)
            tcase_add_test(tc, cases[i].tests[j]);
        suite_add_tcase(s, tc);
    }
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(vm_fmt_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
