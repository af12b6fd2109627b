/*
 * stats.h — summaries of repeated measurements.
 */
#ifndef GORSIM_SIM_STATS_H
#define GORSIM_SIM_STATS_H
#include <stddef.h>

/* sim_median returns the median of n values (sorting them in place); 0 when n is 0. */
double sim_median(double *v, size_t n);
/* sim_mono_ns returns a monotonic wall-clock reading in nanoseconds. */
double sim_mono_ns(void);

#endif
