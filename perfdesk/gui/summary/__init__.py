"""The 汇总 desk: a supervisor reads many submitted tables at once (window, model, filters, reading thread)."""
