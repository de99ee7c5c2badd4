"""xlmodel: value and negotiate tech job offers."""

__version__ = "0.1.0"
