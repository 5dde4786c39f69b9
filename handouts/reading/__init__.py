"""Load and validate: YAML with positions, field types, the file formats, the pose library, translations and the workspace."""
