"""georouter: which Taineng customer manager serves this Qingdao address.

The public entry point is :class:`georouter.router.Router`; the web service is built by
:func:`georouter.web.create_app`. Importing this package does no work.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
