"""Stage 3, library: the clause library as data (clauses, requirement sets, Land facts), the sandboxed Jinja2
environment clause texts run in, the names they may read (context.py), and lint.
"""
