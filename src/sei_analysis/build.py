"""Old name of :mod:`sei_analysis.pipeline`, kept so ``sei_analysis.build.processed_tables`` works.

``sei_analysis.build`` *is* the pipeline module (the same object in ``sys.modules``), so
reading or patching a name through either spelling reaches the same function.
"""

import sys

from sei_analysis import pipeline

sys.modules[__name__] = pipeline
