"""``python -m sei_analysis`` is the ``sei`` command."""

from sei_analysis.cli import main

if __name__ == "__main__":
    main(prog_name="sei")
