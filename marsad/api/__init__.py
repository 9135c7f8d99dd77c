"""The HTTP API and the web pages over a store (`marsad serve`; docs/api.md).

    from marsad.api import create_app
    app = create_app("war.db")
"""
from marsad.api.app import create_app

__all__ = ["create_app"]
