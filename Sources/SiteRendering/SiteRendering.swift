// SiteRendering: see README Architecture.
