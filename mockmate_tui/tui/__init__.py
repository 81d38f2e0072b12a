"""The terminal app (Textual). The only package that imports textual.

`app.make_app` builds the app for the `mockmate` command and for the tests alike.
"""
