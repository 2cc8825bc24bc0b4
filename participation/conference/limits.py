"""How many live sockets one participant may hold, and how many events they may send.

- Sockets: a participant (a join link) holds at most CONFERENCE_SOCKETS_PER_PARTICIPANT sockets
  (3: a phone, a laptop, and a reload whose old socket has not gone yet). Those who steer
  (moderators, facilitators) may open a projector per table from their link, so they get one more
  per table of the conference. A new connection always gets in; when it is one too many, the
  participant's oldest socket is told why (event "superseded") and disconnected. That serves the
  person who reloads or moves to another device: the page they are looking at works, and the
  stale one says in plain words what happened and does not reconnect by itself.
- Events: one token bucket per participant (per account for staff), shared by all their sockets:
  CONFERENCE_EVENT_BURST at once, refilled with CONFERENCE_EVENTS_PER_SECOND. More sockets do not
  buy more events.
- Where: in this process's memory; when Redis is configured (CONFERENCE_LIMITS_REDIS_URL, by
  default the Socket.IO message queue when that is Redis) both are kept in Redis, so they hold
  across every server process. Should Redis fail, the limits of this process apply (logged once,
  Redis tried again every few seconds), so that an outage neither locks anybody out nor slows
  every event down.

Public API: `limits_for(app)` returns the app's `LocalLimits` or `RedisLimits`; both offer
`add_socket(key, sid, cap) -> [sids to drop]`, `remove_socket(key, sid)` and
`allow(key, now=None) -> (allowed, first_refusal)`.
"""
import logging
import threading
import time

log = logging.getLogger(__name__)

SOCKET_TTL = 12 * 3600  # a socket list nobody touched for this long is forgotten (crashed processes)


def participant_key(participant_id):
    return f"p:{participant_id}"


def user_key(user_id):
    return f"u:{user_id}"


class LocalLimits:
    """The limits of this process alone."""

    def __init__(self, rate, burst):
        self.rate, self.burst = float(rate), float(burst)
        self._lock = threading.Lock()
        self._sockets = {}  # key -> {sid: None}, oldest first (dicts keep their order)
        self._buckets = {}  # key -> [tokens, monotonic stamp]

    def add_socket(self, key, sid, cap):
        with self._lock:
            sockets = self._sockets.setdefault(key, {})
            sockets.pop(sid, None)
            sockets[sid] = None
            excess = len(sockets) - max(1, cap)
            dropped = list(sockets)[:max(0, excess)]
            for old in dropped:
                del sockets[old]
            return dropped

    def remove_socket(self, key, sid):
        with self._lock:
            sockets = self._sockets.get(key)
            if sockets is not None:
                sockets.pop(sid, None)
                if not sockets:
                    del self._sockets[key]

    def sockets(self, key):
        with self._lock:
            return list(self._sockets.get(key, ()))

    def allow(self, key, now=None):
        now = time.monotonic() if now is None else now
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                if len(self._buckets) > 20_000:  # forget those quiet for a minute
                    self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < 60}
                bucket = self._buckets[key] = [self.burst, now]
            bucket[0] = min(self.burst, bucket[0] + max(0.0, now - bucket[1]) * self.rate)
            bucket[1] = now
            if bucket[0] >= 1.0:
                bucket[0] -= 1.0
                return True, False
            if bucket[0] > -1.0:  # the start of a flood: report it once, not for every event of it
                bucket[0] -= 1.0
                return False, True
            return False, False


# The socket list: a sorted set per key, ordered by a per-key sequence (so the new socket is never
# the oldest); everything beyond the cap, oldest first, is removed and returned.
_ADD_SOCKET = """
local seq = redis.call('INCR', KEYS[2])
redis.call('ZADD', KEYS[1], seq, ARGV[1])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[3]))
local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[2])
if excess <= 0 then return {} end
local old = redis.call('ZRANGE', KEYS[1], 0, excess - 1)
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1)
return old
"""

