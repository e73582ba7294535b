"""Engines parse one kind of target into a model, once, and run the rules over it."""
