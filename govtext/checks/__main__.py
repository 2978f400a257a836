"""``python -m govtext.checks`` prints ``docs/rules.md``; ``--lang zh`` prints ``docs/rules-zh.md``."""

import argparse

from . import render_docs

parser = argparse.ArgumentParser(prog="python -m govtext.checks", description="print the rules' documentation page")
parser.add_argument("--lang", choices=("en", "zh"), default="en", help="en: docs/rules.md; zh: docs/rules-zh.md")
print(render_docs(parser.parse_args().lang), end="")
