"""Funder reports: case-study, area progress and programme PDFs, built by a worker."""
