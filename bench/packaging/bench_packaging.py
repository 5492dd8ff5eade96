"""The Python side of bench/packaging/run.ts: times packaging on the same workloads with timeit.

Reads a JSON workload from stdin ({"strings": [...], "projects": [[...], ...], "requires_python":
[...], "pythons": [...], "filters": [[spec, [versions]], ...]}) and prints seconds per pass of each
workload as JSON: the best of several repeats, as timeit recommends.
"""

import json
import sys
import timeit

import packaging
from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

work = json.load(sys.stdin)
strings = work["strings"]
projects = [[Version(v) for v in p] for p in work["projects"]]
sets = [SpecifierSet(s) for s in work["requires_python"]]
pythons = work["pythons"]
filters = [(SpecifierSet(s), versions) for s, versions in work["filters"]]


def parse():
    for s in strings:
        try:
            Version(s)
        except (InvalidVersion, ValueError):
            pass


def sort():
    for p in projects:
        sorted(p)


def contains():
    for ss in sets:
        for py in pythons:
            ss.contains(py)


def filter_():
    for ss, versions in filters:
        list(ss.filter(versions))


def best(fn, number):
    return min(timeit.repeat(fn, number=number, repeat=5)) / number


print(
    json.dumps(
        {
            "packaging": packaging.__version__,
            "python": sys.version.split()[0],
            "parse": best(parse, 3),
            "sort": best(sort, 3),
            "contains": best(contains, 3),
            "filter": best(filter_, 3),
        }
    )
)
