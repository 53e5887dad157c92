import { createServer, type Server } from 'node:http';
import { type AppOptions, createApp } from './create-app.ts';

/** How long a client may take: to send its headers, its whole request, and between keep-alive requests. */
export const TIMEOUTS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
} as const;

/** The example app on a node:http server with request timeouts set, so a slow client cannot hold a socket. */
export function createAppServer(options: AppOptions): Server {
  const server = createServer(
    {
      headersTimeout: TIMEOUTS.headersTimeoutMs,
      requestTimeout: TIMEOUTS.requestTimeoutMs,
      keepAliveTimeout: TIMEOUTS.keepAliveTimeoutMs,
    },
    createApp(options),
  );
  return server;
}
