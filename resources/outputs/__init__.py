"""What an area's partnership made (a charter, a guide, a training package), offered to
the library by the people in it and published once a facilitator accepts it."""
