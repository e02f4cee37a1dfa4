// Next.js calls register() once when a server instance starts: the sampler starts here, in the
// Node.js runtime only, so every registered instance is watched from boot (and its connections are
// open before an incident can exhaust maxclients). REDLINE_SAMPLER=off disables it.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startSampler } = await import("./lib/metrics/sampler-registry");
    await startSampler();
  }
}
