/*
 * gorsim.h — the public C API of libgorsim (pkg-config gorsim). One header per layer;
 * this one includes them all.
 *   runtime/rt.h  goroutines, the two engines, sync, channels, timers, stop-the-world, tracer
 *   gc/gc.h       the heap and Go 1.19's concurrent collector
 *   maps/maps.h   maps on the heap: Go 1.19's classic hashmap
 */
#ifndef GORSIM_H
#define GORSIM_H
#include "runtime/rt.h"
#include "gc/gc.h"
#include "maps/maps.h"
#endif
