"""newscrawler: crawl news sites into clean, versioned JSONL archives."""

__version__ = "0.1.0"
