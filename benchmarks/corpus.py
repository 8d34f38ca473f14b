"""A seeded, reproducible corpus of synthetic target sheets (绩效目标表) for the benchmarks.

Run from the repository root with the project installed (``pip install -e .``)::

    .venv/bin/python benchmarks/corpus.py --out benchmarks/.corpus/100k --indicators 100000
    .venv/bin/python benchmarks/corpus.py --out /tmp/c --indicators 2000 --seed 7 --format csv
    .venv/bin/python benchmarks/corpus.py --out /tmp/one --one-sheet 60 --format all

The rows of the bundled examples (``examples/**/*.md`` and ``*.txt``, read with
``target_lint.read_sheets``) are pooled by category (产出指标/数量指标, 质量指标, 时效指标,
成本指标, 效益指标, 满意度指标) and recombined into new project sheets of 6 to 30 indicators
(about 14 on average, so 100,000 indicators make about 7,000 sheets). Each sheet draws most of
the usual categories, occasionally drops one (so that the structure rules fire), shuffles the rows
within a category, scales the numbers of the values (percentages stay within sensible ranges) and
gets a project name and a department combined from the lists below.

Every sheet is written once per requested format, each format in its own folder, so that each
folder on its own holds the requested number of indicators:

* ``DIR/xlsx/sheet-00001.xlsx``: laid out like an export of the budget system: a title merged
  across the table, ``项目名称``/``主管部门``/``项目总预算（万元）`` rows, the header
  ``一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值确定依据``, and the 一级/二级 labels
  written once and merged vertically over the rows they span;
* ``DIR/csv/sheet-00001.csv``: the same grid without merges (labels blank below the first row
  of their group, as Excel/WPS export it), CRLF, UTF-8 with a BOM or GB18030 (half each,
  chosen by the seed);
* ``DIR/md/sheet-00001.md``: a title line and a pipe table, like ``examples/shiyan-2025``.

``--format`` is ``xlsx``, ``csv``, ``md``, ``both`` (xlsx and csv, the default) or ``all``.
``--one-sheet ROWS`` writes a single sheet of exactly ROWS indicators instead.

The output depends only on the options (``random.Random(seed)``, no clock, no hash order):
the same command gives byte-identical files. openpyxl stamps the save time into
``docProps/core.xml`` and into the zip entries, so every workbook is re-zipped with fixed
timestamps (2026-01-01). ``DIR/corpus.json`` records the options, the digest of this script and
the examples, and the indicator count of every sheet; it is written last, so that a complete
corpus can be reused (``--reuse``).

After writing, the first ``--verify`` files (50) of each format are read back with
``read_sheets`` and their indicator counts compared with the counts written; any difference is
printed and the exit status is 1.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import random
import re
import sys
import time
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

FORMATS: dict[str, tuple[str, ...]] = {
    "xlsx": ("xlsx",),
    "csv": ("csv",),
    "md": ("md",),
    "both": ("xlsx", "csv"),
    "all": ("xlsx", "csv", "md"),
}
HEADER = ("一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据")
WIDTH = len(HEADER)
BUDGET_YEAR = 2026
MIN_ROWS, MAX_ROWS, MODE_ROWS = 6, 30, 6  # triangular: mean (6 + 30 + 6) / 3 = 14
FIXED_TIME = datetime(2026, 1, 1)
_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
_STAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
_FIXED_STAMP = b"2026-01-01T00:00:00Z"
_SHEET_SEED_STRIDE = 1_000_003  # per-sheet generators: Random(seed * stride + index)

PLACES = (
    "十堰市",
    "汉阳区",
    "茅箭区",
    "张湾区",
    "郧阳区",
    "丹江口市",
    "江堤街道",
    "琴断口街道",
    "洲头街道",
    "四新街道",
)
SUBJECTS = (
    "道路清扫保洁",
    "城市照明设施维护",
    "智慧社区建设",
    "公园绿地养护",
    "防汛排涝应急",
    "农村饮水安全巩固",
    "义务教育营养改善",
    "残疾人康复服务",
    "科技创新券",
    "文化旅游宣传推广",
    "老旧小区改造",
    "垃圾分类收运",
    "河湖长制巡查",
    "城市管理综合执法",
)
SUFFIXES = ("经费", "专项资金", "项目", "补助资金", "工作经费")
BUREAUS = (
    "城市管理执法局",
    "数据局",
    "科学技术局",
    "文化和旅游局",
    "残疾人联合会",
    "生态环境局",
    "水务和湖泊局",
    "园林绿化局",
    "教育局",
    "民政局",
    "人民政府办公室",
)
QUALIFIERS = (
    "（一期）",
    "（二期）",
    "（城区）",
    "（乡镇）",
    "（东片区）",
    "（西片区）",
    "（续建）",
)


@dataclass(frozen=True)
class Row:
    """One indicator row as the examples give it."""

    level1: str
    level2: str
    name: str
    value: str
    basis: str | None


@dataclass(frozen=True)
class Category:
    """A 一级/二级 pair a sheet usually has, how often, and its share of the rows."""

    level1: str
    level2: str
    presence: float  # probability that a sheet has this category
    weight: float  # share of the sheet's rows, relative to the other categories
    aliases: tuple[str, ...] = ()  # other 二级 spellings the examples use for it


CATEGORIES = (
    Category("产出指标", "数量指标", 0.97, 4.0),
    Category("产出指标", "质量指标", 0.92, 2.5),
    Category("产出指标", "时效指标", 0.90, 1.5),
    Category("成本指标", "经济成本指标", 0.88, 1.0),
    Category("效益指标", "社会效益指标", 0.92, 2.0),
    Category("效益指标", "经济效益指标", 0.35, 1.0),
    Category("效益指标", "生态效益指标", 0.35, 1.0),
    Category(
        "满意度指标", "服务对象满意度指标", 0.93, 1.0, aliases=("服务对象满意度", "服务对象满意")
    ),
)
ALIAS_CHANCE = 0.08  # a sheet writes a category's 二级 label in one of its other spellings
LEVEL1_ORDERS = (  # 一级 order of a sheet, with weights
    (("产出指标", "效益指标", "满意度指标", "成本指标"), 5),
    (("成本指标", "产出指标", "效益指标", "满意度指标"), 3),
    (("产出指标", "成本指标", "效益指标", "满意度指标"), 2),
)


@dataclass(frozen=True)
class Pool:
    """The example rows by category, and the example projects and departments."""

    rows: dict[Category, list[Row]]
    projects: list[str]
    departments: list[str]


@dataclass(frozen=True)
class SheetSpec:
    """A generated sheet: metadata and rows, in writing order."""

    index: int
    project: str
    department: str
    budget: str
    rows: list[Row]
    encoding: str  # of the CSV file: "utf-8-sig" or "gb18030"

    @property
    def title(self) -> str:
        return f"{BUDGET_YEAR}年{self.project}项目支出绩效目标表"


# --- the pool -------------------------------------------------------------------------------


def example_files(examples: Path = EXAMPLES) -> list[Path]:
    """The bundled example sheets, in a fixed order."""
    return sorted([*examples.glob("**/*.md"), *examples.glob("**/*.txt")])


def category_of(row: Row) -> Category | None:
    """The category a row belongs to, by its 二级 label (or its 一级 where 二级 is blank)."""
    label = row.level2 or row.level1
    for category in CATEGORIES:
        if label == category.level2 or label in category.aliases:
            return category
    return None


def load_pool(files: Sequence[Path]) -> Pool:
    """Read the examples with the project's reader and pool their rows by category."""
    from target_lint import read_sheets

    rows: dict[Category, list[Row]] = {category: [] for category in CATEGORIES}
    projects: list[str] = []
    departments: list[str] = []
    for path in files:
        for sheet in read_sheets(path):
            if sheet.meta.project_name:
                projects.append(sheet.meta.project_name)
            if sheet.meta.department:
                departments.append(sheet.meta.department)
            for block in sheet.goals:
                for indicator in block.indicators:
                    row = Row(
                        level1=indicator.level1,
                        level2=indicator.level2,
                        name=indicator.name,
                        value=indicator.value,
                        basis=indicator.basis,
                    )
                    category = category_of(row)
                    if category is not None and row.name and row.value:
                        rows[category].append(row)
    rows = {category: list(dict.fromkeys(found)) for category, found in rows.items()}  # dedupe
    empty = [f"{c.level1}/{c.level2}" for c, found in rows.items() if not found]
    if empty:
        raise SystemExit(f"no example rows for {', '.join(empty)}")
    return Pool(rows=rows, projects=sorted(set(projects)), departments=sorted(set(departments)))


