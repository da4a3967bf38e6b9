"""newsprism: reads many news reports of the same events and tells, with evidence for every line,
what happened and who said what."""

__version__ = "0.1.0"
