"""One room per format, reading and writing together."""
