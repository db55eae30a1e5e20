"""Values and language: four-language values, messages, folding, vocabularies."""
