"""The review loop in the window: 报送, 审核模式, comments, 退回/通过, changes since the return."""
