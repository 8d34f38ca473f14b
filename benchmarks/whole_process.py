"""Whole-process timings of the ``target-lint`` command, against the performance budgets.

Run from the repository root with the project installed (``pip install -e .``)::

    .venv/bin/python benchmarks/whole_process.py           # a markdown table (several minutes)
    .venv/bin/python benchmarks/whole_process.py --quick   # smaller sizes, one batch run
    .venv/bin/python benchmarks/whole_process.py --json    # the same figures as JSON

Every figure is the median of repeated runs of the ``target-lint`` executable next to
``sys.executable`` (``subprocess`` timed with ``time.perf_counter``, warm-up runs first):

* ``target-lint --version`` (15 runs);
* one 60-row sheet fully linted, ``check --no-cache FILE``, as csv, xlsx and md (11 runs each);
* scaling: 1k and 10k indicators of xlsx, ``check --no-cache --jobs 2 DIR`` (3 runs each), and
  the batch of 100k indicators (about 7,000 sheets, 3 runs), with indicators per second and the
  100k/10k ratio;
* the peak memory of the 100k batch: the sum of VmRSS over the process and all its descendants,
  sampled every 50 ms from /proc (at least the largest single process, should the samples miss
  the moment); the peak VmHWM of the main process and of the largest worker
  (sampled too); and the exact largest single-process peak, ``ru_maxrss`` from ``os.wait4``
  (the maximum over the child and the descendants it waited for; ``RUSAGE_CHILDREN`` of this
  script would also count every earlier run);
* the warm-cache re-run of the 100k batch, ``check --jobs 2 DIR``: one run fills a fresh
  ``TARGET_LINT_CACHE_DIR``, then 3 timed runs.

``--quick`` uses 10k indicators for the batch (its time budget scaled linearly, marked
"scaled"; the warm-cache budget is kept at 2 s), 1k and 10k for the scaling curve, one run per
batch and fewer runs of the small commands. The batches have no warm-up runs of their own: the
single-sheet runs fill the grammar cache and the smaller scaling sizes run first.

Exit status 1 (findings) is normal; 2 (an error) aborts with target-lint's stderr.

The corpora are made by benchmarks/corpus.py in benchmarks/.corpus/ (git-ignored) and reused
while seed, size and generator are unchanged. Before timing, the package is byte-compiled
(``compileall``) and the runs go without ``PYTHONDONTWRITEBYTECODE``, so that no run pays for
compiling; the grammar cache of the timed runs is a temporary directory, never the user's.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE / ".corpus"
SEED = 20260101
EXE = Path(sys.executable).parent / "target-lint"
SAMPLE_SECONDS = 0.05

BUDGET_VERSION_MS = 60.0
BUDGET_SHEET_MS = 300.0
BUDGET_BATCH_S, STRETCH_BATCH_S = 20.0, 10.0
BUDGET_MEMORY_MB = 300.0
BUDGET_WARM_S = 2.0
BUDGET_RATIO_TOLERANCE = 0.10  # 100k/10k within 10% of 10×
BUDGET_INDICATORS = 100_000  # the size the batch budgets are set for


@dataclass(frozen=True)
class Plan:
    """Sizes and repetitions of one benchmark run."""

    version_runs: int
    sheet_runs: int
    warmups: int
    batch: int  # indicators of the batch
    batch_runs: int
    scaling: tuple[int, ...]  # smaller sizes of the scaling curve (the batch is the last point)
    scaling_runs: int
    sheet_rows: int = 60
    jobs: int = 2

    @property
    def scale(self) -> float:
        """Batch size relative to the size the budgets are set for."""
        return self.batch / BUDGET_INDICATORS


FULL = Plan(15, 11, 2, 100_000, 3, (1_000, 10_000), 3)
QUICK = Plan(7, 5, 2, 10_000, 1, (1_000,), 1)


@dataclass
class Row:
    """One line of the report."""

    key: str
    label: str
    value: float | None
    unit: str
    budget: str
    status: str  # pass, stretch, miss, or "" where there is no budget
    note: str = ""
    runs: list[float] = field(default_factory=list)


@dataclass
class Run:
    """One whole-process run: wall time, exit code and, when sampled, memory."""

    seconds: float
    returncode: int
    max_rss_mb: float = 0.0  # ru_maxrss from wait4: the largest single process of the tree
    tree_peak_mb: float = 0.0  # the largest sampled sum of VmRSS over the tree
    parent_hwm_mb: float = 0.0
    worker_hwm_mb: float = 0.0
    processes: int = 1

    @property
    def peak_mb(self) -> float:
        """Peak of the tree: the sampled sum, or the largest process where sampling missed it."""
        return max(self.tree_peak_mb, self.max_rss_mb)


# --- environment ----------------------------------------------------------------------------


def child_env(cache_dir: Path) -> dict[str, str]:
    """The environment of the timed runs: bytecode allowed, a benchmark-owned cache."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["TARGET_LINT_CACHE_DIR"] = str(cache_dir)
    return env


