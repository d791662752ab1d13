"""The bench's one error: a measurement that cannot be trusted stops the bench."""


class BenchError(Exception):
    pass
