"""Figures, the drawing half: a pose to SVG, its shapes, and the figure files and page data the site publishes."""
