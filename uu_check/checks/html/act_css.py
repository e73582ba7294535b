"""ACT b33eff (WCAG 1.3.4 Orientation): a page that turns itself a quarter turn in one screen
orientation, so it is always shown one way round.

Someone with a tablet fixed to a wheelchair cannot turn the device; if the page rotates its
<html> or <body> by 90 degrees inside `@media (orientation: ...)`, the content is sideways for
them. axe-core's css-orientation-lock is experimental and not run. Reads the page's <style>
sheets (inline and, in browser mode, the rendered DOM's).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from uu_check.engines.html_model import HtmlDocument, snippet
from uu_check.model import Finding, Location
from uu_check.registry import CheckContext, check

_ORIENTATION_MEDIA = re.compile(r"@media[^{]*\(\s*orientation\s*:\s*(portrait|landscape)\s*\)[^{]*\{", re.IGNORECASE)
_ROOT_SELECTOR = re.compile(r"^\s*(?:html|body|:root)\s*$", re.IGNORECASE)
_ANGLE = re.compile(r"(-?[\d.]+(?:e-?\d+)?)\s*(deg|rad|grad|turn)?", re.IGNORECASE)


def _block(css: str, start: int) -> tuple[str, int]:
    """The text inside the braces that open at css[start - 1] and the index after the close."""
    depth, i = 1, start
    while i < len(css) and depth:
        if css[i] == "{":
            depth += 1
        elif css[i] == "}":
            depth -= 1
        i += 1
    return css[start:i - 1], i


def _rules(css: str) -> Iterator[tuple[str, str]]:
    """(selector, declarations) of the plain rules in a block of CSS."""
    for match in re.finditer(r"([^{}]+)\{([^{}]*)\}", css):
        yield match.group(1).strip(), match.group(2)


def _degrees(value: str, unit: str | None) -> float:
    number = float(value)
    unit = (unit or "deg").lower()
    return {"deg": number, "rad": math.degrees(number), "grad": number * 0.9, "turn": number * 360}[unit]


def rotation(declarations: str) -> float | None:
    """The rotation (degrees) that transform/rotate declarations apply, None when none."""
    for prop, value in re.findall(r"(transform|rotate)\s*:\s*([^;]+)", declarations, re.IGNORECASE):
        value = value.strip().lower()
        if prop.lower() == "rotate":
            match = _ANGLE.search(value.split()[-1]) if value not in ("none",) else None
            if match:
                return _degrees(*match.groups())
            continue
        function = re.search(r"(rotatez?|rotate3d|matrix3d|matrix)\s*\(([^)]*)\)", value)
        if not function:
            continue
        name, args = function.group(1), [a.strip() for a in function.group(2).split(",")]
        try:
            if name in ("rotate", "rotatez"):
                match = _ANGLE.match(args[0])
                if match:
                    return _degrees(*match.groups())
            elif name == "rotate3d" and len(args) == 4:
                x, y, z = (float(a) for a in args[:3])
                if x == 0 and y == 0 and z != 0:
                    match = _ANGLE.match(args[3])
                    if match:
                        return _degrees(*match.groups()) * (1 if z > 0 else -1)
            elif name in ("matrix", "matrix3d"):
                numbers = [float(a) for a in args]
                a, b = numbers[0], numbers[1]
                return math.degrees(math.atan2(b, a))
        except (ValueError, IndexError):
            continue
    return None


def _base_rotations(css: str) -> dict[str, float]:
    """Rotation of html/body outside any orientation media query."""
    outside, position = [], 0
    for media in _ORIENTATION_MEDIA.finditer(css):
        if media.start() < position:
            continue
        outside.append(css[position:media.start()])
        _, position = _block(css, media.end())
    outside.append(css[position:])
    base: dict[str, float] = {}
    for selectors, declarations in _rules("".join(outside)):
        for selector in selectors.split(","):
            if _ROOT_SELECTOR.match(selector):
                angle = rotation(declarations)
                if angle is not None:
                    base[selector.strip().lower()] = angle
    return base


def _quarter_turn(angle: float) -> bool:
    remainder = abs(angle) % 180
    return abs(remainder - 90) <= 10


@check("html-orientation-lock", engine="html")
def orientation_lock(doc: HtmlDocument, ctx: CheckContext) -> Iterator[Finding]:
    for style in doc.soup.find_all("style"):
        css = re.sub(r"/\*.*?\*/", "", "".join(str(s) for s in style.contents), flags=re.S)
        base = _base_rotations(css)
        for media in _ORIENTATION_MEDIA.finditer(css):
            inner, _ = _block(css, media.end())
            for selectors, declarations in _rules(inner):
                for selector in selectors.split(","):
                    if not _ROOT_SELECTOR.match(selector):
                        continue
                    angle = rotation(declarations)
                    if angle is None:
                        continue
                    relative = angle - base.get(selector.strip().lower(), 0.0)
                    if _quarter_turn(relative):
                        yield ctx.violation(Location(selector=selector.strip(), snippet=snippet(style)),
                                            orientation=media.group(1).lower(), angle=f"{relative:g}")
                        return
