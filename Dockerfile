# One image for web, worker and beat. Debian 12 gives Python 3.11, Pango for WeasyPrint and
# the Liberation fonts that carry every Vietnamese mark.
FROM debian:12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=config.settings.production
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3.11 python3.11-venv gettext \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml requirements.lock ./
RUN python3.11 -m venv /venv && /venv/bin/pip install --no-cache-dir -c requirements.lock \
    $(/venv/bin/python -c "import tomllib;print(' '.join(tomllib.load(open('pyproject.toml','rb'))['project']['dependencies']))")
COPY . .
RUN DJANGO_SECRET_KEY=build DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    /venv/bin/python manage.py compilemessages --ignore=.venv \
 && DJANGO_SECRET_KEY=build DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    /venv/bin/python manage.py collectstatic --no-input \
 && useradd --system --home /app thidua && mkdir -p /srv/thidua/media && chown thidua /srv/thidua/media
USER thidua
ENV PATH=/venv/bin:$PATH
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
