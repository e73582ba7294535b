"""Text analysis shared by every engine: link text, alt text, language, reading level."""
