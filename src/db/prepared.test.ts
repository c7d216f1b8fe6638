import { describe, expect, it } from 'vitest';
import { MAX_PREPARED, StatementNames } from './prepared.js';

describe('named prepared statements', () => {
  it('names a statement text once it is sent again and again, the same name every time', () => {
    const names = new StatementNames();
    const text = 'select * from profile where id = $1';
    expect(names.nameOf(text, 1)).toBeUndefined();
    expect(names.nameOf(text, 1)).toBeUndefined();
    const name = names.nameOf(text, 1);
    expect(name).toMatch(/^c_[\w-]{24}$/);
    expect(names.nameOf(text, 1)).toBe(name);
    expect(names.nameOf('select * from profile where id = $2', 1)).toBeUndefined();
  });

  it('leaves transaction control, DDL and statements without parameters unnamed', () => {
    const names = new StatementNames();
    for (let i = 0; i < 5; i++) {
      expect(names.nameOf('begin', 0)).toBeUndefined();
      expect(names.nameOf('select 1', 0)).toBeUndefined();
      expect(names.nameOf('alter table audit_log disable trigger all', 1)).toBeUndefined();
      expect(names.nameOf('set local statement_timeout = $1', 1)).toBeUndefined();
    }
    expect(names.size).toBe(0);
  });

  it('names at most MAX_PREPARED texts (what each connection keeps prepared stays bounded)', () => {
    const names = new StatementNames();
    for (let i = 0; i < MAX_PREPARED + 50; i++)
      for (let n = 0; n < 3; n++) names.nameOf(`select * from t where id = $1 and n = ${i}`, 1);
    expect(names.size).toBe(MAX_PREPARED);
    const late = `select * from t where id = $1 and n = ${MAX_PREPARED + 10}`;
    expect(names.nameOf(late, 1)).toBeUndefined();
    expect(names.nameOf('select * from t where id = $1 and n = 0', 1)).toMatch(/^c_/);
  });
});
