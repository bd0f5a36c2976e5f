# The browser fixtures (Debian's Chromium, sign-in through the real form) are the e2e suite's.
from tests.e2e.conftest import browser_type_launch_args, sign_in  # noqa: F401
