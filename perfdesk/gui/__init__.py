"""The Qt window layer on top of perfdesk.core (the only package that imports PySide6)."""
