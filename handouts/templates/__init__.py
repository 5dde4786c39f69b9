"""Template texts ({{ client.name }}): the bounded sandbox and filling an author's texts for a client."""
