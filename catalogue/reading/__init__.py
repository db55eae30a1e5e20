"""What the screens read: records, exhibits, the gallery, timeline and map."""
