// Workspace: see README Architecture.
