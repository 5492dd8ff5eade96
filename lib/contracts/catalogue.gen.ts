// generated — do not edit. Source: schemas/**/*.json; regenerate with `npm run gen` (scripts/gen-types.mjs).

// The message catalogue: one entry per schemas/messages/<kebab-type>.v<N>.json (envelope excluded).

export const MESSAGE_CATALOGUE = [
  { type: "AdviseRequested", version: 1, topicSuffix: "advise-requested", schemaId: "https://thoth-station.ninja/schemas/messages/advise-requested.v1.json", schemaKey: "messages/advise-requested.v1" },
  { type: "AdviserReRun", version: 1, topicSuffix: "adviser-re-run", schemaId: "https://thoth-station.ninja/schemas/messages/adviser-re-run.v1.json", schemaKey: "messages/adviser-re-run.v1" },
  { type: "CVEProvided", version: 1, topicSuffix: "cve-provided", schemaId: "https://thoth-station.ninja/schemas/messages/cve-provided.v1.json", schemaKey: "messages/cve-provided.v1" },
  { type: "DependencyMonkeyRequested", version: 1, topicSuffix: "dependency-monkey-requested", schemaId: "https://thoth-station.ninja/schemas/messages/dependency-monkey-requested.v1.json", schemaKey: "messages/dependency-monkey-requested.v1" },
  { type: "HashMismatch", version: 1, topicSuffix: "hash-mismatch", schemaId: "https://thoth-station.ninja/schemas/messages/hash-mismatch.v1.json", schemaKey: "messages/hash-mismatch.v1" },
  { type: "InspectionCompleted", version: 1, topicSuffix: "inspection-completed", schemaId: "https://thoth-station.ninja/schemas/messages/inspection-completed.v1.json", schemaKey: "messages/inspection-completed.v1" },
  { type: "MissingPackage", version: 1, topicSuffix: "missing-package", schemaId: "https://thoth-station.ninja/schemas/messages/missing-package.v1.json", schemaKey: "messages/missing-package.v1" },
  { type: "MissingVersion", version: 1, topicSuffix: "missing-version", schemaId: "https://thoth-station.ninja/schemas/messages/missing-version.v1.json", schemaKey: "messages/missing-version.v1" },
  { type: "PackageReleased", version: 1, topicSuffix: "package-released", schemaId: "https://thoth-station.ninja/schemas/messages/package-released.v1.json", schemaKey: "messages/package-released.v1" },
  { type: "ProvenanceCheckRequested", version: 1, topicSuffix: "provenance-check-requested", schemaId: "https://thoth-station.ninja/schemas/messages/provenance-check-requested.v1.json", schemaKey: "messages/provenance-check-requested.v1" },
  { type: "SIUnanalyzedPackage", version: 1, topicSuffix: "si-unanalyzed-package", schemaId: "https://thoth-station.ninja/schemas/messages/si-unanalyzed-package.v1.json", schemaKey: "messages/si-unanalyzed-package.v1" },
  { type: "SolvedPackage", version: 1, topicSuffix: "solved-package", schemaId: "https://thoth-station.ninja/schemas/messages/solved-package.v1.json", schemaKey: "messages/solved-package.v1" },
  { type: "UnresolvedPackage", version: 1, topicSuffix: "unresolved-package", schemaId: "https://thoth-station.ninja/schemas/messages/unresolved-package.v1.json", schemaKey: "messages/unresolved-package.v1" },
  { type: "UpdateProvidesSourceDistro", version: 1, topicSuffix: "update-provides-source-distro", schemaId: "https://thoth-station.ninja/schemas/messages/update-provides-source-distro.v1.json", schemaKey: "messages/update-provides-source-distro.v1" },
] as const;
