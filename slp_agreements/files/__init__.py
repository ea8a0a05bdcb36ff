"""Stage 2, files: reading what users give (YAML, CSV/XLSX tables, DOCX packages) and writing outputs atomically."""
