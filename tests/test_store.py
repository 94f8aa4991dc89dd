"""The history store: round trips on SQLite and PostgreSQL, check/batch --store across runs, the Dask executor."""
from __future__ import annotations

import glob
import json
import os
import random
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

import generator as g
import series_generator as sg
from auditor.audit import audit_file
from auditor.batch import run_batch
from auditor.cli import main
from auditor.config import Config
from auditor.history import instansi_key
from auditor.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = str(ROOT / "samples" / "lkjip-raas-2020.md")


def same_facts(a: pd.DataFrame, b: pd.DataFrame) -> None:
    # ids are per document, the store keys by name; a sentence's line boxes only mark the report's own PDF
    columns = [c for c in a.columns if c not in ("entity_id", "text_boxes")]

    def plain(frame):
        return [[None if (isinstance(v, float) and pd.isna(v)) else v for v in row]
                for row in zip(*(frame[c].tolist() for c in columns))]

    assert plain(a.reset_index(drop=True)) == plain(b.reset_index(drop=True))


def round_trip(target: str) -> None:
    report = audit_file(SAMPLE, Config())
    with Store(target) as store:
        run = store.start_run("check", [SAMPLE])
        store.save(report, run, sha256="a" * 64)
        document_id = store.save(report, run, sha256="a" * 64)  # the same file again replaces the first
        assert [d["id"] for d in store.documents()] == [document_id]
        back = store.report(document_id)
    for lang in ("id", "en"):
        assert back.to_dict(lang) == report.to_dict(lang)
    same_facts(back.facts, report.facts)
    assert back.fingerprint == report.fingerprint and len(back.fingerprint) == 128
    with Store(target) as store:  # reopening migrates nothing and keeps everything
        assert len(store.documents()) == 1
        with store.engine.connect() as connection:
            assert connection.execute(sa.text("select version_num from alembic_version")).scalar() == "0002"
            counts = {t: connection.execute(sa.text(f"select count(*) from {t}")).scalar()
                      for t in ("facts", "findings", "bands")}
    assert counts == {"facts": len(report.facts), "findings": len(report.findings) + len(report.waived),
                      "bands": 32}


def test_sqlite_round_trip(tmp_path):
    round_trip(str(tmp_path / "audit.db"))


def write(folder: Path, texts: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths


def test_check_store_compares_with_earlier_runs(tmp_path, monkeypatch):
    s = sg.series(4)
    expected = sg.inject_history(s, random.Random(4))
    paths = write(tmp_path, sg.files(s))
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    # without --store nothing about earlier years is said
    alone = runner.invoke(main, ["check", paths[-1].name, "--format", "json", "--select", "LKJ6"])
    assert json.loads(alone.output)["documents"][0]["findings"] == []
    for path in paths:  # one year at a time, as the reports arrive
        result = runner.invoke(main, ["check", path.name, "--store", "audit.db", "--format", "json", "--select", "LKJ6"])
    findings = json.loads(result.output)["documents"][0]["findings"]
    assert [(f["rule"], f["subject"], tuple(f["values"])) for f in findings] == [
        ("LKJ601", expected.subject, tuple(int(v) for v in expected.values))]
    assert result.exit_code == 1
    with Store(str(tmp_path / "audit.db")) as store:
        assert [d["tahun"] for d in store.documents()] == [s.reports[0].tahun, s.reports[1].tahun, s.reports[2].tahun]


def test_check_pk_option(tmp_path, monkeypatch):
    s = sg.series(5, years=1)
    pk = sg.pk_document(s.latest)
    expected = sg.inject_pk_target(s.latest, pk, random.Random(5))
    write(tmp_path, {"lkjip.md": g.to_markdown(s.latest), "pk.md": g.to_markdown(pk)})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "lkjip.md", "--pk", "pk.md", "--format", "json"])
    findings = [f for f in json.loads(result.output)["documents"][0]["findings"] if f["rule"] == "LKJ604"]
    assert len(findings) == 3 and {f["subject"] for f in findings} == {expected.subject}
    assert not (tmp_path / "audit.db").exists()


def test_batch_store_across_batches_and_ranking(tmp_path):
    s = sg.series(6)
    first = write(tmp_path / "2021", {sg.file_name(r): g.to_markdown(r) for r in s.reports[:2]})
    copy = sg.copied(s.reports[1], sg.other_kecamatan(s.latest))
    store = str(tmp_path / "audit.db")
    run_batch([str(tmp_path / "2021")], str(tmp_path / "out1"), Config(), jobs=1, store=store, progress=False,
              formats=())
    latest = write(tmp_path / "2022", {sg.file_name(s.latest): g.to_markdown(s.latest), "copy.md": g.to_markdown(copy)})
    outcome = run_batch([str(tmp_path / "2022")], str(tmp_path / "out2"), Config(), jobs=1, store=store,
                        progress=False, formats=())
    by_path = {r.path: r for r in outcome.reports}
    # the copy of last year's report, audited in the first batch, is found in the store
    copied = [f for f in by_path[str(latest[1])].findings if f.rule == "LKJ606"]
    assert [(f.subject, f.severity) for f in copied] == [
        (f"{first[1].name} (Kecamatan {s.latest.kecamatan} {s.reports[1].tahun})", "error")]
    assert [f.rule for f in by_path[str(latest[0])].findings if f.rule.startswith("LKJ6")] == []
    latest_record = next(r for r in outcome.records if r["path"] == str(latest[0]))
    assert latest_record["stats"]["consistent"] > 100
    summary = json.loads((tmp_path / "out2" / "summary.json").read_text())
    assert [r["rank"] for r in summary["ranking"]] == [1, 2]
    assert summary["ranking"][0]["errors"] <= summary["ranking"][1]["errors"]
    with Store(store) as history:
        assert len(history.documents()) == 4


