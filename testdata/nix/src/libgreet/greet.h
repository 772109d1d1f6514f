/* libgreet - tiny greeting formatting library */
#ifndef GREET_H
#define GREET_H

#include <stddef.h>

#define GREET_VERSION_MAJOR 1
#define GREET_VERSION_MINOR 4
#define GREET_VERSION_PATCH 2

#ifdef __cplusplus
extern "C" {
#endif

/* Returns the library version, e.g. "1.4.2". */
const char *greet_version(void);

/* Formats "<greeting>, <name>!" into buf (at most len bytes, NUL included).
 * Returns the number of characters that would have been written. */
int greet_format(char *buf, size_t len, const char *greeting, const char *name);

#ifdef __cplusplus
}
#endif

#endif /* GREET_H */
