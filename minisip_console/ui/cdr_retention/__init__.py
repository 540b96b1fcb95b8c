"""The "CDR retention" tab: its verdict, age chart, CDR browser, purges and the policy dialog."""
