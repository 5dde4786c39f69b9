"""Layouts: one module per product, each turning a plan into ReportLab flowables and page decorations."""
