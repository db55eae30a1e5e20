"""Exporters: the catalogue in other forms (JSON now; TEI, Dublin Core, IIIF to come)."""
