#ifndef MIGRATE_CBYTESEARCH_H
#define MIGRATE_CBYTESEARCH_H

#include <stddef.h>

/// glibc's memmem (a GNU extension Swift's Glibc module hides): the first occurrence of `needle`
/// in `haystack`, or NULL.
void *migrate_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);

#endif
