// Public face of what the security units share: advisory wording, allow-cve, CVSS severity, and the
// per-run ledger of affected versions the wrap reads.
export {
  ALLOW_CVE_LABEL,
  SEVERITY_WEIGHTS,
  advisoriesOf,
  advisoryIds,
  advisoryLabel,
  advisoryLink,
  affectedRange,
  affectedRanges,
  allowedBy,
  allowedIds,
  cvssScore,
  fixedIn,
  listVersions,
  severityOf,
} from './advisories.js';
export type { AdvisorySeverity } from './advisories.js';
export { cvssV3BaseScore, severityLevel } from './cvss.js';
export type { SeverityLevel } from './cvss.js';
export { ledgerOf, recordAffected } from './ledger.js';
export type { AdvisoryLedger } from './ledger.js';
