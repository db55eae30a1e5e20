"""Importers: records from other forms into the catalogue, all or nothing."""
