"""Cleaning: from a raw text dump (or rendered HTML) to the article body plus what was removed."""

from newsprism.clean.cleaned import REASONS, Cleaned
from newsprism.clean.dump import DUMP_CLEANER, clean_dump
from newsprism.clean.repeated import common_lines, strip_lines

__all__ = ["DUMP_CLEANER", "REASONS", "Cleaned", "clean_dump", "common_lines", "strip_lines"]
