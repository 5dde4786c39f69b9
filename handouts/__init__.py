"""handouts: turn yoga and back-care sequences written in YAML into print-ready PDFs.

Data flows one way: yamlload -> fields/holds/schema (validate) -> model -> library -> plan -> labels/fonts ->
layouts -> render -> writer, driven by build and cli. See docs/architecture.md.
"""
from handouts import startup

startup.install()  # before PyYAML and ReportLab are imported: see startup

__version__ = "0.1.0"
