#ifndef MIGRATE_CLIBGIT2_SHIM_H
#define MIGRATE_CLIBGIT2_SHIM_H

#include <git2.h>

// git_libgit2_opts is variadic, which Swift cannot call: one non-variadic wrapper per option used.

/// Turns libgit2's check that the repository belongs to the current user on (1) or off (0).
static inline int migrate_git_set_owner_validation(int enabled) {
    return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled);
}

#endif
