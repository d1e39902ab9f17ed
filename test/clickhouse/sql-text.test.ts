/**
 * What reaches the SQL text: identifiers only through the allow-list, values only through
 * sqlLiteral (or bound parameters). No server needed.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { QueryError } from '../../src/errors.ts';
import { quoteIdentifier, quoteTable } from '../../src/clickhouse/identifiers.ts';
import { fitsKind, literalBinder, parameterBinder, sqlInteger, sqlLiteral } from '../../src/clickhouse/literals.ts';
import { unescapeField } from '../../src/clickhouse/decode.ts';

describe('quoteIdentifier', () => {
  it('backquotes plain identifiers', () => {
    expect(quoteIdentifier('workspace_id')).toBe('`workspace_id`');
    expect(quoteIdentifier('_x9')).toBe('`_x9`');
  });

  it.each(['a`b', 'a b', "a'", 'a"', 'a\\b', 'a\u0000', 'a--', 'a/*', '1a', '', 'a;b', 'a.b', 'é', '__ua_w'])(
    'rejects %j',
    (name) => {
      expect(() => quoteIdentifier(name, ['groupBy', 0])).toThrow(QueryError);
      try {
        quoteIdentifier(name, ['groupBy', 0]);
      } catch (e) {
        expect((e as QueryError).message).toBe(
          `groupBy.0: ${JSON.stringify(name)} is not a plain identifier (letters, digits, _; not starting with a digit or __ua_)`,
        );
      }
    },
  );

  it('table names: table or database.table', () => {
    expect(quoteTable('events')).toBe('`events`');
    expect(quoteTable('usage.events')).toBe('`usage`.`events`');
    for (const bad of ['a.b.c', 'a.', '.a', 'a`', 'events; DROP TABLE x']) {
      expect(() => quoteTable(bad)).toThrow(
        `table: ${JSON.stringify(bad)} is not a table name (table or database.table, each a plain identifier)`,
      );
    }
  });
});

describe('sqlLiteral', () => {
  it('escapes quotes, backslashes and control characters inside single quotes', () => {
    expect(sqlLiteral("it's")).toBe("'it\\'s'");
    expect(sqlLiteral('a\\b')).toBe("'a\\\\b'");
    expect(sqlLiteral('nul\u0000x')).toBe("'nul\\x00x'");
    expect(sqlLiteral('line\nbreak\r\t\u007f')).toBe("'line\\x0abreak\\x0d\\x09\\x7f'");
    expect(sqlLiteral("'); DROP TABLE events; --")).toBe("'\\'); DROP TABLE events; --'");
    expect(sqlLiteral('ünï 🙂')).toBe("'ünï 🙂'");
  });

  it('never lets a string end its literal early', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const lit = sqlLiteral(s);
        // Inside the quotes: no bare quote, no control character, every backslash starts an escape.
        const body = lit.slice(1, -1);
        expect(lit.startsWith("'") && lit.endsWith("'")).toBe(true);
        // eslint-disable-next-line no-control-regex
        expect(/[\u0000-\u001f\u007f]/.test(body)).toBe(false);
        expect(body.replace(/\\(x[0-9a-f]{2}|\\|')/g, '')).not.toMatch(/['\\]/);
      }),
    );
  });

  it('writes safe integers as digits and other numbers as their exact bits', () => {
    expect(sqlLiteral(42)).toBe('42');
    expect(sqlLiteral(-7)).toBe('-7');
    expect(sqlLiteral(-0)).toBe('0');
    expect(sqlLiteral(1.5)).toBe("reinterpretAsFloat64(unhex('000000000000f83f'))");
    expect(sqlLiteral(5e-324)).toBe("reinterpretAsFloat64(unhex('0100000000000000'))");
    expect(sqlLiteral(2 ** 60)).toBe("reinterpretAsFloat64(unhex('000000000000b043'))");
    expect(sqlLiteral(true)).toBe('1');
    expect(sqlLiteral(false)).toBe('0');
  });

  it('refuses what it cannot write', () => {
    expect(() => sqlLiteral(NaN)).toThrow('cannot write NaN as a ClickHouse literal');
    expect(() => sqlLiteral(Infinity)).toThrow('cannot write Infinity as a ClickHouse literal');
    expect(() => sqlLiteral({} as never)).toThrow('cannot write [object Object] as a ClickHouse literal');
    expect(() => sqlInteger(1.5)).toThrow('expected a safe integer, got 1.5');
  });
});

describe('binders', () => {
  it('literal: values in the text, no parameters', () => {
    const b = literalBinder();
    expect(b.value("a'b", 'string')).toBe("'a\\'b'");
    expect(b.params).toEqual({});
  });

  it('bound: typed placeholders, values beside the query', () => {
    const b = parameterBinder();
    expect([b.value("a'b", 'string'), b.value(1.5, 'number'), b.value(7, 'time'), b.value(true, 'boolean')]).toEqual([
      '{p0:String}',
      '{p1:Float64}',
      '{p2:Int64}',
      '{p3:UInt8}',
    ]);
    expect(b.params).toEqual({ p0: "a'b", p1: 1.5, p2: 7, p3: 1 });
  });

  it('a value of another type than the column never matches it', () => {
    expect(fitsKind('1', 'number')).toBe(false);
    expect(fitsKind(1, 'string')).toBe(false);
    expect(fitsKind(1, 'boolean')).toBe(false);
    expect(fitsKind(true, 'number')).toBe(false);
    expect(fitsKind(1.5, 'time')).toBe(false);
    expect(fitsKind(1.5, 'number')).toBe(true);
  });
});

describe('unescapeField (TabSeparated)', () => {
  it('undoes ClickHouse escapes and reads \\N as null', () => {
    expect(unescapeField('\\N')).toBeNull();
    expect(unescapeField("a\\tb\\nc\\\\d\\'e\\0f")).toBe("a\tb\nc\\d'e\u0000f");
    expect(unescapeField('plain')).toBe('plain');
  });
});
