"""The set-up scripts: a clear word when Node.js is too old for the stylesheet build."""

import subprocess

import pytest
from django.conf import settings

CHECK_NODE = str(settings.BASE_DIR / "scripts" / "check-node.sh")


def _check_node(tmp_path, version=None):
    if version is not None:
        node = tmp_path / "node"
        node.write_text(f"#!/bin/sh\necho v{version}\n")
        node.chmod(0o755)
    return subprocess.run(
        ["/bin/bash", CHECK_NODE], env={"PATH": str(tmp_path)}, capture_output=True, text=True
    )


@pytest.mark.parametrize("version", ["18.19.0", "20.18.1", "16.20.2"])
def test_an_old_node_is_refused_with_how_to_get_node_22(tmp_path, version):
    result = _check_node(tmp_path, version)
    assert result.returncode == 1
    assert f"Node.js v{version} is too old" in result.stderr
    assert "ERR_REQUIRE_ESM" in result.stderr
    assert "NodeSource" in result.stderr
    assert "nvm install 22" in result.stderr


@pytest.mark.parametrize("version", ["20.19.0", "22.12.0", "24.1.0"])
def test_node_20_19_and_later_pass(tmp_path, version):
    result = _check_node(tmp_path, version)
    assert (result.returncode, result.stderr) == (0, "")


def test_a_missing_node_is_named(tmp_path):
    result = _check_node(tmp_path)
    assert result.returncode == 1
    assert "Node.js is not installed" in result.stderr
