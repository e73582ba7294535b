"""Theme colours of an OOXML package, resolved to hex for contrast checks.

Why: most text and fill colours in real Word and PowerPoint files are not written as RGB but as
"theme colour accent1, 40 % lighter". A contrast check that ignores them sees only defaults.
This module reads a theme part (`word/theme/theme1.xml`, `ppt/theme/themeN.xml`) and resolves

- Word run/shading colours: `w:themeColor` + `w:themeTint` / `w:themeShade` (hex 00-FF), and
- DrawingML colours: `a:srgbClr`, `a:schemeClr`, `a:sysClr`, `a:prstClr`, `a:scrgbClr`, `a:hslClr`
  with the transforms `lumMod`, `lumOff`, `tint`, `shade`, `satMod`, `alpha` (alpha is reported,
  not blended).

Both engines (docx, pptx) use it; each passes its colour map (Word `w:clrSchemeMapping`,
PowerPoint `p:clrMap`), which says e.g. that "text 1" is the theme's dark 1.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass, field

from lxml import etree

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_A = "{%s}" % A_NS

#: The twelve slots of a theme's colour scheme.
SCHEME_SLOTS: tuple[str, ...] = (
    "dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
    "hlink", "folHlink",
)

#: Office's default theme ("Office" 2013+), used when a file has no theme part.
DEFAULT_COLORS: dict[str, str] = {
    "dk1": "000000", "lt1": "FFFFFF", "dk2": "44546A", "lt2": "E7E6E6", "accent1": "4472C4",
    "accent2": "ED7D31", "accent3": "A5A5A5", "accent4": "FFC000", "accent5": "5B9BD5",
    "accent6": "70AD47", "hlink": "0563C1", "folHlink": "954F72",
}

#: Default colour map: logical names (text/background) -> scheme slots.
DEFAULT_CLR_MAP: dict[str, str] = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}

#: Word's w:themeColor values and DrawingML's long/alias names -> canonical short names.
_ALIASES: dict[str, str] = {
    "dark1": "dk1", "light1": "lt1", "dark2": "dk2", "light2": "lt2", "text1": "tx1",
    "background1": "bg1", "text2": "tx2", "background2": "bg2", "hyperlink": "hlink",
    "followedhyperlink": "folHlink", "folhlink": "folHlink",
}

#: DrawingML preset colour names we are likely to meet (a:prstClr); others resolve to None.
PRESET_COLORS: dict[str, str] = {
    "black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000", "blue": "0000FF",
    "yellow": "FFFF00", "gray": "808080", "grey": "808080", "darkGray": "A9A9A9", "ltGray": "D3D3D3",
    "lightGray": "D3D3D3", "orange": "FFA500", "navy": "000080", "cyan": "00FFFF", "magenta": "FF00FF",
}


@dataclass
class Theme:
    """A theme's colour scheme (slot -> 'RRGGBB') and fonts, with a colour map applied on lookup."""

    colors: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COLORS))
    major_font: str | None = None
    minor_font: str | None = None

    def slot(self, name: str, clr_map: dict[str, str] | None = None) -> str | None:
        """Hex of a scheme colour by any of its names ('accent1', 'tx1', 'text1', 'dark1', 'bg1')."""
        key = canonical_name(name)
        mapping = {**DEFAULT_CLR_MAP, **(clr_map or {})}
        if key in mapping:
            key = canonical_name(mapping[key])
        return self.colors.get(key)


def canonical_name(name: str) -> str:
    """'text1' -> 'tx1', 'Accent1' -> 'accent1', 'followedHyperlink' -> 'folHlink'."""
    lowered = (name or "").strip()
    return _ALIASES.get(lowered.lower(), lowered if lowered in SCHEME_SLOTS else lowered.lower())


def parse_theme(root: etree._Element | None) -> Theme:
    """Read `a:theme` (its `a:clrScheme` and `a:fontScheme`); defaults fill what is missing."""
    theme = Theme()
    if root is None:
        return theme
    scheme = root.find(f"{_A}themeElements/{_A}clrScheme")
    if scheme is not None:
        for child in scheme:
            if not isinstance(child.tag, str):
                continue
            slot = etree.QName(child).localname
            value = _direct_color(child)
            if slot in SCHEME_SLOTS and value:
                theme.colors[slot] = value
    fonts = root.find(f"{_A}themeElements/{_A}fontScheme")
    if fonts is not None:
        major = fonts.find(f"{_A}majorFont/{_A}latin")
        minor = fonts.find(f"{_A}minorFont/{_A}latin")
        theme.major_font = major.get("typeface") if major is not None else None
        theme.minor_font = minor.get("typeface") if minor is not None else None
    return theme


def _direct_color(slot: etree._Element) -> str | None:
    """The colour written inside a scheme slot: srgbClr/@val or sysClr/@lastClr."""
    for child in slot:
        if not isinstance(child.tag, str):
            continue
        local = etree.QName(child).localname
        if local == "srgbClr":
            return normalise_hex(child.get("val"))
        if local == "sysClr":
            return normalise_hex(child.get("lastClr")) or {"windowText": "000000", "window": "FFFFFF"}.get(
                child.get("val", ""))
    return None


def normalise_hex(value: str | None) -> str | None:
    """'ff0000' -> 'FF0000'; None for 'auto', '' or anything that is not 6 hex digits."""
    if not value:
        return None
    text = value.strip().lstrip("#").upper()
    if len(text) == 6 and all(ch in "0123456789ABCDEF" for ch in text):
        return text
    return None


