"""CPU time from /proc: the workers', the whole machine's, and this process's children's.

A rate alone says little on a shared two-core machine; CPU seconds per request, and how
much of the machine others used meanwhile, say whether the rate can be trusted. Linux
only: elsewhere the functions answer None and the record says so.
"""

import os
from pathlib import Path


def cpu_seconds(pids):
    """User and system CPU the processes have used so far (Linux; None elsewhere)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        total += int(fields[11]) + int(fields[12])  # utime, stime: man 5 proc
    return total / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds():
    """CPU time every process on the machine has used so far (Linux; None elsewhere)."""
    try:
        fields = [int(value) for value in Path("/proc/stat").read_text().split()[1:9]]
    except OSError:
        return None
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields) - idle) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds():
    """CPU this process's finished children (each wrk run) have used so far."""
    times = os.times()
    return times.children_user + times.children_system
