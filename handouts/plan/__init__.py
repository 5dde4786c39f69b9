"""The plan: a sequence resolved against the library, numbered, expanded into sides and timed; checks on a plan."""
