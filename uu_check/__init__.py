"""uu-check: find the barriers in learning materials and tell people how to remove them."""

__version__ = "0.1.0"
