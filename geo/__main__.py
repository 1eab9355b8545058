"""``python -m geo COMMAND``: the command-line entry point."""

import sys

from geo.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
