"""Follow-up emails about actions, sent through an outbox.

planning.py decides which emails are owed and writes each as a FollowUp row; delivery.py
queues, claims and sends the rows; emails.py composes them. Nothing is sent that is not
first a row, and nothing depends on a task reaching the broker: the sweep finds any row
still waiting.
"""
