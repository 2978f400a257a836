"""Rules about the report's structure: is it a report, are the six sections there, in order, each once."""
