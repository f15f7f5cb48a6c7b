"""Figures drawn from each exercise's pose: vocabularies, rig, checks, SVG and the contact sheet."""
