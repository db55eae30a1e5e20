"""IIIF: Image API 3.0 requests and rendering, Presentation API 3.0 manifests (as data)."""
