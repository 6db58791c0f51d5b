"""The editable 项目支出绩效自评表 grid: model, view, delegates and undo commands."""
