"""handouts: turn yoga and back-care sequences written in YAML into print-ready PDFs.

Data flows one way, one folder per stage: reading (load, validate, model) -> plan -> figures and layouts ->
output (render, write), driven by pipeline, clients and commands; core is shared by all. See docs/architecture.md.
"""

from handouts import compiled, startup

startup.install()  # before PyYAML and ReportLab are imported: see startup
compiled.install()  # before any dataclass is defined: see compiled

__version__ = "0.1.0"
