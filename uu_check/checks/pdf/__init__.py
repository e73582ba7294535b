"""Rules for PDF files, over the PdfModel built by uu_check.engines.pdf (one module per topic)."""
