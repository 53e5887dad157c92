/** Sizes and seed of one verification run: the default CI run, or the large one behind an env var. */
export interface VerifyConfig {
  /** The seed every generator derives from (`DBAUTHZ_VERIFY_SEED`, else a fixed default). */
  readonly seed: number;
  /** Whether this is the large run (`DBAUTHZ_VERIFY_LARGE=1`). */
  readonly large: boolean;
  /** Subjects checked against every SQL-filtered table. */
  readonly subjects: number;
  /** Hostile rows inserted per table. */
  readonly rowsPerTable: number;
  /** Random (subject, action, type) policies of the in-memory fail-closed check. */
  readonly policies: number;
  /** Random custom roles proposed by random actors. */
  readonly proposals: number;
  /** Subjects whose point getters are also compared with their list, row by row. */
  readonly getterSubjects: number;
  /** Concurrent store calls while looping subjects. */
  readonly concurrency: number;
}

const DEFAULT_SEED = 20_240_605;

/** The configuration of this run, read once from the environment. */
export function verifyConfig(env: NodeJS.ProcessEnv = process.env): VerifyConfig {
  const large = env.DBAUTHZ_VERIFY_LARGE === '1' || env.DBAUTHZ_VERIFY_LARGE === 'true';
  const seedText = env.DBAUTHZ_VERIFY_SEED;
  const seed = seedText === undefined || seedText === '' ? DEFAULT_SEED : Number(seedText);
  if (!Number.isSafeInteger(seed))
    throw new Error(`DBAUTHZ_VERIFY_SEED is not an integer: ${seedText}`);
  return large
    ? {
        seed,
        large,
        subjects: 3000,
        rowsPerTable: 80,
        policies: 100_000,
        proposals: 20_000,
        getterSubjects: 300,
        concurrency: 4,
      }
    : {
        seed,
        large,
        subjects: 300,
        rowsPerTable: 30,
        policies: 10_000,
        proposals: 3000,
        getterSubjects: 30,
        concurrency: 4,
      };
}
