// generated — do not edit. Source: schemas/**/*.json; regenerate with `npm run gen` (scripts/gen-types.mjs).

// One parser per contract: validates with ajv and returns the typed value, or throws ContractError.
import type { AdviseRequest, AdviserDocument, AdviserDocumentV2, DependencyMonkeyRequest, DependencyMonkeyDocument, DocumentEnvelope, InspectionDocument, PrescriptionFile, ProvenanceRequest, ProvenanceDocument, ProvenanceDocumentV2, SecurityIndicatorDocument, SolverDocument, AdviseRequested, AdviserReRun, CVEProvided, DependencyMonkeyRequested, MessageEnvelope, HashMismatch, InspectionCompleted, MissingPackage, MissingVersion, PackageReleased, ProvenanceCheckRequested, SIUnanalyzedPackage, SolvedPackage, UnresolvedPackage, UpdateProvidesSourceDistro, RuntimeEnvironment, ThothConfig } from './types.gen.js';
import { validateContract } from './validator.js';

/** Parse a AdviseRequest (schemas/documents/advise-request.v1.json); throws ContractError listing every violation. */
export function parseAdviseRequest(data: unknown): AdviseRequest {
  return validateContract("documents/advise-request.v1", data);
}

/** Parse a AdviserDocument (schemas/documents/advise-result.v1.json); throws ContractError listing every violation. */
export function parseAdviserDocument(data: unknown): AdviserDocument {
  return validateContract("documents/advise-result.v1", data);
}

/** Parse a AdviserDocumentV2 (schemas/documents/advise-result.v2.json); throws ContractError listing every violation. */
export function parseAdviserDocumentV2(data: unknown): AdviserDocumentV2 {
  return validateContract("documents/advise-result.v2", data);
}

/** Parse a DependencyMonkeyRequest (schemas/documents/dependency-monkey-request.v1.json); throws ContractError listing every violation. */
export function parseDependencyMonkeyRequest(data: unknown): DependencyMonkeyRequest {
  return validateContract("documents/dependency-monkey-request.v1", data);
}

/** Parse a DependencyMonkeyDocument (schemas/documents/dependency-monkey.v1.json); throws ContractError listing every violation. */
export function parseDependencyMonkeyDocument(data: unknown): DependencyMonkeyDocument {
  return validateContract("documents/dependency-monkey.v1", data);
}

/** Parse a DocumentEnvelope (schemas/documents/envelope.v1.json); throws ContractError listing every violation. */
export function parseDocumentEnvelope(data: unknown): DocumentEnvelope {
  return validateContract("documents/envelope.v1", data);
}

/** Parse a InspectionDocument (schemas/documents/inspection.v1.json); throws ContractError listing every violation. */
export function parseInspectionDocument(data: unknown): InspectionDocument {
  return validateContract("documents/inspection.v1", data);
}

/** Parse a PrescriptionFile (schemas/documents/prescription.v1.json); throws ContractError listing every violation. */
export function parsePrescriptionFile(data: unknown): PrescriptionFile {
  return validateContract("documents/prescription.v1", data);
}

/** Parse a ProvenanceRequest (schemas/documents/provenance-request.v1.json); throws ContractError listing every violation. */
export function parseProvenanceRequest(data: unknown): ProvenanceRequest {
  return validateContract("documents/provenance-request.v1", data);
}

/** Parse a ProvenanceDocument (schemas/documents/provenance.v1.json); throws ContractError listing every violation. */
export function parseProvenanceDocument(data: unknown): ProvenanceDocument {
  return validateContract("documents/provenance.v1", data);
}

/** Parse a ProvenanceDocumentV2 (schemas/documents/provenance.v2.json); throws ContractError listing every violation. */
export function parseProvenanceDocumentV2(data: unknown): ProvenanceDocumentV2 {
  return validateContract("documents/provenance.v2", data);
}

/** Parse a SecurityIndicatorDocument (schemas/documents/security-indicator.v1.json); throws ContractError listing every violation. */
export function parseSecurityIndicatorDocument(data: unknown): SecurityIndicatorDocument {
  return validateContract("documents/security-indicator.v1", data);
}

/** Parse a SolverDocument (schemas/documents/solver.v1.json); throws ContractError listing every violation. */
export function parseSolverDocument(data: unknown): SolverDocument {
  return validateContract("documents/solver.v1", data);
}

