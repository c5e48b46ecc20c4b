/**
 * Hand-written SQL on PostgreSQL: `?` and `:name` become `$n`, text in quotes and `::` casts stay
 * as they are, and a text translated once gives each later call that call's own values.
 */
import { describe, expect, it } from 'vitest';
import { postgresQuery } from '../src/store/raw-placeholders.ts';

describe('placeholders for PostgreSQL', () => {
  it('numbers `?` in order, a missing value as null', () => {
    expect(postgresQuery('select * from t where a = ? and b = ?', [1, 'x'])).toEqual({
      text: 'select * from t where a = $1 and b = $2',
      values: [1, 'x'],
    });
    expect(postgresQuery('select ? as a, ? as b', [true])).toEqual({
      text: 'select $1 as a, $2 as b',
      values: [true, null],
    });
  });

  it('gives a name used twice one number', () => {
    expect(
      postgresQuery('select * from s where s.id = :id or s.mentor_id = :staff or s.buddy = :id', {
        id: 7,
        staff: 3,
      }),
    ).toEqual({
      text: 'select * from s where s.id = $1 or s.mentor_id = $2 or s.buddy = $1',
      values: [7, 3],
    });
  });

  it('leaves quoted text, quoted names and casts alone', () => {
    const text = `select ':no' as "a?b", 'it''s ?' as c, x::int, :yes::text from "t:x" where y = ?`;
    expect(postgresQuery(text, { yes: 'y' }).text).toBe(
      `select ':no' as "a?b", 'it''s ?' as c, x::int, $1::text from "t:x" where y = ?`,
    );
    expect(postgresQuery(text, [5]).text).toBe(
      `select ':no' as "a?b", 'it''s ?' as c, x::int, :yes::text from "t:x" where y = $1`,
    );
  });

  it('refuses a name it has no value for, also for a text it translated before', () => {
    const text = 'select * from t where a = :a and b = :b';
    expect(postgresQuery(text, { a: 1, b: 2 }).values).toEqual([1, 2]);
    expect(() => postgresQuery(text, { a: 1 })).toThrow('no value for :b');
  });

  it("gives a text translated before each call's own values, in the text's order", () => {
    const named = 'update t set a = :a where id = :id and b = :b';
    const positional = 'update t set a = ? where id = ?';
    for (const [a, id, b] of [
      [1, 10, 'x'],
      [2, 20, 'y'],
      [null, 30, 'z'],
    ] as const) {
      expect(postgresQuery(named, { b, id, a })).toEqual({
        text: 'update t set a = $1 where id = $2 and b = $3',
        values: [a, id, b],
      });
      expect(postgresQuery(positional, [a, id]).values).toEqual([a, id]);
    }
  });
});
