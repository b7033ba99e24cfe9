"""The room's own channel on a partnership day: phones and table hosts send what the room
says, facilitators moderate it into the session's record, and a wall shows it back."""