/** Parse a AdviseRequested (schemas/messages/advise-requested.v1.json); throws ContractError listing every violation. */
export function parseAdviseRequested(data: unknown): AdviseRequested {
  return validateContract("messages/advise-requested.v1", data);
}

/** Parse a AdviserReRun (schemas/messages/adviser-re-run.v1.json); throws ContractError listing every violation. */
export function parseAdviserReRun(data: unknown): AdviserReRun {
  return validateContract("messages/adviser-re-run.v1", data);
}

/** Parse a CVEProvided (schemas/messages/cve-provided.v1.json); throws ContractError listing every violation. */
export function parseCVEProvided(data: unknown): CVEProvided {
  return validateContract("messages/cve-provided.v1", data);
}

/** Parse a DependencyMonkeyRequested (schemas/messages/dependency-monkey-requested.v1.json); throws ContractError listing every violation. */
export function parseDependencyMonkeyRequested(data: unknown): DependencyMonkeyRequested {
  return validateContract("messages/dependency-monkey-requested.v1", data);
}

/** Parse a MessageEnvelope (schemas/messages/envelope.v1.json); throws ContractError listing every violation. */
export function parseMessageEnvelope(data: unknown): MessageEnvelope {
  return validateContract("messages/envelope.v1", data);
}

/** Parse a HashMismatch (schemas/messages/hash-mismatch.v1.json); throws ContractError listing every violation. */
export function parseHashMismatch(data: unknown): HashMismatch {
  return validateContract("messages/hash-mismatch.v1", data);
}

/** Parse a InspectionCompleted (schemas/messages/inspection-completed.v1.json); throws ContractError listing every violation. */
export function parseInspectionCompleted(data: unknown): InspectionCompleted {
  return validateContract("messages/inspection-completed.v1", data);
}

/** Parse a MissingPackage (schemas/messages/missing-package.v1.json); throws ContractError listing every violation. */
export function parseMissingPackage(data: unknown): MissingPackage {
  return validateContract("messages/missing-package.v1", data);
}

/** Parse a MissingVersion (schemas/messages/missing-version.v1.json); throws ContractError listing every violation. */
export function parseMissingVersion(data: unknown): MissingVersion {
  return validateContract("messages/missing-version.v1", data);
}

/** Parse a PackageReleased (schemas/messages/package-released.v1.json); throws ContractError listing every violation. */
export function parsePackageReleased(data: unknown): PackageReleased {
  return validateContract("messages/package-released.v1", data);
}

/** Parse a ProvenanceCheckRequested (schemas/messages/provenance-check-requested.v1.json); throws ContractError listing every violation. */
export function parseProvenanceCheckRequested(data: unknown): ProvenanceCheckRequested {
  return validateContract("messages/provenance-check-requested.v1", data);
}

/** Parse a SIUnanalyzedPackage (schemas/messages/si-unanalyzed-package.v1.json); throws ContractError listing every violation. */
export function parseSIUnanalyzedPackage(data: unknown): SIUnanalyzedPackage {
  return validateContract("messages/si-unanalyzed-package.v1", data);
}

/** Parse a SolvedPackage (schemas/messages/solved-package.v1.json); throws ContractError listing every violation. */
export function parseSolvedPackage(data: unknown): SolvedPackage {
  return validateContract("messages/solved-package.v1", data);
}

/** Parse a UnresolvedPackage (schemas/messages/unresolved-package.v1.json); throws ContractError listing every violation. */
export function parseUnresolvedPackage(data: unknown): UnresolvedPackage {
  return validateContract("messages/unresolved-package.v1", data);
}

/** Parse a UpdateProvidesSourceDistro (schemas/messages/update-provides-source-distro.v1.json); throws ContractError listing every violation. */
export function parseUpdateProvidesSourceDistro(data: unknown): UpdateProvidesSourceDistro {
  return validateContract("messages/update-provides-source-distro.v1", data);
}

/** Parse a RuntimeEnvironment (schemas/runtime-environment.v1.json); throws ContractError listing every violation. */
export function parseRuntimeEnvironment(data: unknown): RuntimeEnvironment {
  return validateContract("runtime-environment.v1", data);
}

/** Parse a ThothConfig (schemas/thoth-config.v1.json); throws ContractError listing every violation. */
export function parseThothConfig(data: unknown): ThothConfig {
  return validateContract("thoth-config.v1", data);
}
