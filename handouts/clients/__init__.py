"""Clients: the roster, their personal handouts, the batch over every core, and the mail."""
