// A probe run as Server-Sent Events: `progress` events while it runs (a scan's per-node progress),
// then one `result` event with the ProbeResult. Cancelling is closing the request: the probe's
// signal aborts, it stops where it is and, if the client still listens, the last event is the
// partial result with its resume cursors.
import "server-only";
import type { ProbeRun } from "./probe-request";
import { runProbe } from "./run-probe";

const encoder = new TextEncoder();

function frame(event: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

export function probeEventStream(run: ProbeRun, requestSignal: AbortSignal): Response {
  const cancel = new AbortController();
  const onAbort = () => cancel.abort();
  if (requestSignal.aborted) cancel.abort();
  else requestSignal.addEventListener("abort", onAbort, { once: true });
  let open = true;

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) => {
        if (!open) return;
        try {
          controller.enqueue(frame(event, data));
        } catch {
          open = false; // the client went away between two events
        }
      };
      try {
        const result = await runProbe(run.probe, run.config, run.params, { signal: cancel.signal, onProgress: (p) => send("progress", p) });
        send("result", { result });
      } finally {
        requestSignal.removeEventListener("abort", onAbort);
        if (open) {
          open = false;
          controller.close();
        }
      }
    },
    cancel() {
      open = false;
      cancel.abort();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      // Proxies such as nginx would otherwise hold the events back until the run ends.
      "x-accel-buffering": "no",
    },
  });
}
