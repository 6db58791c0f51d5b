"""The .pdesk file and everything that reads or writes files safely."""
