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
    ("log FINDING", ["log", "FINDING"], False, 0.5, 2.0),
]
MEMORY_MB_100K = 1024


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
    done = subprocess.run([*base, "--help"], capture_output=True, text=True, check=False)
    names = set()
    in_commands = False
    for line in done.stdout.splitlines():
        if line.startswith("Commands:"):
            in_commands = True
        elif in_commands and line.strip():
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
                if "one file changed" in label:
                    edited.write_bytes(
                        original.replace(b"summary: ", f"summary: 改{len(samples)}".encode(), 1)
                    )
                samples.append(run([*base, *args], root, env))
            edited.write_bytes(original)
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
    print(f"\nspeed at the end: {machine_speed()}")


if __name__ == "__main__":
    main()
