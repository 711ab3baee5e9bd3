"""FaceShift: the application layer (settings, wiring, services, providers, images, hosting, web server)."""
