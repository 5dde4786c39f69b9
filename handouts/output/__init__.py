"""From layouts to files: rendering PDF bytes, the image stage, imposition, and the one writer of files."""
