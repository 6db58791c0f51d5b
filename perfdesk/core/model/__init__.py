"""The table as data (what the user typed), its edits, and the records the core computes."""
