"""Storage: JSONL archives and their manifests (later: WARC files and crawl state)."""
