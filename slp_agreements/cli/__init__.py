"""Stage 8, the command line (typer): one module per command or group; app.py puts them together.

The only package that imports typer. Commands parse arguments, call a stage and print through the console layer;
a UserError anywhere becomes one message and exit code 1 in app.py.
"""
