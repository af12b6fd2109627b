/*
 * minheap.c — a binary min-heap of pointers that keeps each element's position in the
 * element itself (so an element can be removed or re-keyed in O(log n)). Serves the timer
 * heap (timer.c, by when and start order) and the virtual engine's active Ps (vengine.c, by
 * clock and id).
 */
#include "rt_internal.h"
#include <stdlib.h>

static inline int *index_of(const rt_minheap *h, void *x)
{
    return (int *)((char *)x + h->index_offset);
}

static void put(rt_minheap *h, int i, void *x)
{
    h->a[i] = x;
    *index_of(h, x) = i;
}

static void up(rt_minheap *h, int i)
{
    void *x = h->a[i];
    while (i > 0 && h->before(x, h->a[(i - 1) / 2])) {
        put(h, i, h->a[(i - 1) / 2]);
        i = (i - 1) / 2;
    }
    put(h, i, x);
}

static void down(rt_minheap *h, int i)
{
    void *x = h->a[i];
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        void *best = x;
        if (l < h->n && h->before(h->a[l], best))
            m = l, best = h->a[l];
        if (r < h->n && h->before(h->a[r], best))
            m = r;
        if (m == i)
            break;
        put(h, i, h->a[m]);
        i = m;
    }
    put(h, i, x);
}

void rt__minheap_init(rt_minheap *h, bool (*before)(const void *, const void *),
                      size_t index_offset)
{
    *h = (rt_minheap){.before = before, .index_offset = index_offset};
}

void rt__minheap_destroy(rt_minheap *h)
{
    free(h->a);
    h->a = NULL;
    h->n = h->cap = 0;
}

bool rt__minheap_reserve(rt_minheap *h, int cap)
{
    if (cap <= h->cap)
        return true;
    void **a = realloc(h->a, (size_t)cap * sizeof *a);
    if (!a)
        return false;
    h->a = a;
    h->cap = cap;
    return true;
}

bool rt__minheap_push(rt_minheap *h, void *x)
{
    if (h->n == h->cap && !rt__minheap_reserve(h, h->cap ? h->cap * 2 : 16))
        return false;
    put(h, h->n++, x);
    up(h, h->n - 1);
    return true;
}

void rt__minheap_remove(rt_minheap *h, void *x)
{
    int i = *index_of(h, x);
    rt_assert_internal(i >= 0 && i < h->n && h->a[i] == x);
    *index_of(h, x) = -1;
    void *last = h->a[--h->n];
    if (i == h->n)
        return;
    put(h, i, last);
    up(h, i);
    down(h, *index_of(h, last));
}

void *rt__minheap_pop(rt_minheap *h)
{
    void *x = rt__minheap_top(h);
    if (x)
        rt__minheap_remove(h, x);
    return x;
}

bool rt__minheap_contains(const rt_minheap *h, void *x)
{
    int i = *index_of(h, x);
    return i >= 0 && i < h->n && h->a[i] == x;
}
