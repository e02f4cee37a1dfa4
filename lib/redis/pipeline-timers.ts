// Sends a pipeline with ONE timer for the whole batch (the runner's withTimeout around it) instead
// of ioredis's one per command: a scan's pipeline holds a thousand commands, and a timer each is
// client CPU spent on nothing. ioredis reads `commandTimeout` while exec() writes the commands,
// synchronously, so it is off exactly for this pipeline's commands and back before anything else
// is sent. A stuck batch still fails within the command timeout, through withTimeout.

export interface TimedClient {
  options: { commandTimeout?: number };
}

export function execWithoutCommandTimers<T>(client: TimedClient, pipe: { exec(): T }): T {
  const saved = client.options.commandTimeout;
  client.options.commandTimeout = undefined;
  try {
    return pipe.exec();
  } finally {
    client.options.commandTimeout = saved;
  }
}