# --- variation ------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_KEEP_AFTER = tuple("年月日号时批期")  # dates, batches: 12月31日前, 第5批
_PERCENT = ("%", "％", "百分比")


def format_number(number: float, like: str) -> str:
    """``number`` written with the decimals and thousands separators of ``like``."""
    decimals = len(like.split(".")[1]) if "." in like else 0
    grouping = "," if "," in like else ""
    return f"{number:{grouping}.{decimals}f}"


def vary_number(text: str, after: str, rng: random.Random) -> str:
    """A plausible other number in place of ``text``; ``after`` is the text that follows it."""
    if after.startswith(_KEEP_AFTER) or len(text.replace(",", "").split(".")[0]) > 7:
        return text
    number = float(text.replace(",", ""))
    if after.lstrip().startswith(_PERCENT):
        low, high = (80.0, 100.0) if number >= 80 else (number * 0.5, min(100.0, number * 1.5))
        return format_number(rng.uniform(low, high), text)
    scaled = number * rng.uniform(0.5, 2.0)
    if "." not in text and number >= 1:
        scaled = max(1.0, scaled)
    return format_number(scaled, text)


def vary_value(value: str, rng: random.Random) -> str:
    """The value with its numbers changed (three times in four), keeping dates and wording."""
    if rng.random() < 0.25:
        return value
    return _NUMBER.sub(
        lambda match: vary_number(match.group(), value[match.end() :], rng),
        value,
    )


