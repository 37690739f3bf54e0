/** Loads knowledge/ms-diagnostics.json (the product's one source for ms-diagnostics codes), cached per path. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadHresults } from '../kb/hresults';
import { tableFromJson, type HresultAdvice, type MsDiagnosticsTable } from './ms-diagnostics';

export const DEFAULT_MS_DIAGNOSTICS_FILE = join(__dirname, '..', '..', 'knowledge', 'ms-diagnostics.json');

const cache = new Map<string, MsDiagnosticsTable>();

/** The HRESULT table's advice (knowledge/hresults.json beside the code table); empty when it cannot be read. */
function hresultAdvice(): ReadonlyMap<string, HresultAdvice> {
  const out = new Map<string, HresultAdvice>();
  for (const [k, e] of loadHresults().entries) out.set(k, { name: e.name, meaning: e.meaning, likelyFix: e.likelyFix, articleId: e.articleId });
  return out;
}

/** Reads and validates the table; a missing or broken file gives an empty table with the problem stated. */
export function loadMsDiagnosticsTable(file = DEFAULT_MS_DIAGNOSTICS_FILE): MsDiagnosticsTable {
  const hit = cache.get(file);
  if (hit) return hit;
  let table: MsDiagnosticsTable;
  try {
    table = { ...tableFromJson(JSON.parse(readFileSync(file, 'utf8')) as unknown), hresults: hresultAdvice() };
  } catch (e) {
    table = { rows: [], problems: [`cannot read ${file}: ${(e as Error).message.split('\n')[0]}`] };
  }
  cache.set(file, table);
  return table;
}
