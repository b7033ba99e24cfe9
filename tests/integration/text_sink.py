"""A text-message sink the test controls: the file backend writes into a named pipe.

Opening a pipe for writing waits until someone opens it for reading, so a worker handing
over its next text waits, mid-send, for as long as the sink is paused, as a worker waits
for an SMTP server that is slow to take a message.
"""

import contextlib
import os
import threading


class TextSink:
    def __init__(self, folder, *, pause_after: int):
        self.path = folder / "texts.pipe"
        os.mkfifo(self.path)
        self.pause_after = pause_after
        self.texts: list[str] = []
        self.paused = threading.Event()
        self.resumed = threading.Event()
        self.stopped = False
        self._buffer = ""
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        while not self.stopped:
            if len(self.texts) >= self.pause_after and not self.resumed.is_set():
                self.paused.set()
                self.resumed.wait()
                continue
            # Waits for a writer; returns at the end of what that writer (or those) wrote.
            with open(self.path, encoding="utf-8") as pipe:
                self._buffer += pipe.read()
            *complete, self._buffer = self._buffer.split("\n.\n")
            self.texts += [text for text in complete if text.strip()]

    def references(self) -> list[str]:
        return [text.split("\n")[0].removeprefix("Reference: ") for text in self.texts]

    def stop(self):
        self.stopped = True
        self.resumed.set()
        # Succeeds only if the reader is waiting for a writer, and lets it finish.
        with contextlib.suppress(OSError):
            os.close(os.open(self.path, os.O_WRONLY | os.O_NONBLOCK))
