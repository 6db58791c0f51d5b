"""The printed table as cells: the one layout the grid, Excel and PDF draw."""
