"""Built-in pose figures: a pose drawn as line art from a 2-D skeleton described in data.

Flow: `model` (the figure as written) -> `skeleton` (joint positions) -> `art` (strokes, discs and shapes in
figure units, mirrored and fitted to a box) -> `draw` (ReportLab canvas). `schema` reads the `figure:` key.
"""
