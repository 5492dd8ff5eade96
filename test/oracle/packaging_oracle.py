"""A long-lived oracle worker: answers questions about Python packaging semantics with the real
`packaging` library, for the differential tests in test/unit/packaging-diff/ and elsewhere.

Protocol (JSON lines over stdin/stdout):
  first line out:  {"ready": true, "packaging": "<version>", "python": "<version>"}
  each line in:    {"id": 7, "op": "<name>", "calls": [[arg, ...], ...]}
  each line out:   {"id": 7, "results": [{"ok": <value>} | {"error": {"type": "...", "message": "..."}}]}

Adding an op: write one function below decorated with @op("<name>") whose positional arguments are
JSON values and whose return value is JSON-serializable, then add its type to test/oracle/ops.ts.
Big integers are returned as strings so JavaScript sees them exactly.
"""

from __future__ import annotations

import json
import sys
import traceback
from typing import Any, Callable

import packaging
from packaging.specifiers import Specifier, SpecifierSet
from packaging.version import Version

OPS: dict[str, Callable[..., Any]] = {}


def op(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        OPS[name] = fn
        return fn

    return register


def _num(n: int | None) -> str | None:
    return None if n is None else str(n)


# ---------------------------------------------------------------- versions


@op("version.info")
def version_info(s: str) -> dict[str, Any]:
    v = Version(s)
    return {
        "normalized": str(v),
        "epoch": _num(v.epoch),
        "release": [str(x) for x in v.release],
        "pre": None if v.pre is None else [v.pre[0], str(v.pre[1])],
        "post": _num(v.post),
        "dev": _num(v.dev),
        "local": v.local,
        "public": v.public,
        "base_version": v.base_version,
        "is_prerelease": v.is_prerelease,
        "is_postrelease": v.is_postrelease,
        "is_devrelease": v.is_devrelease,
        "major": str(v.major),
        "minor": str(v.minor),
        "micro": str(v.micro),
    }


@op("version.normalize")
def version_normalize(s: str) -> str | None:
    """The normalized string, or None when packaging refuses the input (any ValueError)."""
    try:
        return str(Version(s))
    except ValueError:
        return None


@op("version.compare")
def version_compare(a: str, b: str) -> int:
    va, vb = Version(a), Version(b)
    return -1 if va < vb else (1 if va > vb else 0)


@op("version.sort")
def version_sort(items: list[str]) -> list[str]:
    return sorted(items, key=Version)


# ---------------------------------------------------------------- specifiers


@op("specifier.info")
def specifier_info(s: str) -> dict[str, Any]:
    spec = Specifier(s)
    return {"operator": spec.operator, "version": spec.version, "str": str(spec), "prereleases": spec.prereleases}


@op("specifier.contains")
def specifier_contains(s: str, item: str, prereleases: bool | None = None) -> bool:
    return Specifier(s).contains(item, prereleases=prereleases)


@op("specifier_set.info")
def specifier_set_info(s: str, set_prereleases: bool | None = None) -> dict[str, Any]:
    ss = SpecifierSet(s, prereleases=set_prereleases)
    return {
        "str": str(ss),
        "prereleases": ss.prereleases,
        "length": len(ss),
        "is_unsatisfiable": ss.is_unsatisfiable(),
    }


@op("specifier_set.contains")
def specifier_set_contains(
    s: str, item: str, prereleases: bool | None = None, set_prereleases: bool | None = None
) -> bool:
    return SpecifierSet(s, prereleases=set_prereleases).contains(item, prereleases=prereleases)


@op("specifier_set.filter")
def specifier_set_filter(
    s: str, items: list[str], prereleases: bool | None = None, set_prereleases: bool | None = None
) -> list[str]:
    return list(SpecifierSet(s, prereleases=set_prereleases).filter(items, prereleases=prereleases))


@op("specifier_set.is_unsatisfiable")
def specifier_set_is_unsatisfiable(s: str, set_prereleases: bool | None = None) -> bool:
    return SpecifierSet(s, prereleases=set_prereleases).is_unsatisfiable()


@op("specifier_set.and")
def specifier_set_and(a: str, b: str) -> str:
    return str(SpecifierSet(a) & SpecifierSet(b))


# ---------------------------------------------------------------- worker loop


def _answer(fn: Callable[..., Any], args: list[Any]) -> dict[str, Any]:
    try:
        return {"ok": fn(*args)}
    except Exception as error:  # every failure is data for the caller to compare
        return {"error": {"type": type(error).__name__, "message": str(error)}}


def main() -> None:
    out = sys.stdout
    out.write(json.dumps({"ready": True, "packaging": packaging.__version__, "python": sys.version.split()[0]}))
    out.write("\n")
    out.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        request: dict[str, Any] = {}
        try:
            request = json.loads(line)
            fn = OPS.get(request["op"])
            if fn is None:
                raise KeyError(f"unknown oracle op {request['op']!r}; known: {sorted(OPS)}")
            results = [_answer(fn, args) for args in request["calls"]]
            reply: dict[str, Any] = {"id": request["id"], "results": results}
        except Exception:
            reply = {"id": request.get("id"), "fatal": traceback.format_exc()}
        out.write(json.dumps(reply, ensure_ascii=True))
        out.write("\n")
        out.flush()


if __name__ == "__main__":
    main()
