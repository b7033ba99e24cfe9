"""The pulse's questions, in the plain words people answer them in.

Four statements, each answered on the same five-point scale, and one optional question in
the person's own words. The statements follow what the programme asks of a partnership:
trust, a shared vision, a real say in decisions, and time well spent.
"""

QUESTIONS = {
    "trust": "I trust the other people and organisations in this partnership.",
    "vision": "We share a clear idea of what we are trying to change.",
    "involved": "I have a real say in the decisions the partnership makes.",
    "worth_time": "Taking part is worth my time.",
}

SCALE = {
    1: "Strongly disagree",
    2: "Disagree",
    3: "Neither agree nor disagree",
    4: "Agree",
    5: "Strongly agree",
}

BETTER = "What would make this partnership work better for you?"

# Fewer answers than this and the results could point to one person: they stay hidden.
MIN_ANSWERS = 5
