"""Excel workbooks we write: school and district workbooks, their macro versions, the roll-up."""
