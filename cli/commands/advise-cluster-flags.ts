// The flags of `thoth advise --argo-server` and the check that each flag fits the mode chosen; kept
// apart from advise-cluster.ts so a local run does not load the Argo client to check its flags.
import type { Command } from 'commander';
import { InputError } from '../../lib/errors/index.js';

/** The flags of cluster mode, as commander parses them. */
export interface ClusterFlags {
  argoServer?: string;
  namespace?: string;
  argoTokenFile?: string;
  timeout: string;
  rerun?: boolean;
}

/** Flags of the local mode that mean nothing to a cluster: refused rather than ignored. */
const LOCAL_ONLY: Record<string, string> = {
  indexUrl: '--index-url (the cluster learns from the indexes it is configured with)',
  prescription: '--prescription (the cluster applies its own prescriptions)',
  learn: '--no-learn (the cluster learns on its own)',
  maxRounds: '--max-rounds (the cluster learns on its own)',
};
/** Flags of the cluster mode, refused without --argo-server. */
const CLUSTER_ONLY: Record<string, string> = {
  namespace: '--namespace',
  argoTokenFile: '--argo-token-file',
  timeout: '--timeout',
  rerun: '--rerun',
};

/** Refuse flags that do not fit the mode chosen (set on the command line, not by default). */
export function checkModeFlags(command: Command, cluster: boolean): void {
  const given = (key: string): boolean => command.getOptionValueSource(key) === 'cli';
  const table = cluster ? LOCAL_ONLY : CLUSTER_ONLY;
  for (const [key, flag] of Object.entries(table)) {
    if (!given(key)) continue;
    throw new InputError(
      cluster ? `${flag} does not apply with --argo-server` : `${flag} applies only with --argo-server URL`,
    );
  }
}
