"""The rule engine: selection, configuration, rule packs and the finding contract."""

from __future__ import annotations

from pathlib import Path

import pytest

from target_lint.engine.config import Config, ConfigError, find_config, load_config
from target_lint.engine.knowledge import PackError, builtin_knowledge, knowledge, load_pack
from target_lint.engine.registry import RuleError, all_rules, check_unique, find_rule, select
from target_lint.lint import Linter, lint_path
from target_lint.testing import build_sheet

EXAMPLE = Path(__file__).parent.parent / "examples" / "shiyan-2025" / "05-ludeng-dianfei.md"
VAGUE = {"rows": ["效益指标 | 社会效益指标 | 公共区域景观亮化效果 | 明亮、美观、温馨"]}


def test_selectors_take_codes_prefixes_names_and_all() -> None:
    rules = all_rules()
    assert [r.code for r in select(rules, ["V103"])] == ["V103"]
    assert [r.code for r in select(rules, ["placeholder-value"])] == ["V103"]
    assert {r.code[0] for r in select(rules, ["V"])} == {"V"}
    assert len(select(rules, ["ALL"])) == len(rules)
    assert "V103" not in [r.code for r in select(rules, ["ALL"], ["V1"])]
    with pytest.raises(RuleError, match="V999"):
        select(rules, ["V999"])


def test_codes_and_names_are_unique() -> None:
    rule = find_rule("V103", all_rules())
    assert rule is not None
    with pytest.raises(RuleError, match="defined twice"):
        check_unique([rule, *all_rules()[:1], type(rule)(**{**rule.__dict__})])


def test_every_rule_is_documented() -> None:
    for rule in all_rules():
        assert rule.code[0] in "SCVLUKY" and rule.name == rule.name.lower()
        assert rule.message["zh"] and rule.message["en"]
        assert rule.doc.summary and rule.doc.why and rule.doc.example and rule.doc.fixed


def test_config_from_target_lint_toml(tmp_path: Path) -> None:
    (tmp_path / "target-lint.toml").write_text(
        'select = ["V"]\nignore = ["V109"]\nlanguage = "en"\n'
        '[severity]\nV102 = "info"\n[domain]\nmin-indicators = 3\n',
        encoding="utf-8",
    )
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    path = find_config(inner)
    assert path == tmp_path / "target-lint.toml"
    config = load_config(path)
    assert config.domain.min_indicators == 3
    linter = Linter.from_config(config)
    assert "V109" not in {r.code for r in linter.rules}
    (finding,) = linter.lint_sheet(build_sheet(VAGUE))
    assert (finding.code, finding.severity) == ("V102", "info")
    assert finding.message.startswith("The target of")


def test_config_in_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.target-lint]\nfail-on = "error"\n', encoding="utf-8"
    )
    assert load_config(find_config(tmp_path)).fail_on == "error"
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(tmp_path) is None or find_config(tmp_path) != tmp_path / "pyproject.toml"


def test_unknown_config_key_names_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "target-lint.toml"
    path.write_text('selekt = ["V"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"target-lint\.toml: selekt"):
        load_config(path)


def test_unknown_rule_in_severity_overrides_is_an_error() -> None:
    with pytest.raises(RuleError, match="X123"):
        Linter.from_config(Config(severity={"X123": "info"}))


def test_unknown_rule_in_per_file_ignores_is_an_error() -> None:
    with pytest.raises(RuleError, match="V99"):
        Linter.from_config(Config(per_file_ignores={"*.md": ["V99"]}))


def test_per_file_ignores() -> None:
    config = Config(per_file_ignores={"*ludeng*.md": ["V102"]})
    assert all(f.code != "V102" for f in lint_path(EXAMPLE, config))
    assert any(f.code == "V102" for f in lint_path(EXAMPLE))


def test_rule_pack_extends_the_lexicons(tmp_path: Path) -> None:
    pack = tmp_path / "pack.toml"
    pack.write_text('[words]\naction_verbs = ["谋划"]\n', encoding="utf-8")
    merged = knowledge((pack,))
    assert "谋划" in merged.words.action_verbs
    assert set(builtin_knowledge().words.action_verbs) < set(merged.words.action_verbs)


def test_rule_pack_can_replace_a_list(tmp_path: Path) -> None:
    pack = tmp_path / "pack.toml"
    pack.write_text('replace = true\n[words]\naction_verbs = ["谋划"]\n', encoding="utf-8")
    merged = knowledge((pack,))
    assert merged.words.action_verbs == ("谋划",)
    assert merged.words.measure_nouns == builtin_knowledge().words.measure_nouns


def test_bad_rule_pack_names_file_and_key(tmp_path: Path) -> None:
    pack = tmp_path / "bad.toml"
    pack.write_text('[words]\nactoin_verbs = ["谋划"]\n', encoding="utf-8")
    with pytest.raises(PackError, match=r"bad\.toml: line 2: words\.actoin_verbs"):
        load_pack(pack)


def test_finding_points_at_the_cell_and_quotes_it() -> None:
    (finding,) = lint_path(EXAMPLE, Config(select=["V102"]))
    assert (finding.file, finding.row, finding.ref) == (str(EXAMPLE), 22, "22:22")
    assert finding.indicator is not None and finding.indicator.value == "明亮、美观、温馨"
    assert "明亮、美观、温馨" in finding.message and finding.kind == "vague-value"


def test_validated_data_is_cached_per_content(tmp_path: Path) -> None:
    from target_lint.validated import load_validated

    source = tmp_path / "pack.toml"
    source.write_text('[words]\naction_verbs = ["谋划"]\n', encoding="utf-8")
    calls: list[bytes] = []

    def validate(data: bytes) -> Config:
        calls.append(data)
        return Config(language="en")

    first = load_validated(Config, source, validate)
    again = load_validated(Config, source, validate)
    assert first == again and len(calls) == 1, "the second load comes from the cache"
    source.write_text('[words]\naction_verbs = ["统筹"]\n', encoding="utf-8")
    load_validated(Config, source, validate)
    assert len(calls) == 2, "changed bytes are validated again"
