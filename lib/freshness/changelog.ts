// PyPI's changelog by serial over XML-RPC (https://warehouse.pypa.io/api-reference/xml-rpc.html):
// `changelog_last_serial()` and `changelog_since_serial(serial)`, whose rows are
// [name, version, timestamp, action, serial]. Every change on PyPI bumps one global serial, so a stored
// serial is an exact position: nothing is missed and nothing is read twice.
import { XmlRpcFormatError, xmlRpcCall } from './xmlrpc.js';
import type { XmlRpcClientOptions } from './xmlrpc.js';

export const PYPI_XMLRPC_URL = 'https://pypi.org/pypi';

export interface ChangelogEntry {
  name: string;
  version: string | null;
  /** Seconds since the epoch. */
  timestamp: number;
  /** e.g. "new release", "add py3 file x.whl", "remove release", "remove project", "yank release". */
  action: string;
  serial: number;
}

export async function changelogLastSerial(url: string, options: XmlRpcClientOptions = {}): Promise<number> {
  const value = await xmlRpcCall(url, 'changelog_last_serial', [], options);
  if (typeof value !== 'number') throw new XmlRpcFormatError(url, 'changelog_last_serial is not an integer');
  return value;
}

/** Entries after `serial`, oldest first. PyPI caps one answer, so callers loop on the last serial seen. */
export async function changelogSinceSerial(
  url: string,
  serial: number,
  options: XmlRpcClientOptions = {},
): Promise<ChangelogEntry[]> {
  const value = await xmlRpcCall(url, 'changelog_since_serial', [serial], options);
  if (!Array.isArray(value)) throw new XmlRpcFormatError(url, 'changelog_since_serial is not an array');
  return value.map((row, i) => {
    if (!Array.isArray(row) || row.length < 5) {
      throw new XmlRpcFormatError(
        url,
        `changelog row ${i} is not [name, version, timestamp, action, serial]`,
      );
    }
    const [name, version, timestamp, action, rowSerial] = row;
    if (typeof name !== 'string' || typeof action !== 'string' || typeof rowSerial !== 'number') {
      throw new XmlRpcFormatError(url, `changelog row ${i} has unexpected types`);
    }
    return {
      name,
      version: typeof version === 'string' && version !== '' ? version : null,
      timestamp: typeof timestamp === 'number' ? timestamp : Number(timestamp),
      action,
      serial: rowSerial,
    };
  });
}

/** Read every entry after `serial` (several calls when PyPI caps an answer); at most `maxCalls` calls. */
export async function readChangelog(
  url: string,
  serial: number,
  options: XmlRpcClientOptions & { maxCalls?: number } = {},
): Promise<{ entries: ChangelogEntry[]; lastSerial: number }> {
  const entries: ChangelogEntry[] = [];
  let position = serial;
  for (let call = 0; call < (options.maxCalls ?? 100); call++) {
    const page = await changelogSinceSerial(url, position, options);
    if (page.length === 0) break;
    entries.push(...page);
    const last = Math.max(...page.map((e) => e.serial));
    if (last <= position) break;
    position = last;
  }
  return { entries, lastSerial: position };
}