def project_name(pool: Pool, rng: random.Random) -> str:
    """An example's project name (one time in four), or one combined from the lists."""
    if pool.projects and rng.random() < 0.25:
        return rng.choice(pool.projects)
    return rng.choice(PLACES) + rng.choice(SUBJECTS) + rng.choice(SUFFIXES)


def department_name(pool: Pool, rng: random.Random) -> str:
    """An example's department (one time in four), or one combined from the lists."""
    if pool.departments and rng.random() < 0.25:
        return rng.choice(pool.departments)
    return rng.choice(PLACES) + rng.choice(BUREAUS)


# --- sheets ---------------------------------------------------------------------------------


def sheet_sizes(total: int, rng: random.Random) -> list[int]:
    """Indicator counts of the sheets, 6 to 30 (about 14 on average), summing to ``total``."""
    sizes: list[int] = []
    left = total
    while left > 0:
        size = min(left, round(rng.triangular(MIN_ROWS, MAX_ROWS, MODE_ROWS)))
        sizes.append(size)
        left -= size
    return sizes


def choose_categories(size: int, rng: random.Random) -> list[Category]:
    """The categories of a sheet: each by its presence, at least two, at most ``size``."""
    chosen = [category for category in CATEGORIES if rng.random() < category.presence]
    while len(chosen) < min(2, size):
        extra = rng.choice([c for c in CATEGORIES if c not in chosen])
        chosen.append(extra)
    while len(chosen) > size:
        chosen.remove(rng.choice(chosen))
    return chosen


def allocate(size: int, categories: Sequence[Category], rng: random.Random) -> list[int]:
    """Rows per category: one each, the rest drawn by the categories' weights."""
    counts = [1] * len(categories)
    weights = [category.weight for category in categories]
    for index in rng.choices(range(len(categories)), weights=weights, k=size - len(categories)):
        counts[index] += 1
    return counts


