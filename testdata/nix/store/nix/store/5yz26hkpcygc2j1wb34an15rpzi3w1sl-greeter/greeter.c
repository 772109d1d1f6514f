/* greeter - prints a friendly, localized greeting.
 *
 * Build-time defines (set by the Nix build):
 *   GREETER_VERSION         program version
 *   GREETER_CONFIG_DEFAULT  path of the default greeter.conf
 *   GREETER_CA_BUNDLE       path of the CA bundle used for update checks
 *   GREETER_ASSETS_DIR      directory holding banners and themes
 *   GREETER_FONT            font name, taken from the fonts source at build time
 * greetings.h is generated at build time from the greeting-data tarball.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <greet.h>
#include "greetings.h"

#define GREETER_DEFAULT_NAME "Wrold"

static const char *lookup_greeting(const char *lang)
{
    size_t i;
    for (i = 0; i < sizeof(greetings) / sizeof(greetings[0]); i++) {
        if (strncmp(lang, greetings[i].lang, 1) == 0)
            return greetings[i].text;
    }
    return NULL;
}

static void read_config(const char *path, char *lang, size_t lang_len)
{
    char line[256];
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return;
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "language=", 9) == 0) {
            line[strcspn(line, "\r\n")] = '\0';
            snprintf(lang, lang_len, "%.31s", line + 9);
        }
    }
    fclose(f);
}

int main(int argc, char **argv)
{
    char lang[32] = "en";
    char buf[256];
    const char *config = getenv("GREETER_CONFIG");
    const char *name = argc > 1 ? argv[1] : GREETER_DEFAULT_NAME;

    if (config == NULL || *config == '\0')
        config = GREETER_CONFIG_DEFAULT;
    read_config(config, lang, sizeof lang);

    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("greeter %s (libgreet %s)\n", GREETER_VERSION, greet_version());
        printf("config:    %s\n", config);
        printf("ca-bundle: %s\n", GREETER_CA_BUNDLE);
        printf("assets:    %s\n", GREETER_ASSETS_DIR);
        printf("font:      %s\n", GREETER_FONT);
        return 0;
    }

    greet_format(buf, sizeof buf, lookup_greeting(lang), name);
    puts(buf);
    return 0;
}
