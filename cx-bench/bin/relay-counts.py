#!/usr/bin/env python3
"""Over a window of SECONDS: the CPU (user, system) of each PID's threads, grouped by name, and the
TCP data segments sent in each direction between the load generator's devices, a Connection Server
on EDGE_PORT and a platform on PLATFORM_PORT (ss -ti: each established socket's data_segs_out).

    relay-counts.py SECONDS EDGE_PORT PLATFORM_PORT PID...      # prints one JSON object
"""
import collections, json, os, re, subprocess, sys, time


def threads(pid):
    out = {}
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            stat = open(f'/proc/{pid}/task/{tid}/stat').read()
        except OSError:
            continue
        name = stat[stat.index('(') + 1:stat.rindex(')')]
        fields = stat[stat.rindex(')') + 2:].split()
        out[tid] = (re.sub(r'\d+$', '#', name), int(fields[11]), int(fields[12]))
    return out


def segments():
    lines = subprocess.run(['ss', '-tinH', 'state', 'established'], capture_output=True, text=True).stdout.split('\n')
    out = {}
    for head, info in zip(lines[0::2], lines[1::2]):
        cols = head.split()
        m = re.search(r'data_segs_out:(\d+)', info)
        if len(cols) >= 4:
            out[(cols[2], cols[3])] = int(m.group(1)) if m else 0
    return out


def direction(local, peer, edge, platform):
    if local.endswith(edge):
        return 'serverToDevices'
    if peer.endswith(edge):
        return 'devicesToServer'
    if peer.endswith(platform):
        return 'toPlatform'
    if local.endswith(platform):
        return 'fromPlatform'
    return None


seconds, edge, platform = float(sys.argv[1]), ':' + sys.argv[2], ':' + sys.argv[3]
pids = sys.argv[4:]
t0, s0 = {p: threads(p) for p in pids}, segments()
time.sleep(seconds)
t1, s1 = {p: threads(p) for p in pids}, segments()
hz = os.sysconf('SC_CLK_TCK')
segs = collections.Counter()
for key, n in s1.items():
    d = direction(*key, edge, platform)
    if d and key in s0:
        segs[d] += n - s0[key]
report = {'seconds': seconds, 'segmentsPerSec': {d: round(n / seconds) for d, n in segs.items()}, 'processes': {}}
for p in pids:
    groups = collections.defaultdict(lambda: [0, 0])
    for tid, (name, user, system) in t1[p].items():
        if tid in t0[p]:
            groups[name][0] += user - t0[p][tid][1]
            groups[name][1] += system - t0[p][tid][2]
    cores = {name: {'user': round(u / hz / seconds, 3), 'system': round(s / hz / seconds, 3)}
             for name, (u, s) in sorted(groups.items(), key=lambda g: -sum(g[1])) if u + s}
    report['processes'][p] = {'coresBusy': round(sum(u + s for u, s in groups.values()) / hz / seconds, 3),
                              'threadGroups': cores}
print(json.dumps(report))
