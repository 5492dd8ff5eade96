// A small XML-RPC client (https://xmlrpc.com/spec.md), enough for PyPI's changelog methods: calls with
// string/int arguments, responses of arrays, structs and scalars, faults as errors. PyPI's XML-RPC API
// is the only source of its changelog by serial, which is what lets package-releases read what changed
// instead of rescanning every known package (reference/thoth-pipeline.md §13).
import { request } from 'undici';
import { HostError, ThothError } from '../errors/index.js';
import { retry } from '../retry/index.js';
import type { RetryOptions } from '../retry/index.js';

export type XmlRpcValue = string | number | boolean | null | XmlRpcValue[] | { [key: string]: XmlRpcValue };

/** The server answered with an XML-RPC fault (not retriable: the same call would fault again). */
export class XmlRpcFaultError extends ThothError {
  constructor(url: string, method: string, faultCode: unknown, faultString: unknown) {
    super('xmlrpc-fault', `${method} at ${url} failed: ${String(faultString)} (fault ${String(faultCode)})`, {
      context: { url, method, faultCode },
    });
  }
}

/** The body is not an XML-RPC response we can read. */
export class XmlRpcFormatError extends ThothError {
  constructor(url: string, reason: string) {
    super('malformed-xmlrpc-response', `unreadable XML-RPC response from ${url}: ${reason}`, {
      context: { url },
    });
  }
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function encodeValue(value: string | number): string {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new TypeError(`XML-RPC argument ${value} is not an integer`);
    return `<value><int>${value}</int></value>`;
  }
  return `<value><string>${escapeXml(value)}</string></value>`;
}

