"""XML text <-> element trees: the hardened reader and the writer. They never judge content."""
