// Send-rate limits. Feishu allows 5 messages/s per chat (shared by all bots in the group) and
// 50/s per app; a burst beyond them costs a 230020 or an HTTP 429 and a retry. A sliding window
// (at most `limit` starts in any `windowMs`) keeps us under both without guessing refill rates.
export class RateLimiter {
  private starts: number[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when one more call may start; callers are served in arrival order. */
  take(): Promise<void> {
    const turn = this.chain.then(() => this.wait());
    this.chain = turn.catch(() => undefined);
    return turn;
  }

  /** True when nothing happened within the window (the limiter can be dropped). */
  idle(): boolean {
    const last = this.starts[this.starts.length - 1];
    return last === undefined || this.now() - last > this.windowMs;
  }

  private async wait(): Promise<void> {
    for (;;) {
      const t = this.now();
      while (this.starts.length && t - this.starts[0]! >= this.windowMs) this.starts.shift();
      if (this.starts.length < this.limit) {
        this.starts.push(t);
        return;
      }
      await new Promise((r) => setTimeout(r, this.windowMs - (t - this.starts[0]!) + 1));
    }
  }
}

/** One limiter per key (chat id), created on demand and dropped when idle. */
export class KeyedLimiter {
  private readonly map = new Map<string, RateLimiter>();
  constructor(
    private readonly limit: number,
    private readonly windowMs = 1000,
  ) {}

  take(key: string): Promise<void> {
    if (this.map.size > 1000) for (const [k, l] of this.map) if (l.idle()) this.map.delete(k);
    let l = this.map.get(key);
    if (!l) this.map.set(key, (l = new RateLimiter(this.limit, this.windowMs)));
    return l.take();
  }
}
