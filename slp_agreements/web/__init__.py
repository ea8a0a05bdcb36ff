"""The web interview (`slp-agreements serve`): the questionnaire's engine behind pages in the browser."""
