"""Throughput of the indicator-value parser (``target_lint.values.parse_value``).

Run from the repository root with the project installed (``pip install -e .``)::

    .venv/bin/python benchmarks/parse_values.py          # a table
    .venv/bin/python benchmarks/parse_values.py --json   # the same figures as JSON

Three figures, each the median of ``--runs`` runs (default 3), timed with ``time.perf_counter``:

* grammar load: the first ``parse_value`` call in a fresh interpreter (imports lark, builds or
  loads the LALR parser, reads the vocabulary), once with an empty grammar cache directory and
  once with the cache file already written;
* cold: ``--count`` (default 100,000) *distinct* strings, memo cleared before each run, so every
  value goes through normalisation, the grammar and the vocabulary;
* memoised: ``--count`` values cycling through the ~70 strings of ``MEMO_STRINGS``, memo cleared
  before each run (so only the first pass over the ~70 strings misses).

The distinct strings are generated deterministically (fixed seed) from seed-like templates:
quantities, ranges, frequencies, durations, deadlines, relative changes, qualitative words with
remarks, and the usual defects (full-width digits, ASCII operators, export markers).
The grammar cache goes to a temporary directory (``TARGET_LINT_CACHE_DIR``), never the user's.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

SEED = 20250601

# Templates for the cold set. Fields: {n} integer, {d} decimal, {p} percentage number,
# {s} a small count, {a}/{b} range bounds, {y}/{m}/{day} a date, {w} a qualitative word.
TEMPLATES = (
    "≥{n} 个",
    "≥{n}人",
    "≥ {n} 人次",
    "={n}元",
    "≤{d}万元",
    "{d} 万",
    "{d} 平方米",
    "> {n}起",
    "≥{n} 万条",
    "≥{d} 亿元",
    "{p}%",
    "≥{p}%",
    "≤{p}%",
    "= {p}%",
    "不低于{p}%",
    "{p}%以上",
    "≥{n}LX",
    "≥{n}km ²",
    "≥{n}㎡",
    "≥{s} 次/年",
    "{a}%-{b}%",
    "{a}~{b} 次",
    "{a}至{b}个",
    "每月至少{s}次",
    "每周 {s} 次",
    "{s}次/天",
    "≤{s} 小时",
    "{s} 个工作日内",
    "≤{s}天",
    "{y}年{m}月{day}日前",
    "{y}年{m}月底前",
    "同比增长{p}%",
    "较上年增长{p}%",
    "{w}{n}",
    "{w}(第{s}批)",
    "≥{s}%#",
    ">={p}%",
    "≥{fw}％",
    "保洁、安全类问题及时响应, 其他问题 {s} 个工作日内响应",
    "{t},{h:03d}.{k:02d}",
)

WORDS = (
    "大幅降低",
    "明显提升",
    "合格",
    "良好及以上",
    "按期完成",
    "是",
    "高于或等于上年",
    "依据合同规定",
    "干净整洁",
    "通过验收",
)

# ~70 distinct strings as they stand in the seed sheets (tests/data/seed_values.toml).
MEMO_STRINGS = (
    "≥20 个",
    "≥1100km ²",
    "≥370 万条",
    "≤0%",
    "≥98%",
    "≥95%",
    "≥100 家",
    "≥1 次",
    "18%",
    "2.30%",
    "≥1.6 亿人次",
    "10 条",
    "≥5 名次",
    "年度完成",
    "=16000元",
    "=100%",
    "大幅降低",
    "≥13168",
    "≥30LX",
    "≤6 小时",
    "明亮、美观、温馨",
    "≥ 36 场次",
    "≥ 4 次/年",
    "≥ 56.04%",
    "60%以上",
    "2-3 轮",
    "70.44 亿元",
    "31143.31 万元",
    "差",
    "> 6000起",
    "是#",
    "= 万元",
    "≥ 起",
    "#",
    "≤预算数元",
    "每月至少3次",
    "保洁100百分比",
    "1次/天次/天",
    "≥90分",
    "完成日",
    "完成百分比",
    "高于或等于上年分",
    "≥95百分比",
    "每年12月31日前",
    "次/天",
    "1,311.13",
    "3157.97 万",
    "达标",
    "3014989.88 平方米",
    "保证正常运转合格",
    "合格",
    "保洁、安全类问题及时响应, 其他问题 5 个工作日内响应",
    "每周 2 次",
    "6.7 万一年",
    "优",
    "依据合同规定",
    "34.79m³/日",
    "164.25元/m³",
    "19.71万元/月",
    "1-2日",
    "≥500元/人",
    "3 次每月",
    "85%-90%",
    "不低于95%",
    "约≥95%左右",
    "同比增长5%",
    "2025年12月底前",
    "≥９５％",
    "100%(历史标准)",
    "≥**%",
)

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def distinct_values(count: int, seed: int = SEED) -> list[str]:
    """``count`` distinct cell strings, the same for the same seed."""
    rng = random.Random(seed)
    seen: dict[str, None] = {}
    i = 0
    while len(seen) < count:
        template = TEMPLATES[i % len(TEMPLATES)]
        i += 1
        a = rng.randint(1, 99)
        fields: dict[str, Any] = {
            "n": rng.randint(1, 99_999),
            "d": f"{rng.randint(1, 99_999)}.{rng.randint(0, 99):02d}",
            "p": f"{rng.randint(0, 100)}.{rng.randint(0, 99)}",
            "a": a,
            "b": a + rng.randint(1, 20),
            "y": rng.randint(2020, 2035),
            "m": rng.randint(1, 12),
            "day": rng.randint(1, 28),
            "w": rng.choice(WORDS),
            "fw": str(rng.randint(1, 9_999)).translate(_FULL_WIDTH),
            "k": rng.randint(0, 99),
            "s": rng.randint(1, 999),
            "t": rng.randint(1, 999),
            "h": rng.randint(0, 999),
        }
        seen.setdefault(template.format(**fields), None)
    return list(seen)


def cycled(strings: tuple[str, ...], count: int) -> list[str]:
    return [strings[i % len(strings)] for i in range(count)]


def _time_runs(runs: int, body: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return times


_FIRST_CALL = """\
import time
from target_lint.values import parse_value
start = time.perf_counter()
parse_value("≥20 个")
print(time.perf_counter() - start)
"""


def first_call_seconds(cache_dir: str) -> float:
    """The first parse_value call in a fresh interpreter, with the given grammar cache dir."""
    import target_lint

    env = dict(os.environ, TARGET_LINT_CACHE_DIR=cache_dir)
    package_root = str(Path(target_lint.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_CALL],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip())


def _cache_dirs(runs: int) -> Iterator[str]:
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="target-lint-bench-") as folder:
            yield folder


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
    }


def measure(count: int, runs: int) -> dict[str, Any]:
    try:
        import target_lint.values.parser as parser
    except ImportError:  # not installed: use the checkout this script lives in
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        import target_lint.values.parser as parser

    import lark

    import target_lint

    no_cache = [first_call_seconds(folder) for folder in _cache_dirs(runs)]
    with tempfile.TemporaryDirectory(prefix="target-lint-bench-") as folder:
        first_call_seconds(folder)  # writes the cache file
        with_cache = [first_call_seconds(folder) for _ in range(runs)]

        os.environ["TARGET_LINT_CACHE_DIR"] = folder
        parse = parser.parse_value
        parse("≥20 个")  # load the grammar and vocabulary outside the timed runs

        cold_values = distinct_values(count)
        memo_values = cycled(MEMO_STRINGS, count)
        last: list[Any] = []

        def run_cold() -> None:
            parser._parse_memo.cache_clear()
            last[:] = map(parse, cold_values)

        def run_memo() -> None:
            parser._parse_memo.cache_clear()
            for _ in map(parse, memo_values):
                pass

        cold = _time_runs(runs, run_cold)
        kinds = collections.Counter(value.kind for value in last)
        memo = _time_runs(runs, run_memo)

    def figure(times: list[float], values: int) -> dict[str, Any]:
        median = statistics.median(times)
        return {
            "values": values,
            "seconds": [round(t, 6) for t in times],
            "median_seconds": round(median, 6),
            "values_per_second": round(values / median) if median and values > 1 else None,
        }

    return {
        "command": "python benchmarks/parse_values.py"
        + (f" --count {count}" if count != 100_000 else "")
        + (f" --runs {runs}" if runs != 3 else ""),
        "target_lint": target_lint.__version__,
        "lark": lark.__version__,
        "machine": machine(),
        "runs": runs,
        "grammar_load_no_cache": figure(no_cache, 1),
        "grammar_load_with_cache": figure(with_cache, 1),
        "cold": {**figure(cold, count), "distinct": len(set(cold_values)), "kinds": dict(kinds)},
        "memoised": {**figure(memo, count), "distinct": len(set(memo_values))},
    }


def table(result: dict[str, Any]) -> str:
    m = result["machine"]
    rows = [
        ("grammar load, first call, no disk cache", result["grammar_load_no_cache"], False),
        ("grammar load, first call, disk cache", result["grammar_load_with_cache"], False),
        (
            f"cold: {result['cold']['values']:,} distinct values",
            result["cold"],
            True,
        ),
        (
            f"memoised: {result['memoised']['values']:,} values, "
            f"{result['memoised']['distinct']} distinct",
            result["memoised"],
            True,
        ),
    ]
    width = max(len(label) for label, _, _ in rows)
    lines = [
        f"target-lint {result['target_lint']}, lark {result['lark']}, "
        f"Python {m['python']}, {m['cpus']} CPU(s): {m['cpu']}",
        f"median of {result['runs']} runs",
        "",
        f"{'measure':<{width}}  {'median':>10}  {'values/s':>12}",
        f"{'-' * width}  {'-' * 10}  {'-' * 12}",
    ]
    for label, fig, rate in rows:
        median = fig["median_seconds"]
        shown = f"{median:.3f} s" if median >= 0.1 else f"{median * 1000:.1f} ms"
        per_second = f"{fig['values_per_second']:,}" if rate else "-"
        lines.append(f"{label:<{width}}  {shown:>10}  {per_second:>12}")
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(result["cold"]["kinds"].items()))
    lines += ["", f"cold set by kind: {kinds}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--count", type=int, default=100_000, help="values per run (100000)")
    ap.add_argument("--runs", type=int, default=3, help="runs per figure; the median is shown")
    args = ap.parse_args(argv)
    result = measure(args.count, args.runs)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