# The token bucket: tokens and the time they were counted; the caller's wall clock (seconds).
_ALLOW = """
local rate, burst, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local v = redis.call('HMGET', KEYS[1], 't', 's')
local tokens, stamp = tonumber(v[1]), tonumber(v[2])
if tokens == nil or stamp == nil then tokens, stamp = burst, now end
if now > stamp then
  tokens = math.min(burst, tokens + (now - stamp) * rate)
  stamp = now
end
local allowed, first = 0, 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
elseif tokens > -1 then
  tokens = tokens - 1
  first = 1
end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 's', tostring(stamp))
redis.call('EXPIRE', KEYS[1], 120)
return {allowed, first}
"""


class RedisLimits:
    """The same limits, kept in Redis for every server process; this process's own as the fallback."""

    def __init__(self, url, rate, burst, prefix):
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)
        self.prefix = prefix
        self.rate, self.burst = float(rate), float(burst)
        self.local = LocalLimits(rate, burst)
        self._add = self.client.register_script(_ADD_SOCKET)
        self._allow = self.client.register_script(_ALLOW)
        self._failing = False
        self._retry_at = 0.0  # after a failure Redis is left alone for RETRY_AFTER seconds

    RETRY_AFTER = 5.0

    def _usable(self):
        return not self._failing or time.monotonic() >= self._retry_at

    def _failed(self, what):
        if not self._failing:
            log.warning("conference: Redis unavailable for the %s limits; this process's own limits apply", what,
                        exc_info=True)
        self._failing = True
        self._retry_at = time.monotonic() + self.RETRY_AFTER

    def _ok(self):
        if self._failing:
            log.info("conference: Redis is back for the live limits")
        self._failing = False

    def add_socket(self, key, sid, cap):
        self.local.add_socket(key, sid, 10**6)  # kept in step, for when Redis fails
        if not self._usable():
            return self.local.add_socket(key, sid, cap)
        try:
            shared = self._add(keys=[f"{self.prefix}:sockets:{key}", f"{self.prefix}:seq:{key}"],
                               args=[sid, max(1, cap), SOCKET_TTL])
        except Exception:
            self._failed("socket")
            return self.local.add_socket(key, sid, cap)
        self._ok()
        shared = [s.decode() if isinstance(s, bytes) else str(s) for s in shared]
        for old in shared:
            self.local.remove_socket(key, old)
        return shared

    def remove_socket(self, key, sid):
        self.local.remove_socket(key, sid)
        if not self._usable():
            return
        try:
            self.client.zrem(f"{self.prefix}:sockets:{key}", sid)
        except Exception:
            self._failed("socket")

    def sockets(self, key):
        raw = self.client.zrange(f"{self.prefix}:sockets:{key}", 0, -1)
        return [s.decode() if isinstance(s, bytes) else str(s) for s in raw]

    def allow(self, key, now=None):
        if not self._usable():
            return self.local.allow(key)
        try:
            allowed, first = self._allow(keys=[f"{self.prefix}:events:{key}"],
                                         args=[self.rate, self.burst, repr(time.time() if now is None else now)])
        except Exception:
            self._failed("event")
            return self.local.allow(key)
        self._ok()
        return bool(int(allowed)), bool(int(first))


def _redis_url(config):
    url = config.get("CONFERENCE_LIMITS_REDIS_URL")
    if url is None:
        queue = config.get("SOCKETIO_MESSAGE_QUEUE")
        url = queue if isinstance(queue, str) and queue.startswith(("redis://", "rediss://", "unix://")) else None
    return url or None


_lock = threading.Lock()


def limits_for(app):
    """The app's limits, made on first use."""
    limits = app.extensions.get("conference_limits")
    if limits is not None:
        return limits
    with _lock:
        limits = app.extensions.get("conference_limits")
        if limits is None:
            rate = app.config.get("CONFERENCE_EVENTS_PER_SECOND", 10)
            burst = app.config.get("CONFERENCE_EVENT_BURST", 30)
            url = _redis_url(app.config)
            if url:
                prefix = f"{app.config.get('SOCKETIO_CHANNEL', 'participation-socketio')}:limits"
                limits = RedisLimits(url, rate, burst, prefix)
            else:
                limits = LocalLimits(rate, burst)
            app.extensions["conference_limits"] = limits
    return limits
