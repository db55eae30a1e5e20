"""The visitors' door: the exhibition kiosk."""
