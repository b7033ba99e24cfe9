# Front-end assets come from npm at build time, never from the repository.
FROM node:22-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY static/scss ./static/scss
RUN npx sass --load-path=node_modules --style=compressed --no-source-map --quiet-deps \
    static/scss/nhsuk.scss build/css/nhsuk.css

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv UV_PYTHON_DOWNLOADS=never PATH=/opt/venv/bin:$PATH
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation \
       postgresql-client \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir "uv==0.13.9"
WORKDIR /app
COPY pyproject.toml uv.lock ./
# The image carries the SMS provider library; it is imported only if SMS_BACKEND=twilio.
RUN uv sync --frozen --no-dev --extra sms
COPY . .
COPY --from=assets /app/node_modules ./node_modules
COPY --from=assets /app/build ./build
RUN DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput
# The media and backups volumes take these folders' owner when Docker first creates them.
RUN useradd --create-home partnerships && mkdir -p /app/media /backups \
    && chown partnerships /app/media /backups && chmod 700 /backups
USER partnerships
EXPOSE 8000
CMD ["gunicorn", "partnerships.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
