"""Where the crawl may go, and what it must never write down.

* :class:`AddressGuardMiddleware` (a downloader middleware, so it also sees redirects, comment pages
  and robots.txt requests) refuses a request whose host is not one of the crawl's sites, or whose
  address is private, loopback or link-local, unless that host is the host of a start URL or its
  address is in ``NEWSCRAWLER_ALLOWED_NETWORKS``. Host names are resolved (once per host) to check
  the addresses they point to, and the connection then uses an address that was checked (it is put
  into Scrapy's DNS cache, which its default resolver answers from): a name that resolves to a public
  address for the check and to a private one a moment later (DNS rebinding) still reaches the first.
* :class:`RedactCredentials` (an extension) keeps passwords of URLs such as ``REDIS_URL`` and values
  of secret-looking settings out of the log.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
from collections.abc import Callable, Iterable
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.resolver import CachingThreadedResolver, dnscache
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import load_object
from twisted.internet.error import DNSLookupError
from twisted.internet.threads import deferToThread

from newscrawler.urls import host_of, redact_userinfo

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

#: Networks a crawl never reaches by following links or redirects (besides anything not globally routable).
PRIVATE_NETWORKS: tuple[Network, ...] = tuple(ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.168.0.0/16", "::1/128", "::/128", "fc00::/7", "fe80::/10",
))


class RefusedRequest(IgnoreRequest):
    """A request the crawl will not send; ``reason`` is a short stats key (``private_address``, ``offsite``)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def parse_networks(values: Iterable[str]) -> list[Network]:
    """CIDR networks (``10.1.0.0/16``, ``fd00::/8``, or one address); ValueError names a bad one."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(str(value).strip(), strict=False))
        except ValueError:
            raise ValueError(f"not an IP network: {value!r} (example: 10.0.0.0/8)") from None
    return networks


def ip_of(host: str) -> IPAddress | None:
    """``host`` as an IP address if it is a literal one (``[::1]`` brackets allowed), else None."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def is_private_address(address: IPAddress | str) -> bool:
    """True for an address a public crawl must not reach: private, loopback, link-local, reserved."""
    ip = ip_of(address) if isinstance(address, str) else address
    if ip is None:
        raise ValueError(f"not an IP address: {address!r}")
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip in net for net in PRIVATE_NETWORKS if net.version == ip.version) or not ip.is_global \
        or ip.is_multicast


def resolve(host: str) -> list[IPAddress]:
    """Every address ``host`` resolves to (blocking; [] when it does not resolve)."""
    literal = ip_of(host)
    if literal is not None:
        return [literal]
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError, ValueError):
        return []
    found = (ip_of(str(info[4][0]).split("%")[0]) for info in infos)
    return list(dict.fromkeys(ip for ip in found if ip is not None))


def refused_address(addresses: Iterable[IPAddress], allowed: Iterable[Network]) -> IPAddress | None:
    """The first private address not in an allowed network, or None if every address may be reached."""
    allowed = list(allowed)
    for ip in addresses:
        if is_private_address(ip) and not any(ip.version == net.version and ip in net for net in allowed):
            return ip
    return None


def on_site(host: str, domains: set[str] | frozenset[str]) -> bool:
    """True if ``host`` is one of ``domains`` or a subdomain of one (Scrapy's offsite rule);
    one set lookup per label of ``host``, however many sites the crawl has."""
    labels = host.lower().rstrip(".").split(".")
    return any(".".join(labels[i:]) in domains for i in range(len(labels)))


def pins_addresses(settings: BaseSettings) -> bool:
    """True when connections are resolved by Scrapy's caching resolver (the default ``TWISTED_DNS_RESOLVER``)
    with its cache on (``DNSCACHE_ENABLED``): an address put into :data:`scrapy.resolver.dnscache` is then
    the address connected to."""
    resolver = settings.get("TWISTED_DNS_RESOLVER")
    if (settings.getpriority("DNS_RESOLVER") or 0) > (settings.getpriority("TWISTED_DNS_RESOLVER") or 0):
        resolver = settings.get("DNS_RESOLVER")  # Scrapy's deprecated name, honoured as Scrapy does
    resolver_class = load_object(resolver) if isinstance(resolver, str) else resolver
    return settings.getbool("DNSCACHE_ENABLED") and isinstance(resolver_class, type) \
        and issubclass(resolver_class, CachingThreadedResolver)


