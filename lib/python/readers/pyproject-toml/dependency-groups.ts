// PEP 735 dependency groups: `[dependency-groups]` maps a group name to a list of PEP 508 strings and
// `{include-group = "other"}` tables. Names compare in PEP 503 normalized form; an include of an unknown
// group, two names normalizing alike, and an include cycle are errors (PEP 735 "Dependency Group Include").
import { canonicalizeName } from '../../name/index.js';
import { failAt, isTable, typeName, type Document } from '../documents.js';
import { ProjectFileError } from '../errors.js';
import type { ValuePath } from '../locate.js';

/** One string entry of a group, after includes are expanded: its text and where it is written. */
export interface GroupEntry {
  /** The PEP 508 requirement text. */
  text: string;
  /** Path of the string in the document (`["dependency-groups", group, index]`). */
  path: ValuePath;
}

/** Expands every group of `[dependency-groups]`; the result maps each group name as written to its entries. */
export function expandDependencyGroups(doc: Document, table: unknown): Map<string, GroupEntry[]> {
  const result = new Map<string, GroupEntry[]>();
  if (table === undefined) return result;
  if (!isTable(table))
    failAt(doc, ['dependency-groups'], `[dependency-groups] must be a table, not ${typeName(table)}`);
  const byNormalized = new Map<string, string>();
  for (const name of Object.keys(table)) {
    const normalized = canonicalizeName(name);
    const previous = byNormalized.get(normalized);
    if (previous !== undefined)
      failAt(
        doc,
        ['dependency-groups', name],
        `dependency groups ${JSON.stringify(previous)} and ${JSON.stringify(name)} have the same normalized name`,
      );
    byNormalized.set(normalized, name);
  }
  const expand = (name: string, stack: string[]): GroupEntry[] => {
    const done = result.get(name);
    if (done !== undefined) return done;
    const list = table[name];
    const path = ['dependency-groups', name];
    if (!Array.isArray(list))
      failAt(doc, path, `dependency group ${JSON.stringify(name)} must be an array, not ${typeName(list)}`);
    const entries: GroupEntry[] = [];
    list.forEach((item: unknown, index) => {
      const itemPath = [...path, index];
      if (typeof item === 'string') {
        entries.push({ text: item, path: itemPath });
        return;
      }
      if (!isTable(item))
        failAt(
          doc,
          itemPath,
          `dependency group entries must be strings or {include-group = "…"} tables, not ${typeName(item)}`,
        );
      const keys = Object.keys(item);
      const include = item['include-group'];
      if (keys.length !== 1 || typeof include !== 'string')
        failAt(
          doc,
          itemPath,
          `a dependency group table must hold exactly one key, include-group = "<name>" (found ${keys.join(', ') || 'none'})`,
        );
      const target = byNormalized.get(canonicalizeName(include));
      if (target === undefined)
        failAt(
          doc,
          itemPath,
          `dependency group ${JSON.stringify(name)} includes unknown group ${JSON.stringify(include)}`,
        );
      if (stack.includes(target)) {
        const position = doc.locations.near(itemPath);
        const chain = [...stack.slice(stack.indexOf(target)), target].join(' -> ');
        throw new ProjectFileError('dependency-group-cycle', `dependency group include cycle: ${chain}`, {
          file: doc.file,
          ...position,
          lineText: doc.locations.lineText(position.line),
        });
      }
      entries.push(...expand(target, [...stack, target]));
    });
    result.set(name, entries);
    return entries;
  };
  for (const name of Object.keys(table)) expand(name, [name]);
  // Keep the file's order of groups rather than the order expansion finished them.
  return new Map(Object.keys(table).map((name) => [name, result.get(name) ?? []]));
}
