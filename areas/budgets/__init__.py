"""An area's two small budgets, what is spent from them, and the claims waiting on them."""
