#!/usr/bin/python3
"""Start-up time of `chipgraph query 'who designs Trainium3?'` against `chipgraph --version`
(issue 15 item 7): runs the commands of each binary alternately, RUNS times each, and prints
the medians of wall and CPU (user+sys) time. On a shared machine compare the ratios.

    bench/startup_time.py [RUNS] LABEL=path/to/chipgraph [LABEL=...]
"""
import resource
import statistics
import subprocess
import sys
import time


def timed(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000


def main():
    args = sys.argv[1:]
    runs = int(args.pop(0)) if args and args[0].isdigit() else 100
    if not args:
        sys.exit(__doc__)
    commands = {}
    for binary in args:
        label, path = binary.split("=", 1)
        commands[f"{label} --version"] = [path, "--version"]
        commands[f"{label} query"] = [path, "query", "who designs Trainium3?"]
    times = {name: ([], []) for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            wall, cpu = timed(command)
            times[name][0].append(wall)
            times[name][1].append(cpu)
    for name, (wall, cpu) in times.items():
        print(f"{name:32s} wall {statistics.median(wall):6.2f} ms  cpu {statistics.median(cpu):6.2f} ms")


if __name__ == "__main__":
    main()
