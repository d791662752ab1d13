"""What the dev server printed in its own terminal: the emails Django's console backend writes.

A plain ``` block in a README is such an email, as the student sees it in the first
terminal. It is looked for in the server's output, after what earlier blocks matched, so
one email is never shown twice.
"""

import re

from .masks import mask, recorded_pattern
from .matching import check_captured, normalise

# The line Django's console email backend prints after each message.
MAIL_END = "-" * 79


def server_printed_pattern(block):
    """A regex for a block the server printed, where a `...` line stands for any lines.

    The lines around a `...` must come from the same email, so the gap never crosses the
    line that ends one.
    """
    parts = re.split(r"^\.\.\.$", block, flags=re.M)
    sources, recorded = [], []
    for part in parts:
        source, part_recorded = recorded_pattern(part.strip("\n"))
        sources.append(source)
        recorded += part_recorded
    gap = rf"(?:\n(?!{MAIL_END}$).*)*?\n"
    return "(?m)^" + gap.join(sources) + "$", recorded


def emails(printed):
    """The emails in the server's output, without the start-up banners around them."""
    chunks = printed.split(MAIL_END)[:-1]  # the last one is after the last email
    return [chunk[chunk.find("Content-Type:") :].strip("\n") for chunk in chunks]


class Printed:
    """The server's output file, read from where the last matched email ended.

    The server writes a mail before it answers, so by the time curl has its answer, the
    mail is in the file.
    """

    def __init__(self, path):
        self.path = path
        self.seen = 0  # how much of the output earlier blocks have matched

    def find(self, block, copies):
        """Problems with a recorded block, looked for in what was printed since the last one;
        and what matched."""
        printed = normalise(self.path.read_text(errors="replace"))
        source, recorded = server_printed_pattern(block)
        match = re.compile(source).search(printed, self.seen)
        if match is None:
            mails = "\n\n".join(mask(mail) for mail in emails(printed[self.seen :]))
            return [f"The server printed no such email. It printed:\n{mails or '(none)'}"], ""
        end = printed.find(MAIL_END, match.end())  # the rest of that email is used up too
        self.seen = match.end() if end < 0 else end + len(MAIL_END)
        return check_captured(recorded, match.groups(), copies), match.group()
