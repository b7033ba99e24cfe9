# Read by gunicorn from the folder it starts in (the image's /app): settings every web
# server of the platform shares, whatever its command line adds.

# Access and error lines without the tokens of signed links (a pulse answer's, a
# report-back page's): see partnerships/gunicorn_logging.py.
logger_class = "partnerships.gunicorn_logging.TokenFreeLogger"