def compile_package() -> None:
    """Byte-compile the installed (or editable) target_lint, so no run compiles it."""
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, target_lint; print(os.path.dirname(target_lint.__file__))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if subprocess.run([sys.executable, "-m", "compileall", "-q", where]).returncode != 0:
        print(f"warning: compileall could not compile all of {where}", file=sys.stderr)


def machine() -> dict[str, Any]:
    """nproc, CPU model, Python and target-lint versions."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    version = subprocess.run([str(EXE), "--version"], capture_output=True, text=True)
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": model or platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "target_lint": version.stdout.strip(),
        "platform": platform.platform(),
    }


# --- corpora --------------------------------------------------------------------------------


def corpus(name: str, *options: str) -> Path:
    """Make (or reuse) a corpus with benchmarks/corpus.py; its folder."""
    out = CORPUS / name
    command = [sys.executable, str(HERE / "corpus.py"), "--out", str(out), "--seed", str(SEED)]
    done = subprocess.run([*command, *options, "--reuse"], stdout=sys.stderr)
    if done.returncode != 0:
        raise SystemExit(f"corpus.py failed for {out} (exit {done.returncode})")
    return out


def size_name(indicators: int) -> str:
    return f"{indicators // 1000}k" if indicators % 1000 == 0 else str(indicators)


def batch_corpus(indicators: int) -> Path:
    """The xlsx folder of a corpus of ``indicators`` indicators (made as xlsx and csv)."""
    return corpus(size_name(indicators), "--indicators", str(indicators), "--format", "both") / (
        "xlsx"
    )


# --- running and measuring ------------------------------------------------------------------


def descendants(root: int) -> list[int]:
    """The pids of ``root``'s process tree, ``root`` first (from /proc/*/stat)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    tree, index = [root], 0
    while index < len(tree):
        tree += children.get(tree[index], [])
        index += 1
    return tree


def memory_kb(pid: int) -> tuple[int, int]:
    """VmRSS and VmHWM of a process in kB, (0, 0) once it is gone."""
    rss = hwm = 0
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith(b"VmHWM:"):
                    hwm = int(line.split()[1])
    except OSError:
        pass
    return rss, hwm