# ---------------------------------------------------------------- PostgreSQL, from the Debian package

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url():
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not binaries:
        pytest.skip("PostgreSQL server binaries not installed (Debian package postgresql)")
    bindir = os.path.dirname(binaries[-1])
    pytest.importorskip("psycopg")
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    data = tempfile.mkdtemp(prefix="lkjip-pg-")
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    port = _free_port()
    subprocess.run([*as_postgres, f"{bindir}/initdb", "-D", f"{data}/db", "-A", "trust", "-U", "postgres",
                    "--no-sync"], check=True, capture_output=True)
    subprocess.run([*as_postgres, f"{bindir}/pg_ctl", "-D", f"{data}/db", "-l", f"{data}/log", "-w", "-o",
                    f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_postgres, f"{bindir}/pg_ctl", "-D", f"{data}/db", "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


@pytest.mark.slow
def test_postgresql_round_trip(postgres_url):
    round_trip(postgres_url)


@pytest.mark.slow
def test_postgresql_batch_history(postgres_url, tmp_path):
    s = sg.series(7)
    expected = sg.inject_renstra_target(s, random.Random(7))
    write(tmp_path / "in", sg.files(s, pk=True))
    outcome = run_batch([str(tmp_path / "in")], str(tmp_path / "out"), Config(), jobs=1, store=postgres_url,
                        progress=False, formats=())
    found = [(os.path.basename(r.path), f.rule, f.subject) for r in outcome.reports for f in r.findings
             if f.rule.startswith("LKJ6")]
    assert found == [(expected.path, "LKJ602", expected.subject)]
    latest_path = str(tmp_path / "in" / expected.path)
    meta = next(r.meta for r in outcome.reports if r.path == latest_path)
    with Store(postgres_url) as store:
        stored = {d["path"]: d for d in store.documents()}
        assert "LKJ602" in {f.rule for f in store.report(stored[latest_path]["id"]).findings}
        assert [d.jenis for d in store.pk_for(instansi_key(meta), s.latest.tahun)] == ["pk"]
        assert [d.tahun for d in store.earlier(instansi_key(meta), s.latest.tahun)] == [
            s.latest.tahun - 1, s.latest.tahun - 2]


# ---------------------------------------------------------------- Dask

@pytest.mark.slow
def test_dask_executor_gives_the_local_findings(tmp_path):
    pytest.importorskip("distributed")
    s = sg.series(8)
    sg.inject_history(s, random.Random(8))
    texts = sg.files(s, pk=True)
    texts["copy.md"] = g.to_markdown(sg.copied(s.latest, sg.other_kecamatan(s.latest)))
    write(tmp_path / "in", texts)
    results = {}
    for executor in ("local", "dask"):
        outcome = run_batch([str(tmp_path / "in")], str(tmp_path / executor), Config(), jobs=2, executor=executor,
                            store=str(tmp_path / f"{executor}.db"), progress=False, formats=("csv",))
        results[executor] = {r.path: [f.to_dict("en") for f in r.findings] for r in outcome.reports}
        assert (tmp_path / executor / "findings.csv").exists()
    assert results["dask"] == results["local"]
    assert {f["rule"] for fs in results["dask"].values() for f in fs} >= {"LKJ601", "LKJ606"}


def test_resumed_batch_compares_again_without_doubling(tmp_path):
    s = sg.series(9)
    expected = sg.inject_renamed(s, random.Random(9))
    write(tmp_path / "in", sg.files(s))
    runs = []
    for resume in (False, True):
        outcome = run_batch([str(tmp_path / "in")], str(tmp_path / "out"), Config(), jobs=1, resume=resume,
                            progress=False, formats=())
        runs.append({r.path: [f.to_dict("en") for f in r.findings] for r in outcome.reports})
    assert runs[1] == runs[0]
    assert outcome.audited == 0 and outcome.resumed == 3  # the facts kept in results.jsonl were enough
    across = [json.loads(line) for line in (tmp_path / "out" / "crossdoc.jsonl").read_text().splitlines()]
    assert [(os.path.basename(r["path"]), [f["subject"] for f in r["findings"]]) for r in across] == [
        (sg.file_name(s.reports[0]), []), (sg.file_name(s.reports[1]), []), (expected.path, [expected.subject])]


def test_store_made_before_cell_provenance_is_migrated(tmp_path):
    """A store written by the first schema gains the facts' column position and box when opened."""
    from alembic import command
    from alembic.config import Config as AlembicConfig

    from auditor.store import MIGRATIONS, database_url

    target = str(tmp_path / "old.db")
    engine = sa.create_engine(database_url(target))
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    with Store(target) as store:
        columns = {c["name"] for c in sa.inspect(store.engine).get_columns("facts")}
    assert {"column_index", "box"} <= columns
