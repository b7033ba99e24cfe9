"""gunicorn's own logs, its access log above all, with the tokens of signed links taken
out by the filter the project's handler uses (partnerships.logs.RedactTokens).

gunicorn writes its access and error lines through loggers it sets up itself, outside
Django's logging settings; gunicorn.conf.py names this class for every gunicorn started
from the project's folder.
"""

from gunicorn.glogging import Logger

from partnerships.logs import RedactTokens


class TokenFreeLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.access_log, self.error_log):
            if not any(isinstance(kept, RedactTokens) for kept in log.filters):
                log.addFilter(RedactTokens())
