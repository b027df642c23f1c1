"""What importing a module pulls in, checked in a fresh interpreter: the cheap paths stay cheap."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.e2e


def test_importing_the_module_does_not_import_scipy() -> None:
    code = "import sys, bot.core.insights; sys.exit('scipy' in sys.modules or 'numpy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
