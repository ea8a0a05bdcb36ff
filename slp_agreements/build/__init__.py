"""Stage 4, build: answers and library in, the document model out (select, number, refer, check requirements).

Nothing here reads answers files or writes Word files; render/ turns the Document into files, pipeline/ runs both.
"""
