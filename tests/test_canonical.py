"""The canonical JSON/YAML form: round trips, the minimal hand-written form, one-line errors."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml

from target_lint import schema
from target_lint.cli import main
from target_lint.errors import InputError
from target_lint.lint import lint_sheet
from target_lint.readers import read_sheets
from target_lint.readers.canonical import dump_sheets, read_canonical
from target_lint.sheet.model import Sheet

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted(p.relative_to(ROOT / "examples") for p in (ROOT / "examples").rglob("*.*"))
FORMATS: tuple[Literal["json", "yaml"], ...] = ("json", "yaml")

MINIMAL = {
    "sheets": [
        {
            "goals": [
                {
                    "table": "annual",
                    "indicators": [
                        {
                            "level1": "产出指标",
                            "level2": "数量指标",
                            "name": "培训人数",
                            "value": "≥20个",
                        },
                        {
                            "level1": "产出指标",
                            "level2": "时效指标",
                            "name": "完成时间",
                            "value": 20,
                        },
                    ],
                },
                {
                    "table": "long_term",
                    "goal": "长期目标1",
                    "indicators": [
                        {
                            "level1": "满意度",
                            "level2": "服务对象满意",
                            "name": "满意度",
                            "value": "≥90%",
                        }
                    ],
                },
            ]
        },
        {
            "goals": [
                {
                    "table": "annual",
                    "indicators": [{"level1": "", "level2": "", "name": "x", "value": ""}],
                }
            ]
        },
    ]
}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def dump(data: Any, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", EXAMPLES, ids=str)
def test_round_trip_gives_equal_models(
    tmp_path: Path, name: Path, fmt: Literal["json", "yaml"]
) -> None:
    sheets = read_sheets(ROOT / "examples" / name)
    text = dump_sheets(sheets, fmt)
    back = read_canonical(write(tmp_path, f"sheets.{fmt}", text))
    assert back == sheets
    assert dump_sheets(back, fmt) == text  # and a second round changes nothing


@pytest.mark.parametrize("fmt", FORMATS)
def test_dump_shape(fmt: Literal["json", "yaml"]) -> None:
    sheets = read_sheets(ROOT / "examples" / EXAMPLES[0])
    text = dump_sheets(sheets, fmt)
    data = json.loads(text) if fmt == "json" else yaml.safe_load(text)
    assert list(data) == ["schema_version", "sheets"]
    assert data["schema_version"] == 1
    assert data["sheets"] == [schema.dump(s) for s in sheets]
    indicator = data["sheets"][0]["goals"][0]["indicators"][0]
    assert {"level1", "level2", "name", "value", "position"} <= indicator.keys()
    assert "绩效" in text  # Chinese written as is, not escaped
    assert text.endswith("\n")


def test_yaml_keeps_model_order_and_long_lines() -> None:
    sheets = read_sheets(ROOT / "examples" / EXAMPLES[0])
    text = dump_sheets(sheets, "yaml")
    assert text.startswith("schema_version: 1\nsheets:\n- source: ")
    goal = next(iter(sheets[0].meta.goals.values()))
    assert goal in text  # long goal texts stay on one line


def test_dump_rejects_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        dump_sheets([], "xml")  # type: ignore[arg-type]


def test_check_json_output_reads_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    example = ROOT / "examples" / EXAMPLES[-1]
    main(["check", "-v", "--format", "json", str(example)])
    path = write(tmp_path, "check.json", capsys.readouterr().out)
    assert read_canonical(path) == read_sheets(example)


@pytest.mark.parametrize("fmt", [*FORMATS, "yml"])
def test_minimal_form(tmp_path: Path, fmt: str) -> None:
    path = write(tmp_path, f"min.{fmt}", dump(MINIMAL, fmt))
    first, second = read_canonical(path)
    assert first.source == second.source == str(path)
    assert (first.position.ref, first.position.row) == ("sheets[0]", 1)
    assert (second.position.ref, second.position.row) == ("sheets[1]", 4)
    assert [b.position.ref for b in first.goals] == ["sheets[0].goals[0]", "sheets[0].goals[1]"]
    assert [b.position.row for b in first.goals] == [1, 3]
    assert [(i.position.ref, i.position.row) for i in first.indicators] == [
        ("sheets[0].goals[0].indicators[0]", 1),
        ("sheets[0].goals[0].indicators[1]", 2),
        ("sheets[0].goals[1].indicators[0]", 3),
    ]
    assert {i.position.file for s in (first, second) for i in s.indicators} == {str(path)}
    one, two, three = first.indicators
    assert (one.level1_canonical, one.level2_canonical, one.value) == (
        "产出指标",
        "数量指标",
        "≥20个",
    )
    assert two.value == "20"  # a number is the text written
    assert (three.level1_canonical, three.level2_canonical) == ("满意度指标", "服务对象满意度指标")
    assert three.level1 == "满意度"  # as written
    assert first.goals[1].goal == "长期目标1"
    assert (second.indicators[0].level1_canonical, second.indicators[0].value) == (None, "")
    assert first.kind == "project" and first.meta.total_budget is None


def test_minimal_sheets_lint_with_json_paths(tmp_path: Path) -> None:
    (sheet, _) = read_canonical(write(tmp_path, "min.json", json.dumps(MINIMAL)))
    findings = lint_sheet(sheet)
    assert findings
    assert all(f.file == str(tmp_path / "min.json") for f in findings)
    assert all(
        re.fullmatch(r"sheets\[0\](\.goals\[\d\](\.indicators\[\d\])?)?", f.ref or "")
        for f in findings
    )


def test_round_trip_of_lint_findings(tmp_path: Path) -> None:
    example = ROOT / "examples" / EXAMPLES[-1]
    sheets = read_sheets(example)
    back = read_canonical(write(tmp_path, "s.yaml", dump_sheets(sheets, "yaml")))
    assert [f for s in back for f in lint_sheet(s)] == [f for s in sheets for f in lint_sheet(s)]


def test_explicit_fields_are_kept(tmp_path: Path) -> None:
    position = {"file": "a.xlsx", "sheet": "Sheet1", "row": 7, "column": 4, "ref": "Sheet1!D7"}
    data = {
        "schema_version": 1,
        "sheets": [
            {
                "source": "a.xlsx",
                "meta": {"total_budget": 12.25, "start_year": 2025},
                "goals": [
                    {
                        "table": "annual",
                        "has_basis_column": True,
                        "indicators": [
                            {
                                "level1": "产出指标",
                                "level1_canonical": None,
                                "level2": "数量指标",
                                "name": "n",
                                "value": 1.50,
                                "position": position,
                            }
                        ],
                    }
                ],
            }
        ],
    }
    for fmt in FORMATS:
        text = dump(data, fmt).replace("1.5", "1.50")  # a number as a person might write it
        (sheet,) = read_canonical(write(tmp_path, f"k.{fmt}", text))
        (indicator,) = sheet.indicators
        assert sheet.source == "a.xlsx"
        assert schema.dump(indicator.position) == position
        assert indicator.level1_canonical is None  # explicit null kept
        assert indicator.level2_canonical == "数量指标"  # absent: looked up
        assert indicator.value == "1.50"  # as written
        assert str(sheet.meta.total_budget) == "12.25" and sheet.meta.start_year == 2025
        assert sheet.goals[0].has_basis_column is True


def test_yaml_plain_scalars_stay_text(tmp_path: Path) -> None:
    text = (
        "sheets:\n- goals:\n  - table: annual\n    has_basis_column: true\n    indicators:\n"
        "    - {level1: 产出指标, level2: 时效指标, name: 完成时间, value: 2025-12-31}\n"
        "    - {level1: 产出指标, level2: 数量指标, name: 是否完成, value: yes}\n"
        "    - {level1: 产出指标, level2: 数量指标, name: 编号, value: 020}\n"
        "    - {level1: 产出指标, level2: 数量指标, name: 空, value: }\n"
        "    - {level1: 产出指标, level2: 数量指标, name: 等号, value: =}\n"
    )
    (sheet,) = read_canonical(write(tmp_path, "s.yml", text))
    assert [i.value for i in sheet.indicators] == ["2025-12-31", "yes", "020", "", "="]
    assert sheet.goals[0].has_basis_column is True


def test_docs_example_reads(tmp_path: Path) -> None:
    docs = (ROOT / "docs" / "sheets.md").read_text(encoding="utf-8")
    section = docs.split("## Canonical JSON/YAML form", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block
    (sheet,) = read_canonical(write(tmp_path, "docs.yaml", block.group(1)))
    assert [i.value for i in sheet.indicators] == ["≥200人", "≥90%"]


INDICATOR = {"level1": "产出指标", "level2": "数量指标", "name": "n", "value": "≥1个"}


def goals(*indicators: object, table: object = "annual") -> dict[str, Any]:
    return {"sheets": [{"goals": [{"table": table, "indicators": list(indicators)}]}]}


WRONG_SHAPE = {
    "missing value": (
        goals(INDICATOR, {k: v for k, v in INDICATOR.items() if k != "value"}),
        "sheets[0].goals[0].indicators[1].value: field required",
    ),
    "missing level1": (
        goals({k: v for k, v in INDICATOR.items() if k != "level1"}),
        "sheets[0].goals[0].indicators[0].level1: field required",
    ),
    "missing table": (
        {"sheets": [{"goals": [{"indicators": []}]}]},
        "sheets[0].goals[0].table: field required",
    ),
    "bad table": (
        goals(INDICATOR, table="年度"),
        "sheets[0].goals[0].table: input should be 'long_term' or 'annual' (got \"年度\")",
    ),
    "unknown key": (
        goals({**INDICATOR, "level_2": "x"}),
        "sheets[0].goals[0].indicators[0].level_2: unknown field (did you mean level2?)",
    ),
    "unknown nested key": (
        goals({**INDICATOR, "position": {"file": "f", "row": 1, "ref": "r", "line": 1}}),
        "sheets[0].goals[0].indicators[0].position.line: unknown field",
    ),
    "bad position": (
        goals({**INDICATOR, "position": {"row": 3}}),
        "sheets[0].goals[0].indicators[0].position.file: field required",
    ),
    "bad decimal": (
        {"sheets": [{"meta": {"total_budget": "很多"}}]},
        'sheets[0].meta.total_budget: input should be a valid decimal (got "很多")',
    ),
    "bad row": (
        goals({**INDICATOR, "position": {"file": "f", "row": "x", "ref": "r"}}),
        "sheets[0].goals[0].indicators[0].position.row: input should be a valid integer",
    ),
    "sheet not an object": (
        {"sheets": [{"goals": []}, "x"]},
        "sheets[1]: input should be a valid dictionary",
    ),
    "indicators not a list": (
        {"sheets": [{"goals": [{"table": "annual", "indicators": {}}]}]},
        "sheets[0].goals[0].indicators: input should be a valid list",
    ),
    "top-level list": ([{"goals": []}], 'expected an object with a "sheets" list'),
    "no sheets": ({"schema_version": 1}, 'no "sheets" list'),
    "sheets not a list": ({"sheets": {}}, "sheets: expected a list of sheets, found an object"),
    "empty sheets": ({"sheets": []}, "sheets: the list is empty"),
    "schema_version 2": ({"schema_version": 2, "sheets": []}, "unsupported schema_version 2"),
    "schema_version text": (
        {"schema_version": "v1", "sheets": []},
        "unsupported schema_version v1",
    ),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("data", "message"), WRONG_SHAPE.values(), ids=list(WRONG_SHAPE))
def test_wrong_shape_is_one_line(tmp_path: Path, fmt: str, data: object, message: str) -> None:
    path = write(tmp_path, f"bad.{fmt}", dump(data, fmt))
    with pytest.raises(InputError) as caught:
        read_canonical(path)
    text = str(caught.value)
    assert text.startswith(f"{path}: {message}")
    assert "\n" not in text


def test_json_bool_value_is_not_text(tmp_path: Path) -> None:
    path = write(tmp_path, "b.json", json.dumps(goals({**INDICATOR, "value": True})))
    with pytest.raises(InputError, match=r"indicators\[0\]\.value: input should be a valid string"):
        read_canonical(path)


SYNTAX = {
    "trailing comma": (
        "bad.json",
        '{"sheets": [\n  {"goals": []},\n]}',
        "invalid JSON at line 3, column 1",
    ),
    "empty json": ("bad.json", "", "invalid JSON at line 1, column 1"),
    "yaml bracket": (
        "bad.yaml",
        "sheets:\n  - goals: [\n  x: 1\n",
        "invalid YAML at line 4, column 1",
    ),
    "yaml tab": ("bad.yml", "a: b\n\tc: d\n", "invalid YAML at line 2, column 1"),
    "empty yaml": (
        "bad.yaml",
        "",
        'expected an object with a "sheets" list at the top level, found nothing',
    ),
}


@pytest.mark.parametrize(("name", "text", "message"), SYNTAX.values(), ids=list(SYNTAX))
def test_invalid_syntax_names_the_line(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(InputError) as caught:
        read_canonical(path)
    assert str(caught.value).startswith(f"{path}: {message}")
    assert "\n" not in str(caught.value)


def test_encodings(tmp_path: Path) -> None:
    text = json.dumps(goals(INDICATOR), ensure_ascii=False)
    for encoding in ("utf-8-sig", "gb18030", "utf-16"):
        path = tmp_path / f"{encoding}.json"
        path.write_bytes(text.encode(encoding))
        (sheet,) = read_canonical(path)
        assert sheet.indicators[0].level1 == "产出指标"


def test_unreadable_and_unsupported(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_canonical(tmp_path / "missing.json")
    with pytest.raises(InputError, match="not a canonical sheet file"):
        read_canonical(write(tmp_path, "a.txt", "{}"))


def test_models_are_the_model_classes(tmp_path: Path) -> None:
    (sheet,) = read_canonical(write(tmp_path, "m.json", json.dumps(goals(INDICATOR))))
    assert type(sheet) is Sheet
    assert sheet.indicators[0].parsed.kind == "quantity"
