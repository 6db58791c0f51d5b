"""Rule profiles and the scoring and validation they drive."""
