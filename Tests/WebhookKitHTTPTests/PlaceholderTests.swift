// Placeholder until the HTTP module's tests land.
