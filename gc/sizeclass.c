/*
 * sizeclass.c — Go 1.19's 67 small size classes (runtime/sizeclasses.go): object size and
 * pages per span for each class; class 0 means "large". The size -> class lookup tables
 * (Go's size_to_class8 for sizes up to 1024 in 8-byte steps, size_to_class128 above it in
 * 128-byte steps) are derived from the class table on first use rather than written out.
 */
#include "gc/gc_internal.h"
#include <pthread.h>

/* {bytes, pages} for class 1..67, exactly as Go generates them. */
static const struct {
    uint16_t bytes;
    uint8_t pages;
} classes[GC_NUM_CLASSES] = {
    {0, 0},      {8, 1},      {16, 1},     {24, 1},     {32, 1},     {48, 1},
    {64, 1},     {80, 1},     {96, 1},     {112, 1},    {128, 1},    {144, 1},
    {160, 1},    {176, 1},    {192, 1},    {208, 1},    {224, 1},    {240, 1},
    {256, 1},    {288, 1},    {320, 1},    {352, 1},    {384, 1},    {416, 1},
    {448, 1},    {480, 1},    {512, 1},    {576, 1},    {640, 1},    {704, 1},
    {768, 1},    {896, 1},    {1024, 1},   {1152, 1},   {1280, 1},   {1408, 2},
    {1536, 1},   {1792, 2},   {2048, 1},   {2304, 2},   {2688, 1},   {3072, 3},
    {3200, 2},   {3456, 3},   {4096, 1},   {4864, 3},   {5376, 2},   {6144, 3},
    {6528, 4},   {6784, 5},   {6912, 6},   {8192, 1},   {9472, 7},   {9728, 6},
    {10240, 5},  {10880, 4},  {12288, 3},  {13568, 5},  {14336, 7},  {16384, 2},
    {18432, 9},  {19072, 7},  {20480, 5},  {21760, 8},  {24576, 3},  {27264, 10},
    {28672, 7},  {32768, 4},
};

#define SMALL_MAX 1024 /* Go's smallSizeMax: size_to_class8 covers up to here */
static uint8_t size_to_class8[SMALL_MAX / 8 + 1];
static uint8_t size_to_class128[(GC_MAX_SMALL - SMALL_MAX) / 128 + 1];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

/* smallest_class returns the first class whose size is at least n. */
static int smallest_class(size_t n)
{
    int c = 1;
    while (classes[c].bytes < n)
        c++;
    return c;
}

static void build_tables(void)
{
    for (size_t i = 0; i <= SMALL_MAX / 8; i++)
        size_to_class8[i] = (uint8_t)(i ? smallest_class(i * 8) : 0);
    for (size_t i = 0; i <= (GC_MAX_SMALL - SMALL_MAX) / 128; i++)
        size_to_class128[i] = (uint8_t)smallest_class(SMALL_MAX + i * 128);
}

int gc_size_class(size_t size)
{
    pthread_once(&tables_once, build_tables);
    if (size > GC_MAX_SMALL)
        return 0;
    if (size <= SMALL_MAX - 8) /* Go: size <= smallSizeMax-8 uses the 8-byte table */
        return size_to_class8[(size + 7) / 8];
    return size_to_class128[(size - SMALL_MAX + 127) / 128];
}

size_t gc_class_size(int cls) { return cls > 0 && cls < GC_NUM_CLASSES ? classes[cls].bytes : 0; }
int gc_class_pages(int cls) { return cls > 0 && cls < GC_NUM_CLASSES ? classes[cls].pages : 0; }

size_t gc_class_objects(int cls)
{
    return cls > 0 && cls < GC_NUM_CLASSES
               ? (size_t)classes[cls].pages * GC_PAGE_BYTES / classes[cls].bytes
               : 0;
}

size_t gc_roundup_size(size_t size)
{
    if (size <= GC_MAX_SMALL)
        return gc_class_size(gc_size_class(size ? size : 1));
    return (size + GC_PAGE_BYTES - 1) / GC_PAGE_BYTES * GC_PAGE_BYTES;
}
