"""Sinergi: the domain package. One folder per capability; each folder's README says what it may import."""
