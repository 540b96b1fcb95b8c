"""The "Accounts" tab: the account list, an account's details and the access-grant dialog."""
