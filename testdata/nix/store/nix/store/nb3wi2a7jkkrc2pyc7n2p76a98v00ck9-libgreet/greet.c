/* libgreet - tiny greeting formatting library */
#include <stdio.h>
#include "greet.h"

#define STR2(x) #x
#define STR(x) STR2(x)

const char *greet_version(void)
{
    return STR(GREET_VERSION_MAJOR) "." STR(GREET_VERSION_MINOR) "." STR(GREET_VERSION_PATCH);
}

int greet_format(char *buf, size_t len, const char *greeting, const char *name)
{
    if (greeting == NULL || *greeting == '\0')
        greeting = "Hello";
    if (name == NULL || *name == '\0')
        name = "stranger";
    return snprintf(buf, len, "%s, %s!", greeting, name);
}
