"""From bytes to cleaned text: decoding, offsets back to the source, cleaning (text, Markdown, HTML),
metadata detection, loading the corpus folder and adding to it. Imports only lib.contracts, lib.words, lib.safe."""
