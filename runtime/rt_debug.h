/*
 * rt_debug.h — assertion tiers, set by configure --enable-debug=0|1|2|3 (GORSIM_DEBUG):
 *   rt_assert            cheap checks; on unless GORSIM_DEBUG is 0
 *   rt_assert_internal   checks on hot paths; GORSIM_DEBUG >= 2
 *   rt_assert_expensive  whole-structure verifiers; GORSIM_DEBUG >= 3
 * A failed assertion is a broken invariant: rt_throw reports it with context and aborts.
 */
#ifndef GORSIM_RT_DEBUG_H
#define GORSIM_RT_DEBUG_H

#include "config.h"

#ifndef GORSIM_DEBUG
#define GORSIM_DEBUG 1
#endif

#define RT_ASSERT_AT(cond)                                                              \
    do {                                                                                \
        if (__builtin_expect(!(cond), 0))                                               \
            rt_throw("assertion failed: %s (%s:%d, %s)", #cond, __FILE__, __LINE__,     \
                     __func__);                                                         \
    } while (0)

#if GORSIM_DEBUG >= 1
#define rt_assert(cond) RT_ASSERT_AT(cond)
#else
#define rt_assert(cond) ((void)0)
#endif
#if GORSIM_DEBUG >= 2
#define rt_assert_internal(cond) RT_ASSERT_AT(cond)
#else
#define rt_assert_internal(cond) ((void)0)
#endif
#if GORSIM_DEBUG >= 3
#define rt_assert_expensive(cond) RT_ASSERT_AT(cond)
#else
#define rt_assert_expensive(cond) ((void)0)
#endif

#endif
