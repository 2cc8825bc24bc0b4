"""Citizen lottery: register extracts (reading, validating, synthetic data) and the draw."""
