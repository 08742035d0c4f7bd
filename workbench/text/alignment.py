"""Which OCR word each token of a page's text came from, so the window can tie text to word boxes.

A page's first text is its OCR words joined by spaces and newlines, so at first token ``k`` is word
``k``. After edits the two token lists are aligned with a Levenshtein diff (as ``diff.py`` does):
unchanged and one-for-one replaced tokens link to their word, and a run where the counts differ is
settled by the characters the tokens share with the words, then by position. So a word the
archivist split (``ofthe`` to ``of the``) links both parts to the one word, words merged into one
token link to the first of them, and a token the archivist added links to no word.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from workbench.records import OcrWord, WordLink
from workbench.text.diff import merged_blocks
from workbench.text.tokens import token_spans


def link_words(text: str, words: Sequence[OcrWord]) -> list[WordLink]:
    """Link every token of ``text`` to the OCR word it came from, in text order."""
    spans = token_spans(text)
    tokens = [text[start:end] for start, end in spans]
    indices = _word_indices(tokens, [word.text for word in words])
    return [WordLink(start, end, index) for (start, end), index in zip(spans, indices)]


def _word_indices(tokens: list[str], ocr: list[str]) -> list[int | None]:
    if tokens == ocr:  # the text as recognised: the common case, and the cheapest
        return list(range(len(tokens)))
    indices: list[int | None] = [None] * len(tokens)
    for block in merged_blocks(Levenshtein.opcodes(tokens, ocr)):
        token_count, word_count = block.old_hi - block.old_lo, block.new_hi - block.new_lo
        if block.equal or token_count == word_count:
            indices[block.old_lo : block.old_hi] = range(block.new_lo, block.new_hi)
        elif token_count and word_count:
            own, theirs = tokens[block.old_lo : block.old_hi], ocr[block.new_lo : block.new_hi]
            linked = _link_by_characters(own, theirs)
            indices[block.old_lo : block.old_hi] = [None if k is None else block.new_lo + k for k in linked]
    return indices


def _link_by_characters(tokens: Sequence[str], words: Sequence[str]) -> list[int | None]:
    """Link tokens to words (indices into ``words``) by the characters they share, ignoring case.

    A token links to the first word that gave it at least half as many characters as the word that
    gave it most: the parts of a split word link to that word, merged words to the first, and one
    stray shared letter does not outweigh a whole word.
    """
    token_of, word_of = _owners(tokens), _owners(words)
    shared: list[Counter[int]] = [Counter() for _ in tokens]
    for op in Levenshtein.opcodes(_lower(" ".join(tokens)), _lower(" ".join(words))):
        if op.tag == "equal":
            for offset in range(op.src_end - op.src_start):
                token, word = token_of[op.src_start + offset], word_of[op.dest_start + offset]
                if token is not None and word is not None:
                    shared[token][word] += 1
    links: list[int | None] = []
    for counts in shared:
        most = max(counts.values(), default=0)
        links.append(min((word for word, n in counts.items() if 2 * n >= most), default=None))
    return _pair_leftovers(links, len(words))


def _pair_leftovers(links: list[int | None], word_count: int) -> list[int | None]:
    """Spread the tokens that share no character over the words no token took, in order.

    In one changed run, a word nobody took and a token that took nothing are most likely the same
    thing read wrongly (``rn ll`` retyped as ``m``); with no word left over, the token is new.
    """
    taken = set(links)
    free_words = [word for word in range(word_count) if word not in taken]
    loose_tokens = [token for token, word in enumerate(links) if word is None]
    if free_words:
        for rank, token in enumerate(loose_tokens):
            links[token] = free_words[rank * len(free_words) // len(loose_tokens)]
    return links


def _owners(parts: Sequence[str]) -> list[int | None]:
    """For each character of ``" ".join(parts)``, the index of the part it belongs to (None: a space)."""
    owners: list[int | None] = []
    for index, part in enumerate(parts):
        if index:
            owners.append(None)
        owners.extend([index] * len(part))
    return owners


def _lower(text: str) -> str:
    """Lower-case ``text`` keeping every character at its offset (``"İ".lower()`` is two characters)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(c.lower()[0] for c in text)
