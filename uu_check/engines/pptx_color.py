"""DrawingML colours as PowerPoint shows them: theme colours through the colour map, with the
lumMod / lumOff / tint / shade transforms PowerPoint writes for "lighter 40%" and friends.

A colour we cannot know for sure (transparency, a gradient, a picture) resolves to None, and
the contrast rule then does not decide.
"""

from __future__ import annotations

import colorsys
from typing import Any

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_A = "{%s}" % A_NS

#: Names of the colour map (p:clrMap) attributes: scheme names a text uses -> theme slot.
DEFAULT_CLR_MAP: dict[str, str] = {
    "bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2",
    "accent1": "accent1", "accent2": "accent2", "accent3": "accent3", "accent4": "accent4",
    "accent5": "accent5", "accent6": "accent6", "hlink": "hlink", "folHlink": "folHlink",
}

#: The preset colours (a:prstClr) a teacher is likely to meet; others resolve to None.
PRESET_COLORS: dict[str, str] = {
    "black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000", "blue": "0000FF",
    "yellow": "FFFF00", "gray": "808080", "grey": "808080", "ltGray": "D3D3D3", "dkGray": "A9A9A9",
    "orange": "FFA500", "cyan": "00FFFF", "magenta": "FF00FF", "silver": "C0C0C0",
}

_COLOR_TAGS = {_A + t for t in ("srgbClr", "schemeClr", "sysClr", "prstClr", "scrgbClr", "hslClr")}


def theme_colors(theme_element: Any) -> dict[str, str]:
    """The 12 colours of a theme part's a:clrScheme: slot name ('dk1', 'accent1', ...) -> hex."""
    colors: dict[str, str] = {}
    if theme_element is None:
        return colors
    scheme = theme_element.find(f"{_A}themeElements/{_A}clrScheme")
    if scheme is None:
        return colors
    for slot in scheme:
        if not isinstance(slot.tag, str):
            continue
        name = slot.tag.split("}", 1)[-1]
        for child in slot:
            if child.tag == _A + "srgbClr" and child.get("val"):
                colors[name] = child.get("val").upper()
            elif child.tag == _A + "sysClr":
                colors[name] = (child.get("lastClr") or ("000000" if child.get("val") == "windowText" else "FFFFFF")).upper()
    return colors


def color_child(element: Any) -> Any:
    """The colour element (srgbClr, schemeClr, ...) directly inside a fill or reference."""
    if element is None:
        return None
    for child in element:
        if child.tag in _COLOR_TAGS:
            return child
    return None


class ColorResolver:
    """Resolves colour elements for one slide: its theme and its effective colour map."""

    __slots__ = ("theme", "clr_map")

    def __init__(self, theme: dict[str, str], clr_map: dict[str, str]) -> None:
        self.theme = theme
        self.clr_map = clr_map

    def resolve(self, element: Any, placeholder: str | None = None) -> str | None:
        """Hex 'RRGGBB' of a colour element, or None when unknown or not opaque.

        `placeholder` is the colour that 'phClr' stands for (from a style reference).
        """
        if element is None:
            return None
        tag = element.tag
        base: str | None = None
        if tag == _A + "srgbClr":
            base = (element.get("val") or "").upper() or None
        elif tag == _A + "schemeClr":
            name = element.get("val") or ""
            if name == "phClr":
                base = placeholder
            else:
                slot = self.clr_map.get(name, name)
                base = self.theme.get(slot)
        elif tag == _A + "sysClr":
            base = (element.get("lastClr") or "").upper() or None
        elif tag == _A + "prstClr":
            base = PRESET_COLORS.get(element.get("val") or "")
        elif tag == _A + "scrgbClr":
            try:
                parts = [float(element.get(k, "0")) / 100000 for k in ("r", "g", "b")]
                base = "".join(f"{round(_linear_to_srgb(v) * 255):02X}" for v in parts)
            except ValueError:
                base = None
        if base is None or len(base) != 6:
            return None
        return apply_transforms(base, element)


def _linear_to_srgb(value: float) -> float:
    value = min(1.0, max(0.0, value))
    return 12.92 * value if value <= 0.0031308 else 1.055 * value ** (1 / 2.4) - 0.055


def apply_transforms(hex_color: str, element: Any) -> str | None:
    """Apply the child transforms PowerPoint writes (lumMod, lumOff, tint, shade, alpha)."""
    transforms = [(child.tag.split("}", 1)[-1], child.get("val")) for child in element]
    if not transforms:
        return hex_color
    try:
        r, g, b = (int(hex_color[i : i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None
    for name, raw in transforms:
        try:
            value = int(raw) / 100000 if raw is not None else None
        except ValueError:
            return None
        if value is None:
            continue
        if name == "alpha":
            if value < 0.999:
                return None  # see-through: what shows depends on what is behind
        elif name in ("lumMod", "lumOff"):
            h, lum, s = colorsys.rgb_to_hls(r, g, b)
            lum = lum * value if name == "lumMod" else lum + value
            r, g, b = colorsys.hls_to_rgb(h, min(1.0, max(0.0, lum)), s)
        elif name == "shade":
            r, g, b = (c * value for c in (r, g, b))
        elif name == "tint":
            r, g, b = (c + (1 - c) * (1 - value) for c in (r, g, b))
        elif name in ("gamma", "invGamma", "hueMod", "satMod", "hueOff", "satOff", "comp", "inv", "gray"):
            if name in ("satMod", "satOff"):
                h, lum, s = colorsys.rgb_to_hls(r, g, b)
                s = s * value if name == "satMod" else s + value
                r, g, b = colorsys.hls_to_rgb(h, lum, min(1.0, max(0.0, s)))
            elif name not in ("gamma", "invGamma"):
                return None
    return "".join(f"{round(min(1.0, max(0.0, c)) * 255):02X}" for c in (r, g, b))
