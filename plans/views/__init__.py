"""Plan views, one module per concept: versions (list, generate, issue, revise, read), the draft
editor, and the exercise library with the rules page."""
