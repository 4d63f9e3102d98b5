"""Apply the fixes that findings carry: `--fix`, `--diff` and `--unsafe-fixes`."""
