"""Sources turn what the user named (paths, URLs, crawls, packages) into targets."""
