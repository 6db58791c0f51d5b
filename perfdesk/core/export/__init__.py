"""Excel, PDF and text renderings of a checked table."""
