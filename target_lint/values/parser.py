"""Read one indicator value into a ParsedValue: the grammar first, the vocabulary second."""

from __future__ import annotations

import calendar
import functools
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, cast

from target_lint.cachedir import cache_dir
from target_lint.resources import data_path
from target_lint.values import qualitative
from target_lint.values.model import Kind, Op, ParsedValue, Span
from target_lint.values.normalize import Normalized, normalize
from target_lint.values.numerals import cn_to_decimal
from target_lint.values.vocabulary import Vocabulary, vocabulary

if TYPE_CHECKING:
    from lark import Lark, Token, Tree

MULTIPLIERS = {"万": 10_000, "亿": 100_000_000}
_MEMO_SIZE = 1 << 16


def parse_value(text: str) -> ParsedValue:
    """Parse a 指标值 cell. Never raises; unreadable text becomes kind ``text``."""
    return _parse_memo(text)


@functools.lru_cache(maxsize=_MEMO_SIZE)
def _parse_memo(text: str) -> ParsedValue:
    return _Reader(text).read()


@functools.cache
def grammar_parser() -> Lark:
    """The LALR parser, built once per process and cached on disk between processes."""
    from lark import Lark

    grammar = data_path("grammar", "indicator_value.lark").read_text(encoding="utf-8")
    cache = _cache_file(grammar)
    return Lark(grammar, parser="lalr", lexer="contextual", cache=str(cache) if cache else False)


def _cache_file(grammar: str) -> Path | None:
    """A grammar-cache path in the user cache directory, or None if it cannot be created."""
    import lark

    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(f"{lark.__version__}\n{grammar}".encode()).hexdigest()[:16]
    return folder / f"indicator_value-{digest}.lark-cache"


