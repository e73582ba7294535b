"""Colour contrast as WCAG 2 defines it (1.4.3): relative luminance ratio of two sRGB colours."""

from __future__ import annotations

import wcag_contrast_ratio

#: WCAG 1.4.3 AA minimums: normal text, and large text (>= 18 pt, or >= 14 pt bold).
AA_NORMAL = 4.5
AA_LARGE = 3.0


def hex_to_rgb(value: str) -> tuple[float, float, float]:
    """'1F3864' or '#1f3864' -> (r, g, b) in 0..1."""
    text = value.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(ch * 2 for ch in text)
    if len(text) != 6:
        raise ValueError(f"not a hex colour: {value!r}")
    return tuple(int(text[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def contrast_ratio(foreground: str, background: str) -> float:
    """Contrast ratio (1..21) of two hex colours."""
    return float(wcag_contrast_ratio.rgb(hex_to_rgb(foreground), hex_to_rgb(background)))


def is_large_text(size_pt: float | None, bold: bool) -> bool:
    if size_pt is None:
        return False
    return size_pt >= 18 or (bold and size_pt >= 14)


def required_ratio(size_pt: float | None, bold: bool) -> float:
    return AA_LARGE if is_large_text(size_pt, bold) else AA_NORMAL
