// Idempotency keys of messages (the envelope's `key`, also the Kafka record key): one package's events
// share a prefix, so they land on one partition in order. Form: `pypi:<normalized-name>[:<version>]`.

/** Key of an event about a whole package (e.g. MissingPackage, UnresolvedPackage without a version). */
export function packageMessageKey(name: string): string {
  return `pypi:${name}`;
}

/** Key of an event about one release of a package. */
export function releaseMessageKey(name: string, version: string): string {
  return `pypi:${name}:${version}`;
}
