"""`uu-check serve`: a local web page where a teacher drops a file or pastes a link."""
