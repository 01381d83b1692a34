FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
RUN useradd --create-home --uid 1000 icm
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
# Static files are collected at build time as production serves them (DEBUG=0: hashed names and
# their manifest, without which every page fails); WhiteNoise serves them.
RUN DEBUG=0 SECRET_KEY=build-only ALLOWED_HOSTS=build python manage.py collectstatic --no-input \
    && mkdir -p /app/media && chown -R icm /app/media
USER icm
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "icm_portal.wsgi:application"]
