"""Reads a README's `## Walkthrough` into steps: the commands to run, the outputs to expect.

The README is the script: a ```console block holds `$ ` commands, each followed by what
it printed; a plain ``` block is something the server printed in its own terminal (an
email); `<!-- walkthrough: wait 300 -->`, which GitHub does not show, is time the student
lets pass. Nothing else in the README is read.
"""

import re
from dataclasses import dataclass

# `<!-- walkthrough: wait 300 -->` before a step: the student waits that many seconds first.
WAIT = re.compile(r"<!-- walkthrough: wait (\d+) -->")


@dataclass
class Step:
    section: str  # the `###` heading it sits under
    line: int  # where it starts in README.md, for the report
    command: str | None  # None: a block the server printed, not a command
    expected: str
    wait: int = 0  # seconds the student waits before it


def walkthrough_lines(text):
    """The `## Walkthrough` section, as (line number, line) pairs."""
    lines = text.splitlines()
    try:
        start = lines.index("## Walkthrough")
    except ValueError:
        return []
    end = next((n for n in range(start + 1, len(lines)) if lines[n].startswith("## ")), len(lines))
    return list(enumerate(lines[start:end], start + 1))


def parse_steps(text):
    """The walkthrough's steps, in order: one per `$ ` command, one per plain block."""
    steps, section, fence, block, wait = [], "Walkthrough", None, [], 0
    for number, line in walkthrough_lines(text):
        if fence is None and line.startswith("### "):
            section = line[4:].strip()
        elif fence is None and WAIT.fullmatch(line.strip()):
            wait += int(WAIT.fullmatch(line.strip())[1])
        elif fence is None and line.startswith("```"):
            fence, block = line[3:].strip(), []
        elif fence is not None and line.startswith("```"):
            new = block_steps(fence, block, section)
            if new:
                new[0].wait, wait = wait, 0
            steps += new
            fence = None
        elif fence is not None:
            block.append((number, line))
    return steps


def block_steps(language, block, section):
    """A ```console block is `$ command` lines, each followed by its output."""
    if language == "":
        text = "\n".join(line for _, line in block)
        return [Step(section, block[0][0], None, text)] if block else []
    if language != "console":
        return []  # a diagram or a file's content: nothing to run
    steps = []
    for number, line in block:
        if line.startswith("$ "):
            steps.append(Step(section, number, line[2:], ""))
        elif steps and steps[-1].command.endswith("\\") and not steps[-1].expected:
            steps[-1].command += "\n" + line  # a command continued on the next line
        elif steps:
            steps[-1].expected += ("\n" if steps[-1].expected else "") + line
        else:
            raise SystemExit(f"README.md:{number}: output before any `$ ` command")
    return steps
