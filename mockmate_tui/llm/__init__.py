"""A language model over an OpenAI-compatible endpoint, for the packages that may use one.

Below questions and feedback (which both ask a model) and above core and config, so neither of
them imports the other to reach it.
"""
