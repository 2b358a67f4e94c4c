#!/usr/bin/env python3
"""The labs' one address table (topology.sh) is what the example plans use:
every loopback address in plans/lab-*.json is listed there, and the table
reads the same in the shell as in Python."""

from __future__ import annotations

import glob
import json
import os
import re
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import lab_servers  # noqa: E402

ADDRESS = re.compile(r"\b127\.\d+\.\d+\.\d+\b")


class TopologyTest(unittest.TestCase):
    def test_python_reads_what_the_shell_sources(self) -> None:
        table = lab_servers.topology()
        names = " ".join(f'"${name}"' for name in sorted(table))
        shell = subprocess.run(["bash", "-c", f"source {lab_servers.TOPOLOGY_FILE}; printf '%s\\n' {names}"],
                               check=True, capture_output=True, text=True).stdout.split("\n")[:-1]
        self.assertEqual(shell, [table[name] for name in sorted(table)])

    def test_example_plans_use_only_listed_addresses(self) -> None:
        listed = set(lab_servers.topology().values())
        plans = sorted(glob.glob(os.path.join(REPO, "plans", "lab-*.json")))
        self.assertTrue(plans)
        for plan in plans:
            with open(plan, encoding="utf-8") as f:
                used = set(ADDRESS.findall(json.dumps(json.load(f))))
            self.assertTrue(used, plan)
            self.assertEqual(used - listed, set(), f"{plan} uses addresses topology.sh does not list")

    def test_a_malformed_line_is_refused_naming_it(self) -> None:
        path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"topology-{os.getpid()}.sh")
        with open(path, "w", encoding="ascii") as f:
            f.write("A=1\nnot a line\n")
        try:
            with self.assertRaisesRegex(ValueError, r":2: expected NAME=VALUE"):
                lab_servers.topology(path)
        finally:
            os.remove(path)


if __name__ == "__main__":
    unittest.main()
