"""Suite-wide test settings.

Property tests (hypothesis) run derandomized: the same examples on every run, so CI on a fresh clone
gives the same verdict as the run before it. Explore new random examples locally with
``HYPOTHESIS_PROFILE=explore python -m pytest tests/test_legacy_fuzz.py``; a failure it finds becomes
a plain regression test (see ``test_tie_on_wellformed_words_goes_to_real_words``).
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
