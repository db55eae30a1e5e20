"""TEI P5: msDesc and the authority file, written and read."""
