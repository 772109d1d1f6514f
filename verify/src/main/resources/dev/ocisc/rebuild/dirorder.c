/*
 * ocisc verify rebuild --vary dirorder: an LD_PRELOAD shim that returns every directory's entries in the reverse
 * of the order the file system gives them, so a build that depends on readdir order (find, ls -U, os.listdir,
 * a Makefile's $(wildcard)) gives another artifact. A FUSE file system (disorderfs) would do the same for every
 * program, but needs /dev/fuse; this needs only a C compiler, and ocisc compiles it at run time.
 *
 * The first readdir on a DIR reads all of it ahead into a list; later calls hand the entries out from the end.
 * closedir frees the list, rewinddir drops it so the directory is read afresh. Limits: programs that call the
 * getdents system call themselves (Go's os.ReadDir) or glibc functions that read directories internally
 * (scandir, glob, nftw) are not affected; telldir/seekdir on a reordered directory are not meaningful.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct listing {
    DIR *dir;
    void **entries; /* copies of struct dirent or struct dirent64, in file-system order */
    size_t count;
    size_t left;    /* entries not yet returned: the next one is entries[left - 1] */
    struct listing *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct listing *listings; /* readdir's */
static struct listing *listings64; /* readdir64's: a DIR is read through one of them */

static void drop(struct listing **head, DIR *dir) {
    for (struct listing **p = head; *p; p = &(*p)->next) {
        if ((*p)->dir == dir) {
            struct listing *l = *p;
            *p = l->next;
            for (size_t i = 0; i < l->count; i++) {
                free(l->entries[i]);
            }
            free(l->entries);
            free(l);
            return;
        }
    }
}

/* One function per entry type: the same code for struct dirent and struct dirent64. */
#define REVERSED(NAME, TYPE, HEAD)                                                                    \
    TYPE *NAME(DIR *dir) {                                                                            \
        static TYPE *(*real)(DIR *);                                                                  \
        if (!real) {                                                                                  \
            real = (TYPE * (*)(DIR *)) dlsym(RTLD_NEXT, #NAME);                                       \
        }                                                                                             \
        pthread_mutex_lock(&lock);                                                                    \
        struct listing *l = HEAD;                                                                     \
        while (l && l->dir != dir) {                                                                  \
            l = l->next;                                                                              \
        }                                                                                             \
        if (!l) {                                                                                     \
            l = calloc(1, sizeof *l);                                                                 \
            if (!l) {                                                                                 \
                pthread_mutex_unlock(&lock);                                                          \
                return real(dir); /* no memory: the file system's order, rather than a failure */     \
            }                                                                                         \
            l->dir = dir;                                                                             \
            size_t cap = 0;                                                                           \
            int saved = errno;                                                                        \
            TYPE *e;                                                                                  \
            while ((e = real(dir)) != NULL) {                                                         \
                if (l->count == cap) {                                                                \
                    cap = cap ? 2 * cap : 64;                                                         \
                    void **grown = realloc(l->entries, cap * sizeof *grown);                          \
                    if (!grown) {                                                                     \
                        break;                                                                        \
                    }                                                                                 \
                    l->entries = grown;                                                               \
                }                                                                                     \
                TYPE *copy = malloc(sizeof(TYPE));                                                    \
                if (!copy) {                                                                          \
                    break;                                                                            \
                }                                                                                     \
                /* d_reclen may be shorter than the struct: copy the header and the name only */    \
                memcpy(copy, e, offsetof(TYPE, d_name));                                              \
                strncpy(copy->d_name, e->d_name, sizeof copy->d_name - 1);                            \
                copy->d_name[sizeof copy->d_name - 1] = '\0';                                         \
                l->entries[l->count++] = copy;                                                        \
            }                                                                                         \
            errno = saved;                                                                            \
            l->left = l->count;                                                                       \
            l->next = HEAD;                                                                           \
            HEAD = l;                                                                                 \
        }                                                                                             \
        TYPE *out = l->left > 0 ? (TYPE *) l->entries[--l->left] : NULL;                              \
        pthread_mutex_unlock(&lock);                                                                  \
        return out;                                                                                   \
    }

REVERSED(readdir, struct dirent, listings)
REVERSED(readdir64, struct dirent64, listings64)

int closedir(DIR *dir) {
    static int (*real)(DIR *);
    if (!real) {
        real = (int (*)(DIR *)) dlsym(RTLD_NEXT, "closedir");
    }
    pthread_mutex_lock(&lock);
    drop(&listings, dir);
    drop(&listings64, dir);
    pthread_mutex_unlock(&lock);
    return real(dir);
}

void rewinddir(DIR *dir) {
    static void (*real)(DIR *);
    if (!real) {
        real = (void (*)(DIR *)) dlsym(RTLD_NEXT, "rewinddir");
    }
    pthread_mutex_lock(&lock);
    drop(&listings, dir);
    drop(&listings64, dir);
    pthread_mutex_unlock(&lock);
    real(dir);
}
