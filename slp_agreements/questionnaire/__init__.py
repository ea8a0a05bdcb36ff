"""Stage 7, the questionnaire (`new`): the questions as data, the engine that picks and checks them, the terminal.

questions.yaml and questions.py hold the questions; engine.py and typed_text.py decide what applies and read typed
answers without any terminal; session.py, prompts.py and run.py are the terminal front-end.
"""
