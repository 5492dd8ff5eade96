// Deterministic workflow names: `<kind>-<short hash of the idempotency key>`. The same key always
// gives the same name, so Argo (409) and the local engine refuse a duplicate submission and
// at-least-once delivery gives exactly-once effects. The name is also the document id.
import { createHash } from 'node:crypto';
import { InputError } from '../errors/index.js';

/** Kubernetes object names (DNS-1123 subdomain); Argo also uses the name as a pod-name prefix. */
const DNS_1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Kind part: a DNS-1123 label short enough to leave room for the hash. */
const KIND = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/**
 * 63 characters (a label) rather than 253: pod names are `<workflow>-<template>-<hash>` and labels
 * carry the workflow name, which must fit in a 63-character label value.
 */
export const MAX_WORKFLOW_NAME_LENGTH = 63;
/** 16 hex digits = 64 bits of sha256: a collision among a billion keys has odds around 3·10⁻⁲. */
export const NAME_HASH_LENGTH = 16;

/** True when `name` is usable as a workflow name. */
export function isValidWorkflowName(name: string): boolean {
  return name.length <= MAX_WORKFLOW_NAME_LENGTH && DNS_1123.test(name);
}

/** `<kind>-<first 16 hex digits of sha256(key)>`, e.g. `solve-8c1f0e5b2a9d4c3e` for `pypi:flask:2.0.1`. */
export function workflowName(kind: string, idempotencyKey: string): string {
  if (!KIND.test(kind) || kind.length > MAX_WORKFLOW_NAME_LENGTH - NAME_HASH_LENGTH - 1) {
    throw new InputError(
      `workflow kind "${kind}" must be lowercase letters, digits and "-", start with a letter and be at most ${
        MAX_WORKFLOW_NAME_LENGTH - NAME_HASH_LENGTH - 1
      } characters`,
      { context: { kind } },
    );
  }
  if (idempotencyKey === '') throw new InputError('idempotency key is empty', { context: { kind } });
  const hash = createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, NAME_HASH_LENGTH);
  return `${kind}-${hash}`;
}
