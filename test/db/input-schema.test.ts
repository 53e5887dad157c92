import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { InvalidInputError, translateDbError } from '../../db/errors.ts';
import { defineList, defineQuery, inputSchemaOf, validateInput } from '../../db/queries/define.ts';

function spiedQuery() {
  const seen: unknown[] = [];
  const query = defineQuery(
    z.object({ name: z.string().min(1), limit: z.number().default(50) }),
    async (input) => {
      seen.push(input);
      return input.limit;
    },
  );
  const schema = inputSchemaOf(query)!;
  const parse = vi.spyOn(schema, 'safeParse');
  return { schema, parse, seen, query };
}

describe('store methods carry their input schema', () => {
  it('defineQuery and defineList attach the schema they validate with (not enumerable)', () => {
    const schema = z.object({ id: z.guid() });
    const query = defineQuery(schema, async () => 1);
    const list = defineList(schema, async () => []);
    const id = '00000000-0000-4000-8000-000000000001';
    for (const method of [query, list]) {
      // The object schema, made strict: the same fields, and no other.
      expect(inputSchemaOf(method)?.parse({ id })).toEqual({ id });
      expect(inputSchemaOf(method)?.safeParse({ id, extra: 1 }).success).toBe(false);
    }
    const text = z.string();
    expect(inputSchemaOf(defineQuery(text, async () => 1))).toBe(text);
    expect(Object.keys(query)).toEqual([]);
    expect(inputSchemaOf(async () => 1)).toBeUndefined();
    expect(inputSchemaOf(undefined)).toBeUndefined();
  });

  it('validateInput parses as the method would and raises InvalidInputError naming the field', () => {
    const { query } = spiedQuery();
    expect(validateInput(query, { name: 'a' })).toEqual({ name: 'a', limit: 50 });
    expect(() => validateInput(query, { name: 42 })).toThrow(InvalidInputError);
    expect(() => validateInput(query, { name: 'a', extra: 1 })).toThrow(
      expect.objectContaining({ code: 'invalid_input', field: 'extra' }),
    );
    const error = (() => {
      try {
        validateInput(query, { name: '' });
      } catch (e) {
        return e as InvalidInputError;
      }
    })();
    expect(error?.field).toBe('name');
  });

  it('a value validateInput returned is not parsed again by the method; any other value is', async () => {
    const { parse, seen, query } = spiedQuery();
    const parsed = validateInput(query, { name: 'a' });
    expect(await query(parsed as { name: string })).toBe(50);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(seen[0]).toBe(parsed);
    // A copy (e.g. a declaration adding fields) is a new object: validated again.
    await query({ ...(parsed as { name: string }), limit: 7 });
    expect(parse).toHaveBeenCalledTimes(2);
    await expect(query({ ...(parsed as object), name: 3 } as never)).rejects.toThrow(
      InvalidInputError,
    );
  });

  it('a method without a schema gets its input back unchanged', () => {
    const input = { anything: true };
    expect(validateInput(async () => 1, input)).toBe(input);
  });
});

describe('translateDbError', () => {
  it('maps a bad byte sequence (SQLSTATE 22021, e.g. a NUL in text) to InvalidInputError', () => {
    const driver = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: '22021',
    });
    const translated = translateDbError(new Error('Failed query', { cause: driver }));
    expect(translated).toBeInstanceOf(InvalidInputError);
    expect((translated as InvalidInputError).cause).toBeDefined();
  });
});
