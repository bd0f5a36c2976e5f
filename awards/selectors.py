"""Reads of the awards app for pages, the API and the apps above (reports).

Each helper section below is owned by one part of the app; keep additions inside your section.
"""

# ---------------------------------------------------------------- catalogue

# ---------------------------------------------------------------- proposals (dossiers)

# ---------------------------------------------------------------- decisions and award records

# ---------------------------------------------------------------- statistics (reports)