def pin_address(names: Iterable[str], addresses: Iterable[IPAddress]) -> str | None:
    """Put the first IPv4 address of ``addresses`` (all checked) into Scrapy's DNS cache for each of
    ``names``, so that the connection uses it instead of resolving the name again; return it (None when
    there is no IPv4 address: Scrapy's default resolver connects over IPv4 only)."""
    address = next((str(ip) for ip in addresses if ip.version == 4), None)
    if address is not None:
        for name in names:
            dnscache[name] = address
    return address


class AddressGuardMiddleware:
    """Refuse requests off the crawl's sites or to private addresses (see the module docstring).

    Settings: NEWSCRAWLER_ALLOWED_NETWORKS (CIDR list). Refusals are counted under
    ``newscrawler/skipped/<reason>`` by the spider's errback and logged once per host. With ``pin``
    (see :func:`pins_addresses`), a request that passes goes out with its host's checked address
    pinned (:func:`pin_address`).
    """

    def __init__(self, crawler: Crawler, allowed: list[Network],
                 resolver: Callable[[str], list[IPAddress]] = resolve, pin: bool = False) -> None:
        self.crawler = crawler
        self.allowed = allowed
        self.resolver = resolver
        self.pin = pin
        self.addresses: dict[str, list[IPAddress]] = {}
        self.logged: set[str] = set()
        self._start_hosts: tuple[tuple[str, ...], set[str]] = ((), set())
        self._domains: tuple[tuple[str, ...], frozenset[str]] = ((), frozenset())

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressGuardMiddleware:
        guard = cls(crawler, parse_networks(crawler.settings.getlist("NEWSCRAWLER_ALLOWED_NETWORKS")),
                    pin=pins_addresses(crawler.settings))
        crawler.signals.connect(guard.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(guard.request_dropped, signal=signals.request_dropped)
        return guard

    def start_hosts(self) -> set[str]:
        """Hosts of the spider's start URLs (always allowed, whatever their address)."""
        urls = tuple(getattr(self.crawler.spider, "start_urls", []))
        if self._start_hosts[0] != urls:
            self._start_hosts = (urls, {host_of(u) for u in urls})
        return self._start_hosts[1]

    def domains(self) -> frozenset[str]:
        """The spider's ``allowed_domains``, as a set (empty: no off-site rule)."""
        domains = tuple(getattr(self.crawler.spider, "allowed_domains", None) or ())
        if self._domains[0] != domains:
            self._domains = (domains, frozenset(d.lower() for d in domains))
        return self._domains[1]

    async def process_request(self, request: Request, spider: Any = None) -> None:
        """Raise :class:`RefusedRequest` for a request the crawl must not send."""
        parts = urlparse_cached(request)
        if parts.scheme not in ("http", "https"):
            self._refuse(request, "scheme", f"only http and https are crawled, not {parts.scheme or 'no scheme'}:")
        host = (parts.hostname or "").lower()
        if not host or host in self.start_hosts():
            return
        addresses = self.addresses.get(host)
        if addresses is None:
            addresses = await maybe_deferred_to_future(deferToThread(self.resolver, host))
            if addresses:  # a failed lookup is asked again by the next request
                self.addresses[host] = addresses
            elif self.pin:  # else Scrapy would resolve it again to connect, and use that unchecked answer
                raise DNSLookupError(f"{host} does not resolve")
        address = refused_address(addresses, self.allowed)
        if address is not None:
            self._refuse(request, "private_address",
                         f"{host} is a private address ({address}); allow it with NEWSCRAWLER_ALLOWED_NETWORKS")
        domains = self.domains()
        if domains and not on_site(host, domains):
            self._refuse(request, "offsite", f"{host} is not one of the crawl's sites")
        # pinned on every request (a dict write): the cache drops its oldest names when full. Request URLs
        # have lower-case hosts (Scrapy normalises them), so the connection asks for ``host`` itself.
        if self.pin and ip_of(host) is None and pin_address([host], addresses) is None:
            raise DNSLookupError(f"{host} has no IPv4 address (Scrapy's default resolver connects over IPv4 only)")

    def _refuse(self, request: Request, reason: str, message: str) -> None:
        host = urlparse_cached(request).hostname or ""
        if host not in self.logged:
            self.logged.add(host)
            logger.warning("Refused %s: %s", request.url, message)
        raise RefusedRequest(reason, message)

    def request_scheduled(self, request: Request, spider: Any = None) -> None:
        """Count (and log once per host) a redirect off the crawl's sites; Scrapy's OffsiteMiddleware
        drops it right after this, without a trace in our stats."""
        host = (urlparse_cached(request).hostname or "").lower()
        domains = self.domains()
        if not request.meta.get("redirect_urls") or request.dont_filter or not domains or not host:
            return
        if not on_site(host, domains) and host not in self.start_hosts():
            self.crawler.stats.inc_value("newscrawler/skipped/offsite_redirect")
            if host not in self.logged:
                self.logged.add(host)
                logger.warning("Refused redirect of %s to %s: not one of the crawl's sites",
                               request.meta["redirect_urls"][0], request.url)

    def request_dropped(self, request: Request, spider: Any = None) -> None:
        """Count redirects to a page already fetched or queued (a redirect loop, or an alias of a known page)."""
        if request.meta.get("redirect_urls"):
            self.crawler.stats.inc_value("newscrawler/skipped/redirect_to_seen_page")


# --- Secrets in logs -------------------------------------------------------------------------------

_URL_CREDENTIALS = re.compile(r"\b([a-z][a-z0-9+.-]*://)([^/\s@'\"]+)@", re.IGNORECASE)
_SECRET_SETTING = re.compile(
    r"""(['"]?\b[A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|AUTH|CREDENTIALS?)(?:_[A-Z0-9_]*)?['"]?\s*[:=]\s*)"""
    r"""('[^']*'|"[^"]*"|[^\s,}]+)""")


def _hide_value(match: re.Match[str]) -> str:
    quote = match.group(2)[0] if match.group(2)[0] in "'\"" else "'"
    return f"{match.group(1)}{quote}***{quote}"


def redact_text(text: str) -> str:
    """``text`` with URL passwords (``redis://:pw@host``) and secret-looking setting values
    (``SCRAPYD_PASSWORD``, ``*_TOKEN``, ...) replaced by ``***``; quoting is kept, so JSON stays JSON."""
    text = _URL_CREDENTIALS.sub(lambda m: m.group(1) + redact_userinfo(m.group(2)) + "@", text)
    return _SECRET_SETTING.sub(_hide_value, text)


class _RedactFilter(logging.Filter):
    """Rewrite a log record's message with :func:`redact_text` when it holds a secret."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record is logging's business, not ours
            return True
        redacted = redact_text(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


class RedactCredentials:
    """Keep credentials (URL passwords such as ``REDIS_URL``'s, ``*_PASSWORD``/``*_TOKEN`` settings) out of the log.

    Installed as an extension, so before Scrapy logs the overridden settings. It redacts every
    log record when it is made (a record factory), since Scrapy replaces its log handlers later on.
    """

    def __init__(self) -> None:
        install_redaction()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedactCredentials:
        return cls()


_REDACT = _RedactFilter()


def lowest_handler_level(name: str) -> int:
    """The lowest level any handler would write a record of logger ``name`` at (the handlers of the
    logger and of its ancestors it propagates to; logging's last resort when there are none)."""
    logger: logging.Logger | None = logging.getLogger(name) if name != "root" else logging.root
    levels: list[int] = []
    while logger is not None:
        levels.extend(handler.level for handler in logger.handlers)
        logger = logger.parent if logger.propagate else None
    if not levels:
        return logging.lastResort.level if logging.lastResort else logging.WARNING
    return min(levels)


def install_redaction() -> None:
    """Redact every log record of this process that a handler may write, from now on (idempotent).

    Records below every handler's level (Scrapy's DEBUG "Crawled" and "Scraped from <item>" lines
    at LOG_LEVEL=INFO) are never written, so they are not formatted: a record's message holds a
    whole article."""
    factory = logging.getLogRecordFactory()
    if getattr(factory, "redacts", False):
        return

    def redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        if record.levelno >= lowest_handler_level(record.name):
            _REDACT.filter(record)
        return record

    redacting_factory.redacts = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(redacting_factory)