# -- colour arithmetic (HSL, as Office applies tints and shades to theme colours) --------------

def _to_hls(hex_value: str) -> tuple[float, float, float]:
    r, g, b = (int(hex_value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return colorsys.rgb_to_hls(r, g, b)


def _from_hls(h: float, l: float, s: float) -> str:
    r, g, b = colorsys.hls_to_rgb(h, min(1.0, max(0.0, l)), min(1.0, max(0.0, s)))
    return "".join(f"{round(c * 255):02X}" for c in (r, g, b))


def lum_mod_off(hex_value: str, mod: float = 1.0, off: float = 0.0) -> str:
    """DrawingML lumMod/lumOff (fractions): L' = L * mod + off."""
    h, l, s = _to_hls(hex_value)
    return _from_hls(h, l * mod + off, s)


def tint(hex_value: str, amount: float) -> str:
    """Lighten towards white: amount 1.0 keeps the colour, 0.0 gives white (Word themeTint/255,
    DrawingML a:tint/100000)."""
    h, l, s = _to_hls(hex_value)
    return _from_hls(h, l * amount + (1 - amount), s)


def shade(hex_value: str, amount: float) -> str:
    """Darken towards black: amount 1.0 keeps the colour, 0.0 gives black."""
    h, l, s = _to_hls(hex_value)
    return _from_hls(h, l * amount, s)


def sat_mod(hex_value: str, amount: float) -> str:
    h, l, s = _to_hls(hex_value)
    return _from_hls(h, l, s * amount)


def word_theme_color(theme: Theme, name: str | None, theme_tint: str | None = None,
                     theme_shade: str | None = None, clr_map: dict[str, str] | None = None) -> str | None:
    """Resolve Word's `w:themeColor` (+ `w:themeTint` / `w:themeShade`, hex 00-FF) to hex."""
    if not name:
        return None
    value = theme.slot(name, clr_map)
    if value is None:
        return None
    try:
        if theme_tint:
            value = tint(value, int(theme_tint, 16) / 255)
        if theme_shade:
            value = shade(value, int(theme_shade, 16) / 255)
    except ValueError:
        pass
    return value


_COLOR_TAGS = {"srgbClr", "schemeClr", "sysClr", "prstClr", "scrgbClr", "hslClr"}


def drawingml_color(element: etree._Element | None, theme: Theme, clr_map: dict[str, str] | None = None,
                    placeholder: str | None = None) -> tuple[str | None, float]:
    """Resolve a DrawingML colour to (hex or None, alpha 0..1).

    `element` is either a colour element itself (`a:srgbClr` ...) or an element that holds one
    (`a:solidFill`, `a:fgClr`, a scheme slot). `placeholder` is the colour `phClr` stands for.
    """
    if element is None:
        return None, 1.0
    color_el = element if _local(element) in _COLOR_TAGS else next(
        (c for c in element if isinstance(c.tag, str) and _local(c) in _COLOR_TAGS), None)
    if color_el is None:
        return None, 1.0
    kind = _local(color_el)
    value: str | None = None
    if kind == "srgbClr":
        value = normalise_hex(color_el.get("val"))
    elif kind == "schemeClr":
        val = color_el.get("val", "")
        value = placeholder if val == "phClr" else theme.slot(val, clr_map)
    elif kind == "sysClr":
        value = normalise_hex(color_el.get("lastClr")) or {"windowText": "000000", "window": "FFFFFF"}.get(
            color_el.get("val", ""))
    elif kind == "prstClr":
        value = PRESET_COLORS.get(color_el.get("val", ""))
    elif kind == "scrgbClr":
        try:
            parts = [int(color_el.get(k, "0")) / 100000 for k in ("r", "g", "b")]
            value = "".join(f"{round(_linear_to_srgb(p) * 255):02X}" for p in parts)
        except ValueError:
            value = None
    elif kind == "hslClr":
        try:
            h = int(color_el.get("hue", "0")) / 60000 / 360
            s = int(color_el.get("sat", "0")) / 100000
            l = int(color_el.get("lum", "0")) / 100000
            value = _from_hls(h, l, s)
        except ValueError:
            value = None
    if value is None:
        return None, 1.0
    return apply_transforms(value, color_el)


def apply_transforms(value: str, color_el: etree._Element) -> tuple[str, float]:
    """Apply a colour element's child transforms in document order; returns (hex, alpha)."""
    alpha = 1.0
    mod, off = 1.0, 0.0
    pending_lum = False
    for child in color_el:
        if not isinstance(child.tag, str):
            continue
        name = _local(child)
        try:
            amount = int(child.get("val", "100000")) / 100000
        except ValueError:
            continue
        if name == "lumMod":
            mod, pending_lum = amount, True
        elif name == "lumOff":
            off, pending_lum = amount, True
        elif name == "tint":
            value = tint(value, amount)
        elif name == "shade":
            value = shade(value, amount)
        elif name == "satMod":
            value = sat_mod(value, amount)
        elif name == "alpha":
            alpha = amount
    if pending_lum:
        value = lum_mod_off(value, mod, off)
    return value, alpha


def _linear_to_srgb(c: float) -> float:
    c = min(1.0, max(0.0, c))
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname
