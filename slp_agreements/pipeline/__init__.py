"""Stage 6, the pipeline: runs the stages for one command (build, batch, rebuild, diff, publication) and writes files.

It is the only stage that uses both build/ (the document model) and render/ (Word, PDF); docs/architecture.md.
"""
