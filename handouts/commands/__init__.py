"""The command line: parses arguments, runs a stage, prints problems and exits with the run's code."""
