// NoteImport: see README Architecture.
