"""What leaves the dashboard: CSV/Excel downloads (exports) and the one-page PDF brief (brief)."""
