"""Reading level: LIX (läsbarhetsindex), the Scandinavian standard, also used for English here.

LIX = words / sentences + 100 * long words (> 6 letters) / words. Roughly: under 30 very easy,
30-40 easy (children's books), 40-50 medium (newspapers), 50-60 hard (official texts), over 60
very hard (academic prose).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?:;]+(?:\s|$)|\n\s*\n")


@dataclass(frozen=True, slots=True)
class Lix:
    score: float
    words: int
    sentences: int
    long_words: int

    @property
    def band(self) -> str:
        """very-easy, easy, medium, hard, very-hard."""
        for limit, name in ((30, "very-easy"), (40, "easy"), (50, "medium"), (60, "hard")):
            if self.score < limit:
                return name
        return "very-hard"


def lix(text: str) -> Lix | None:
    """LIX of a text, or None when it has too few words (under 50) to say anything."""
    words = _WORD.findall(text)
    if len(words) < 50:
        return None
    sentences = max(1, len([s for s in _SENTENCE_END.split(text) if _WORD.search(s)]))
    long_words = sum(1 for w in words if len(w) > 6)
    score = len(words) / sentences + 100 * long_words / len(words)
    return Lix(round(score, 1), len(words), sentences, long_words)
