"""The vocabulary every stage shares: the model's dataclasses, located errors and the limits on input."""
