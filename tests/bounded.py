#!/usr/bin/env python3
"""bounded.py - run a command with a time limit and report what it cost.

  bounded.py SECONDS OUT ERR -- COMMAND...

Runs COMMAND in a process group of its own with stdout to OUT and stderr to
ERR (stdin from /dev/null unless --stdin FILE), kills the group after
SECONDS, and prints one line: "EXIT SECONDS PEAK_RSS_KB" (EXIT 124 when it
was killed).  The tests' lib.sh (run_bounded) compares those with the
bounds of each case.
"""
import os
import signal
import sys
import time


def main():
    args = sys.argv[1:]
    stdin = os.devnull
    if args and args[0] == "--stdin":
        stdin, args = args[1], args[2:]
    limit, out, err = float(args[0]), args[1], args[2]
    cmd = args[4:] if args[3] == "--" else args[3:]
    t0 = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.setpgid(0, 0)
        os.dup2(os.open(stdin, os.O_RDONLY), 0)
        os.dup2(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 1)
        os.dup2(os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    killed = False
    while True:
        wpid, status, usage = os.wait4(pid, os.WNOHANG)
        if wpid == pid:
            break
        if time.monotonic() - t0 > limit and not killed:
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            killed = True
        time.sleep(0.01)
    code = 124 if killed else os.waitstatus_to_exitcode(status)
    print("%d %.2f %d" % (code, time.monotonic() - t0, usage.ru_maxrss))


if __name__ == "__main__":
    main()
