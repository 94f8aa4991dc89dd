"""The package builds as a wheel that installs and runs without the source tree (as pip or pipx would)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_runs_without_the_source_tree(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__",
                                                                 ".pytest_cache"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    built = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist"), str(source)],
                           capture_output=True, text=True, env=env, timeout=600)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("lkjip_audit-*.whl"))
    shutil.rmtree(source)  # nothing of the source tree is left to import from
    venv = tmp_path / "venv"
    # the dependencies come from this interpreter's site-packages; the package itself only from the wheel
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=300)
    bin_folder = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_folder / "python"
    installed = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)],
                               capture_output=True, text=True, env=env, timeout=300)
    assert installed.returncode == 0, installed.stderr
    where = subprocess.run([str(python), "-c", "import auditor, rules; print(auditor.__file__, rules.__file__)"],
                           capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert all(path.startswith(str(venv)) for path in where.stdout.split()), where.stdout
    tool = str(bin_folder / "lkjip-audit")
    version = subprocess.run([tool, "--version"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert version.returncode == 0 and "version" in version.stdout, version.stderr
    listed = subprocess.run([tool, "rules", "--lang", "en"], capture_output=True, text=True, env=env, cwd=tmp_path,
                            timeout=60)
    assert listed.returncode == 0 and "LKJ101" in listed.stdout and "LKJ608" in listed.stdout
    sample = tmp_path / "raas.md"
    shutil.copy(ROOT / "samples" / "lkjip-raas-2020.md", sample)
    checked = subprocess.run([tool, "check", str(sample)], capture_output=True, text=True, env=env, cwd=tmp_path,
                             timeout=300)
    assert checked.returncode == 1 and "LKJ201" in checked.stdout, checked.stderr
