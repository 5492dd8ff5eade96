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
    # len() first: str() deduplicates the specifiers in place, after which len() shrinks.
    length = len(ss)
    return {
        "str": str(ss),
        "prereleases": ss.prereleases,
        "length": length,
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


# ---------------------------------------------------------------- names, markers, requirements, tags, file names
# (PEP 503/508/425 ops for lib/python/{name,marker,requirement,tags,filename}; differential tests in
# test/unit/packaging-diff/{name,marker,requirement,tags,filename}*.test.ts)


@op("name.info")
def name_info(s: str) -> dict[str, Any]:
    from packaging.utils import InvalidName, canonicalize_name, is_normalized_name

    try:
        canonicalize_name(s, validate=True)
        valid = True
    except InvalidName:
        valid = False
    return {"canonical": canonicalize_name(s), "valid": valid, "normalized": is_normalized_name(s)}


@op("marker.parse")
def marker_parse(s: str) -> str:
    """The canonical string; raises InvalidMarker (or ValueError when it cannot be printed)."""
    from packaging.markers import Marker

    return str(Marker(s))


def _marker_environment(env: dict[str, Any]) -> dict[str, Any]:
    # JSON lists stand for the set-valued variables (extras, dependency_groups).
    return {k: frozenset(v) if isinstance(v, list) else v for k, v in env.items()}


@op("marker.evaluate")
def marker_evaluate(s: str, env: dict[str, Any], context: str) -> bool:
    """Evaluates against exactly `env` (plus the context's defaults), never the running process."""
    from unittest import mock

    from packaging import markers

    with mock.patch.object(markers, "_cached_default_environment", lambda: {}):
        return markers.Marker(s).evaluate(_marker_environment(env), context=context)  # type: ignore[arg-type]


@op("requirement.parse")
def requirement_parse(s: str) -> dict[str, Any]:
    from packaging.requirements import Requirement

    r = Requirement(s)
    return {
        "name": r.name,
        "extras": sorted(r.extras),
        "specifier": str(r.specifier),
        "url": r.url,
        "marker": None if r.marker is None else str(r.marker),
        "str": str(r),
    }


@op("tags.parse")
def tags_parse(s: str, validate_order: bool) -> list[str]:
    from packaging.tags import parse_tag

    return sorted(str(t) for t in parse_tag(s, validate_order=validate_order))


@op("tags.sys_tags")
def tags_sys_tags(interpreter: dict[str, Any], platform_spec: dict[str, Any]) -> list[str]:
    """packaging.tags.sys_tags() on a described target: the probes of the running process (sys,
    sysconfig, platform, glibc/musl detection, ELF checks) are replaced by the described values."""
    import contextlib
    import functools
    import types
    from unittest import mock

    from packaging import _manylinux, _musllinux, tags

    major, minor = interpreter["python_version"]
    config = dict(interpreter.get("config_vars", {}))
    config.update(platform_spec.get("config_vars", {}))
    implementation = types.SimpleNamespace(
        name=interpreter["implementation"], _multiarch=platform_spec.get("multiarch", "")
    )
    fake_sys = types.SimpleNamespace(
        version_info=(major, minor, 0, "final", 0),
        implementation=implementation,
        maxunicode=0x10FFFF,
        executable="/nonexistent/python",
    )
    fake_sysconfig = types.SimpleNamespace(
        get_platform=lambda: platform_spec["sysconfig_platform"], get_config_var=config.get
    )
    mac = platform_spec.get("mac_ver", ["", ["", "", ""], ""])
    ios = platform_spec.get("ios_ver", ["iOS", "", "", False])
    fake_platform = types.SimpleNamespace(
        system=lambda: platform_spec["system"],
        mac_ver=lambda: tuple(mac),
        ios_ver=lambda: tuple(ios),
        android_ver=lambda: types.SimpleNamespace(api_level=platform_spec.get("api_level", 0)),
    )
    glibc = platform_spec.get("glibc")
    musl = platform_spec.get("musl")
    is_32bit = bool(platform_spec.get("is_32bit", False))
    with contextlib.ExitStack() as stack:
        patch = lambda target, name, value: stack.enter_context(mock.patch.object(target, name, value))  # noqa: E731
        patch(tags, "sys", fake_sys)
        patch(tags, "sysconfig", fake_sysconfig)
        patch(tags, "platform", fake_platform)
        patch(tags, "EXTENSION_SUFFIXES", [])
        patch(tags, "_linux_platforms", functools.partial(tags._linux_platforms, is_32bit=is_32bit))
        patch(tags, "_mac_arch", functools.partial(tags._mac_arch, is_32bit=is_32bit))
        patch(_manylinux, "sys", fake_sys)
        patch(_manylinux, "_get_glibc_version", lambda: _manylinux._GLibCVersion(*(glibc or (-1, -1))))
        patch(_manylinux, "_is_linux_armhf", lambda executable: True)
        patch(_manylinux, "_is_linux_i686", lambda executable: True)
        patch(_manylinux, "_get_manylinux_module", lambda: None)
        patch(_musllinux, "sys", fake_sys)
        patch(
            _musllinux,
            "_get_musl_version",
            lambda executable: None if musl is None else _musllinux._MuslVersion(*musl),
        )
        return [str(t) for t in tags.sys_tags()]


@op("utils.parse_wheel_filename")
def utils_parse_wheel_filename(filename: str, validate_order: bool) -> dict[str, Any]:
    from packaging.utils import parse_wheel_filename

    name, version, build, tag_set = parse_wheel_filename(filename, validate_order=validate_order)
    return {
        "name": name,
        "version": str(version),
        "build": None if not build else [str(build[0]), build[1]],
        "tags": sorted(str(t) for t in tag_set),
    }


@op("utils.parse_sdist_filename")
def utils_parse_sdist_filename(filename: str) -> dict[str, Any]:
    from packaging.utils import parse_sdist_filename

    name, version = parse_sdist_filename(filename)
    return {"name": name, "version": str(version)}


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
