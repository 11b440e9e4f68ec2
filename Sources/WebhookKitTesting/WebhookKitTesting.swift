// Placeholder until the testing helpers land.
