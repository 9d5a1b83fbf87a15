// BuildPipeline: see README Architecture.
