# The front-end packages (package-lock.json, integrity-checked), built apart: no Node at run time.
FROM node:20-bookworm-slim AS front
WORKDIR /front
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

# One image for the web server (gunicorn) and the Celery worker.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint needs Pango; fonts for the PDFs come with the project's static files.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN pip install --require-hashes -r requirements/base.txt

COPY . .
COPY --from=front /front/node_modules/@gouvfr/dsfr-chart/dist node_modules/@gouvfr/dsfr-chart/dist
RUN DEBUG=false SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && useradd --create-home --uid 1000 portail \
    && mkdir -p /data/media \
    && chown -R portail /data /app/var

USER portail
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
