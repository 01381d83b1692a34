"""What the benchmarks share: a database of their own on the server DATABASE_URL names."""

from urllib.parse import urlparse, urlunparse

import psycopg2


def bench_database_url(server_url, name):
    """Create database ``name`` on the server of ``server_url`` if missing; return its URL."""
    parsed = urlparse(server_url)
    admin = psycopg2.connect(
        host=parsed.hostname,
        port=parsed.port or 5432,
        user=parsed.username,
        password=parsed.password,
        dbname=(parsed.path.lstrip("/") or "postgres"),
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return urlunparse(parsed._replace(path=f"/{name}"))
