"""The whole catalogue as one lossless JSON document, and its load."""
