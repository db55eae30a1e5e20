"""Tables: CSV/XLSX import with a dry run, and CSV export in the same columns."""
