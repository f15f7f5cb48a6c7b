"""Printing layer: routine sheets to PDF with headless Chromium, their cache, QR codes and paper sizes."""
