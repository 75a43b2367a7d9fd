// Replaced as output/ gains its sources.
