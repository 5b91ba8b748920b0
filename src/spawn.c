#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
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

/* In the child: only async-signal-safe calls until exec. */
static void
child_exec(char *const argv[], int out_fd)
{
	int devnull = open("/dev/null", O_RDWR);

	signal(SIGPIPE, SIG_DFL);
	if (devnull >= 0) {
		dup2(devnull, STDIN_FILENO);
		if (out_fd < 0) {
			dup2(devnull, STDOUT_FILENO);
			dup2(devnull, STDERR_FILENO);
		}
	}
	if (out_fd >= 0)
		dup2(out_fd, STDOUT_FILENO);
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
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		*cause = xasprintf("%s: fork: %s", argv[0], strerror(errno));
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		child_exec(argv, fds[1]);
	}
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
		if (wait) {
			signal(SIGPIPE, SIG_DFL);
			execvp(argv[0], argv);
			_exit(127);
		}
		/* Detach: a second fork so no zombie is left behind. */
		setsid();
		if (fork() == 0)
			child_exec(argv, -1);
		_exit(0);
	}
	return wait_child(pid, argv[0], cause);
}
