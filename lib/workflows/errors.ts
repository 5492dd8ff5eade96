// Errors of lib/workflows, under the one ThothError tree.
import { ThothError } from '../errors/index.js';
import type { ThothErrorOptions } from '../errors/index.js';

/** No workflow has this name. */
export class WorkflowNotFoundError extends ThothError {
  constructor(name: string, options: ThothErrorOptions = {}) {
    super('workflow-not-found', `workflow "${name}" does not exist`, {
      ...options,
      context: { workflow: name, ...options.context },
    });
  }
}

/** watch() gave up waiting; the workflow itself goes on. Retriable: watching again may see the end. */
export class WorkflowWatchTimeoutError extends ThothError {
  constructor(name: string, timeoutMs: number) {
    super('workflow-watch-timeout', `workflow "${name}" did not finish within ${timeoutMs} ms`, {
      retriable: true,
      context: { workflow: name, timeoutMs },
    });
  }
}

/**
 * A workflow file uses an Argo feature the local engine does not implement. Raised at load time,
 * naming the feature, the template and the file, so nothing is silently ignored.
 */
export class UnsupportedFeatureError extends ThothError {
  readonly feature: string;
  constructor(feature: string, where: { file?: string; resource?: string; template?: string }) {
    const place = [where.resource, where.template].filter(Boolean).join('/');
    super(
      'workflow-feature-unsupported',
      `the local engine does not support ${feature} (in ${place || 'workflow'}${where.file ? `, ${where.file}` : ''})`,
      { context: { feature, ...where } },
    );
    this.feature = feature;
  }
}

/** A workflow file is malformed: bad YAML, a missing field, a reference to an unknown template. */
export class WorkflowDefinitionError extends ThothError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super('workflow-definition-invalid', message, { context });
  }
}

/** Argo refused a request for a reason a retry does not fix (401, 403, 400…). */
export class ArgoRequestError extends ThothError {
  readonly status: number;
  constructor(status: number, message: string, context: Record<string, unknown> = {}) {
    super('argo-request-refused', message, { context: { status, ...context } });
    this.status = status;
  }
}
