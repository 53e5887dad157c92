/** Prints numbered progress lines (`[2/5] migrating ... 310 ms`) for steps that take a moment. */
export function createProgress(total: number, write: (line: string) => void) {
  let n = 0;
  return async function step<T>(label: string, run: () => Promise<T>): Promise<T> {
    n += 1;
    const began = performance.now();
    write(`[${n}/${total}] ${label}...`);
    const value = await run();
    write(`[${n}/${total}] ${label}: done in ${Math.round(performance.now() - began)} ms`);
    return value;
  };
}
