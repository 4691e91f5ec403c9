"""Time ducha's commands on synthetic repositories and print wall time and peak memory.

    python bench/run.py                 # 1,000 and 10,000 visits
    python bench/run.py --sizes 100000  # a province's scale (generation takes a while)

Repositories are generated once under bench/.work/ (ignored by git) and reused. Each
command runs as its own process, the way a user or a pre-commit hook runs it: cold means
the median of three runs on an empty parse cache, warm the median of five runs, each
after one that fills it (this machine's timings vary from run to run by a third).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
WORK = HERE / ".work"
AS_OF = "2026-11-27"

# (label, arguments, cold?, target seconds at 10,000 visits, at 100,000 visits)
COMMANDS: list[tuple[str, list[str], bool, float | None, float | None]] = [
    ("ducha --help", ["--help"], False, 0.2, 0.2),
    ("validate (cold, no cache)", ["validate"], True, 2.0, 20.0),
    ("validate (warm, nothing changed)", ["validate"], False, 0.3, 1.0),
    ("validate (warm, one file changed)", ["validate"], False, 0.35, 1.5),
    ("overdue (warm)", ["overdue", "--as-of", AS_OF], False, 0.4, 2.5),
    ("overdue --format json (warm)", ["overdue", "--as-of", AS_OF, "-f", "json"], False, 0.4, 2.5),
    ("stats (warm)", ["stats", "--as-of", AS_OF], False, 0.4, 2.5),
    ("show FINDING (warm)", ["show", "FINDING", "--as-of", AS_OF], False, 0.4, 2.5),
    ("export -f json (warm)", ["export", "-f", "json", "--as-of", AS_OF], False, 0.4, 2.5),
    # the same commands when a record was edited since: every finding derived again
    ("overdue (warm, one file changed)", ["overdue", "--as-of", AS_OF], False, None, None),
    ("stats (warm, one file changed)", ["stats", "--as-of", AS_OF], False, None, None),
    (
        "schedule, two weeks",
        ["schedule", "--from", AS_OF, "--days", "14", "--seed", "1"],
        False,
        None,
        None,
    ),
    (
        "report bulletin --format md",
        ["report", "bulletin", "--format", "md", "--as-of", AS_OF],
        False,
        None,
        None,
    ),
    ("diff HEAD~1..HEAD", ["diff", "HEAD~1..HEAD"], False, 0.5, 2.0),
    # another day each run: no kept output answers, the records come from the parse cache
    ("diff HEAD~1..HEAD (nothing kept)", ["diff", "HEAD~1..HEAD"], False, None, None),
    ("log FINDING", ["log", "FINDING"], False, 0.5, 2.0),
]
MEMORY_MB_100K = 1024
RACY_SECONDS = 2.1


def ducha_command() -> list[str]:
    """The installed console script beside this interpreter (not a version-manager shim)."""
    script = Path(sys.executable).parent / "ducha"
    return [str(script)] if script.exists() else [sys.executable, "-m", "ducha"]


def run(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB and exit status of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def available_commands(base: list[str]) -> set[str]:
    """Commands this ducha has (the benchmark skips those not built yet)."""
    env = {**os.environ, "DUCHA_LANG": "en"}  # the headings parsed below are the English ones
    done = subprocess.run([*base, "--help"], capture_output=True, text=True, check=False, env=env)
    names = set()
    section = ""
    for line in done.stdout.splitlines():
        if line and not line.startswith(" "):  # a heading: Options:, Records:, …
            section = line
        elif section != "Options:" and line.startswith("  ") and line[2:3].isalpha():
            names.add(line.split()[0])
    return names


def ensure_repository(size: int) -> Path:
    """The generated repository of ``size`` visits, made on first use."""
    target = WORK / f"visits-{size}"
    if not (target / "ducha.yaml").exists():
        shutil.rmtree(target, ignore_errors=True)
        print(f"generating {size} visits in {target} …", file=sys.stderr)
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(size), str(target)], check=True
        )
    return target


def first_finding(root: Path) -> str:
    """A finding id to ask ``log`` about."""
    for file in sorted((root / "visits").rglob("*.yaml")):
        text = file.read_text(encoding="utf-8")
        if "findings:" in text and "returns_to" not in text:
            return f"{file.stem}/1"
    return ""


def _day_of_run(label: str, args: list[str], run: int) -> list[str]:
    """A "nothing kept" row asks about another day each run, so that no kept output answers."""
    if "nothing kept" not in label:
        return args
    return [*args[:2], "--as-of", f"2026-11-{10 + run:02d}"]


def bench(size: int, base: list[str], have: set[str]) -> list[tuple[str, str, str, str]]:
    """Rows of (command, seconds, peak MB, verdict) for one repository size."""
    root = ensure_repository(size)
    rows = []
    with tempfile.TemporaryDirectory() as cache_home:
        env = {**os.environ, "XDG_CACHE_HOME": cache_home, "COLUMNS": "120"}
        # An installed ducha runs from compiled bytecode; with this set, an editable install
        # would compile every module again on every run and the figures would measure that.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        run([*base, "--version"], root, env)
        edited = next((root / "visits").rglob("*.yaml"))
        original = edited.read_bytes()
        for label, args, cold, target, target_100k in COMMANDS:
            if args[0] != "--help" and args[0] not in have:
                rows.append((label, "—", "—", "not built yet"))
                continue
            args = [a.replace("FINDING", first_finding(root)) for a in args]
            samples: list[tuple[float, float, int]] = []
            for _ in range(3 if cold else 5):
                if cold:
                    shutil.rmtree(Path(cache_home) / "ducha", ignore_errors=True)
                else:
                    run([*base, *args], root, env)  # fill the cache
                args = _day_of_run(label, args, len(samples))
                if "one file changed" in label:
                    edited.write_bytes(
                        original.replace(b"summary: ", f"summary: 改{len(samples)}".encode(), 1)
                    )
                samples.append(run([*base, *args], root, env))
            if "one file changed" in label:
                edited.write_bytes(original)
                # a file changed this moment keeps no answer (the racy rule): let it settle,
                # as a record does between a clerk's edit and the next command
                time.sleep(RACY_SECONDS)
            seconds = statistics.median(s[0] for s in samples)
            memory = max(s[1] for s in samples)
            goal = target_100k if size >= 100_000 else (target if size >= 10_000 else None)
            verdict = (
                "" if goal is None else ("met" if seconds <= goal else "MISSED") + f" (≤ {goal} s)"
            )
            if size >= 100_000 and memory > MEMORY_MB_100K:
                verdict += f"; memory MISSED (≤ {MEMORY_MB_100K} MB)"
            if any(s[2] not in (0, 1) for s in samples):
                verdict = f"exit {samples[0][2]}"
            rows.append((label, f"{seconds:.2f}", f"{memory:.0f}", verdict))
        if size <= 10_000:  # at 100,000 files it runs for many minutes (and past ARG_MAX)
            rows += _check_jsonschema(root, base, env, rows)
    return rows


# A city over twenty counties (issue 19): (label, arguments, target seconds)
COUNTIES = [
    "临川",
    "东乡",
    "金溪",
    "崇仁",
    "宜黄",
    "乐安",
    "南城",
    "南丰",
    "黎川",
    "资溪",
    "广昌",
    "章贡",
    "南康",
    "赣县",
    "信丰",
    "大余",
    "上犹",
    "崇义",
    "安远",
    "龙南",
]
HUB_SITE = "site-out"
HUB_COMMANDS: list[tuple[str, list[str], float | None]] = [
    ("sources sync (nothing new)", ["sources", "sync"], 2.0),
    ("sources (list)", ["sources"], None),
    ("validate (warm)", ["validate"], None),
    ("overdue (warm)", ["overdue", "--as-of", AS_OF], 4.0),
    ("overdue --format json (warm)", ["overdue", "--as-of", AS_OF, "-f", "json"], 4.0),
    ("stats (warm)", ["stats", "--as-of", AS_OF], 4.0),
    ("overdue (warm, one source changed)", ["overdue", "--as-of", AS_OF], None),
    ("site (first build)", ["site", "-o", HUB_SITE, "--as-of", AS_OF], 60.0),
    ("site (one source changed)", ["site", "-o", HUB_SITE, "--as-of", AS_OF, "--force"], 10.0),
]


def ensure_hub(count: int, size: int) -> Path:
    """A hub over ``count`` generated counties of ``size`` visits, reached by file:// URLs."""
    root = WORK / f"hub-{count}x{size}"
    if (root / "ducha.yaml").exists():
        return root
    names = COUNTIES[:count]
    upstream = WORK / f"counties-{size}"
    todo = [(i, n) for i, n in enumerate(names) if not (upstream / f"c{i:02d}/ducha.yaml").exists()]
    print(f"generating {len(todo)} counties of {size} visits in {upstream} …", file=sys.stderr)
    for start in range(0, len(todo), 2):  # two at a time, one a core
        jobs = [
            subprocess.Popen(
                [sys.executable, str(HERE / "generate.py"), str(size), str(upstream / f"c{i:02d}")]
                + ["--seed", str(100 + i), "--county", name]
            )
            for i, name in todo[start : start + 2]
        ]
        if any(job.wait() for job in jobs):
            raise SystemExit("generating a county failed")
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    lines = ["organization:", "  name: 基准测试市督查组", "sources:"]
    for i, name in enumerate(names):
        lines += [f"  - name: {name}", f"    url: {(upstream / f'c{i:02d}').resolve().as_uri()}"]
        lines += ["    branch: main"]
    (root / "ducha.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / ".gitignore").write_text(f".ducha/\n{HUB_SITE}/\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    return root


def bench_hub(count: int, size: int, base: list[str]) -> list[tuple[str, str, str, str]]:
    """Rows for a hub: each command once after a run that warms it (a site takes minutes)."""
    root = ensure_hub(count, size)
    rows = []
    with tempfile.TemporaryDirectory() as cache_home:
        env = {**os.environ, "XDG_CACHE_HOME": cache_home, "COLUMNS": "120"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        seconds, _, _ = run([*base, "sources", "sync"], root, env)
        rows.append(("sources sync (first: clones)", f"{seconds:.2f}", "—", ""))
        run([*base, "validate"], root, env)
        time.sleep(RACY_SECONDS)
        first = root / ".ducha/sources" / COUNTIES[0]
        edited = next((first / "visits").rglob("*.yaml"))
        original = edited.read_bytes()
        shutil.rmtree(root / HUB_SITE, ignore_errors=True)
        for label, args, goal in HUB_COMMANDS:
            if "one source changed" in label:
                edited.write_bytes(original.replace(b"summary: ", b"summary: \xe6\x94\xb9", 1))
            elif not label.startswith("site"):
                run([*base, *args], root, env)  # warm it
            seconds, memory, status = run([*base, *args], root, env)
            if "one source changed" in label:
                edited.write_bytes(original)
                time.sleep(RACY_SECONDS)
            if label.startswith("sources sync"):  # its target is beyond git's own time
                rows.append((label, f"{seconds:.2f}", f"{memory:.0f}", ""))
                label, seconds = f"{label}, less git's own time", _less_git(args, root, env)
            verdict = "" if goal is None else ("met" if seconds <= goal else "MISSED")
            verdict += f" (≤ {goal} s)" if goal is not None else ""
            if status not in (0, 1):
                verdict = f"exit {status}"
            rows.append((label, f"{seconds:.2f}", f"{memory:.0f}", verdict))
    return rows


def _less_git(args: list[str], root: Path, env: dict[str, str]) -> float:
    """Wall seconds of ``ducha ARGS`` less the git processes it waited for (git_share.py)."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(HERE / "git_share.py"), *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    last = done.stderr.strip().splitlines()[-1].split()
    return elapsed - float(last[1])


def _check_jsonschema(
    root: Path, base: list[str], env: dict[str, str], rows: list[tuple[str, str, str, str]]
) -> list[tuple[str, str, str, str]]:
    """check-jsonschema with ducha's own schema on the same visit files, for comparison."""
    tool = shutil.which("check-jsonschema")
    if tool is None:
        return [("check-jsonschema (same visits)", "—", "—", "not installed")]
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [*base, "-C", str(root), "schema", "-o", folder],
            env=env,
            capture_output=True,
            check=True,
        )
        files = [str(p) for p in sorted((root / "visits").rglob("*.yaml"))]
        seconds, memory, _ = run(
            [tool, "--schemafile", str(Path(folder) / "visit.schema.json"), *files], root, env
        )
    cold = next((float(r[1]) for r in rows if r[0].startswith("validate (cold")), None)
    ratio = f"{seconds / cold:.1f}× ducha's cold validate" if cold else ""
    return [("check-jsonschema (same visits)", f"{seconds:.2f}", f"{memory:.0f}", ratio)]


def _spin(_: object = None) -> float:
    """Seconds for a fixed pure-Python loop: how fast this machine is right now."""
    started = time.perf_counter()
    total = 0
    for i in range(5_000_000):
        total += i
    return time.perf_counter() - started


def machine_speed() -> str:
    """Interpreter start, and a fixed loop on one core and on two at once.

    This machine's speed moves by a third or more from minute to minute; printed beside
    the figures, it says which kind of minute they were measured in.
    """
    import multiprocessing

    starts = [run([sys.executable, "-c", "pass"], HERE, dict(os.environ))[0] for _ in range(5)]
    one = min(_spin() for _ in range(3))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        two = min(max(pool.map(_spin, range(2))) for _ in range(3))
    return (
        f"python -c pass {statistics.median(starts) * 1000:.0f} ms; a fixed loop {one:.2f} s "
        f"on one core, {two:.2f} s on each of two at once"
    )


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--hub", type=int, metavar="N", help="also a hub over N counties")
    parser.add_argument("--hub-size", type=int, default=10_000, help="visits a county")
    args = parser.parse_args()
    base = ducha_command()
    have = available_commands(base)
    python = sys.version.split()[0]
    print(f"machine: {os.cpu_count()} cores, Python {python}; command: {' '.join(base)}")
    print(f"speed at the start: {machine_speed()}")
    for size in args.sizes:
        print(f"\n{size:,} visits\n")
        print("| command | wall s | peak MB | target |")
        print("|---|---:|---:|---|")
        for row in bench(size, base, have):
            print("| " + " | ".join(row) + " |")
    if args.hub:
        size = args.hub_size
        print(f"\na hub over {args.hub} counties of {size:,} visits\n")
        print("| command | wall s | peak MB | target |")
        print("|---|---:|---:|---|")
        for row in bench_hub(args.hub, size, base):
            print("| " + " | ".join(row) + " |")
    print(f"\nspeed at the end: {machine_speed()}")


if __name__ == "__main__":
    main()
