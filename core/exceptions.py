class DomainError(Exception):
    """A rule of the domain refused an action. Views show `message`; the API returns 400."""

    code = "domain_error"

    def __init__(self, message, *, code=None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
