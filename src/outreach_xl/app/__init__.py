"""Use cases: what a command or a button does, from input files to output files."""
