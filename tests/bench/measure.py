#!/usr/bin/env python3
"""measure.py - wall time and peak RSS of a command, over several runs.

  measure.py [--runs N] [--prepare CMD] [--stdin FILE] -- COMMAND...

Prints one line: "median_s min_s max_rss_kb".  --prepare runs (untimed,
through /bin/sh: it comes from the benchmark script, never from feed data)
before each run.  The command's output goes to /dev/null.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import time


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--prepare")
    p.add_argument("--stdin", help="a file to give the command as input")
    p.add_argument("cmd", nargs=argparse.REMAINDER)
    a = p.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    times, rss = [], 0
    for _ in range(a.runs):
        if a.prepare:
            subprocess.run(a.prepare, shell=True, check=True)
        t0 = time.monotonic()
        pid = os.fork()
        if pid == 0:
            fd = os.open(os.devnull, os.O_WRONLY)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            if a.stdin:
                os.dup2(os.open(a.stdin, os.O_RDONLY), 0)
            os.execvp(cmd[0], cmd)
        _, status, usage = os.wait4(pid, 0)
        times.append(time.monotonic() - t0)
        rss = max(rss, usage.ru_maxrss)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            print("measure.py: %s exited %d" % (cmd[0], code), file=sys.stderr)
    print("%.3f %.3f %d" % (statistics.median(times), min(times), rss))


if __name__ == "__main__":
    main()
