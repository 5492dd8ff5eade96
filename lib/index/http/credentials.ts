// Index credentials: `user:password@` inside an index URL (applied to that origin only, as pip does) and
// a netrc file whose path the caller injects (matched by host name; `default` as the fallback). They
// become an Authorization header per request and never appear in values, errors or logs.
import { readFileSync } from 'node:fs';

export interface Credential {
  readonly username: string;
  readonly password: string;
}

/** Parse netrc text: `machine <host> login <user> password <pass>` tokens, plus `default`; macdef skipped. */
export function parseNetrc(text: string): {
  machines: Map<string, Credential>;
  fallback: Credential | undefined;
} {
  const machines = new Map<string, Credential>();
  let fallback: Credential | undefined;
  const tokens = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .split(/\s+/)
    .filter((t) => t !== '');
  let host: string | undefined;
  let isDefault = false;
  let login = '';
  let password = '';
  const flush = (): void => {
    if (isDefault) fallback = { username: login, password };
    else if (host !== undefined && !machines.has(host))
      machines.set(host.toLowerCase(), { username: login, password });
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === 'machine' || token === 'default') {
      if (host !== undefined || isDefault) flush();
      isDefault = token === 'default';
      host = isDefault ? undefined : tokens[++i];
      login = '';
      password = '';
    } else if (token === 'login') login = tokens[++i] ?? '';
    else if (token === 'password') password = tokens[++i] ?? '';
    else if (token === 'account') i++;
  }
  if (host !== undefined || isDefault) flush();
  return { machines, fallback };
}

/** Credentials by origin (from index URLs) and by host (from netrc). */
export class CredentialStore {
  private readonly byOrigin = new Map<string, Credential>();
  private machines = new Map<string, Credential>();
  private fallback: Credential | undefined;

  /** Remember the credentials inside `url` (if any) for its origin and return the URL without them. */
  register(url: string): string {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return parsed.toString();
    this.byOrigin.set(parsed.origin, {
      username: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
    });
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  }

  /** Load a netrc file. A missing file is not an error (pip behaves the same); returns whether it was read. */
  loadNetrc(path: string): boolean {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    const parsed = parseNetrc(text);
    this.machines = parsed.machines;
    this.fallback = parsed.fallback;
    return true;
  }

  /** The credential for a request URL: the index URL's own first, then netrc by host, then netrc default. */
  forUrl(url: string): Credential | undefined {
    const parsed = new URL(url);
    return (
      this.byOrigin.get(parsed.origin) ?? this.machines.get(parsed.hostname.toLowerCase()) ?? this.fallback
    );
  }

  /** The `Authorization` header value for `url`, or undefined. */
  authorization(url: string): string | undefined {
    const credential = this.forUrl(url);
    if (credential === undefined) return undefined;
    return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
  }
}