def _plain(number: Decimal) -> str:
    """A decimal as plain digits: no exponent, no trailing zeros after the point."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


@dataclass
class _Draft:
    """Fields collected while walking a parse tree (spans in normalised coordinates)."""

    kind: Kind = "quantity"
    op: Op | None = None
    number: Decimal | None = None
    number_text: str | None = None
    multiplier: int = 1
    unit: str | None = None
    number_high: Decimal | None = None
    number_high_text: str | None = None
    multiplier_high: int = 1
    date: str | None = None
    reference: str | None = None
    word: str | None = None
    reason: str | None = None
    defects: set[str] = field(default_factory=set)
    spans: list[tuple[str, int, int]] = field(default_factory=list)


class _Reader:
    """Parses one cell text; a fresh instance per distinct text (results are memoised)."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.norm: Normalized = normalize(raw)
        self.vocab: Vocabulary = vocabulary()
        self.draft = _Draft()
        self.offset = 0  # where the text given to the grammar starts in the normalised text

    # -- driver ---------------------------------------------------------------------------

    def read(self) -> ParsedValue:
        draft = self.draft
        draft.defects |= self.norm.defects
        core_end = self._strip_trailers()
        core = self.norm.text[:core_end]
        if not core.strip():
            draft.kind = "empty"
        elif not self._parse_grammar(core):
            self._classify_words(core)
        return self._finish()

    def _strip_trailers(self) -> int:
        """Cut the export marker ``#`` and a trailing bracketed remark; return the core end."""
        text = self.norm.text
        end = len(text.rstrip())
        while True:
            if end and text[end - 1] == "#":
                start = end
                while start and text[start - 1] == "#":
                    start -= 1
                self.draft.defects.add("export-marker")
                self.draft.spans.append(("marker", start, end))
                end = len(text[:start].rstrip())
                continue
            if end and text[end - 1] in ")）":
                start = max(text.rfind("(", 0, end), text.rfind("（", 0, end))
                if start > 0 and text[:start].strip():
                    self.draft.defects.add("trailing-remark")
                    self.draft.spans.append(("remark", start, end))
                    end = len(text[:start].rstrip())
                    continue
            return end

    def _parse_grammar(self, core: str) -> bool:
        from lark.exceptions import LarkError

        try:
            tree = grammar_parser().parse(core)
        except LarkError:
            return False
        node = cast("Tree[Token]", tree.children[0])
        getattr(self, f"_on_{node.data}")(node)
        return True

    def _finish(self) -> ParsedValue:
        draft = self.draft
        if draft.kind in ("quantity", "range") and draft.unit is None:
            draft.defects.add("bare-multiplier" if draft.multiplier != 1 else "missing-unit")
        measured = draft.kind in ("quantity", "frequency", "duration")
        if measured and draft.op is None:
            draft.defects.add("missing-operator")
        magnitude = magnitude_high = None
        if draft.number is not None:
            magnitude = _plain(draft.number * draft.multiplier)
        if draft.number_high is not None:
            magnitude_high = _plain(draft.number_high * draft.multiplier_high)
        spans = tuple(
            Span(part=part, start=a, end=b)
            for part, start, end in sorted(draft.spans, key=lambda s: s[1])
            for a, b in [self.norm.origin(start, end)]
        )
        return ParsedValue(
            text=self.raw,
            kind=draft.kind,
            op=draft.op,
            number=draft.number_text,
            multiplier=draft.multiplier,
            magnitude=magnitude,
            unit=draft.unit,
            number_high=draft.number_high_text,
            magnitude_high=magnitude_high,
            date=draft.date,
            reference=draft.reference,
            word=draft.word,
            reason=draft.reason,
            defects=tuple(sorted(draft.defects)),
            spans=spans,
        )

    # -- grammar rules --------------------------------------------------------------------

    def _on_comparison(self, node: Tree[Token]) -> None:
        for child in node.children:
            self._visit(child)
        unit = self.draft.unit
        category = self._unit_kind(unit)
        self.draft.kind = category
        if category == "duration" and self._is_month_deadline():
            month = int(cast(Decimal, self.draft.number))
            self.draft.kind = "deadline"
            self.draft.date = f"--{month:02d}-{calendar.monthrange(2001, month)[1]:02d}"
            self.draft.number = self.draft.number_text = self.draft.unit = None

    def _on_range(self, node: Tree[Token]) -> None:
        self.draft.kind = "range"
        high = False
        for child in node.children:
            if _is_token(child, "RANGE_SEP"):
                high = True
            elif high:
                self._visit(child, high=True)
            else:
                self._visit(child)

    def _on_frequency_phrase(self, node: Tree[Token]) -> None:
        self.draft.defects.add("frequency-phrase")
        period = None
        for child in node.children:
            if _is_tree(child, "period"):
                period = self._unit_of(cast("Tree[Token]", child))
            elif not _is_token(child, "EVERY"):
                self._visit(child)
        self.draft.kind = "frequency"
        if self.draft.unit and period:
            self.draft.unit = f"{self.draft.unit}/{period}"
        elif period:
            self.draft.unit = f"次/{period}"
            self.draft.defects.add("missing-unit")

    def _on_deadline(self, node: Tree[Token]) -> None:
        self.draft.kind = "deadline"
        recurring = any(_is_token(c, "EVERY") for c in node.children)
        for child in node.children:
            if _is_tree(child, "before"):
                self.draft.op = "<="
                self._span("op", child)
            elif _is_tree(child, "op"):
                self._visit(child)
            elif isinstance(child, _tree_type()) and child.data not in ("period",):
                self.draft.date = self._date(child, recurring)
                self._span("date", child)

    def _on_relative(self, node: Tree[Token]) -> None:
        self.draft.kind = "relative"
        for child in node.children:
            if _is_token(child, "REF"):
                self._reference(cast("Token", child))
            elif _is_tree(child, "op_suffix"):
                self._visit(child)
            elif _is_tree(child, "op"):
                self._visit(child, quiet=True)
            else:
                self._visit(child)
        if not any(_is_tree(c, "op") or _is_tree(c, "op_suffix") for c in node.children):
            self.draft.op = "="  # 与上年持平
        if self.draft.reference in self.vocab.placeholder_refs:
            self.draft.kind = "placeholder"
            self.draft.reason = f"refers to {self.draft.reference} instead of a number"

    def _on_change(self, node: Tree[Token]) -> None:
        change = None
        for child in node.children:
            if _is_token(child, "COMPARED"):
                implied = self.vocab.implied_refs.get(str(child))
                if implied and self.draft.reference is None:
                    self.draft.reference = implied
                self._span("reference", child)
            elif _is_token(child, "REF"):
                self._reference(cast("Token", child))
            elif _is_token(child, "CHANGE"):
                change = str(child)
                self._span("op", child)
            else:
                self._visit(child)
        if self.draft.number is None:
            self.draft.kind = "relative"
            if self.draft.op is None and change:
                self.draft.op = cast(Op, self.vocab.changes[change])
        else:
            self.draft.kind = "quantity"

    def _on_masked(self, node: Tree[Token]) -> None:
        for child in node.children:
            if _is_token(child, "MASK"):
                self._span("number", child)
            else:
                self._visit(child)
        self.draft.kind = "placeholder"
        self.draft.reason = "the number is masked"
        self.draft.number = self.draft.number_text = None

    def _on_bare(self, node: Tree[Token]) -> None:
        for child in node.children:
            self._visit(child)
        self.draft.kind = "empty"
        self.draft.defects.add("missing-number")

    # -- pieces ---------------------------------------------------------------------------

    def _visit(self, node: object, *, high: bool = False, quiet: bool = False) -> None:
        """Fill the draft from one sub-tree or token of a value."""
        draft = self.draft
        tree_type = _tree_type()
        if isinstance(node, tree_type):
            if node.data == "op":
                token = cast("Token", node.children[0])
                self._operator(token, quiet=quiet)
            elif node.data == "op_suffix":
                token = cast("Token", node.children[0])
                if draft.op is None:
                    draft.op = cast(Op, self.vocab.operator_suffixes[str(token)])
                draft.defects.add("word-operator")
                self._span("op", token)
            elif node.data == "number":
                *sign, token = cast("list[Token]", node.children)
                self._number(token, high=high, negative=bool(sign) and str(sign[0]) != "+")
            elif node.data in ("unit", "period"):
                unit = self._unit_of(node)
                if high and draft.unit and unit != draft.unit:
                    draft.defects.add("extra-text")
                draft.unit = unit
                self._span("unit", node)
            elif node.data == "dup_unit":
                draft.defects.add("duplicated-unit")
                self._span("unit", node)
            elif node.data == "per_word":
                draft.defects.add("malformed-compound-unit")
                self._span("unit", node)
                per = self.vocab.canonical_unit(str(cast("Token", node.children[0]))[-1])
                if draft.unit:
                    draft.unit = f"{draft.unit}/{per}"
                    draft.kind = self._unit_kind(draft.unit)
            elif node.data == "cn_percent":
                draft.defects.add("spelled-unit")
                for child in node.children:
                    if _is_tree(child, "number"):
                        self._visit(child)
                    else:
                        self._span("unit", child)
                draft.unit = "%"
            else:  # amount
                for child in node.children:
                    self._visit(child, high=high)
        elif _is_token(node, "MULT"):
            token = cast("Token", node)
            if high:
                draft.multiplier_high = MULTIPLIERS[str(token)]
            else:
                draft.multiplier = MULTIPLIERS[str(token)]
                draft.multiplier_high = draft.multiplier
            self._span("multiplier", token)
        elif _is_token(node, "CONTROL"):
            draft.defects.add("word-operator")
            self._span("op", node)

    def _operator(self, token: Token, *, quiet: bool = False) -> None:
        text = str(token)
        if token.type == "OP_SYM":
            self.draft.op = cast(Op, {"≥": ">=", "≤": "<="}.get(text, text))
        else:
            self.draft.op = cast(Op, self.vocab.operator_words[text])
            if not quiet:
                self.draft.defects.add("word-operator")
        self._span("op", token)

    def _number(self, token: Token, *, high: bool, negative: bool = False) -> None:
        text = str(token)
        if token.type == "CN_NUMBER":
            value = cn_to_decimal(text)
            written = _plain(value)
        else:
            written = text.replace(",", "")
            value = Decimal(written if not written.startswith(".") else "0" + written)
        if negative:
            value, written = -value, "-" + written
        draft = self.draft
        if high:
            draft.number_high, draft.number_high_text = value, written
            self._span("number_high", token)
        else:
            draft.number, draft.number_text = value, written
            draft.number_high, draft.number_high_text = None, None
            self._span("number", token)

    def _unit_of(self, node: Tree[Token]) -> str:
        """Canonical unit of a ``unit`` or ``period`` sub-tree; records spelling defects."""
        parts: list[str] = []
        atoms = [node] if node.data == "period" else node.children
        for atom in atoms:
            spelling = "".join(_tokens(cast("Tree[Token]", atom)))
            if spelling in self.vocab.spelled_units:
                self.draft.defects.add("spelled-unit")
            parts.append(self.vocab.canonical_unit(spelling))
        return "/".join(parts)

    def _unit_kind(self, unit: str | None) -> Kind:
        if unit is None:
            return "quantity"
        head, _, per = unit.partition("/")
        if per:
            if self.vocab.category(head) == "count" and self.vocab.category(per) == "time":
                return "frequency"
            return "quantity"
        return "duration" if self.vocab.category(head) == "time" else "quantity"

    def _is_month_deadline(self) -> bool:
        """``≤12月``: a month written without 个 under ≤ or < is a deadline, not 12 months."""
        draft = self.draft
        unit_span = next((s for s in draft.spans if s[0] == "unit"), None)
        written = self.norm.text[unit_span[1] : unit_span[2]] if unit_span else ""
        number = draft.number
        return (
            written == "月"
            and draft.op in ("<=", "<")
            and number is not None
            and number == number.to_integral_value()
            and 1 <= int(number) <= 12
        )

    def _date(self, node: Tree[Token], recurring: bool) -> str:
        numbers = [
            int(cn_to_decimal(t) if t.type == "CN_NUMBER" else t.replace(",", ""))
            for t in _tokens(node)
            if t.type in ("NUMBER", "CN_NUMBER")
        ]
        shape = node.data
        year = numbers[0] if shape.startswith("y") else None
        rest = numbers[1:] if year is not None else numbers
        prefix = "--" if year is None or recurring else f"{year:04d}-"
        if shape in ("y_end", "this_year_end"):
            return f"{prefix}12-31"
        month = rest[0]
        if shape in ("ymd", "md"):
            return f"{prefix}{month:02d}-{rest[1]:02d}"
        last = calendar.monthrange(year or 2001, month)[1]
        if shape in ("ym_end", "m_end"):
            return f"{prefix}{month:02d}-{last:02d}"
        return f"{prefix}{month:02d}"

    def _reference(self, token: Token) -> None:
        self.draft.reference = str(token)
        self._span("reference", token)

    def _span(self, part: str, node: object) -> None:
        start, end = _bounds(node)
        if start is not None and end is not None:
            self.draft.spans.append((part, start + self.offset, end + self.offset))

    # -- words (when the grammar does not apply) ------------------------------------------

    def _classify_words(self, core: str) -> None:
        """Classify a value the grammar rejected, by the vocabulary."""
        draft, vocab = self.draft, self.vocab
        compact = "".join(core.split())
        start = len(core) - len(core.lstrip())
        end = len(core.rstrip())
        if (found := qualitative.placeholder_word(compact, vocab)) is not None:
            draft.kind, draft.reference = "placeholder", found[1] or None
            draft.reason = f"{found[0]!r} stands where the target value belongs"
        elif compact in vocab.binary:
            draft.kind, draft.word = "binary", compact
        elif (grade := qualitative.grade_of(compact, vocab)) is not None:
            draft.kind, draft.word, draft.reference = "graded", grade.word, grade.standard
            draft.op = ">=" if grade.at_least else None
        elif qualitative.vague_words(compact, vocab) is not None:
            draft.kind, draft.word = "vague", compact
            draft.reason = "only directional or descriptive words, no measure"
        elif any(c.isdigit() for c in core) and self._embedded_quantity(core):
            return
        elif not any(c.isdigit() for c in core) and self._ends_with_unit(core):
            draft.kind = "text"
            draft.defects.add("missing-number")
            draft.reason = "a unit word but no number"
            return
        else:
            draft.kind = "text"
            draft.reason = (
                "free text around numbers"
                if any(c.isdigit() for c in core)
                else "no number, grade or recognised wording"
            )
            return
        self.draft.spans.append(("word", start, end))

    def _embedded_quantity(self, core: str) -> bool:
        """Read ``保洁100百分比`` or ``约95%左右`` as the quantity plus ``extra-text``."""
        first = next(i for i, c in enumerate(core) if c.isdigit())
        after = first
        while after < len(core) and (core[after].isdigit() or core[after] in ".,"):
            after += 1
        operator_before = bool(first) and core[first - 1] in "≥≤=<>"
        if after == len(core) and not operator_before:
            return False  # a bare number at the end (指标名称2024): no unit, no operator
        starts = [first - 1, first] if operator_before else [first]
        for start in starts:
            for end in range(len(core), first, -1):
                piece = core[start:end]
                leftover = (core[:start] + core[end:]).strip()
                if any(c.isdigit() for c in leftover) or len(leftover) > 6:
                    continue
                saved = (self.draft, self.offset)
                self.draft, self.offset = _Draft(defects=set(saved[0].defects)), start
                self.draft.spans = list(saved[0].spans)
                read = self._parse_grammar(piece)
                read = read and self.draft.kind not in ("empty", "placeholder")
                if read and (self.draft.unit is not None or self.draft.op is not None):
                    self.draft.defects.add("extra-text")
                    self.offset = 0
                    return True
                self.draft, self.offset = saved
        return False

    def _ends_with_unit(self, core: str) -> bool:
        """``完成百分比``, ``完成日``: text that ends in a unit word."""
        from lark.exceptions import LarkError

        text = core.rstrip()
        for start in range(1, min(len(text), 3)):  # a template word such as 完成, then the unit
            self.offset = start
            try:
                tree = grammar_parser().parse(text[start:])
            except LarkError:
                continue
            node = cast("Tree[Token]", tree.children[0])
            unit = [c for c in node.children if _is_tree(c, "unit")]
            if _is_tree(node, "bare") and unit:
                self._visit(unit[0])
                self.offset = 0
                return True
        self.offset = 0
        return False


@functools.cache
def _tree_type() -> type[Tree[Token]]:
    from lark import Tree

    return Tree


@functools.cache
def _token_type() -> type[Token]:
    from lark import Token

    return Token


def _is_tree(node: object, name: str) -> bool:
    return isinstance(node, _tree_type()) and node.data == name


def _is_token(node: object, kind: str) -> bool:
    return isinstance(node, _token_type()) and node.type == kind


def _tokens(tree: Tree[Token]) -> list[Token]:
    token = _token_type()
    return [v for v in tree.scan_values(lambda v: isinstance(v, token)) if isinstance(v, token)]


def _bounds(node: object) -> tuple[int | None, int | None]:
    """Start and end offsets of a token or a tree in the parsed text."""
    if isinstance(node, _token_type()):
        return node.start_pos, node.end_pos
    tokens = _tokens(cast("Tree[Token]", node))
    if not tokens:
        return None, None
    return tokens[0].start_pos, tokens[-1].end_pos
