// Lenient read of one OSV record (pypa/advisory-database YAML or OSV JSON) into a typed OsvRecord.
// Third-party data is read leniently (STYLE.md §6): entries of other ecosystems, GIT ranges and malformed
// events are dropped and counted; only a record without an id or a usable `modified` is skipped.
import { parse as parseYaml } from 'yaml';
import { canonicalizeName } from '../../python/index.js';
import type {
  OsvAffected,
  OsvEvent,
  OsvRange,
  OsvReadNotes,
  OsvReadResult,
  OsvReference,
  OsvSeverity,
} from './types.js';

const EVENT_KEYS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scalar as a string; YAML timestamps that became Date objects are written back in RFC 3339. */
function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    // The failsafe YAML schema keeps `null` and `~` as text; they mean "absent" in OSV YAML.
    return trimmed === '' || trimmed === 'null' || trimmed === '~' ? undefined : trimmed;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return undefined;
}

function strings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const item of value) {
    const s = scalar(item);
    if (s !== undefined && !out.includes(s)) out.push(s);
  }
  return out;
}

function timestamp(value: unknown): string | undefined {
  const s = scalar(value);
  return s !== undefined && !Number.isNaN(Date.parse(s)) ? s : undefined;
}

function readEvent(value: unknown, notes: OsvReadNotes): OsvEvent | undefined {
  if (!isObject(value)) {
    notes.droppedEvents++;
    return undefined;
  }
  const keys = EVENT_KEYS.filter((k) => value[k] !== undefined);
  const key = keys[0];
  const version = key === undefined ? undefined : scalar(value[key]);
  if (keys.length !== 1 || key === undefined || version === undefined) {
    // The schema says each event has exactly one of the four keys.
    notes.droppedEvents++;
    return undefined;
  }
  return { [key]: version } as OsvEvent;
}

function readRanges(value: unknown, notes: OsvReadNotes): OsvRange[] {
  if (!Array.isArray(value)) return [];
  const ranges: OsvRange[] = [];
  for (const range of value) {
    if (!isObject(range) || scalar(range['type'])?.toUpperCase() !== 'ECOSYSTEM') {
      // GIT ranges name commits, SEMVER ranges do not apply to PyPI; neither maps to PEP 440 versions.
      notes.ignoredRanges++;
      continue;
    }
    const events: OsvEvent[] = [];
    for (const event of Array.isArray(range['events']) ? range['events'] : []) {
      const read = readEvent(event, notes);
      if (read !== undefined) events.push(read);
    }
    if (events.length > 0) ranges.push({ type: 'ECOSYSTEM', events });
  }
  return ranges;
}

function readAffected(value: unknown, notes: OsvReadNotes): OsvAffected[] {
  if (!Array.isArray(value)) return [];
  const affected: OsvAffected[] = [];
  for (const entry of value) {
    const pkg = isObject(entry) && isObject(entry['package']) ? entry['package'] : undefined;
    const ecosystem = scalar(pkg?.['ecosystem']);
    const name = scalar(pkg?.['name']);
    // OSV ecosystems may carry a suffix (`Debian:11`); PyPI has none, compare case-insensitively anyway.
    if (pkg === undefined || name === undefined || ecosystem?.split(':')[0]?.toLowerCase() !== 'pypi') {
      notes.ignoredAffected++;
      continue;
    }
    affected.push({
      name: canonicalizeName(name),
      ranges: readRanges((entry as Json)['ranges'], notes),
      versions: strings((entry as Json)['versions']),
    });
  }
  return affected;
}

function readReferences(value: unknown): OsvReference[] {
  if (!Array.isArray(value)) return [];
  const out: OsvReference[] = [];
  for (const item of value) {
    const url = isObject(item) ? scalar(item['url']) : undefined;
    if (url === undefined || !/^https?:\/\//i.test(url)) continue;
    out.push({ type: scalar((item as Json)['type'])?.toUpperCase() ?? 'WEB', url });
  }
  return out;
}

function readSeverity(value: unknown): OsvSeverity[] {
  if (!Array.isArray(value)) return [];
  const out: OsvSeverity[] = [];
  for (const item of value) {
    const type = isObject(item) ? scalar(item['type']) : undefined;
    const score = isObject(item) ? scalar(item['score']) : undefined;
    if (type !== undefined && score !== undefined) out.push({ type, score });
  }
  return out;
}

/** Read one decoded OSV object; `source` (file or archive entry) names it in skip reasons. */
export function readOsvRecord(data: unknown, source: string): OsvReadResult {
  if (!isObject(data)) return { kind: 'skipped', source, reason: 'not an object' };
  const id = scalar(data['id']);
  if (id === undefined) return { kind: 'skipped', source, reason: 'no id' };
  const modified = timestamp(data['modified']);
  if (modified === undefined) {
    // `modified` is required by the schema and drives incremental import; without it the record
    // could never be ordered against the stored position.
    return { kind: 'skipped', source, reason: `${id}: no valid modified timestamp` };
  }
  const notes: OsvReadNotes = { ignoredRanges: 0, ignoredAffected: 0, droppedEvents: 0 };
  return {
    kind: 'record',
    notes,
    record: {
      id,
      aliases: strings(data['aliases']).filter((a) => a !== id),
      summary: scalar(data['summary']),
      details: scalar(data['details']),
      severity: readSeverity(data['severity']),
      published: timestamp(data['published']),
      modified,
      withdrawn: timestamp(data['withdrawn']),
      affected: readAffected(data['affected'], notes),
      references: readReferences(data['references']),
    },
  };
}

/**
 * Decode and read one file's text. YAML is parsed with the failsafe schema so every scalar stays a
 * string: an unquoted `1.10` in a versions list would otherwise become the number 1.1.
 */
export function parseOsvText(text: string, source: string): OsvReadResult {
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(source) ? parseYaml(text, { schema: 'failsafe' }) : JSON.parse(text);
  } catch (error) {
    return { kind: 'skipped', source, reason: `cannot parse: ${(error as Error).message.split('\n')[0]}` };
  }
  return readOsvRecord(data, source);
}
