"""Scrapy settings for newscrawler. Every NEWSCRAWLER_* default lives here, documented.

Override any of them on the command line (``-s NAME=VALUE`` with ``scrapy crawl``, or the
``newscrawler crawl`` options), in a scrapyd ``schedule.json`` call, or in your own settings module.
"""

from newscrawler import __version__

BOT_NAME = "newscrawler"
SPIDER_MODULES = ["newscrawler.spiders"]
NEWSPIDER_MODULE = "newscrawler.spiders"
COMMANDS_MODULE = "newscrawler.commands"     # our `scrapy crawl` also exits 1 when a health check fails

# --- Politeness -------------------------------------------------------------------------------
USER_AGENT = f"newscrawler/{__version__} (news archiver; +https://pypi.org/project/newscrawler/)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 4          # per-site limit
CONCURRENT_ITEMS = 1                         # outputs of one page in parallel: Scrapy's 100 starts 100 asyncio tasks per page; we yield at most one record per page
WARN_ON_GENERATOR_RETURN_VALUE = False       # Scrapy's lint reads and parses a callback's source whenever it meets a new bound method (each request read back from the disk queue): 0.1-0.2 ms per page; tests/test_crawlperf.py checks our callbacks instead
DOWNLOAD_DELAY = 0.0                         # AutoThrottle sets the real delay
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

# --- Robustness -------------------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024          # bigger responses are dropped (and counted)
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2                              # 3 tries in all for 5xx, 408, 429 and network errors
REDIRECT_MAX_TIMES = 10
URLLENGTH_LIMIT = 2000                       # longer URLs are traps more often than articles
TELNETCONSOLE_ENABLED = False                # remote consoles are off unless asked for
REMOTE_CONTROL_ENABLED = False
COOKIES_ENABLED = False                      # news pages don't need sessions; avoids session-id traps

# --- Item processing --------------------------------------------------------------------------
ITEM_PIPELINES = {
    "newscrawler.pipelines.CleanPipeline": 100,
    "newscrawler.pipelines.ValidatePipeline": 200,
    "newscrawler.pipelines.DedupePipeline": 300,
    "newscrawler.archive.jsonl.JsonlArchivePipeline": 900,
}

# --- newscrawler ------------------------------------------------------------------------------
#: Folder the archives go to; records of site S land in <NEWSCRAWLER_OUTPUT>/<S>/.
NEWSCRAWLER_OUTPUT = "output"
#: Stop scheduling new pages after this many (0 = no limit); comment pages of an article in hand still follow.
NEWSCRAWLER_MAX_PAGES = 0
#: Skip articles published before this date (YYYY-MM-DD); sitemap and feed dates are used before fetching.
NEWSCRAWLER_SINCE = None
#: Follow comment pagination (comment-page-N, ?cpage=N) and merge every comment page into one record.
NEWSCRAWLER_FOLLOW_COMMENT_PAGES = True
#: Most comment pages fetched for one article.
NEWSCRAWLER_MAX_COMMENT_PAGES = 50
#: Records without these fields are dropped (and counted with the reason).
NEWSCRAWLER_REQUIRED_FIELDS = ["headline", "articleBody"]
#: Worker processes that analyse pages (parse, links, extraction) beside the crawl's event loop; 0 = in the crawl's process.
NEWSCRAWLER_ANALYSIS_WORKERS = 0
#: A page whose analysis in a worker takes longer than this (seconds) fails; its worker is replaced.
NEWSCRAWLER_ANALYSIS_TIMEOUT = 30.0

# Asyncio reactor (Scrapy's default since 2.13).
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"