class TreeSampler(threading.Thread):
    """Samples the memory of a process tree every 50 ms until stopped."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.stopped = threading.Event()
        self.peak_kb = 0
        self.parent_hwm_kb = 0
        self.worker_hwm_kb = 0
        self.pids: set[int] = set()

    def run(self) -> None:
        while not self.stopped.is_set():
            total = 0
            for pid in descendants(self.root):
                rss, hwm = memory_kb(pid)
                total += rss
                self.pids.add(pid)
                if pid == self.root:
                    self.parent_hwm_kb = max(self.parent_hwm_kb, hwm)
                else:
                    self.worker_hwm_kb = max(self.worker_hwm_kb, hwm)
            self.peak_kb = max(self.peak_kb, total)
            self.stopped.wait(SAMPLE_SECONDS)


def fail(command: Sequence[str], returncode: int, stderr: str) -> None:
    """Abort: target-lint exited with an error."""
    sys.stderr.write(stderr)
    raise SystemExit(f"{' '.join(command)}: exit status {returncode}")


def run_once(
    command: Sequence[str], env: Mapping[str, str], sample: bool = False, cwd: Path | None = None
) -> Run:
    """One run, stdout discarded; with ``sample``, the memory of its process tree too."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=errors, env=env, cwd=cwd
        )
        sampler = TreeSampler(process.pid) if sample else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if sampler:
            sampler.stopped.set()
            sampler.join()
        if process.returncode not in (0, 1):
            errors.seek(0)
            fail(command, process.returncode, errors.read().decode(errors="replace"))
    run = Run(seconds, process.returncode, max_rss_mb=usage.ru_maxrss / 1024)
    if sampler:
        run.tree_peak_mb = sampler.peak_kb / 1024
        run.parent_hwm_mb = sampler.parent_hwm_kb / 1024
        run.worker_hwm_mb = sampler.worker_hwm_kb / 1024
        run.processes = len(sampler.pids)
    return run


def repeat(
    command: Sequence[str],
    env: Mapping[str, str],
    runs: int,
    warmups: int = 0,
    sample: bool = False,
) -> list[Run]:
    """``warmups`` untimed runs, then ``runs`` measured ones."""
    for _ in range(warmups):
        run_once(command, env)
    return [run_once(command, env, sample) for _ in range(runs)]


def median(runs: Sequence[Run]) -> float:
    return statistics.median(run.seconds for run in runs)


# --- the benchmarks -------------------------------------------------------------------------


@dataclass
class Context:
    """What every benchmark needs: the plan, the environment, a logger."""

    plan: Plan
    env: dict[str, str]
    log: Callable[[str], None]

    def check(self, target: Path, *, cache: bool = False, jobs: bool = False) -> list[str]:
        """``target-lint check TARGET``: ``--no-cache`` unless ``cache``, ``--jobs N`` if asked."""
        command = [str(EXE), "check"]
        if not cache:
            command.append("--no-cache")
        if jobs:
            command += ["--jobs", str(self.plan.jobs)]
        return [*command, str(target)]


def status(value: float, budget: float, stretch: float | None = None) -> str:
    if stretch is not None and value <= stretch:
        return "stretch"
    return "pass" if value <= budget else "miss"


def bench_version(ctx: Context) -> Row:
    ctx.log("target-lint --version")
    runs = repeat([str(EXE), "--version"], ctx.env, ctx.plan.version_runs, ctx.plan.warmups)
    ms = median(runs) * 1000
    return Row(
        "version",
        "`target-lint --version`",
        ms,
        "ms",
        f"≤ {BUDGET_VERSION_MS:g} ms",
        status(ms, BUDGET_VERSION_MS),
        runs=[r.seconds * 1000 for r in runs],
    )


def bench_sheets(ctx: Context) -> list[Row]:
    rows = ctx.plan.sheet_rows
    folder = corpus(f"one-{rows}", "--one-sheet", str(rows), "--format", "all")
    result = []
    for fmt in ("csv", "xlsx", "md"):
        ctx.log(f"one {rows}-row sheet, {fmt}")
        command = ctx.check(next((folder / fmt).glob(f"*.{fmt}")))
        runs = repeat(command, ctx.env, ctx.plan.sheet_runs, ctx.plan.warmups)
        ms = median(runs) * 1000
        result.append(
            Row(
                f"sheet_{fmt}",
                f"one {rows}-row sheet, {fmt}, `check --no-cache`",
                ms,
                "ms",
                f"≤ {BUDGET_SHEET_MS:g} ms",
                status(ms, BUDGET_SHEET_MS),
                runs=[r.seconds * 1000 for r in runs],
            )
        )
    return result


