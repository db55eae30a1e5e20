"""The scholars' door: search, record pages, API, exports, citations, IIIF, OAI."""
