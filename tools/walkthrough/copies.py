"""What a student copies: the real value behind each key or token the README recorded.

A student copies their own key out of an answer, or a uid and token out of an email, into
the next command. The replay does the same: once an output pairs a recorded value with
this run's, a later command that contains the recorded value runs with the real one.
"""

import re

from .masks import KEPT


class Copies:
    """The real value behind each recorded key or token, as a student would copy it.

    A recorded value stands for one real value only (and the other way round), so where
    the README shows the same key twice, the server must answer the same key.
    """

    def __init__(self):
        self.real = {}  # recorded -> real
        self.recorded = {}  # real -> recorded

    def learn(self, recorded, actual):
        """Pairs recorded values with this run's; answers pairs that contradict earlier ones."""
        problems = []
        for (kind, old), new in zip(recorded, actual, strict=True):
            if kind not in KEPT:
                continue
            if self.real.setdefault(old, new) != new:
                problems.append(f"{old} stood for {self.real[old]} before, now for {new}")
            if self.recorded.setdefault(new, old) != old:
                problems.append(f"{new} is recorded both as {self.recorded[new]} and as {old}")
        return problems

    def apply(self, command):
        """The command with each recorded value a student would have copied replaced."""
        copied = sorted((old for old, new in self.real.items() if old != new), key=len)
        if not copied:
            return command
        words = "|".join(re.escape(old) for old in reversed(copied))
        return re.sub(rf"(?<![\w-])(?:{words})(?![\w-])", lambda m: self.real[m[0]], command)
