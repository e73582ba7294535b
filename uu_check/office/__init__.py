"""Shared Office Open XML (OOXML) helpers for the docx and pptx engines.

- `package`: open a .docx/.pptx zip safely (legacy/encrypted files, zip bombs, DTD tricks) and
  parse its XML parts with a parser that resolves no entities and loads nothing from the network.
- `theme`: read a theme's colour scheme and resolve theme colours (Word `w:themeColor` with
  tint/shade, DrawingML `a:schemeClr` with lumMod/lumOff/tint/shade) to hex.
"""