def draw_rows(
    category: Category, count: int, pool: Pool, level2: str, rng: random.Random
) -> list[Row]:
    """``count`` rows of a category in random order, values varied, names kept distinct."""
    source = pool.rows[category]
    picked = rng.sample(source, min(count, len(source)))
    picked += rng.choices(source, k=count - len(picked))  # when the pool runs short
    rows: list[Row] = []
    names: set[str] = set()
    for row in picked:
        name = row.name
        while name in names:
            name = row.name + rng.choice(QUALIFIERS)
            if name in names:
                name += str(len(names))
        names.add(name)
        rows.append(
            replace(
                row,
                level1=category.level1,
                level2=level2,
                name=name,
                value=vary_value(row.value, rng),
            )
        )
    return rows


def order_categories(categories: Sequence[Category], rng: random.Random) -> list[Category]:
    """The categories grouped by 一级 in one of the usual orders, 二级 in table order."""
    orders = [order for order, _ in LEVEL1_ORDERS]
    weights = [weight for _, weight in LEVEL1_ORDERS]
    order = rng.choices(orders, weights=weights)[0]
    return sorted(categories, key=lambda c: (order.index(c.level1), CATEGORIES.index(c)))


def make_sheet(index: int, size: int, pool: Pool, seed: int) -> SheetSpec:
    """Sheet number ``index`` (from 1) of ``size`` indicators; depends only on its arguments."""
    rng = random.Random(seed * _SHEET_SEED_STRIDE + index)
    categories = order_categories(choose_categories(size, rng), rng)
    counts = allocate(size, categories, rng)
    rows: list[Row] = []
    for category, count in zip(categories, counts, strict=True):
        level2 = category.level2
        if category.aliases and rng.random() < ALIAS_CHANCE:
            level2 = rng.choice(category.aliases)
        rows += draw_rows(category, count, pool, level2, rng)
    return SheetSpec(
        index=index,
        project=project_name(pool, rng),
        department=department_name(pool, rng),
        budget=f"{rng.uniform(5, 5000):.2f}",
        rows=rows,
        encoding=rng.choice(("utf-8-sig", "gb18030")),
    )


def make_sheets(sizes: Sequence[int], pool: Pool, seed: int) -> Iterator[SheetSpec]:
    for index, size in enumerate(sizes, start=1):
        yield make_sheet(index, size, pool, seed)


# --- writing --------------------------------------------------------------------------------


def meta_rows(spec: SheetSpec) -> list[tuple[str, str]]:
    return [
        ("项目名称", spec.project),
        ("主管部门", spec.department),
        ("项目总预算（万元）", spec.budget),
    ]


def grid(spec: SheetSpec) -> list[list[str]]:
    """The sheet as rows of cell texts, every row WIDTH wide; 一级/二级 only where they change."""
    rows = [[spec.title] + [""] * (WIDTH - 1)]
    rows += [[label, value] + [""] * (WIDTH - 2) for label, value in meta_rows(spec)]
    rows.append(list(HEADER))
    previous = ("", "")
    for row in spec.rows:
        level1 = row.level1 if row.level1 != previous[0] else ""
        level2 = row.level2 if (row.level1, row.level2) != previous else ""
        rows.append([level1, level2, row.name, row.value, row.basis or ""])
        previous = (row.level1, row.level2)
    return rows


def runs(labels: Sequence[object]) -> Iterator[tuple[int, int]]:
    """Runs of equal neighbours as (first index, last index)."""
    start = 0
    for index in range(1, len(labels) + 1):
        if index == len(labels) or labels[index] != labels[start]:
            yield start, index - 1
            start = index


def cell_value(text: str) -> tuple[str | int | float, str | None]:
    """A plain number as a number with its format (``95%`` → 0.95 in ``0%``), else the text."""
    if re.fullmatch(r"[1-9]\d{0,9}", text):
        return int(text), None
    if match := re.fullmatch(r"([1-9]\d{0,2}|0)(?:\.(\d{1,2}))?%", text):
        decimals = len(match.group(2) or "")
        number_format = f"0.{'0' * decimals}%" if decimals else "0%"
        return round(float(text[:-1]) / 100, decimals + 2), number_format
    return text, None


def put(ws: Worksheet, row: int, column: int, text: str) -> None:
    """A value cell: a number where the text is a plain number, else the text."""
    value, number_format = cell_value(text)
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # ``=100%`` is text, not a formula
    if number_format:
        cell.number_format = number_format


def merge_down(ws: Worksheet, column: int, first: int, last: int) -> None:
    if last > first:
        ws.merge_cells(start_row=first, start_column=column, end_row=last, end_column=column)


def fill_top(ws: Worksheet, spec: SheetSpec) -> int:
    """Title merged across, metadata rows with merged values, header; the next free row."""
    ws.cell(row=1, column=1, value=spec.title)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=WIDTH)
    line = 2
    for label, value in meta_rows(spec):
        ws.cell(row=line, column=1, value=label)
        if label.startswith("项目总预算"):
            ws.cell(row=line, column=2, value=float(value)).number_format = "0.00"
        else:
            ws.cell(row=line, column=2, value=value)
        ws.merge_cells(start_row=line, start_column=2, end_row=line, end_column=WIDTH)
        line += 1
    for column, word in enumerate(HEADER, start=1):
        ws.cell(row=line, column=column, value=word)
    return line + 1


def fill_indicators(ws: Worksheet, rows: Sequence[Row], first: int) -> None:
    """Indicator rows from line ``first``, 一级/二级 written once and merged over their runs."""
    for line, row in enumerate(rows, start=first):
        ws.cell(row=line, column=3, value=row.name)
        put(ws, line, 4, row.value)
        if row.basis:
            ws.cell(row=line, column=5, value=row.basis)
    for start, end in runs([row.level1 for row in rows]):
        ws.cell(row=first + start, column=1, value=rows[start].level1)
        merge_down(ws, 1, first + start, first + end)
    for start, end in runs([(row.level1, row.level2) for row in rows]):  # 二级 ends with 一级
        ws.cell(row=first + start, column=2, value=rows[start].level2)
        merge_down(ws, 2, first + start, first + end)


def fixed_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps (zip entries and core properties)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w") as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _STAMP.sub(_FIXED_STAMP, content)
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return out.getvalue()


def xlsx_bytes(spec: SheetSpec) -> bytes:
    workbook = Workbook()
    ws = workbook.create_sheet("项目支出绩效目标表")
    workbook.remove(workbook.worksheets[0])
    fill_indicators(ws, spec.rows, fill_top(ws, spec))
    for letter, width in zip("ABCDE", (12, 16, 36, 18, 16), strict=True):
        ws.column_dimensions[letter].width = width
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    workbook.properties.creator = "target-lint benchmarks"
    buffer = io.BytesIO()
    workbook.save(buffer)  # stamps the save time; fixed_zip takes it out again
    return fixed_zip(buffer.getvalue())


def csv_bytes(spec: SheetSpec) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(grid(spec))
    return buffer.getvalue().encode(spec.encoding)


