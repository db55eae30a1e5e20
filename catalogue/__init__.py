"""Qoljazba's domain: the catalogue of manuscripts, people, places and events. Framework-free."""
