"""One review step for everything people in a partnership suggest and facilitators decide:
a change to a statement, an output for the library, a new action."""
