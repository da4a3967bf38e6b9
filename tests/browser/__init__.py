"""Web app test support: stores filled with the real pipeline, and a real server process."""
