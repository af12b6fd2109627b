/*
 * value.h — how the interpreter represents Go values, shared by everything that touches
 * them (the interpreter, the natives, fmt). Layouts are Go's on 64-bit Linux:
 *
 *  - In memory (heap objects, globals, struct fields, array elements) a value has its Go
 *    layout: int32 is 4 bytes, a struct has Go's field offsets and padding.
 *  - In a frame, a value occupies vm_type.words 8-byte slots. A scalar (bool, integers,
 *    float64, pointers, maps, channels, funcs) sits alone in one slot in register form:
 *    integers sign- or zero-extended to 64 bits, so the low bytes of the slot are also its
 *    memory layout. A composite value (string, slice, interface, struct, array) is kept
 *    in its memory layout across its slots.
 *  - string: {const uint8_t *ptr; int64 len}. Literals point to host memory; strings
 *    built at run time to noscan heap objects.
 *  - slice: {void *ptr; int64 len, cap}; the backing array is a heap array of the element
 *    type (gc_alloc_array).
 *  - interface (any, error): {const vm_type *type; void *data}: data holds a
 *    pointer-shaped value (pointer, map, chan, func) directly, any other value boxed in a
 *    heap object of its type (Go's eface). type NULL is the nil interface.
 *  - map: a pointer to the maps/ hmap (a heap object). chan: an rt_chan (host memory).
 *  - func: a pointer to a closure: {const vm_func *fn; captured cells...}, a heap object
 *    (or static for a top-level function). nil is NULL.
 */
#ifndef GORSIM_SIM_VM_VALUE_H
#define GORSIM_SIM_VM_VALUE_H

#include "gorsim.h"
#include "sim/lang/types.h"
#include <stdint.h>

typedef struct vm_type vm_type;
typedef struct vm_func vm_func;

typedef struct vm_string {
    const uint8_t *ptr;
    int64_t len;
} vm_string;

typedef struct vm_slice {
    void *ptr;
    int64_t len, cap;
} vm_slice;

typedef struct vm_iface {
    const vm_type *type;
    void *data;
} vm_iface;

typedef struct vm_closure {
    const vm_func *fn;
    void *cells[];             /* captured variables' heap cells, in vm_func order */
} vm_closure;

/* a struct field of a runtime type */
typedef struct vm_field {
    const char *name;
    const vm_type *type;
    int64_t offset;
    bool embedded;
} vm_field;

/* a method of a named type (for fmt's Stringer / error and interface calls) */
#define VM_MAX_PROMOTION 4
typedef struct vm_method {
    const char *name;
    const vm_func *fn;         /* NULL for a native method (then native names it) */
    const char *native;
    bool ptr_recv;             /* declared on *T */
    /* a method promoted from an embedded field: from the value's address, add off[i]
       and, where deref[i], load the embedded pointer; recv is the declaring type */
    int depth;
    int64_t off[VM_MAX_PROMOTION];
    bool deref[VM_MAX_PROMOTION];
    const vm_type *recv;
} vm_method;

/* The runtime descriptor of a type (made once per distinct type by rtype.c). */
struct vm_type {
    sc_kind kind;              /* of the underlying type (K_NAMED never appears here) */
    const char *name;          /* Go's spelling for %T, %v of types and panics:
                                  "main.point", "[]int", "map[string]*main.node" */
    int64_t size, align;
    int words;                 /* frame slots: (size + 7) / 8, scalars 1 */
    gc_type gc;                /* for the collector: size, ptrdata, ptrmask, name */
    const vm_type *elem;       /* array slice pointer chan; map value */
    const vm_type *key;        /* map */
    int64_t len;               /* array */
    int dir;                   /* chan */
    const vm_field *fields;    /* struct */
    int nfields;
    const vm_method *methods;  /* named types: sorted by name */
    int nmethods;
    const vm_method *ptr_methods; /* the method set of *T (T's and *T's) */
    int nptr_methods;
    const vm_type *ptr_to;     /* *T, when made */
    map_type *map;             /* map: the maps/ type (hash, equality, bucket layout) */
    bool named;                /* a defined type: %v prints its name for nil etc. */
    bool comparable;
    const sc_type *st;         /* the checker's type it was made from */
};

/* value kinds that are "pointer-shaped": stored directly in an interface's data word */
static inline bool vm_pointer_shaped(const vm_type *t)
{
    return t->kind == K_POINTER || t->kind == K_MAP || t->kind == K_CHAN ||
           t->kind == K_FUNC || t->kind == K_UNSAFE_POINTER;
}

/* vm_iface_value: where an interface's dynamic value is in memory layout */
static inline const void *vm_iface_value(const vm_iface *i)
{
    return vm_pointer_shaped(i->type) ? (const void *)&i->data : i->data;
}

/* A growable byte buffer (host memory, malloc), for formatting. */
typedef struct vm_buf {
    char *p;
    size_t len, cap;
} vm_buf;
void vm_buf_put(vm_buf *b, const void *s, size_t n);
void vm_buf_putc(vm_buf *b, char c);
void vm_buf_puts(vm_buf *b, const char *s);
void vm_buf_free(vm_buf *b);

#endif
