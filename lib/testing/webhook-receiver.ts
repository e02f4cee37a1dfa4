// Test helper: an HTTP server on 127.0.0.1 that records the JSON bodies POSTed to it, optionally
// failing the first requests, to test alert webhooks end to end.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface WebhookReceiver {
  url: string;
  bodies: unknown[];
  /** Requests seen, including the failed ones. */
  hits: number;
  close(): Promise<void>;
}

export async function startWebhookReceiver(opts: { failFirst?: number } = {}): Promise<WebhookReceiver> {
  const receiver = { bodies: [] as unknown[], hits: 0 };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      receiver.hits++;
      if (receiver.hits <= (opts.failFirst ?? 0)) {
        res.writeHead(503).end();
        return;
      }
      receiver.bodies.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hook`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
