"""Who may do what with reports: everyone logged in in the municipality reads them; the
coordinator compiles, writes and submits; the board secretary records decisions."""
