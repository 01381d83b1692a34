FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
RUN useradd --create-home --uid 1000 icm
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
# Static files are collected at build time; WhiteNoise serves them.
RUN DEBUG=1 SECRET_KEY=build-only python manage.py collectstatic --no-input \
    && mkdir -p /app/media && chown -R icm /app/media
USER icm
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "icm_portal.wsgi:application"]
