// Runs the example service: DATABASE_URL=postgres://... PORT=8080 npx tsx examples/http-app/main.ts

import { createAuthorizedStore, createDatabase, createRawStore } from 'dbauthz';
import postgres from 'postgres';
import { createAppServer } from './create-server.ts';

const url = process.env.DATABASE_URL;
if (url === undefined || url === '') {
  console.error('set DATABASE_URL (e.g. from `npm start -- --keep`)');
  process.exit(1);
}
// A statement that runs longer than a request may take is cancelled by the server.
const client = postgres(url, {
  max: 10,
  onnotice: () => {},
  connection: { statement_timeout: 10_000 },
});
const raw = createRawStore(createDatabase(client));
const store = createAuthorizedStore(raw);
const server = createAppServer({ store });
server.listen(Number(process.env.PORT ?? 8080), () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as { port: number }).port}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => void client.end()));
}
