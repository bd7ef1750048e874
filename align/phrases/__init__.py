"""The phrase layer: English units and their Japanese renderings inside each bead."""

__all__: list[str] = []
