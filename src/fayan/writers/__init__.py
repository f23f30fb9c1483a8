"""Writers turn a Document into text or bytes. They never decide content."""
