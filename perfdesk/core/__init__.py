"""The core: document model, value parsing, scoring, validation, file format, exports.

Nothing under this package may import Qt (a test enforces it), so the command
line, the exports and a supervisor's batch tools run without a screen.
"""
