"""Figures, the data half: pose vocabularies, typed poses, the rig and scene solver, and the checks."""
