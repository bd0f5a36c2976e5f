"""Services of the awards app: one module per aggregate."""
