/** Canned rows the mocked raw store answers with (only the fields the mappers read matter). */
export const fixtures = {
  user: { id: 'a0d17000-0000-4000-8000-0000000000e1', username: 'eve' },
  org: { id: 'a0d17000-0000-4000-8000-0000000000f1', name: 'acme' },
} as const;
