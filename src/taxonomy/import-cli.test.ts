import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeEscoFixture } from './esco/fixture.js';

describe('corridor taxonomy import (process)', () => {
  it('prints one `file:line: reason` line on bad input and exits non-zero, without a stack trace', () => {
    const bad = writeEscoFixture({
      'occupations_en.csv':
        'conceptType,conceptUri,iscoGroup,preferredLabel,altLabels\nOccupation,http://x/y,7212,welder,\n',
    });
    const r = spawnSync(process.execPath, ['bin/corridor.mjs', 'taxonomy', 'import', bad], {
      encoding: 'utf8',
      env: { ...process.env, CORRIDOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'corridor-data-')), DATABASE_URL: '' },
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    // Progress lines (stderr is not a terminal here) come first; the failure is one line.
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('corridor:')),
    ).toEqual([`corridor: ${join(bad, 'occupations_en.csv')}:2: bad URI in conceptUri: "http://x/y"`]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
