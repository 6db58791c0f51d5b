"""Many submissions at once: one row per table, read in a pool of processes, totals and duplicates."""
