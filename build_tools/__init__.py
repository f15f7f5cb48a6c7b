"""Runner's Knee Atlas build tools: load, validate and render exercise records."""
