"""The set-up the README promises is the one CI runs."""

import re

from conftest import ROOT


def readme_commands():
    block = re.search(r"## Set-up.*?```sh\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_readme_setup_is_two_commands_serve_then_test():
    assert readme_commands() == ["make serve", "make test"]


def test_ci_runs_exactly_the_readme_test_command():
    script = (ROOT / ".ci" / "run").read_text()
    commands = [line for line in script.splitlines() if line and not line.startswith(("#", "set ", "cd "))]
    assert commands[-1] == readme_commands()[1]
