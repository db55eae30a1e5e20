"""Editing records from forms: reading typed values, validating them, saving with version checks."""
