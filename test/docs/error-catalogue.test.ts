import * as fs from 'fs';
import { CATALOGUE_FILE, collectErrors, renderCatalogue } from '../../scripts/error-catalogue';

describe('the error catalogue', () => {
  const entries = collectErrors();

  test('lists every error the code can raise (regenerate with npm run docs:errors)', () => {
    expect(fs.readFileSync(CATALOGUE_FILE, 'utf8')).toBe(renderCatalogue(entries));
  });

  test('every error names a field, a problem and a fix', () => {
    expect(entries.length).toBeGreaterThan(100);
    for (const e of entries) {
      expect(`${e.file}:${e.line} ${e.field}`).not.toMatch(/:\d+ $/);
      expect(e.problem.length).toBeGreaterThan(3);
      expect(e.fix.length).toBeGreaterThan(3);
    }
  });
});
