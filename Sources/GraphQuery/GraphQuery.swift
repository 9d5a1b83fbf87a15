// GraphQuery: see README Architecture.
