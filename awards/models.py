"""Award types, dossiers, documents, initiatives: built by the award-dossier issue."""
