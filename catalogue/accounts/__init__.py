"""Curator accounts, logging in, and forms kept across a lost session."""
