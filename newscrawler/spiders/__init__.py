"""Spiders: crawl policy only (what to fetch); parsing lives in newscrawler.extract."""
