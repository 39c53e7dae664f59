"""erf for numpy arrays without SciPy: math.erf (C library, exact to double precision) elementwise."""
import math

import numpy as np

erf = np.vectorize(math.erf, otypes=[np.float64])
