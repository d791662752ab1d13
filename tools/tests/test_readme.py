"""Reading a README's walkthrough into steps."""

import pytest

from tools.walkthrough.readme import parse_steps

README = """# Chapter

Not part of the walkthrough.

```console
$ echo ignored
```

## Walkthrough

### Log in

```console
$ curl -s http://127.0.0.1:8000/api/ \\
    -H 'Accept: application/json'
{"detail":"ok"}
$ echo two
two
lines
```

```text
a diagram: nothing to run
```

### Read the email

<!-- walkthrough: wait 300 -->

```
Subject: Activate
...
http://example.com/activate/
```

## Next chapter

```console
$ echo after the walkthrough
```
"""


@pytest.fixture
def steps():
    return parse_steps(README)


def test_only_the_walkthrough_section_is_read(steps):
    assert len(steps) == 3


def test_a_command_continued_with_a_backslash_is_one_step(steps):
    assert steps[0].command == (
        "curl -s http://127.0.0.1:8000/api/ \\\n    -H 'Accept: application/json'"
    )


def test_the_output_under_a_command_is_expected(steps):
    assert steps[1].expected == "two\nlines"


def test_a_step_knows_its_section(steps):
    assert steps[1].section == "Log in"


def test_a_step_knows_its_line_in_the_readme(steps):
    assert steps[0].line == 14


def test_a_plain_block_is_something_the_server_printed(steps):
    assert steps[2].command is None


def test_a_wait_comment_belongs_to_the_next_step(steps):
    assert [step.wait for step in steps] == [0, 0, 300]


def test_a_readme_without_a_walkthrough_has_no_steps():
    assert parse_steps("# Chapter\n\n```console\n$ echo\n```\n") == []


def test_output_before_any_command_is_refused():
    with pytest.raises(SystemExit, match=r"README.md:4: output before any `\$ ` command"):
        parse_steps("## Walkthrough\n\n```console\nstray output\n```\n")
