"""``python -m lib COMMAND``: one module per command, registered in lib/cli/main.py. May import every
package except web and render."""
