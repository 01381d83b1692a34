"""scripts/backup.sh and scripts/restore.sh: the demo and an attachment, backed up, restored into a
fresh database and media folder, come back whole: every row of every table, every file."""

import os
import subprocess
import sys

from .conftest import ProductionShape, production_env
from .servers import ROOT

ATTACH = """
from django.core.files.uploadedfile import SimpleUploadedFile
from projects import services
from projects.models import Proposal
pdf = (b"%PDF-1.4\\n1 0 obj\\n<< /Type /Catalog /Pages 2 0 R >>\\nendobj\\n"
       b"2 0 obj\\n<< /Type /Pages /Kids [] /Count 0 >>\\nendobj\\n"
       b"xref\\n0 3\\n0000000000 65535 f \\ntrailer\\n<< /Size 3 /Root 1 0 R >>\\nstartxref\\n0\\n%%EOF\\n")
draft = Proposal.objects.filter(state="draft").select_related("coordinator").order_by("pk").first()
upload = SimpleUploadedFile("letter of support.pdf", pdf, content_type="application/pdf")
print(services.add_attachment(proposal_id=draft.pk, by=draft.coordinator, uploaded_file=upload).file.name)
"""


def table_contents(cluster, dbname):
    """{table: (rows, md5 of every row's text in order)} of the public schema."""
    tables = [
        name
        for (name,) in cluster.sql(
            dbname, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
    ]
    contents = {}
    for table in tables:
        query = f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{table}\" t"
        contents[table] = cluster.sql(dbname, query)[0]  # nosec B608: names read from pg_tables
    return contents


def files_under(folder):
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_a_backup_restored_into_a_fresh_database_and_folder_has_every_row_and_file(cluster, demo_template, tmp_path):
    source_url = cluster.createdb("backup_source", template=demo_template)
    shape = ProductionShape(
        python=sys.executable,
        env=production_env(database_url=source_url, redis_url="", smtp_port=25, work_dir=tmp_path / "source"),
        work_dir=tmp_path / "source",
    )
    attachment = shape.shell(ATTACH).strip().splitlines()[-1]
    before = table_contents(cluster, "backup_source")
    source_files = files_under(tmp_path / "source" / "media")
    assert attachment in source_files and source_files[attachment].startswith(b"%PDF-")

    backup = tmp_path / "backup"
    run("backup.sh", backup, database_url=source_url, media=tmp_path / "source" / "media")
    restored_url = cluster.createdb("backup_restored")
    run("restore.sh", backup, database_url=restored_url, media=tmp_path / "restored-media")

    after = table_contents(cluster, "backup_restored")
    assert after == before
    rows = sum(count for count, _ in before.values())
    assert len(before) > 20 and before["projects_attachment"][0] >= 1 and rows > 100
    assert files_under(tmp_path / "restored-media") == source_files
    print(f"{rows} rows in {len(before)} tables and {len(source_files)} file(s) restored")


def run(script, folder, *, database_url, media):
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / script), str(folder)],
        env={"PATH": os.environ["PATH"], "DATABASE_URL": database_url, "MEDIA_ROOT": str(media)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result
