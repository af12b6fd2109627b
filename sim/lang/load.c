/*
 * load.c — reading a scenario file (or stdin, "-") into memory.
 */
#include "sim/lang/lang.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>

#define MAX_SOURCE (64u << 20) /* a scenario is a small program */

bool sc_load(const char *path, sc_source *src, char *err, size_t errlen)
{
    bool stdin_ = !strcmp(path, "-");
    FILE *f = stdin_ ? stdin : fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "open %s: %s", path, strerror(errno));
        return false;
    }
    size_t cap = 4096, len = 0;
    char *buf = sc_alloc_atomic(cap);
    for (;;) {
        if (len == cap) {
            if (cap >= MAX_SOURCE) {
                snprintf(err, errlen, "%s: file too large (over %u MiB)", path, MAX_SOURCE >> 20);
                if (!stdin_)
                    fclose(f);
                return false;
            }
            char *nb = sc_alloc_atomic(cap * 2);
            memcpy(nb, buf, len);
            buf = nb;
            cap *= 2;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    bool bad = ferror(f);
    if (!stdin_)
        fclose(f);
    if (bad) {
        snprintf(err, errlen, "read %s: %s", path, strerror(errno));
        return false;
    }
    src->name = stdin_ ? "<stdin>" : sc_strndup(path, strlen(path));
    src->text = buf;
    src->len = len;
    return true;
}