def markdown_bytes(spec: SheetSpec) -> bytes:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    rows = grid(spec)[1:]
    lines = [spec.title, "", line([""] * WIDTH), "|" + "---|" * WIDTH]
    lines += [line(row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


WRITERS = {"xlsx": xlsx_bytes, "csv": csv_bytes, "md": markdown_bytes}


def file_name(index: int, count: int, fmt: str) -> str:
    return f"sheet-{index:0{max(5, len(str(count)))}d}.{fmt}"


def clear(folder: Path, fmt: str) -> None:
    """Remove the files an earlier run left in ``folder`` (only ours: sheet-*.<fmt>)."""
    for old in folder.glob(f"sheet-*.{fmt}"):
        old.unlink()


# --- verification, manifest, command line ---------------------------------------------------


def indicators_read(path: Path) -> int:
    from target_lint import read_sheets

    return sum(len(block.indicators) for sheet in read_sheets(path) for block in sheet.goals)


def verify(out: Path, formats: Sequence[str], sizes: Sequence[int], sample: int) -> list[str]:
    """Read the first ``sample`` files of each format back; the mismatches, as messages."""
    failures: list[str] = []
    for fmt in formats:
        for index, expected in enumerate(sizes[:sample], start=1):
            path = out / fmt / file_name(index, len(sizes), fmt)
            try:
                found = indicators_read(path)
            except Exception as error:  # a reader error is a failure of the corpus too
                failures.append(f"{path}: {type(error).__name__}: {error}")
                continue
            if found != expected:
                failures.append(f"{path}: wrote {expected} indicators, read {found}")
    return failures


def generator_digest() -> str:
    """Digest of this script and the examples: a corpus is reusable while it is unchanged."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in example_files():
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def manifest_key(
    seed: int, indicators: int, formats: Sequence[str], one_sheet: bool
) -> dict[str, Any]:
    """The options a corpus was made with, as recorded in corpus.json."""
    return {
        "seed": seed,
        "indicators": indicators,
        "formats": list(formats),
        "one_sheet": one_sheet,
        "generator": generator_digest(),
    }


def is_current(out: Path, key: dict[str, Any]) -> bool:
    """Whether ``out`` holds a complete corpus made with the same options."""
    try:
        manifest = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return all(manifest.get(name) == value for name, value in key.items())


def generate(
    out: Path, indicators: int, seed: int, formats: Sequence[str], one_sheet: bool = False
) -> dict[str, Any]:
    """Write the corpus and its manifest; return the manifest."""
    pool = load_pool(example_files())
    sizes = [indicators] if one_sheet else sheet_sizes(indicators, random.Random(seed))
    for fmt in formats:
        (out / fmt).mkdir(parents=True, exist_ok=True)
        clear(out / fmt, fmt)
    for spec in make_sheets(sizes, pool, seed):
        for fmt in formats:
            path = out / fmt / file_name(spec.index, len(sizes), fmt)
            path.write_bytes(WRITERS[fmt](spec))
    manifest = {
        **manifest_key(seed, indicators, formats, one_sheet),
        "sheets": len(sizes),
        "sizes": sizes,  # indicators of sheet-00001, sheet-00002, …
    }
    (out / "corpus.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return manifest


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--indicators", type=int, help="total indicators (per format)")
    size.add_argument("--one-sheet", type=int, metavar="ROWS", help="one sheet of ROWS rows")
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--format", choices=sorted(FORMATS), default="both")
    parser.add_argument(
        "--verify", type=int, default=50, metavar="N", help="files read back per format (50)"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="keep DIR as it is if made with the same options"
    )
    args = parser.parse_args(argv)
    if (args.indicators or args.one_sheet or 0) < 1:
        parser.error("the number of indicators must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    formats = FORMATS[args.format]
    one_sheet = args.one_sheet is not None
    indicators = args.one_sheet if one_sheet else args.indicators
    if args.reuse and is_current(args.out, manifest_key(args.seed, indicators, formats, one_sheet)):
        print(f"{args.out}: up to date, kept")
        return 0
    start = time.perf_counter()
    manifest = generate(args.out, indicators, args.seed, formats, one_sheet)
    written = time.perf_counter() - start
    sheets = manifest["sheets"]
    print(
        f"wrote {sheets * len(formats)} files ({sheets} sheet{'s' * (sheets != 1)} × "
        f"{', '.join(formats)}), "
        f"{indicators} indicators per format, in {written:.1f} s"
    )
    failures = verify(args.out, formats, manifest["sizes"], args.verify)
    checked = min(args.verify, sheets) * len(formats)
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    print(f"verified {checked} files: {checked - len(failures)} ok, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
