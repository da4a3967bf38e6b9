"""Metadata: outlet, title, date, byline, dateline and credits, each null unless the text states it."""

from newsprism.metadata.body import read_body_metadata
from newsprism.metadata.dates import parse_date
from newsprism.metadata.reader import Metadata, read_metadata

__all__ = ["Metadata", "parse_date", "read_body_metadata", "read_metadata"]
