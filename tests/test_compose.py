"""docker-compose.yml is what an operator starts: Compose itself reads it, with .env.example.

There is no Docker engine here, only the client: `docker compose config` checks the file
and interpolates it as `docker compose up` would, and the tests read what it gives.
"""

import fnmatch
import re
import secrets
import shutil
import subprocess

import pytest
import yaml
from django.conf import settings

REPOSITORY = settings.BASE_DIR
COMPOSE_FILE = REPOSITORY / "docker-compose.yml"
APP_SERVICES = ("web", "worker", "beat")


def _compose_command() -> list[str]:
    docker = shutil.which("docker")
    plugin = docker and subprocess.run([docker, "compose", "version"], capture_output=True)
    if plugin and plugin.returncode == 0:
        return [docker, "compose"]
    # Debian's Compose 1 reads the same file where the client has no Compose plugin.
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    pytest.skip("neither docker compose nor docker-compose is installed")


def _config(project, env_text: str) -> dict:
    """What Compose makes of the repository's file with `env_text` as the operator's .env."""
    result = _run_config(project, env_text)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def _run_config(project, env_text: str) -> subprocess.CompletedProcess:
    (project / ".env").write_text(env_text)
    return subprocess.run(
        [*_compose_command(), "-f", COMPOSE_FILE, "--project-directory", project, "config"],
        capture_output=True,
        text=True,
        # Only what .env says: the tests' own DATABASE_URL must not leak into the file.
        env={"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(project)},
    )


@pytest.fixture
def example_env():
    return (REPOSITORY / ".env.example").read_text()


def test_compose_accepts_the_file_with_env_example_as_dot_env(tmp_path, example_env):
    services = _config(tmp_path, example_env)["services"]

    assert set(services) >= {"proxy", "migrate", *APP_SERVICES, "db", "redis"}
    # The TLS proxy is the only way in; the web servers are reached only through it.
    published = {name: service["ports"] for name, service in services.items() if "ports" in service}
    assert list(published) == ["proxy"]
    assert sorted(str(port["target"]) for port in published["proxy"]) == ["443", "80"]
    for name in APP_SERVICES:
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }, f"{name} starts before the migrations have run"
        assert "healthcheck" in services[name], f"{name} has no health check"
        assert "migrate" not in " ".join(_words(services[name]["command"]))
    assert _words(services["migrate"]["command"])[-3:] == ["manage.py", "migrate", "--noinput"]
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])
    # The visitor's address is the entry the proxy wrote, not the proxy's own.
    assert str(services["web"]["environment"]["TRUSTED_PROXY_COUNT"]) == "1"


def test_the_database_and_broker_come_from_dot_env(tmp_path, example_env):
    password = secrets.token_urlsafe(16)
    env = re.sub(r"(?m)^POSTGRES_PASSWORD=.*$", f"POSTGRES_PASSWORD={password}", example_env)
    services = _config(tmp_path, env)["services"]
    assert services["db"]["environment"]["POSTGRES_PASSWORD"] == password
    assert services["web"]["environment"]["PGPASSWORD"] == password
    assert services["web"]["environment"]["DATABASE_URL"].startswith("postgres://partnerships@db")

    managed = (
        f"{env}\nDATABASE_URL=postgres://app:pw@db.example.org:5432/programme\n"
        "REDIS_URL=rediss://cache.example.org:6380/0\n"
    )
    services = _config(tmp_path, managed)["services"]
    for name in ("migrate", *APP_SERVICES):
        environment = services[name]["environment"]
        assert environment["DATABASE_URL"] == "postgres://app:pw@db.example.org:5432/programme"
        assert environment["REDIS_URL"] == "rediss://cache.example.org:6380/0"


def test_the_database_password_is_required(tmp_path, example_env):
    result = _run_config(tmp_path, re.sub(r"(?m)^POSTGRES_PASSWORD=.*$", "", example_env))
    assert result.returncode != 0
    assert "Set POSTGRES_PASSWORD in .env" in result.stderr


def test_the_file_holds_no_password_and_only_variables_env_example_documents(example_env):
    text = COMPOSE_FILE.read_text()
    for key, value in _pairs(yaml.safe_load(text)):
        if re.search(r"PASSWORD|SECRET|_KEY$", key):
            assert str(value).startswith("${"), f"{key} is written into docker-compose.yml"
    assert not re.search(r"://[^/\s:@]+:[^/\s@$]+@", text), "a URL carries a password"

    used = set(re.findall(r"(?<!\$)\$\{([A-Z][A-Z0-9_]*)", text))
    documented = set(re.findall(r"(?m)^#? ?([A-Z][A-Z0-9_]*)=", example_env))
    assert used - documented == set()


def test_volumes_keep_everything_that_outlives_a_container(tmp_path, example_env):
    config = _config(tmp_path, example_env)
    assert set(config["volumes"]) >= {
        "postgres",
        "media",
        "backups",
        "caddy-data",
        "caddy-config",
    }
    mounts = {
        name: {_source(volume) for volume in service.get("volumes", [])}
        for name, service in config["services"].items()
    }
    assert "media" in mounts["web"]
    assert "postgres" in mounts["db"]
    assert {"caddy-data", "caddy-config"} <= mounts["proxy"]
    assert {"media", "backups"} <= mounts["backup"]


def _source(volume) -> str:
    """The volume's name (or host path) in either of Compose's two ways of writing it."""
    return volume.split(":")[0] if isinstance(volume, str) else volume["source"]


def _words(command) -> list[str]:
    return command.split() if isinstance(command, str) else list(command)


def _pairs(node, key=""):
    """Every (key, value) of a YAML tree's mappings, at any depth."""
    if isinstance(node, dict):
        for child_key, child in node.items():
            yield from _pairs(child, str(child_key))
    elif isinstance(node, list):
        for child in node:
            yield from _pairs(child, key)
    else:
        yield key, node


def _ignored_by_docker(path: str) -> bool:
    """Whether .dockerignore keeps `path` out of the image's build context.

    As Docker reads it: the last pattern that matches the path or a folder above it
    decides, and a pattern starting with ! brings a path back in.
    """
    ignored = False
    lines = (REPOSITORY / ".dockerignore").read_text().splitlines()
    for line in (line.strip() for line in lines):
        if not line or line.startswith("#"):
            continue
        pattern = line.removeprefix("!").strip("/")
        parts = path.split("/")
        if any(fnmatch.fnmatch("/".join(parts[:n]), pattern) for n in range(1, len(parts) + 1)):
            ignored = not line.startswith("!")
    return ignored


@pytest.mark.parametrize(
    "path",
    [
        "backups/partnerships-20260301T020000Z.dump",
        "backups/partnerships-20260301T020000Z.media.tar.gz",
        "programme.dump",
        "media/receipts/3f2a9c.pdf",
        ".env",
        ".env.production",
    ],
)
def test_the_image_never_takes_in_personal_data_or_secrets(path):
    assert _ignored_by_docker(path)


def test_the_image_is_built_from_what_the_repository_needs():
    assert not _ignored_by_docker(".env.example")
    assert not _ignored_by_docker("scripts/backup.sh")
    assert "FROM node:22-bookworm-slim AS assets" in (REPOSITORY / "Dockerfile").read_text()
