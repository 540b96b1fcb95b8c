"""The "Law enforcement" tab: the register of requests, legal holds and the disclosure register."""
