/** Placeholder until the database harness lands: nothing to start yet. */
export default async function setup(): Promise<void> {}
