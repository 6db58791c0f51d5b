"""Reading the values people write in the table."""
