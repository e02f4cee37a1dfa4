// Test helper: the smallest cookie jar that drives a browser-like redirect flow over fetch: one
// value per name (paths and domains ignored: each jar talks to one site), deletions honoured.
export class CookieJar {
  private readonly values = new Map<string, string>();

  /** Takes the Set-Cookie headers of a response. */
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";").map((s) => s.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const expired = attrs.some((a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now()));
      if (expired || value === "") this.values.delete(name);
      else this.values.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  header(): string {
    return [...this.values].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}
