"""A run from start to end: load the workspace, plan, lay out, render and write every product of `build`."""
