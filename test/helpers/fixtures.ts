/** Reads recorded outputs from test/fixtures. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function fixture(...parts: string[]): string {
  return readFileSync(join(__dirname, '..', 'fixtures', ...parts), 'utf8');
}