/** The request body of `method(...params)`. */
export function encodeCall(method: string, params: readonly (string | number)[]): string {
  return (
    `<?xml version="1.0"?><methodCall><methodName>${escapeXml(method)}</methodName><params>` +
    params.map((p) => `<param>${encodeValue(p)}</param>`).join('') +
    '</params></methodCall>'
  );
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

type Token = { kind: 'open' | 'close' | 'empty'; name: string } | { kind: 'text'; text: string };

function tokenize(xml: string): Token[] {
  const tokens: Token[] = [];
  // Declarations, comments and CDATA are not used by PyPI; declarations are skipped.
  const pattern = /<\?[^>]*\?>|<(\/?)([A-Za-z0-9_.:-]+)[^>]*?(\/?)>|([^<]+)/g;
  for (const match of xml.matchAll(pattern)) {
    if (match[0].startsWith('<?')) continue;
    if (match[4] !== undefined) tokens.push({ kind: 'text', text: decodeText(match[4]) });
    else if (match[1] === '/') tokens.push({ kind: 'close', name: match[2]! });
    else tokens.push({ kind: match[3] === '/' ? 'empty' : 'open', name: match[2]! });
  }
  return tokens;
}

/** Parse a methodResponse body: the one returned value, or throws XmlRpcFaultError / XmlRpcFormatError. */
export function decodeResponse(xml: string, url: string, method: string): XmlRpcValue {
  const tokens = tokenize(xml);
  let i = 0;
  const fail = (reason: string): never => {
    throw new XmlRpcFormatError(url, reason);
  };
  const skipSpace = (): void => {
    while (i < tokens.length) {
      const t = tokens[i]!;
      if (t.kind === 'text' && t.text.trim() === '') i++;
      else break;
    }
  };
  const expectOpen = (name: string): void => {
    skipSpace();
    const t = tokens[i];
    if (t?.kind !== 'open' || t.name !== name) fail(`expected <${name}> at token ${i}`);
    i++;
  };
  const expectClose = (name: string): void => {
    skipSpace();
    const t = tokens[i];
    if (t?.kind !== 'close' || t.name !== name) fail(`expected </${name}> at token ${i}`);
    i++;
  };
  const textUntil = (name: string): string => {
    let text = '';
    while (tokens[i]?.kind === 'text') text += (tokens[i++] as { text: string }).text;
    expectClose(name);
    return text;
  };
  const readValue = (): XmlRpcValue => {
    skipSpace();
    const start = tokens[i];
    if (start?.kind === 'empty' && start.name === 'value') {
      i++;
      return '';
    }
    expectOpen('value');
    // A value without a type element is a string (the spec's default).
    if (tokens[i]?.kind === 'text' || tokens[i]?.kind === 'close') {
      let text = '';
      while (tokens[i]?.kind === 'text') text += (tokens[i++] as { text: string }).text;
      if (tokens[i]?.kind === 'close') {
        expectClose('value');
        return text;
      }
    }
    skipSpace();
    const typed = tokens[i];
    if (typed === undefined || typed.kind === 'text' || typed.kind === 'close') return fail('empty value');
    i++;
    let result: XmlRpcValue;
    if (typed.kind === 'empty') {
      result = typed.name === 'nil' ? null : typed.name === 'string' ? '' : fail(`empty <${typed.name}/>`);
    } else {
      switch (typed.name) {
        case 'string':
        case 'dateTime.iso8601':
        case 'base64':
          result = textUntil(typed.name);
          break;
        case 'int':
        case 'i4':
        case 'i8':
        case 'double': {
          const text = textUntil(typed.name).trim();
          const n = Number(text);
          result = text === '' || Number.isNaN(n) ? fail(`<${typed.name}> holds "${text}"`) : n;
          break;
        }
        case 'boolean':
          result = textUntil('boolean').trim() === '1';
          break;
        case 'nil':
          expectClose('nil');
          result = null;
          break;
        case 'array': {
          const items: XmlRpcValue[] = [];
          skipSpace();
          if (tokens[i]?.kind === 'empty' && (tokens[i] as { name: string }).name === 'data') i++;
          else {
            expectOpen('data');
            for (;;) {
              skipSpace();
              const t = tokens[i];
              if (t?.kind === 'close' && t.name === 'data') break;
              items.push(readValue());
            }
            expectClose('data');
          }
          expectClose('array');
          result = items;
          break;
        }
        case 'struct': {
          const members: Record<string, XmlRpcValue> = {};
          for (;;) {
            skipSpace();
            const t = tokens[i];
            if (t?.kind === 'close' && t.name === 'struct') break;
            expectOpen('member');
            expectOpen('name');
            const name = textUntil('name');
            members[name] = readValue();
            expectClose('member');
          }
          expectClose('struct');
          result = members;
          break;
        }
        default:
          return fail(`unknown type <${typed.name}>`);
      }
    }
    expectClose('value');
    return result;
  };

  expectOpen('methodResponse');
  skipSpace();
  const head = tokens[i];
  if (head?.kind === 'open' && head.name === 'fault') {
    i++;
    const fault = readValue();
    const f = fault !== null && typeof fault === 'object' && !Array.isArray(fault) ? fault : {};
    throw new XmlRpcFaultError(url, method, f['faultCode'], f['faultString']);
  }
  expectOpen('params');
  expectOpen('param');
  return readValue();
}

export interface XmlRpcClientOptions {
  /** Sent as User-Agent; PyPI asks API clients to identify themselves. */
  userAgent?: string;
  retry?: RetryOptions;
  /** Milliseconds to wait for headers and between body chunks (default 60 s). */
  timeoutMs?: number;
}

/** Call `method` at `url`; host failures (network, 5xx, 429) are retried, then HostError. */
export async function xmlRpcCall(
  url: string,
  method: string,
  params: readonly (string | number)[],
  options: XmlRpcClientOptions = {},
): Promise<XmlRpcValue> {
  const host = new URL(url).host;
  const body = encodeCall(method, params);
  const once = async (): Promise<string> => {
    let response;
    try {
      response = await request(url, {
        method: 'POST',
        headers: {
          'content-type': 'text/xml',
          'user-agent': options.userAgent ?? 'thoth-freshness/0.1 (+https://github.com/thoth-station)',
        },
        body,
        headersTimeout: options.timeoutMs ?? 60_000,
        bodyTimeout: options.timeoutMs ?? 60_000,
      });
    } catch (error) {
      throw new HostError(host, `XML-RPC ${method} at ${url}: ${(error as Error).message}`, {
        cause: error,
        context: { url, method },
      });
    }
    const text = await response.body.text();
    if (response.statusCode >= 500 || response.statusCode === 429) {
      throw new HostError(host, `XML-RPC ${method} at ${url}: HTTP ${response.statusCode}`, {
        context: { url, method, status: response.statusCode },
      });
    }
    if (response.statusCode !== 200) {
      throw new ThothError(
        'xmlrpc-request-rejected',
        `XML-RPC ${method} at ${url}: HTTP ${response.statusCode}`,
        { context: { url, method, status: response.statusCode } },
      );
    }
    return text;
  };
  try {
    const text = await retry(once, { ...options.retry, context: { url, method } });
    return decodeResponse(text, url, method);
  } catch (error) {
    // Retries ran out on a host error: still a host error (retriable by the workflow), naming the host.
    if (error instanceof ThothError && error.code === 'retries-exhausted') {
      throw new HostError(
        host,
        `XML-RPC ${method} at ${url} unavailable: ${String((error.cause as Error)?.message ?? error.cause)}`,
        {
          cause: error,
          context: { url, method },
        },
      );
    }
    throw error;
  }
}
