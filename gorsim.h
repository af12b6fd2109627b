/*
 * gorsim.h — the public C API of libgorsim (pkg-config gorsim). One header per layer;
 * this one includes them all.
 *   runtime/rt.h  goroutines, the two engines, sync, channels, timers, stop-the-world, tracer
 *   gc/gc.h       the heap: Go's allocator with typed objects (the collector comes next)
 */
#ifndef GORSIM_H
#define GORSIM_H
#include "runtime/rt.h"
#include "gc/gc.h"
#endif
