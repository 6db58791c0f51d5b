"""Qt Designer forms compiled by scripts/compile_forms.py (do not edit by hand)."""
