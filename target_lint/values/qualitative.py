"""Word-level classification of values the grammar does not read (grades, vague words, …)."""

from __future__ import annotations

from target_lint.values.vocabulary import Vocabulary


def placeholder_word(text: str, vocab: Vocabulary) -> str | None:
    """The filler or reference that stands where the value should be, if any."""
    if text in vocab.placeholder_exact:
        return text
    return next((w for w in vocab.placeholder_words if w in text), None)


def grade_word(text: str, vocab: Vocabulary) -> str | None:
    """The grade of a graded value: a tier, a tier with 及以上, or a named standard."""
    if text in vocab.grades:
        return text
    for suffix in vocab.grade_suffixes:
        if text.endswith(suffix) and text[: -len(suffix)] in vocab.grades:
            return text[: -len(suffix)]
    if text.startswith(vocab.standard_verbs) and any(m in text for m in vocab.standard_markers):
        return text
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
        sep = next((s for s in vocab.separators if text.startswith(s, i)), None)
        if sep:
            i += len(sep)
            continue
        for size in range(min(longest, len(text) - i), 0, -1):
            if text[i : i + size] in lexicon:
                words.append(text[i : i + size])
                i += size
                break
        else:
            return None
    if not any(w in vocab.vague or w in vocab.descriptive for w in words):
        return None
    return words
