"""The moment at which every test that moves the clock starts.

Tests stop the clock there (`time_machine.move_to(NOW, tick=False)`) and then shift it by
exactly the lifetime they check, so no test depends on today's date or on how long it runs.
"""

import datetime

NOW = datetime.datetime(2030, 1, 1, 12, 0, tzinfo=datetime.timezone.utc)
