"""The package stays pure Python and does nothing at import time."""

import pathlib
import subprocess
import sys
import zipfile

import pytest

import partways

NO_PROCESSES = pytest.mark.skipif(
    sys.platform == "emscripten", reason="runs a subprocess; Pyodide (emscripten) has none"
)

PACKAGE = pathlib.Path(partways.__file__).parent


def test_package_has_no_compiled_extensions():
    compiled = [p for p in PACKAGE.rglob("*") if p.suffix in {".so", ".pyd", ".dll", ".dylib"}]
    assert compiled == []


@NO_PROCESSES
def test_import_reads_no_file_and_opens_no_socket():
    probe = r"""
import builtins, io, socket, sys
opened = []
real_open, real_io_open = builtins.open, io.open
def spy(file, *a, **k):
    opened.append(str(file)); return real_open(file, *a, **k)
builtins.open = io.open = spy
class NoSocket(socket.socket):
    def __init__(self, *a, **k): raise AssertionError("socket at import time")
socket.socket = NoSocket
import partways
print("\n".join(p for p in opened if "partways" in p))
print("HEAVY" if {"holidays", "email.message", "email.policy"} & set(sys.modules) else "LIGHT")
"""
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    lines = out.stdout.split()
    assert lines == ["LIGHT"], out.stdout


def test_public_api_is_a_flat_facade():
    for name in partways.__all__:
        assert getattr(partways, name) is not None
    assert not [n for n in partways.__all__ if n.startswith("_")]


@NO_PROCESSES
def test_wheel_holds_the_package_and_its_data(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path),
         str(PACKAGE.parent.parent)],
        check=True,
    )
    (wheel,) = tmp_path.glob("partways-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "partways/__init__.py" in names
    data_files = sorted(p.name for p in (PACKAGE / "data").glob("*.toml"))
    assert data_files and all(f"partways/data/{name}" in names for name in data_files)
    assert not [n for n in names if n.endswith((".so", ".pyd"))]
