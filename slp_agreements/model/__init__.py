"""Stage 1, the model: what an agreement is made of, as types and tables. No files are read or written here.

Every other stage imports from here; nothing here imports another stage (see docs/architecture.md).
"""
