import { createServer } from 'node:net';

/** Asks the OS for a TCP port on 127.0.0.1 that is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === 'string') {
          reject(new Error('could not read the port the OS assigned'));
        } else {
          resolve(address.port);
        }
      });
    });
  });
}
