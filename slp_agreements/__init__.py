"""slp-agreements: drafts of intermunicipal cooperation and data-sharing agreements as DOCX."""

__version__ = "0.1.0"
