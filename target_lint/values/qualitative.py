"""Word-level classification of values the grammar does not read (grades, vague words, …)."""

from __future__ import annotations

from dataclasses import dataclass

from target_lint.values.vocabulary import Vocabulary


def placeholder_word(text: str, vocab: Vocabulary) -> tuple[str, str] | None:
    """The filler or reference standing where the value should be, and what it refers to."""
    if text in vocab.placeholder_exact:
        return text, ""
    word = next((w for w in vocab.placeholder_words if w in text), None)
    return (word, vocab.placeholder_words[word]) if word else None


@dataclass(frozen=True)
class Grade:
    word: str
    at_least: bool = False  # 良好及以上
    standard: str | None = None  # the 《title》 of a named standard


def grade_of(text: str, vocab: Vocabulary) -> Grade | None:
    """A tier, a tier with 及以上, or conformity to a named standard (符合《…》)."""
    if text in vocab.grades:
        return Grade(text)
    for suffix in vocab.grade_suffixes:
        if text.endswith(suffix) and text[: -len(suffix)] in vocab.grades:
            return Grade(text[: -len(suffix)], at_least=True)
    verb = next((v for v in vocab.standard_verbs if text.startswith(v)), None)
    if verb and any(m in text for m in vocab.standard_markers):
        title = None
        if "《" in text and "》" in text:
            title = text[text.index("《") + 1 : text.index("》")]
        tail = text[text.index("》") + 1 :] if title is not None else ""
        return Grade(tail or verb, standard=title or text[len(verb) :])
    return None


def vague_words(text: str, vocab: Vocabulary) -> list[str] | None:
    """Split a value into vague, descriptive and grade words; None if anything else is left.

    ``明亮、美观、温馨`` → ``["明亮", "美观", "温馨"]``; ``保证正常运转合格`` →
    ``["保证", "正常运转", "合格"]``. At least one vague or descriptive word is required.
    """
    lexicon = vocab.vague | vocab.descriptive | vocab.grades
    longest = max(map(len, lexicon))
    words: list[str] = []
    i = 0
    while i < len(text):
        size = next(
            (n for n in range(min(longest, len(text) - i), 0, -1) if text[i : i + n] in lexicon),
            0,
        )
        if size:
            words.append(text[i : i + size])
            i += size
            continue
        sep = next((s for s in vocab.separators if text.startswith(s, i)), None)
        if not sep:
            return None
        i += len(sep)
    if not any(w in vocab.vague or w in vocab.descriptive for w in words):
        return None
    return words