def scaled(budget: float, plan: Plan) -> tuple[float, str]:
    """A budget set for 100k indicators, scaled to the plan's batch; and its note."""
    if plan.batch == BUDGET_INDICATORS:
        return budget, ""
    return budget * plan.scale, f"scaled from {budget:g} s at 100k"


def bench_batch(ctx: Context) -> tuple[list[Row], list[Run]]:
    """The cold batch (time, memory); its runs for the scaling curve."""
    plan = ctx.plan
    folder = batch_corpus(plan.batch)
    command = ctx.check(folder, jobs=True)
    ctx.log(f"batch of {size_name(plan.batch)} indicators, {plan.batch_runs} run(s)")
    runs = repeat(command, ctx.env, plan.batch_runs, sample=True)
    seconds = median(runs)
    budget, scale_note = scaled(BUDGET_BATCH_S, plan)
    stretch = STRETCH_BATCH_S * plan.scale
    peak = max(run.peak_mb for run in runs)
    parent = max(run.parent_hwm_mb for run in runs)
    worker = max(run.worker_hwm_mb for run in runs)
    single = max(run.max_rss_mb for run in runs)
    processes = max(run.processes for run in runs)
    workers = f"largest worker {worker:.0f} MB" if processes > 1 else "no worker processes"
    memory_note = (
        f"main process {parent:.0f} MB, {workers} (VmHWM, sampled); "
        f"largest single process {single:.0f} MB (ru_maxrss); {processes} process(es)"
    )
    label = f"{size_name(plan.batch)} indicators xlsx, `check --no-cache --jobs {plan.jobs}`"
    rows = [
        Row(
            "batch",
            label,
            seconds,
            "s",
            f"≤ {budget:g} s (stretch {stretch:g} s)",
            status(seconds, budget, stretch),
            scale_note,
            [r.seconds for r in runs],
        ),
        Row(
            "memory",
            "peak memory of that batch (sum of VmRSS over the process tree, 50 ms samples)",
            peak,
            "MB",
            f"≤ {BUDGET_MEMORY_MB:g} MB",
            status(peak, BUDGET_MEMORY_MB),
            memory_note,
            [r.peak_mb for r in runs],
        ),
    ]
    return rows, runs


def bench_warm(ctx: Context) -> list[Row]:
    """The re-run of an unchanged batch (its report replayed), and the re-run from another
    folder, which misses the replay and takes every file's result from the result cache."""
    plan = ctx.plan
    folder = batch_corpus(plan.batch)
    cache = Path(tempfile.mkdtemp(prefix="target-lint-warm-cache-"))
    try:
        env = child_env(cache)
        command = ctx.check(folder, cache=True, jobs=True)
        ctx.log(
            f"warm cache, {size_name(plan.batch)} indicators: fill, then {plan.batch_runs} run(s)"
        )
        replayed = repeat(command, env, plan.batch_runs, warmups=1)
        ctx.log(f"warm cache from a new folder each time: {plan.batch_runs} run(s)")
        per_file = []
        for _ in range(plan.batch_runs):
            with tempfile.TemporaryDirectory(prefix="target-lint-cwd-") as elsewhere:
                per_file.append(run_once(command, env, cwd=Path(elsewhere)))
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    budget = BUDGET_WARM_S  # not scaled: a smaller batch is mostly start-up
    scale_note = "" if plan.batch == BUDGET_INDICATORS else "budget for 100k, not scaled"
    label = f"warm cache re-run, {size_name(plan.batch)} indicators, `check --jobs {plan.jobs}`"
    rows = []
    for key, how, runs, note in (
        ("warm", "report replayed", replayed, scale_note),
        ("warm_per_file", "from another folder: results from the per-file cache", per_file, ""),
    ):
        seconds = median(runs)
        verdict = status(seconds, budget) if key == "warm" else ""
        row = Row(key, f"{label}, {how}", seconds, "s", f"≤ {budget:g} s" if key == "warm" else "",
                  verdict, note, [r.seconds for r in runs])  # fmt: skip
        rows.append(row)
    return rows


