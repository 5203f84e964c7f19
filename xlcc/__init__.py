"""xlcc: contact-center planning in Excel -- queueing math, staffing, rosters."""

__version__ = "0.1.0"
