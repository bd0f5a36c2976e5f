"""Reports: the preliminary/final reviews and the statistical forms, rendered by Celery.

data.py reads the figures (lower apps' selectors only) → services.request_report stores
them on a ReportRun (same inputs → same run) → tasks.render_report_task on the `reports`
queue → rendering.py (templates/pdf/, static/css/print.css) → pdf.py (WeasyPrint, the only
importer) and xlsx.py → private storage with SHA-256 → views.ReportDownloadView.
Who sees what: rules.py. Numbers: numbering.py. Schedule of drafts: schedule.py.
"""
