"""Differences between two versions of a text, by character or by word, with offsets into both.

Every diff is a list of :class:`DiffOp` that tiles both texts: the ops are in order, each starts where
the previous one ended, and joining ``op.old`` (or ``op.new``) over all ops gives back the old (or new)
text exactly. Consecutive changes are merged into one op, so equal and changed ops alternate. Replacing
each changed op's old span by its ``new`` text turns the old text into the new one (for word diffs, up
to whitespace).

Word diffs compare maximal runs of non-whitespace, and whitespace is never a change in itself:

- An equal op owns the whitespace around it, so its ``old`` and ``new`` may differ in whitespace only.
- A replacement spans just its words and the whitespace between them, so a highlight marks words.
- An insertion or deletion also takes the whitespace after it (before it, if it ends the text), so that
  applying it keeps words apart: ``"the cat"`` to ``"the big cat"`` inserts ``"big "``.
- Whitespace at the very start or end of a text with no equal op beside it goes to that first or last op.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from rapidfuzz.distance import Levenshtein, Opcode

from workbench.text.tokens import token_spans

Tag = Literal["equal", "replace", "insert", "delete"]


@dataclass(frozen=True)
class DiffOp:
    """One step of a diff: a span of the old text and the span of the new text that takes its place.

    Offsets are character offsets (Python ``str`` indices), also in word diffs.
    """

    tag: Tag
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old: str
    new: str


class Block(NamedTuple):
    """A run of equal or changed units (characters or words), as unit indices into each side."""

    equal: bool
    old_lo: int
    old_hi: int
    new_lo: int
    new_hi: int


def diff_chars(old: str, new: str) -> list[DiffOp]:
    """Diff two texts character by character, e.g. to show a one-letter correction inside a word."""
    ops = []
    for b in merged_blocks(Levenshtein.opcodes(old, new)):
        old_span, new_span = old[b.old_lo : b.old_hi], new[b.new_lo : b.new_hi]
        ops.append(DiffOp(_tag(b), b.old_lo, b.old_hi, b.new_lo, b.new_hi, old_span, new_span))
    return ops


def diff_words(old: str, new: str) -> list[DiffOp]:
    """Diff two texts word by word, as an archivist reads a revision; whitespace changes are not changes."""
    old_words, new_words = token_spans(old), token_spans(new)
    old_tokens, new_tokens = [old[s:e] for s, e in old_words], [new[s:e] for s, e in new_words]
    blocks = merged_blocks(Levenshtein.opcodes(old_tokens, new_tokens))
    if not blocks and (old or new):
        # Neither text has a word: whatever whitespace they hold is one unchanged span.
        blocks = [Block(True, 0, 0, 0, 0)]
    tags = [_tag(block) for block in blocks]
    old_bounds = _char_bounds(tags, [(b.old_lo, b.old_hi) for b in blocks], old_words, len(old))
    new_bounds = _char_bounds(tags, [(b.new_lo, b.new_hi) for b in blocks], new_words, len(new))
    return [
        DiffOp(tag, o_start, o_end, n_start, n_end, old[o_start:o_end], new[n_start:n_end])
        for tag, o_start, o_end, n_start, n_end in zip(
            tags, old_bounds, old_bounds[1:], new_bounds, new_bounds[1:]
        )
    ]


def render_inline(ops: Sequence[DiffOp]) -> str:
    """Render a diff for a terminal: ``[-removed-]`` and ``{+added+}`` marks inside the new text."""
    parts = []
    for op in ops:
        if op.tag == "equal":
            parts.append(op.new)
        if op.tag in ("delete", "replace"):
            parts.append(f"[-{op.old}-]")
        if op.tag in ("insert", "replace"):
            parts.append(f"{{+{op.new}+}}")
    return "".join(parts)


def merged_blocks(opcodes: Iterable[Opcode]) -> list[Block]:
    """Turn rapidfuzz opcodes into blocks, merging neighbouring changes (it emits e.g. insert+replace)."""
    blocks: list[Block] = []
    for op in opcodes:
        equal = op.tag == "equal"
        if blocks and not equal and not blocks[-1].equal:
            blocks[-1] = blocks[-1]._replace(old_hi=op.src_end, new_hi=op.dest_end)
        else:
            blocks.append(Block(equal, op.src_start, op.src_end, op.dest_start, op.dest_end))
    return blocks


def _tag(block: Block) -> Tag:
    if block.equal:
        return "equal"
    if block.old_lo == block.old_hi:
        return "insert"
    if block.new_lo == block.new_hi:
        return "delete"
    return "replace"


def _char_bounds(
    tags: Sequence[Tag], ranges: Sequence[tuple[int, int]], words: Sequence[tuple[int, int]], length: int
) -> list[int]:
    """Character offsets where each op starts on one side of a word diff, plus the text's end.

    ``ranges`` holds each op's word-index range on that side and ``words`` each word's character span;
    the whitespace between two ops is handed out as the module docstring describes.
    """
    bounds = [0]
    for k in range(1, len(tags)):
        first_word = ranges[k][0]
        gap_start = words[first_word - 1][1] if first_word > 0 else 0
        gap_end = words[first_word][0] if first_word < len(words) else length
        before, after = tags[k - 1], tags[k]
        if before == "equal":
            ends_text = k == len(tags) - 1 and after in ("insert", "delete") and first_word < ranges[k][1]
            bounds.append(gap_start if ends_text else gap_end)
        elif ranges[k - 1][0] == ranges[k - 1][1]:
            # The empty side of an insertion or deletion: no width, where the equal op before it ended.
            bounds.append(bounds[-1])
        else:
            bounds.append(gap_end if before in ("insert", "delete") else gap_start)
    bounds.append(length)
    return bounds