EXTENSIONS = {
    "newscrawler.security.RedactCredentials": 0,    # passwords in URLs / *_PASSWORD settings never reach the log
    "newscrawler.extensions.QuietNetworkErrors": 10,
    "newscrawler.extensions.GarbageCollectorTuning": 20,
    "newscrawler.health.HealthChecks": 500,
    "scrapy.extensions.logstats.LogStats": None,     # replaced by newscrawler.progress.Progress
    "newscrawler.progress.Progress": 510,
    "newscrawler.lock.ArchiveLock": 1,               # one crawl per archive folder at a time
}
ADDONS = {
    "newscrawler.distributed.RedisAddon": 0,         # with REDIS_URL: scheduler, filters, dedupe in Redis
}
#: Log network failures (refused, timed out, reset...) with their full traceback (for debugging).
NEWSCRAWLER_NETWORK_TRACEBACKS = False
#: CPython's garbage-collector thresholds while a crawl runs (objects alive at its start are frozen);
#: the defaults (700, 10, 10) collect about every page and cost 5-6 % of a crawl's CPU. [] = leave them.
NEWSCRAWLER_GC_THRESHOLDS = [20000, 50, 100]

# --- Health checks (newscrawler.health) ---------------------------------------------------------
#: Run the health checks after each crawl (results in the log, the manifest and the exit status).
NEWSCRAWLER_HEALTH_ENABLED = True
#: A crawl that archived fewer articles than this fails its health check.
NEWSCRAWLER_HEALTH_MIN_ARTICLES = 1
#: Largest share of failed page fetches (HTTP errors and network errors) in a healthy crawl.
NEWSCRAWLER_HEALTH_MAX_ERROR_RATE = 0.5
#: Smallest share of articles that must have each field (field name -> share, 0 to 1).
NEWSCRAWLER_HEALTH_MIN_COVERAGE = {"articleBody": 0.9, "datePublished": 0.5, "authors": 0.2}
#: Coverage is checked only when at least this many articles were archived (fewer is noise).
NEWSCRAWLER_HEALTH_COVERAGE_MIN_SAMPLE = 20
#: Finish reasons of a healthy crawl (Scrapy's "finished"; not "shutdown", "closespider_*"...).
NEWSCRAWLER_HEALTH_FINISH_REASONS = ["finished"]

# --- Progress (newscrawler.progress) -----------------------------------------------------------
#: "auto": a live progress line on a terminal, a log line every LOGSTATS_INTERVAL seconds otherwise;
#: "live", "log" or "off" force one of them.
NEWSCRAWLER_PROGRESS = "auto"

# --- Hostile web: limits, traps, address guard (newscrawler.security, newscrawler.middlewares) --
DOWNLOADER_MIDDLEWARES = {
    "newscrawler.security.AddressGuardMiddleware": 45,           # off-site and private-address refusals
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawler.middlewares.RetryAfterMiddleware": 550,         # Scrapy's retries + Retry-After waits
    "newscrawler.middlewares.RobotsSitemapsMiddleware": 580,     # the robots.txt Scrapy fetches gives the sitemaps (fetched once)
}
SPIDER_MIDDLEWARES = {
    "newscrawler.middlewares.TrapFilterMiddleware": 950,         # session ids, calendars, endless pagination, depth
    "newscrawler.linkfilter.SeenLinksMiddleware": 890,           # links already requested stop here (throughput); after the depth limit
}
DEPTH_LIMIT = 200                            # links more than 200 hops from a start URL are not followed
#: Networks (CIDR) that links and redirects may lead to although private/loopback (start hosts always may).
NEWSCRAWLER_ALLOWED_NETWORKS: list[str] = []
#: Longest wait (seconds) before retrying a 429/503 that sent Retry-After (longer asks are cut to this).
NEWSCRAWLER_RETRY_AFTER_MAX = 60.0
#: Listing pages numbered above this (?page=N, /page/N/) are not followed: endless pagination (0 = no limit).
NEWSCRAWLER_MAX_PAGINATION = 100
#: Most pages followed per URL shape (host + path with digits as 0 + query names); 0 = no limit.
NEWSCRAWLER_MAX_PAGES_PER_PATTERN = 5000
#: Dated paths (/YYYY/MM/) before this year, or after next year, are calendar traps.
NEWSCRAWLER_MIN_YEAR = 1990

