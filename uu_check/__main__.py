"""Allow `python -m uu_check`."""

from uu_check.cli import main

if __name__ == "__main__":
    main()
