#ifndef CSPAWN_H
#define CSPAWN_H

#include <sys/types.h>

/// A pipe whose two ends are close-on-exec (pipe2 with O_CLOEXEC). Returns 0 or an errno.
int cspawn_pipe(int fds[2]);

/// Starts `path` with `argv`/`envp` in a new process group of its own, with exactly three
/// descriptors: `stdin_fd`, `stdout_fd` and `stderr_fd` become 0, 1 and 2 and every other
/// descriptor is closed; the signal mask is empty and every signal has its default action
/// (the parent may ignore SIGTERM or SIGPIPE; the child must not inherit that).
/// `cwd` may be NULL. Returns 0 and sets `*pid`, or an errno.
int cspawn_start(const char *path, char *const argv[], char *const envp[], const char *cwd,
                 int stdin_fd, int stdout_fd, int stderr_fd, pid_t *pid);

/// Ignores SIGPIPE in this process, so a write to a pipe whose reader died fails with EPIPE.
void cspawn_ignore_sigpipe(void);

#endif
