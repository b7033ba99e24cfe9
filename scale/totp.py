"""Time-based one-time codes (RFC 6238) for the benchmark's generated accounts.

Pure Python so the load generator can sign in through the real two-factor form without
importing Django. Each account's secret comes from its email, so the generator and the
benchmark agree on it without storing it anywhere else.
"""

import base64
import hashlib
import hmac
import struct
import time


def secret_for(email: str) -> str:
    return base64.b32encode(hashlib.sha1(f"bench-totp:{email}".encode()).digest()).decode()


def code_for(secret: str, at: float | None = None) -> str:
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"
