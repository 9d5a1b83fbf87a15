// GraphAnalysis: see README Architecture.
