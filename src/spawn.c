/*
 * spawn: children through fork/execvp, never a shell (SECURITY.md C1), and
 * with nothing of ours left open in them (C3).
 *
 * syscall() and SYS_close_range are outside POSIX 2008; _DEFAULT_SOURCE
 * declares them in this one file, where closing every descriptor at once
 * matters more than strictness.
 */
#define _DEFAULT_SOURCE
#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "xalloc.h"

int
spawn_split(const char *cmdline, struct strv *argv, char **cause)
{
	struct str word = STR_INIT;
	int in_word = 0;
	char quote = 0;
	size_t before = argv->n;

	for (const char *p = cmdline; ; p++) {
		char c = *p;

		if (c == '\0') {
			if (quote != 0) {
				str_free(&word);
				*cause = xasprintf("unclosed %c quote in "
				    "command: %s", quote, cmdline);
				return -1;
			}
			break;
		}
		if (quote == '\'') {
			if (c == '\'')
				quote = 0;
			else
				str_appendc(&word, c);
			continue;
		}
		if (c == '\\' && p[1] != '\0') {
			str_appendc(&word, *++p);
			in_word = 1;
			continue;
		}
		if (quote == '"') {
			if (c == '"')
				quote = 0;
			else
				str_appendc(&word, c);
			continue;
		}
		if (c == '\'' || c == '"') {
			quote = c;
			in_word = 1;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n') {
			if (in_word)
				strv_push(argv, str_steal(&word));
			in_word = 0;
			continue;
		}
		str_appendc(&word, c);
		in_word = 1;
	}
	if (in_word)
		strv_push(argv, str_steal(&word));
	str_free(&word);
	if (argv->n == before) {
		*cause = xstrdup("empty command");
		return -1;
	}
	return 0;
}

/*
 * Closes every descriptor from lowfd up: a child must not inherit feed
 * sockets, curl's wake-up socketpair, the cache or our own pipes.  One
 * close_range(2) where the kernel has it (Linux 5.9, FreeBSD 12.2), else a
 * loop up to the descriptor limit.  Async-signal-safe: runs after fork.
 */
static void
close_from(int lowfd)
{
	struct rlimit rl;
	long max = 1024;

#ifdef SYS_close_range
	if (syscall(SYS_close_range, (unsigned)lowfd, ~0U, 0U) == 0)
		return;
#endif
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		max = (long)rl.rlim_cur;
	if (max > 1L << 20)
		max = 1L << 20;
	for (long fd = lowfd; fd < max; fd++)
		close((int)fd);
}

/*
 * In the child: only async-signal-safe calls until exec.  stdin (and, with
 * keep_terminal == 0 and no out_fd, stdout and stderr) come from /dev/null;
 * out_fd, when given, becomes stdout.  dup2 leaves the copies without
 * close-on-exec; every other descriptor is closed.
 */
static void
child_exec(char *const argv[], int out_fd, int keep_terminal)
{
	signal(SIGPIPE, SIG_DFL);
	if (!keep_terminal) {
		int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);

		if (devnull >= 0) {
			dup2(devnull, STDIN_FILENO);
			if (out_fd < 0) {
				dup2(devnull, STDOUT_FILENO);
				dup2(devnull, STDERR_FILENO);
			}
		}
	}
	if (out_fd >= 0 && out_fd != STDOUT_FILENO)
		dup2(out_fd, STDOUT_FILENO);
	close_from(STDERR_FILENO + 1);
	execvp(argv[0], argv);
	_exit(127);
}

static int
wait_child(pid_t pid, const char *name, char **cause)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			*cause = xasprintf("%s: %s", name, strerror(errno));
			return -1;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		*cause = xasprintf("%s: could not be run (not found in PATH?)",
		    name);
	else if (WIFEXITED(status))
		*cause = xasprintf("%s: exited with status %d", name,
		    WEXITSTATUS(status));
	else
		*cause = xasprintf("%s: killed by signal %d", name,
		    WTERMSIG(status));
	return -1;
}

static long
ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t0->tv_sec) * 1000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000000;
}

int
spawn_capture(char *const argv[], size_t max, int timeout_ms,
    struct str *out, char **cause)
{
	int fds[2];
	pid_t pid;
	struct timespec t0;
	char buf[4096];

	if (pipe(fds) < 0) {
		*cause = xasprintf("%s: pipe: %s", argv[0], strerror(errno));
		return -1;
	}
	/* Neither end may leak into a child another thread starts meanwhile. */
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		*cause = xasprintf("%s: fork: %s", argv[0], strerror(errno));
		return -1;
	}
	if (pid == 0)
		child_exec(argv, fds[1], 0);
	close(fds[1]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct pollfd pfd = { fds[0], POLLIN, 0 };
		long left = timeout_ms - ms_since(&t0);
		ssize_t n;

		if (left <= 0) {
			kill(pid, SIGKILL);
			close(fds[0]);
			waitpid(pid, NULL, 0);
			*cause = xasprintf("%s: no answer within %d ms",
			    argv[0], timeout_ms);
			return -1;
		}
		if (poll(&pfd, 1, (int)left) <= 0)
			continue;
		n = read(fds[0], buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (out->len < max)
			str_append(out, buf, (size_t)n > max - out->len ?
			    max - out->len : (size_t)n);
	}
	close(fds[0]);
	return wait_child(pid, argv[0], cause);
}

int
spawn_run(char *const argv[], int wait, char **cause)
{
	pid_t pid = fork();

	if (pid < 0) {
		*cause = xasprintf("%s: fork: %s", argv[0], strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (wait)
			child_exec(argv, -1, 1);
		/* Detach: a second fork so no zombie is left behind. */
		setsid();
		if (fork() == 0)
			child_exec(argv, -1, 0);
		_exit(0);
	}
	return wait_child(pid, argv[0], cause);
}