# --- Archive-grade crawling: WARC capture, crawl state (newscrawler.archive) ---------------------
DOWNLOADER_MIDDLEWARES["newscrawler.archive.warc.WarcCaptureMiddleware"] = 950   # next to the downloader: bodies as served
#: Write every request and response as WARC/1.1 records (gzip per record) into the archive folder, a CDXJ index beside each file.
NEWSCRAWLER_WARC = False
#: A new WARC file is started when the current one reaches this many bytes.
NEWSCRAWLER_WARC_MAX_SIZE = 1024 ** 3
#: WARC file names are <prefix>-<UTC timestamp>-<serial>.warc.gz (<prefix>-<UTC timestamp>-<worker>-<serial>.warc.gz with a worker id).
NEWSCRAWLER_WARC_PREFIX = "newscrawler"
#: Write a response whose payload an earlier full capture of the same URL in the archive folder holds (same WARC-Payload-Digest) as a revisit record of it (identical-payload-digest), not in full.
NEWSCRAWLER_WARC_REVISITS = True
SPIDER_MIDDLEWARES["newscrawler.archive.state.SkipArchivedMiddleware"] = 100     # archived articles are not fetched again
DOWNLOADER_MIDDLEWARES["newscrawler.archive.state.SkipArchivedRedirects"] = 620  # ... nor redirects to them followed
ITEM_PIPELINES["newscrawler.archive.state.RememberArchivedPipeline"] = 950       # after the JSONL writer
#: Keep a crawl state (state.sqlite in each archive folder): later crawls skip archived articles and write only changes.
NEWSCRAWLER_STATE = True
#: Fetch an archived article again once its last fetch is older than this (e.g. 12h, 7d); None = never.
NEWSCRAWLER_REFRESH_AFTER = None
#: WARC files that answer every request instead of the network (set by `newscrawler reextract`).
NEWSCRAWLER_REPLAY_WARCS: list[str] = []
ADDONS["newscrawler.archive.queues.DiskQueuesAddon"] = 10                       # pending requests on disk, not in memory
#: Keep pending requests in disk queues (a fresh JOBDIR under <output>/.queues/ per run, deleted at the end).
NEWSCRAWLER_DISK_QUEUES = True
DUPEFILTER_CLASS = "newscrawler.archive.queues.DiskDupeFilter"                 # seen requests in SQLite, not in memory
SCHEDULER_DISK_QUEUE = "newscrawler.archive.queues.LifoDiskQueue"              # Scrapy's pickle LIFO disk queue, callbacks named without listing the spider's methods per request

# --- Distributed crawling on scrapy-redis (newscrawler.distributed) ----------------------------
#: Redis URL (redis://host:6379/0) shared by every worker; None = a single-process crawl in memory.
REDIS_URL = None
#: A Redis worker stops once the shared queue (and the seeds list) stayed empty this many seconds (0 = never).
MAX_IDLE_TIME_BEFORE_CLOSE = 10
#: Name of this worker in archive file names (<start>-<worker>.jsonl); with Redis, <host>-<pid> by default.
NEWSCRAWLER_WORKER_ID = ""
#: Keep the crawl's Redis keys (queue, request filter, archived records) when the last worker stops.
NEWSCRAWLER_REDIS_KEEP = False
#: Lock each start site's archive folder (<output>/<site>/.lock) for the crawl: a second run of the same crawl will not start.
NEWSCRAWLER_LOCK = True
#: Drop a link whose URL this process requested before right where the spider yields it (not only in the scheduler).
NEWSCRAWLER_SEEN_LINKS_FILTER = True
#: URLs the link filter remembers per generation (two generations): bounds its memory on long crawls.
NEWSCRAWLER_SEEN_LINKS_MEMORY = 10000
