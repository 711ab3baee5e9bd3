"""The composition root: the one package that imports every layer and wires the bot together."""
