import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { InvalidInputError, translateDbError } from '../../db/errors.ts';
import { defineList, defineQuery, inputSchemaOf, rawQueryOf } from '../../db/queries/define.ts';

function spiedQuery() {
  const seen: unknown[] = [];
  const query = defineQuery(
    z.object({ name: z.string().min(1), limit: z.number().default(50) }),
    async (input) => {
      seen.push(input);
      return input.limit;
    },
  );
  const parse = vi.spyOn(query.input, 'safeParse');
  return { parse, seen, query };
}

describe('a raw query is a value: its schema, a run over parsed input, and its kind', () => {
  it('defineQuery and defineList carry the strict schema they validate with, and their kind', () => {
    const schema = z.object({ id: z.guid() });
    const query = defineQuery(schema, async () => 1);
    const list = defineList(schema, async () => []);
    const id = '00000000-0000-4000-8000-000000000001';
    for (const method of [query, list]) {
      // The object schema, made strict: the same fields, and no other.
      expect(inputSchemaOf(method)?.parse({ id })).toEqual({ id });
      expect(inputSchemaOf(method)?.safeParse({ id, extra: 1 }).success).toBe(false);
      expect(rawQueryOf(method)).toBe(method);
    }
    expect([query.kind, list.kind]).toEqual(['query', 'list']);
    const text = z.string();
    expect(inputSchemaOf(defineQuery(text, async () => 1))).toBe(text);
    expect(rawQueryOf(async () => 1)).toBeUndefined();
    expect(inputSchemaOf(undefined)).toBeUndefined();
  });

  it('the call parses and raises InvalidInputError naming the field', async () => {
    const { query, seen } = spiedQuery();
    expect(await query({ name: 'a' })).toBe(50);
    expect(seen).toEqual([{ name: 'a', limit: 50 }]);
    await expect(query({ name: 42 } as never)).rejects.toThrow(InvalidInputError);
    await expect(query({ name: '' })).rejects.toMatchObject({ field: 'name' });
    await expect(query({ name: 'a', extra: 1 } as never)).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'extra',
    });
  });

  it('run takes a value the schema produced and does not parse it again', async () => {
    const { parse, seen, query } = spiedQuery();
    const parsed = query.input.parse({ name: 'a' });
    parse.mockClear();
    expect(await query.run(parsed)).toBe(50);
    expect(parse).not.toHaveBeenCalled();
    expect(seen[0]).toBe(parsed);
    await query({ name: 'b' });
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it('run translates driver errors as the call does', async () => {
    const failing = defineQuery(z.object({}), async () => {
      throw Object.assign(new Error('duplicate key'), { code: '23505', constraint_name: 'k' });
    });
    await expect(failing.run({})).rejects.toMatchObject({ code: 'conflict' });
    await expect(failing({})).rejects.toMatchObject({ code: 'conflict' });
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