Point = tuple[int, list[Run]]  # indicators, runs


def bench_scaling(ctx: Context) -> list[Point]:
    """The smaller sizes of the scaling curve (run before the batch, they warm it up)."""
    plan = ctx.plan
    points: list[Point] = []
    for size in plan.scaling:
        command = ctx.check(batch_corpus(size), jobs=True)
        ctx.log(f"scaling: {size_name(size)} indicators, {plan.scaling_runs} run(s)")
        points.append((size, repeat(command, ctx.env, plan.scaling_runs)))
    return points


def scaling_rows(points: Sequence[Point]) -> list[Row]:
    """Wall time and indicators/s per size; the ratio of the two largest sizes."""
    rows = []
    for size, runs in points:
        seconds = median(runs)
        rows.append(
            Row(
                f"scaling_{size_name(size)}",
                f"scaling: {size_name(size)} indicators xlsx",
                seconds,
                "s",
                "",
                "",
                f"{size / seconds:,.0f} indicators/s",
                [r.seconds for r in runs],
            )
        )
    (small, small_runs), (large, large_runs) = points[-2], points[-1]
    expected = large / small
    ratio = median(large_runs) / median(small_runs)
    low, high = expected * (1 - BUDGET_RATIO_TOLERANCE), expected * (1 + BUDGET_RATIO_TOLERANCE)
    rows.append(
        Row(
            "scaling_ratio",
            f"scaling ratio {size_name(large)}/{size_name(small)}",
            ratio,
            "×",
            f"{low:g}–{high:g}× ({expected:g}× ± 10%)",
            "pass" if low <= ratio <= high else "miss",
        )
    )
    return rows


# --- output ---------------------------------------------------------------------------------


def shown(row: Row) -> str:
    if row.value is None:
        return "—"
    if row.unit == "ms":
        return f"{row.value:.0f} ms"
    if row.unit == "MB":
        return f"{row.value:.0f} MB"
    if row.unit == "×":
        return f"{row.value:.2f}×"
    return f"{row.value:.2f} s"


def markdown(rows: Sequence[Row], info: Mapping[str, Any], plan: Plan) -> str:
    lines = [
        f"target-lint whole-process benchmarks ({'quick' if plan is QUICK else 'full'})",
        "",
        f"- machine: {info['nproc']} CPUs, {info['cpu']}",
        f"- Python {info['python']}, {info['target_lint']}, {info['platform']}",
        "",
        "| measure | median | runs | budget | status | notes |",
        "|---|---:|---:|---|---|---|",
    ]
    for row in rows:
        count = len(row.runs) or ""
        lines.append(
            f"| {row.label} | {shown(row)} | {count} | {row.budget} | {row.status} | {row.note} |"
        )
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer runs")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    plan = QUICK if args.quick else FULL
    if not EXE.exists():
        raise SystemExit(f"{EXE} not found: install the project (pip install -e .)")

    def log(message: str) -> None:
        print(f"[whole_process] {message}", file=sys.stderr, flush=True)

    compile_package()
    info = machine()
    cache = Path(tempfile.mkdtemp(prefix="target-lint-bench-cache-"))
    try:
        ctx = Context(plan, child_env(cache), log)
        rows = [bench_version(ctx), *bench_sheets(ctx)]
        points = bench_scaling(ctx)
        batch_rows, batch_runs = bench_batch(ctx)
        points.append((plan.batch, batch_runs))
        rows += [*batch_rows, *bench_warm(ctx), *scaling_rows(points)]
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    if args.json:
        report = {
            "quick": args.quick,
            "machine": info,
            "plan": asdict(plan),
            "results": [asdict(row) for row in rows],
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(markdown(rows, info, plan))
    return 0


if __name__ == "__main__":
    sys.exit(main())
