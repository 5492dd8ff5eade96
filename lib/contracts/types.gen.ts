// generated — do not edit. Source: schemas/**/*.json; regenerate with `npm run gen` (scripts/gen-types.mjs).
// TypeScript types of every schema; wire names stay snake_case.

/**
 * The format of a project's requirements: 'pip' (requirements.txt, PEP 508 lines), 'pipenv' (Pipfile and Pipfile.lock), 'pyproject' (pyproject.toml [project] table, PEP 621).
 */
export type RequirementsFormat = 'pip' | 'pipenv' | 'pyproject';
/**
 * The id of a stored document, equal to the name of the workflow that produced it ('<kind>-<short hash of the idempotency key>'). A lowercase DNS-1123 subdomain so it is also a valid Argo workflow name and object-store key segment. Opaque: never parse meaning back out of it.
 */
export type DocumentId = string;
/**
 * A short label naming one solver environment (an OS, a Python and a platform), e.g. 'ubi-9-py311'. A key only: the environment's facts travel beside it as structured fields, never parsed out of it (the original derived os and Python from solver names, and every sync broke when the format changed).
 */
export type EnvironmentId = string;
/**
 * The base URL of a PEP 503 simple repository, e.g. 'https://pypi.org/simple'. Every package fact carries it: the same name and version on two indexes are two different artifacts.
 */
export type IndexUrl = string;
/**
 * A Python project name normalized per PEP 503: lowercase, with every run of '-', '_' and '.' replaced by one '-'. Our contracts carry normalized names only, so 'Flask', 'flask' and 'FLASK' can never be three packages.
 */
export type PackageName = string;
/**
 * A release version exactly as the index publishes it (usually PEP 440, e.g. '2.0.1' or '1.0rc1'). Kept verbatim rather than normalized because legacy releases on PyPI are not all PEP 440 and the index string is what installers request.
 */
export type PackageVersion = string;
/**
 * What the adviser optimizes for: 'latest' (newest versions, first stack found), 'stable' (multi-aspect scoring, the default), 'testing' (experimentation, no CVE penalty), 'performance' (performance-oriented builds and observations), 'security' (drops releases with known vulnerabilities).
 */
export type RecommendationType = 'latest' | 'stable' | 'testing' | 'performance' | 'security';
/**
 * Discriminated by kind.
 */
export type IncompatibilityCause =
  RootCause | DependencyCause | NoVersionsCause | UnavailableCause | DerivedCause;
/**
 * A prescription name, e.g. 'thoth'.
 */
export type PrescriptionName = string;

/**
 * Every contract's type by schema key (the schema's path under schemas/ without '.json').
 */
export interface ContractTypes {
  'common/advise-limits.v1': AdviseLimits;
  'common/application-stack.v1': ApplicationStack;
  'common/document-id.v1': DocumentId;
  'common/environment-id.v1': EnvironmentId;
  'common/environment-identity.v1': EnvironmentIdentity;
  'common/error-info.v1': ErrorInfo;
  'common/file-hashes.v1': FileHashes;
  'common/index-url.v1': IndexUrl;
  'common/installability-verdict.v1': InstallabilityVerdict;
  'common/justification.v1': Justification;
  'common/marker-environment.v1': MarkerEnvironment;
  'common/package-name.v1': PackageName;
  'common/package-version.v1': PackageVersion;
  'common/producer.v1': Producer;
  'common/recommendation-type.v1': RecommendationType;
  'common/requirements-format.v1': RequirementsFormat;
  'documents/advise-request.v1': AdviseRequest;
  'documents/advise-result.v1': AdviserDocument;
  'documents/advise-result.v2': AdviserDocumentV2;
  'documents/dependency-monkey-request.v1': DependencyMonkeyRequest;
  'documents/dependency-monkey.v1': DependencyMonkeyDocument;
  'documents/envelope.v1': DocumentEnvelope;
  'documents/inspection.v1': InspectionDocument;
  'documents/prescription.v1': PrescriptionFile;
  'documents/provenance-request.v1': ProvenanceRequest;
  'documents/provenance.v1': ProvenanceDocument;
  'documents/provenance.v2': ProvenanceDocumentV2;
  'documents/security-indicator.v1': SecurityIndicatorDocument;
  'documents/solver.v1': SolverDocument;
  'messages/advise-requested.v1': AdviseRequested;
  'messages/adviser-re-run.v1': AdviserReRun;
  'messages/cve-provided.v1': CVEProvided;
  'messages/dependency-monkey-requested.v1': DependencyMonkeyRequested;
  'messages/envelope.v1': MessageEnvelope;
  'messages/hash-mismatch.v1': HashMismatch;
  'messages/inspection-completed.v1': InspectionCompleted;
  'messages/missing-package.v1': MissingPackage;
  'messages/missing-version.v1': MissingVersion;
  'messages/package-released.v1': PackageReleased;
  'messages/provenance-check-requested.v1': ProvenanceCheckRequested;
  'messages/si-unanalyzed-package.v1': SIUnanalyzedPackage;
  'messages/solved-package.v1': SolvedPackage;
  'messages/unresolved-package.v1': UnresolvedPackage;
  'messages/update-provides-source-distro.v1': UpdateProvidesSourceDistro;
  'runtime-environment.v1': RuntimeEnvironment;
  'thoth-config.v1': ThothConfig;
}
/**
 * Bounds on one adviser run. Every field is optional; the adviser's defaults apply to absent ones.
 */
export interface AdviseLimits {
  /**
   * How many products (stacks) to return, best first.
   */
  count?: number;
  /**
   * Stop after this many final states have been accepted.
   */
  limit?: number;
  /**
   * Maximum number of partial states kept in the beam.
   */
  beam_width?: number;
  /**
   * Consider only the newest N versions of each package; absent means all.
   */
  limit_latest_versions?: number;
  /**
   * Wall-clock budget in seconds; when it runs out the best products found so far are reported.
   */
  timeout_seconds?: number;
}
/**
 * A project's requirements as the user wrote them, kept as file text so the adviser parses them with the same readers as the CLI (requirements.txt users are not converted to Pipfile first, unlike the original).
 */
export interface ApplicationStack {
  /**
   * Content of the requirements file (requirements.txt, Pipfile or pyproject.toml, per requirements_format).
   */
  requirements: string;
  /**
   * Format of requirements and requirements_locked.
   */
  requirements_format: RequirementsFormat;
  /**
   * Content of the matching lock file (requirements.txt with hashes, Pipfile.lock or pylock.toml), or null when the project has none.
   */
  requirements_locked?: string | null;
}
/**
 * Who a solver environment is, as structured fields: its id plus the operating system, Python and platform it stands for.
 */
export interface EnvironmentIdentity {
  /**
   * The environment's id.
   */
  id: EnvironmentId;
  /**
   * Lowercase operating-system id as in os-release ID, e.g. 'rhel', 'fedora', 'ubuntu'.
   */
  os_name: string;
  /**
   * Operating-system version as in os-release VERSION_ID, e.g. '9', '22.04'.
   */
  os_version: string;
  /**
   * Python major.minor, e.g. '3.11'.
   */
  python_version: string;
  /**
   * The platform as sysconfig.get_platform() reports it, e.g. 'linux-x86_64'.
   */
  platform: string;
}
/**
 * Why an analysis failed as a whole, recorded in its document so a failure is data rather than a missing file.
 */
export interface ErrorInfo {
  /**
   * Stable kebab-case code of the condition (the ThothError code), e.g. 'host-unavailable', 'contract-violation'.
   */
  code: string;
  /**
   * One-line human-readable explanation naming the input that failed.
   */
  message: string;
}
/**
 * Digests of one distribution file keyed by hashlib algorithm name, as in PEP 691's 'hashes' dictionary, values in lowercase hex. sha256 is required: lock files and hash-checking installs need it, so a reader facing an index that offers another algorithm only computes it from the file.
 */
export interface FileHashes {
  /**
   * SHA-256 digest in lowercase hex; the hash lock files use.
   */
  sha256: string;
  /**
   * Digest for another hashlib algorithm, in lowercase hex.
   */
  [k: string]: string;
}
/**
 * Whether a release can be installed in one environment, and if not why. An item-level fact recorded as data, distinct from a failed solver run.
 */
export interface InstallabilityVerdict {
  /**
   * True when an installer can install the release in the environment.
   */
  installable: boolean;
  /**
   * Why not, as a kebab-case reason: 'requires-python', 'no-compatible-file', 'build-failed', 'metadata-unavailable', 'yanked', … Null when installable.
   */
  reason: string | null;
  /**
   * Evidence for the reason, e.g. the Requires-Python value or the last lines of a build log; null when there is none.
   */
  detail: string | null;
}
/**
 * One explanation shown to the user: why a stack was chosen, scored or refused. Used for a product's justification and for request-level stack_info.
 */
export interface Justification {
  /**
   * Severity of the entry.
   */
  type: 'info' | 'warning' | 'error';
  /**
   * The explanation, one sentence, naming the package concerned.
   */
  message: string;
  /**
   * A URL, or a short justification id (e.g. 'cve', 'no-stack') that renderers expand into a documentation link; null when there is nothing to read.
   */
  link?: string | null;
  /**
   * The package the entry is about, when it is about one.
   */
  package_name?: PackageName | null;
  /**
   * The affected version specifier, e.g. '<2.3.1' for an advisory.
   */
  version_range?: string | null;
  /**
   * The OSV id of the advisory the entry reports (e.g. 'PYSEC-2023-62', 'GHSA-…').
   */
  advisory_id?: string | null;
  /**
   * Name of the adviser unit or prescription that produced the entry, e.g. 'CvePenalizationStep'.
   */
  unit?: string | null;
}
/**
 * The complete PEP 508 environment-marker variables of one interpreter, as packaging.markers.default_environment() returns them. 'extra' is not part of it: it belongs to the requirement being evaluated.
 */
export interface MarkerEnvironment {
  /**
   * sys.implementation.name, e.g. 'cpython'.
   */
  implementation_name: string;
  /**
   * sys.implementation.version formatted per PEP 508, e.g. '3.11.4'.
   */
  implementation_version: string;
  /**
   * os.name, e.g. 'posix'.
   */
  os_name: string;
  /**
   * platform.machine(), e.g. 'x86_64'.
   */
  platform_machine: string;
  /**
   * platform.python_implementation(), e.g. 'CPython'.
   */
  platform_python_implementation: string;
  /**
   * platform.release(), e.g. '5.14.0-362.el9.x86_64'.
   */
  platform_release: string;
  /**
   * platform.system(), e.g. 'Linux'.
   */
  platform_system: string;
  /**
   * platform.version().
   */
  platform_version: string;
  /**
   * platform.python_version(), e.g. '3.11.4'.
   */
  python_full_version: string;
  /**
   * '.'.join(platform.python_version_tuple()[:2]), e.g. '3.11'.
   */
  python_version: string;
  /**
   * sys.platform, e.g. 'linux'.
   */
  sys_platform: string;
}
/**
 * The component that produced a message, and its version.
 */
export interface Producer {
  /**
   * Kebab-case name of the producing component, e.g. 'investigator', 'step-solve', 'cli'.
   */
  component: string;
  /**
   * Version of the producing component, e.g. '0.1.0'.
   */
  version: string;
}
/**
 * A request for advice, stored at adviser/<document_id>.request before AdviseRequested is sent, and read again by re-runs.
 */
export interface AdviseRequest {
  /**
   * The project's requirements and optional lock.
   */
  application_stack: ApplicationStack;
  /**
   * Where the application will run.
   */
  runtime_environment: RuntimeEnvironment;
  /**
   * What to optimize for.
   */
  recommendation_type: RecommendationType;
  /**
   * Bounds of the run; absent fields take the adviser's defaults.
   */
  limits?: AdviseLimits;
  /**
   * Seed of the random generator; the same seed on the same knowledge gives the same advice.
   */
  seed?: number;
  /**
   * Extra restrictions that do not add packages (pip constraints semantics).
   */
  constraints?: RequirementConstraint[];
  /**
   * Labels prescriptions can match on, e.g. {'requester': 'ci', 'allow-cve': 'PYSEC-2023-62'}.
   */
  labels?: {
    [k: string]: string;
  };
  /**
   * Which symbols of each library the application uses (from static analysis), for API-aware units; null when unknown.
   */
  library_usage?: LibraryUsage | null;
  /**
   * Also resolve development dependencies.
   */
  dev?: boolean;
}
/**
 * Where the user's application will run: operating system, Python, platform, PEP 508 marker values and the hardware and native libraries recommendations depend on. Only python_version is required; the adviser derives what it can from the rest and says in stack_info what it assumed.
 */
export interface RuntimeEnvironment {
  /**
   * A label for this environment, e.g. 'ubi9-py311'; in .thoth.yaml it also names the overlay directory.
   */
  name?: string;
  operating_system?: OperatingSystem;
  /**
   * Python major.minor, e.g. '3.11'.
   */
  python_version: string;
  /**
   * Interpreter implementation as sys.implementation.name reports it, e.g. 'cpython', 'pypy'.
   */
  python_implementation?: string;
  /**
   * The platform as sysconfig.get_platform() reports it, e.g. 'linux-x86_64', 'macosx-14.0-arm64'.
   */
  platform?: string;
  /**
   * CPU architecture as platform.machine() reports it, e.g. 'x86_64', 'aarch64'.
   */
  machine?: string;
  /**
   * The C library, which decides the manylinux and musllinux wheel tags the environment accepts (PEP 600, PEP 656); null when not Linux.
   */
  libc?: Libc | null;
  /**
   * All PEP 508 marker variables; when given they are used as-is instead of being derived from the fields above.
   */
  marker_environment?: MarkerEnvironment;
  hardware?: Hardware;
  /**
   * CUDA toolkit version, e.g. '12.2'; null without CUDA.
   */
  cuda_version?: string | null;
  /**
   * cuDNN version, e.g. '8.9'; null without cuDNN.
   */
  cudnn_version?: string | null;
  /**
   * Intel MKL version; null without MKL.
   */
  mkl_version?: string | null;
  /**
   * OpenBLAS version; null without OpenBLAS.
   */
  openblas_version?: string | null;
  /**
   * Open MPI version; null without Open MPI.
   */
  openmpi_version?: string | null;
  /**
   * The container base image the application is built on, e.g. 'registry.access.redhat.com/ubi9/python-311'; null when not containerized.
   */
  base_image?: string | null;
  /**
   * The recommendation type to use for this environment when the request does not say.
   */
  recommendation_type?: RecommendationType;
  /**
   * Free labels that prescriptions can match on, e.g. {'team': 'ml', 'allow-cve': 'PYSEC-2023-62'}.
   */
  labels?: {
    [k: string]: string;
  };
}
/**
 * The operating system, as in os-release.
 */
export interface OperatingSystem {
  /**
   * Lowercase os-release ID, e.g. 'rhel', 'fedora', 'ubuntu'.
   */
  name: string;
  /**
   * os-release VERSION_ID, e.g. '9', '22.04'; null when any version will do.
   */
  version?: string | null;
}
/**
 * A C library and its version.
 */
export interface Libc {
  /**
   * Which C library.
   */
  name: 'glibc' | 'musl';
  /**
   * Its major.minor version, e.g. '2.34'.
   */
  version: string;
}
/**
 * The hardware the application runs on, for hardware-specific builds and observations.
 */
export interface Hardware {
  /**
   * CPU family number as /proc/cpuinfo reports it.
   */
  cpu_family?: number | null;
  /**
   * CPU model number as /proc/cpuinfo reports it.
   */
  cpu_model?: number | null;
  /**
   * CPU feature flags that matter to optimized builds, e.g. 'avx2', 'avx512f'.
   */
  cpu_flags?: string[];
  /**
   * GPU model name, e.g. 'NVIDIA A100'; null without a GPU.
   */
  gpu_model?: string | null;
}
/**
 * A restriction on one package, applied only if the package ends up in the stack.
 */
export interface RequirementConstraint {
  /**
   * The package, PEP 503 normalized.
   */
  name: PackageName;
  /**
   * PEP 440 specifier it must satisfy, e.g. '<2'.
   */
  specifier: string;
  /**
   * PEP 508 marker limiting where the constraint applies; null for everywhere.
   */
  marker?: string | null;
}
/**
 * Symbols used per library, as a static analyzer reports them.
 */
export interface LibraryUsage {
  /**
   * Library name to the list of its symbols the application uses, e.g. {'tensorflow': ['tensorflow.keras.layers.Conv2D']}.
   */
  report: {
    [k: string]: string[];
  };
  /**
   * Version of the analyzer that produced the report.
   */
  version?: string | null;
}
/**
 * An adviser run: the scored, explained stacks it recommends, request-level information, resolver statistics, and on failure an error with the derivation that explains it. Stored under the 'adviser' kind. Failure is always a complete document (the original sometimes wrote no report at all).
 */
export interface AdviserDocument {
  /**
   * Who produced the document, when and how.
   */
  metadata: DocumentMetadata;
  /**
   * The advice.
   */
  result: AdviseResult;
}
/**
 * Provenance of a document. Everything a sync needs (kind, schema version, environment) is a field here, never parsed out of the document id.
 */
export interface DocumentMetadata {
  /**
   * 'thoth-<kind>' where kind is the document's S3 type segment, e.g. 'thoth-solver', 'thoth-adviser'.
   */
  analyzer: string;
  /**
   * Version of the analyzer that wrote the document.
   */
  analyzer_version: string;
  /**
   * Version N of the schema the result follows (schemas/documents/<kind>.v<N>.json), so old documents stay readable next to new ones.
   */
  schema_version: number;
  /**
   * The document's id; equals the producing workflow's name.
   */
  document_id: DocumentId;
  /**
   * When the analysis started (RFC 3339 date-time).
   */
  datetime: string;
  /**
   * How long the analysis took, in seconds.
   */
  duration: number;
  /**
   * The parameters the analysis ran with, by their snake_case names (as given to the step).
   */
  arguments: {
    [k: string]: unknown;
  };
  /**
   * Where the analysis ran.
   */
  environment: ExecutionEnvironment;
}
/**
 * The machine and deployment an analysis ran in (not the environment it analyzed, which the result describes).
 */
export interface ExecutionEnvironment {
  /**
   * Name of the Thoth deployment, e.g. 'thoth-local', 'prod'.
   */
  deployment: string;
  /**
   * Host or pod name.
   */
  hostname?: string | null;
  /**
   * Node.js version of the analyzer, e.g. '20.18.1'.
   */
  node_version?: string | null;
  /**
   * OS and architecture of the analyzer, e.g. 'linux-x64'.
   */
  platform?: string | null;
  /**
   * os-release ID of the analyzer's OS, e.g. 'debian'.
   */
  os_name?: string | null;
  /**
   * os-release VERSION_ID of the analyzer's OS.
   */
  os_version?: string | null;
}
/**
 * Products (best first), request-level stack_info, statistics, and error (null on success).
 */
export interface AdviseResult {
  /**
   * The settings the run actually used, defaults filled in.
   */
  parameters: AdviseParameters;
  /**
   * Recommended stacks, best score first; empty when the run failed.
   */
  products: AdviserProduct[];
  /**
   * Request-level information and warnings (assumptions made, knowledge gaps); present on success and failure alike.
   */
  stack_info: Justification[];
  /**
   * How much work the resolver did.
   */
  statistics: ResolverStatistics;
  /**
   * Why no stack could be recommended; null on success.
   */
  error: AdviseError | null;
}
/**
 * Effective settings of an adviser run.
 */
export interface AdviseParameters {
  /**
   * What the run optimized for.
   */
  recommendation_type: RecommendationType;
  /**
   * The bounds applied, defaults filled in.
   */
  limits: AdviseLimits;
  /**
   * The random seed used.
   */
  seed: number;
  /**
   * Kebab-case name of the predictor that drove the search, e.g. 'temporal-difference'.
   */
  predictor: string;
  /**
   * The prescription sets loaded, as '<name>@<release>'.
   */
  prescriptions: string[];
}
/**
 * One recommended stack: its lock, its score, why, and its dependency graph.
 */
export interface AdviserProduct {
  /**
   * Total reward of the stack; higher is better.
   */
  score: number;
  /**
   * The fully pinned stack.
   */
  lock: StackLock;
  /**
   * Why this stack, package by package; never empty.
   *
   * @minItems 1
   */
  justification: Justification[];
  /**
   * Who depends on whom in the stack.
   */
  dependency_graph: DependencyGraph;
  /**
   * A better runtime environment the adviser suggests (e.g. a newer Python); null when none.
   */
  advised_runtime_environment: RuntimeEnvironment | null;
}
/**
 * A fully pinned stack, rich enough for every lock writer (requirements.txt with hashes, Pipfile.lock, pylock.toml).
 */
export interface StackLock {
  /**
   * The Python range the lock is valid for, e.g. '==3.11.*'; null when unconstrained.
   */
  requires_python: string | null;
  /**
   * Pinned packages, sorted by name.
   */
  packages: LockedPackage[];
}
/**
 * One pinned package of a stack, with the index it must come from.
 */
export interface LockedPackage {
  /**
   * The package, PEP 503 normalized.
   */
  name: PackageName;
  /**
   * The pinned version.
   */
  version: PackageVersion;
  /**
   * The index to install it from.
   */
  index_url: IndexUrl;
  /**
   * PEP 508 marker under which it is installed; null for always.
   */
  marker: string | null;
  /**
   * Extras of the package the stack activates.
   */
  extras: PackageName[];
  /**
   * True when only development requirements pull it in.
   */
  develop: boolean;
  /**
   * The artifacts an installer may use, with their hashes.
   */
  files: LockedFile[];
}
/**
 * One artifact of a pinned package.
 */
export interface LockedFile {
  /**
   * The file name.
   */
  filename: string;
  /**
   * Download URL; null when only the index and name are known.
   */
  url: string | null;
  /**
   * Its digests; sha256 is required for hash-checking installs.
   */
  hashes: FileHashes;
}
/**
 * Nodes are indexes into lock.packages; an edge says 'from' requires 'to'.
 */
export interface DependencyGraph {
  /**
   * Dependency edges between lock.packages entries.
   */
  edges: DependencyEdge[];
}
/**
 * 'from' requires 'to'.
 */
export interface DependencyEdge {
  /**
   * Index of the dependent in lock.packages.
   */
  from: number;
  /**
   * Index of the dependency in lock.packages.
   */
  to: number;
}
/**
 * Counters of the resolver's work. No timings, so documents for a seed are reproducible (metadata.duration has the wall time).
 */
export interface ResolverStatistics {
  /**
   * Resolver iterations.
   */
  iterations: number;
  /**
   * Complete stacks accepted as products.
   */
  accepted_final_states: number;
  /**
   * Complete stacks discarded (beam or limit).
   */
  discarded_final_states: number;
  /**
   * Partial states expanded.
   */
  expanded_states: number;
  /**
   * Conflicts met (and learned from).
   */
  conflicts: number;
}
/**
 * Why an adviser run produced no stack.
 */
export interface AdviseError {
  /**
   * Kebab-case condition: 'unsatisfiable' (no stack exists), 'unresolved-dependencies' (knowledge missing), 'timeout', 'invalid-input', 'internal-error'.
   */
  code: string;
  /**
   * One-line explanation.
   */
  message: string;
  /**
   * For 'unsatisfiable': the proof that no stack exists; null otherwise.
   */
  derivation: Derivation | null;
  /**
   * Packages the knowledge graph lacks in the requested environment (each also sent as UnresolvedPackage).
   */
  unresolved: UnresolvedDependency[];
}
/**
 * A PubGrub-style derivation, flattened: incompatibilities by id, each either external (with a typed cause) or derived from two earlier ones. 'root' is the id of the final incompatibility ('the project cannot be installed'). Renderers turn it into prose.
 */
export interface Derivation {
  /**
   * Id of the concluding incompatibility.
   */
  root: number;
  /**
   * Every incompatibility of the proof; ids are unique.
   *
   * @minItems 1
   */
  incompatibilities: Incompatibility[];
}
/**
 * A set of terms that cannot all hold, and why.
 */
export interface Incompatibility {
  /**
   * Id referenced by derived causes and by 'root'.
   */
  id: number;
  /**
   * The terms that cannot all be true together.
   */
  terms: IncompatibilityTerm[];
  /**
   * Why the incompatibility holds.
   */
  cause: IncompatibilityCause;
}
/**
 * 'package is (not) in specifier'.
 */
export interface IncompatibilityTerm {
  /**
   * Normalized package name; '.' stands for the project being resolved.
   */
  package: string;
  /**
   * PEP 440 specifier; '' for any version.
   */
  specifier: string;
  /**
   * False when the term is negated ('not in specifier').
   */
  positive: boolean;
}
/**
 * The project itself requires this.
 */
export interface RootCause {
  /**
   * Cause tag.
   */
  kind: 'root';
}
/**
 * A release depends on another package.
 */
export interface DependencyCause {
  /**
   * Cause tag.
   */
  kind: 'dependency';
  /**
   * The depending package, normalized.
   */
  package: string;
  /**
   * The depending versions.
   */
  specifier: string;
}
/**
 * No known release of the package matches the specifier.
 */
export interface NoVersionsCause {
  /**
   * Cause tag.
   */
  kind: 'no-versions';
  /**
   * The package, normalized.
   */
  package: string;
  /**
   * The specifier nothing matched.
   */
  specifier: string;
}
/**
 * Releases exist but cannot be used here, for a typed reason.
 */
export interface UnavailableCause {
  /**
   * Cause tag.
   */
  kind: 'unavailable';
  /**
   * The package, normalized.
   */
  package: string;
  /**
   * The versions concerned.
   */
  specifier: string;
  /**
   * 'requires-python', 'yanked', 'not-installable' (solver verdict), 'not-solved' (no knowledge for this environment), 'no-compatible-file' (no wheel or sdist for the platform), 'removed-by-unit' (a sieve or prescription), 'security' (a known vulnerability under the security recommendation type).
   */
  reason:
    | 'requires-python'
    | 'yanked'
    | 'not-installable'
    | 'not-solved'
    | 'no-compatible-file'
    | 'removed-by-unit'
    | 'security';
  /**
   * Evidence, e.g. the Requires-Python value or the unit's name; null when none.
   */
  detail: string | null;
}
/**
 * Follows from two earlier incompatibilities (resolution of a conflict).
 */
export interface DerivedCause {
  /**
   * Cause tag.
   */
  kind: 'derived';
  /**
   * Ids of the two incompatibilities this one was derived from.
   *
   * @minItems 2
   * @maxItems 2
   */
  from: number[];
}
/**
 * A package the run needed and the graph did not know.
 */
export interface UnresolvedDependency {
  /**
   * The package, PEP 503 normalized.
   */
  name: PackageName;
  /**
   * The versions needed; '' for any.
   */
  specifier: string;
  /**
   * The index it was looked for on; null when on any configured index.
   */
  index_url: IndexUrl | null;
}
/**
 * An adviser run: the scored, explained stacks it recommends, request-level information, resolver statistics, and on failure an error with the derivation that explains it. Failure is always a complete document (the original sometimes wrote no report at all). Changed from v1: the user's current lock as a baseline, in result.baseline (the lock checked and scored like a product; null when the run had none) and product.baseline_comparison (score difference, changed pins and the advisories they avoid; null without a baseline), both required; every other definition is v1's, referenced from advise-result.v1.json. Stored under the 'adviser' kind with metadata.schema_version 2.
 */
export interface AdviserDocumentV2 {
  /**
   * Who produced the document, when and how.
   */
  metadata: DocumentMetadata;
  /**
   * The advice.
   */
  result: AdviseResultV2;
}
/**
 * Products (best first), request-level stack_info, statistics, error (null on success) and the user's lock scored as the baseline (null without one).
 */
export interface AdviseResultV2 {
  /**
   * The settings the run actually used, defaults filled in.
   */
  parameters: AdviseParameters;
  /**
   * Recommended stacks, best score first; empty when the run failed.
   */
  products: AdviserProductV2[];
  /**
   * Request-level information and warnings (assumptions made, knowledge gaps); present on success and failure alike.
   */
  stack_info: Justification[];
  /**
   * How much work the resolver did.
   */
  statistics: ResolverStatistics;
  /**
   * Why no stack could be recommended; null on success.
   */
  error: AdviseError | null;
  /**
   * The user's current lock scored like a product, when the request gave one; null when it gave none (no lock found, --no-baseline, or a text that is no lock, which stack_info reports).
   */
  baseline: AdviseBaseline | null;
}
/**
 * One recommended stack: its lock, its score, why, and its dependency graph.
 */
export interface AdviserProductV2 {
  /**
   * Total reward of the stack; higher is better.
   */
  score: number;
  /**
   * The fully pinned stack.
   */
  lock: StackLock;
  /**
   * Why this stack, package by package; never empty.
   *
   * @minItems 1
   */
  justification: Justification[];
  /**
   * Who depends on whom in the stack.
   */
  dependency_graph: DependencyGraph;
  /**
   * A better runtime environment the adviser suggests (e.g. a newer Python); null when none.
   */
  advised_runtime_environment: RuntimeEnvironment | null;
  /**
   * How this stack compares with the user's current lock (result.baseline); null when the run had none.
   */
  baseline_comparison: BaselineComparison | null;
}
/**
 * A product compared with the user's current lock.
 */
export interface BaselineComparison {
  /**
   * This product's score minus the lock's (positive: the advice is better); null when the lock has no score (not valid).
   */
  score_difference: number | null;
  /**
   * Packages whose pin differs from the lock's, sorted by name.
   */
  changes: BaselineChange[];
}
/**
 * One package pinned differently than in the lock.
 */
export interface BaselineChange {
  /**
   * The package, PEP 503 normalized.
   */
  name: PackageName;
  /**
   * The lock's version; null when the lock does not pin it.
   */
  from: string | null;
  /**
   * This product's version; null when the product does not contain it.
   */
  to: string | null;
  /**
   * Ids of advisories affecting the lock's version that do not affect this product's.
   */
  avoids: string[];
}
/**
 * The user's current lock, checked against the knowledge graph (is every pin known and usable here, do the pins satisfy the requirements and every dependency edge) and, when valid, replayed through the pipeline's steps exactly like a product. Lets the user see whether the advice is better than what they run today.
 */
export interface AdviseBaseline {
  /**
   * Where the lock came from, as the user named it (a file name such as 'Pipfile.lock', or 'requirements_locked' of the request).
   */
  source: string;
  /**
   * The lock's format.
   */
  format: 'requirements-txt' | 'pipfile-lock' | 'pylock-toml';
  /**
   * True when the pins form a valid stack for the requirements in this environment (no reasons).
   */
  valid: boolean;
  /**
   * Total reward of the lock's stack under the run's pipeline, comparable with products' scores; null when the lock is not valid or could not be scored.
   */
  score: number | null;
  /**
   * True when the lock is valid and no advised stack scores higher: the current lock is already the best found.
   */
  best: boolean;
  /**
   * The lock's pins for this environment (markers evaluated; other categories than the default one left out), sorted by name.
   */
  pins: BaselinePin[];
  /**
   * Why the lock is not a valid stack here; empty when it is.
   */
  reasons: BaselineReason[];
  /**
   * What the pipeline's steps said about the lock's packages (advisories, distance from the newest releases) and notes on pins nothing requires; empty when nothing was said.
   */
  justification: Justification[];
}
/**
 * One pin of the lock.
 */
export interface BaselinePin {
  /**
   * The package, PEP 503 normalized.
   */
  name: PackageName;
  /**
   * The pinned version as the lock writes it.
   */
  version: string;
}
/**
 * One reason the user's lock is not a valid stack for the requirements in this environment.
 */
export interface BaselineReason {
  /**
   * 'unknown-package' / 'unknown-version' (the knowledge graph has no such package / release), an unavailability of the pinned release ('requires-python', 'yanked', 'not-installable', 'not-solved', 'no-compatible-file', 'removed-by-unit', 'security': affected by an advisory under the security type), 'requirement-not-pinned' / 'requirement-violated' (a requirement of the project), 'constraint-violated', 'dependency-not-pinned' / 'dependency-violated' (an edge of a pinned release), 'conflicting-pins' (two versions of one package), 'direct-reference' (a URL, path or VCS entry the graph cannot check), 'refused-by-unit' (a step or stride refused the stack).
   */
  kind:
    | 'unknown-package'
    | 'unknown-version'
    | 'requires-python'
    | 'yanked'
    | 'not-installable'
    | 'not-solved'
    | 'no-compatible-file'
    | 'removed-by-unit'
    | 'security'
    | 'requirement-not-pinned'
    | 'requirement-violated'
    | 'constraint-violated'
    | 'dependency-not-pinned'
    | 'dependency-violated'
    | 'conflicting-pins'
    | 'direct-reference'
    | 'refused-by-unit';
  /**
   * The package concerned; null when the entry names none (a direct reference without a name).
   */
  package_name: PackageName | null;
  /**
   * The version the lock pins for it; null when it pins none.
   */
  version: string | null;
  /**
   * The specifier that is violated or unpinned, e.g. '>=2'; null when none is involved.
   */
  specifier: string | null;
  /**
   * Who asks for the specifier: 'name==version' of a pinned release, or null for the project itself (and for reasons without a specifier).
   */
  required_by: string | null;
  /**
   * One sentence naming the pin and what is wrong.
   */
  message: string;
  /**
   * Evidence: the unavailability detail (Requires-Python value, the unit and advisory ids), the unit's message; null when none.
   */
  detail: string | null;
}
/**
 * A Dependency Monkey request body, stored at dependency-monkey/<document_id>.request before DependencyMonkeyRequested is sent.
 */
export interface DependencyMonkeyRequest {
  /**
   * The requirements to generate stacks from.
   */
  application_stack: ApplicationStack;
  /**
   * The environment the stacks are for.
   */
  runtime_environment: RuntimeEnvironment;
  /**
   * The inspection to run for each stack; its python part is filled in per generated stack, replacing any given here.
   */
  context: InspectionSpecification;
  /**
   * Predictor driving the exploration (kebab-case, e.g. 'random-walk', 'approximating-latest'); null chooses from the decision type.
   */
  predictor?: string | null;
  /**
   * Predictor-specific settings by name; null for its defaults.
   */
  predictor_config?: {
    [k: string]: unknown;
  } | null;
  /**
   * Explicit pipeline: unit type ('boots', 'sieves', …) to the units and their configuration; null for the default pipeline.
   */
  pipeline?: {
    [k: string]: unknown;
  } | null;
}
/**
 * How to build and run one stack: base image, native packages, the Python stack, a script and resources.
 */
export interface InspectionSpecification {
  /**
   * Base container image, e.g. 'quay.io/fedora/python-311'.
   */
  base: string;
  /**
   * Short label that goes into the inspection id.
   */
  identifier?: string;
  /**
   * Installer used for the Python stack.
   */
  package_manager?: 'pip' | 'micropipenv' | 'pipenv';
  /**
   * How many times to run the script (default 1).
   */
  batch_size?: number;
  /**
   * Native (RPM or DEB) packages to install first.
   */
  packages?: string[];
  /**
   * Python tools to pip-install outside the stack.
   */
  python_packages?: string[];
  python?: InspectionPython;
  /**
   * Files written into the image before the run.
   */
  files?: InspectionFile[];
  /**
   * Environment variables set for the run.
   */
  environment?: InspectionEnvVar[];
  /**
   * The program to run (its stdout should be JSON); null for a build-only inspection.
   */
  script?: string | null;
  /**
   * Upgrade pip before installing.
   */
  upgrade_pip?: boolean;
  /**
   * Resources for the build.
   */
  build?: InspectionResources;
  /**
   * Resources for each run.
   */
  run?: InspectionResources;
}
/**
 * The Python stack to install; Dependency Monkey fills it in for every generated stack.
 */
export interface InspectionPython {
  /**
   * Requirements and lock.
   */
  application_stack: ApplicationStack;
  /**
   * The environment the stack is for.
   */
  runtime_environment: RuntimeEnvironment;
}
/**
 * One file to write.
 */
export interface InspectionFile {
  /**
   * Absolute path in the image.
   */
  path: string;
  /**
   * File content (text).
   */
  content: string;
}
/**
 * One environment variable.
 */
export interface InspectionEnvVar {
  /**
   * Variable name.
   */
  name: string;
  /**
   * Its value.
   */
  value: string;
}
/**
 * Kubernetes resource requests and hardware placement.
 */
export interface InspectionResources {
  /**
   * CPU request as a Kubernetes quantity, e.g. '500m'.
   */
  cpu?: string;
  /**
   * Memory request as a Kubernetes quantity, e.g. '2Gi'.
   */
  memory?: string;
  /**
   * Hardware the pod must be placed on.
   */
  hardware?: Hardware;
}
/**
 * A Dependency Monkey run: the stacks it generated and the inspection submitted for each. Stored under the 'dependency-monkey' kind.
 */
export interface DependencyMonkeyDocument {
  /**
   * Who produced the document, when and how.
   */
  metadata: DocumentMetadata;
  /**
   * The report.
   */
  result: DependencyMonkeyResult;
}
/**
 * Parameters, report and error (null on success).
 */
export interface DependencyMonkeyResult {
  parameters: DependencyMonkeyParameters;
  report: DependencyMonkeyReport;
  /**
   * Why the run failed; null on success.
   */
  error: ErrorInfo | null;
}
/**
 * The settings the run used.
 */
export interface DependencyMonkeyParameters {
  /**
   * The random seed used.
   */
  seed: number;
  /**
   * 'all' or 'random'.
   */
  decision_type: 'all' | 'random';
  /**
   * How many stacks were asked for.
   */
  count: number;
  /**
   * Newest N versions considered per package; null for all.
   */
  limit_latest_versions: number | null;
  /**
   * True when no inspections were submitted.
   */
  dry_run: boolean;
  /**
   * The predictor used (kebab-case).
   */
  predictor: string;
}
/**
 * What was generated and submitted.
 */
export interface DependencyMonkeyReport {
  /**
   * Stacks generated but not submitted (submission failed).
   */
  skipped: number;
  /**
   * One entry per submitted (or, in a dry run, generated) stack.
   */
  responses: DependencyMonkeyResponse[];
}
/**
 * A generated stack and the inspection it became.
 */
export interface DependencyMonkeyResponse {
  /**
   * The inspection submitted for the stack; null in a dry run.
   */
  inspection_id: DocumentId | null;
  /**
   * The generated stack.
   */
  product: AdviserProduct;
}
/**
 * Every stored analysis result: metadata saying who produced it, when, with which arguments and where, plus the kind-specific result. Stored at <prefix>/<deployment>/<kind>/<document_id>.
 */
export interface DocumentEnvelope {
  /**
   * Who produced the document, when and how.
   */
  metadata: DocumentMetadata;
  /**
   * Kind-specific content, constrained by the document kind's schema.
   */
  result: {
    [k: string]: unknown;
  };
}
/**
 * An inspection: one stack built into an image and run a number of times, with each run's measurements. Stored under the 'inspection' kind, in the common envelope (the original kept inspections outside it).
 */
export interface InspectionDocument {
  /**
   * Who produced the document, when and how.
   */
  metadata: DocumentMetadata;
  /**
   * The build and the runs.
   */
  result: InspectionResult;
}
/**
 * What was built and what each run observed.
 */
export interface InspectionResult {
  /**
   * The Dependency Monkey run that submitted the inspection; null for a direct submission.
   */
  dependency_monkey_document_id: DocumentId | null;
  /**
   * What was asked for.
   */
  specification: InspectionSpecification;
  build: InspectionBuild;
  /**
   * One entry per run, in order.
   */
  runs: InspectionRun[];
}
/**
 * Outcome of building the image.
 */
export interface InspectionBuild {
  /**
   * True when the image was built.
   */
  succeeded: boolean;
  /**
   * Tail of the build log; null when not kept.
   */
  log: string | null;
}
/**
 * One run of the script.
 */
export interface InspectionRun {
  /**
   * Run number, from 0.
   */
  number: number;
  /**
   * When the run started.
   */
  datetime: string;
  /**
   * The script's exit code.
   */
  exit_code: number;
  /**
   * Node or pod the run happened on.
   */
  hostname: string | null;
  /**
   * The environment observed in the container; null when it could not be read.
   */
  runtime_environment: RuntimeEnvironment | null;
  /**
   * Raw hardware probe output (CPU features, caches), as the probe reports it; null when not collected.
   */
  hardware_info: {
    [k: string]: unknown;
  } | null;
  /**
   * SHA-256 of the script that ran.
   */
  script_sha256: string | null;
  /**
   * The script's standard output, parsed as JSON when it is JSON, else the text.
   */
  stdout: {
    [k: string]: unknown;
  };
  /**
   * The script's standard error (tail).
   */
  stderr: string;
  /**
   * Resource usage of the script from getrusage, by field name (ru_utime and ru_stime in seconds, ru_maxrss in KiB, …).
   */
  usage: {
    [k: string]: number;
  };
}
/**
 * One YAML file of a prescription (declarative adviser pipeline units, reference §6). Either a whole prescription (api_version, kind, spec: {name, release, units}) or, in a prescription directory, the metadata file `_prescription_metadata.yaml` (prescription: {name, release}) and unit files (units: {...}). The original's Kubernetes-style key `apiVersion` is accepted and read as api_version.
 */
export interface PrescriptionFile {
  /**
   * Prescription API version.
   */
  api_version?: 'thoth-station.ninja/v1';
  /**
   * Always 'prescription'.
   */
  kind?: 'prescription';
  spec?: PrescriptionSpec;
  prescription?: PrescriptionIdentity;
  /**
   * Units of a unit file inside a prescription directory, by type.
   */
  units?: PrescriptionUnits;
  /**
   * Free-form notes about the file; ignored by the adviser.
   */
  metadata?: {
    [k: string]: unknown;
  };
}
/**
 * A whole prescription in one file.
 */
export interface PrescriptionSpec {
  /**
   * Prescription name: the namespace of its units.
   */
  name: PrescriptionName;
  /**
   * Release identifier, e.g. a calver '2024.03.01'.
   */
  release: string;
  /**
   * The units, by type.
   */
  units: PrescriptionUnits;
}
/**
 * Units grouped by type, each list in running order.
 */
export interface PrescriptionUnits {
  /**
   * Boot units.
   */
  boots?: PrescriptionBootUnit[];
  /**
   * Pseudonym units.
   */
  pseudonyms?: PrescriptionPseudonymUnit[];
  /**
   * Sieve units.
   */
  sieves?: PrescriptionSieveUnit[];
  /**
   * Step units.
   */
  steps?: PrescriptionStepUnit[];
  /**
   * Stride units.
   */
  strides?: PrescriptionStrideUnit[];
  /**
   * Wrap units.
   */
  wraps?: PrescriptionWrapUnit[];
}
/**
 * Runs once before resolution.
 */
export interface PrescriptionBootUnit {
  /**
   * Unit name, unique within its prescription; referenced as '<prescription>.<name>'.
   */
  name: string;
  /**
   * Unit type.
   */
  type: 'boot';
  /**
   * Free-form notes (author, source, issue); ignored by the adviser.
   */
  metadata?: {
    [k: string]: unknown;
  };
  /**
   * When the unit registers in a pipeline.
   */
  should_include?: PrescriptionShouldInclude;
  run: PrescriptionBootRun;
  /**
   * Run only when this package is a direct dependency; a list registers one instance per entry.
   */
  match?: PrescriptionBootMatch | PrescriptionBootMatch[];
}
/**
 * When the unit registers. A unit with neither adviser_pipeline nor dependency_monkey_pipeline never registers (as in the original).
 */
export interface PrescriptionShouldInclude {
  /**
   * 1 registers the unit once (default); 0 turns it off.
   */
  times?: 0 | 1;
  /**
   * Register in adviser runs (default false).
   */
  adviser_pipeline?: boolean;
  /**
   * Register in dependency monkey runs (default false).
   */
  dependency_monkey_pipeline?: boolean;
  /**
   * Recommendation types the unit applies to (adviser runs). An unknown type is a load warning, not an error: the unit never registers for it.
   */
  recommendation_types?:
    | string[]
    | {
        /**
         * The values that must NOT match (the list is inverted).
         */
        not: string[];
      };
  /**
   * Decision types the unit applies to (dependency monkey runs: all, random). An unknown type is a load warning.
   */
  decision_types?:
    | string[]
    | {
        /**
         * The values that must NOT match (the list is inverted).
         */
        not: string[];
      };
  /**
   * Request labels; the unit registers when ANY of them matches (the original's semantics).
   */
  labels?: {
    [k: string]: string;
  };
  /**
   * Units that must already be registered.
   */
  dependencies?: PrescriptionDependencies;
  /**
   * Conditions on the runtime environment.
   */
  runtime_environments?: PrescriptionRuntimeEnvironments;
}
/**
 * Units that must already be included (any unit name, built-in or '<prescription>.<name>'); an unknown name never matches.
 */
export interface PrescriptionDependencies {
  /**
   * Required boots.
   */
  boots?: string[];
  /**
   * Required pseudonyms.
   */
  pseudonyms?: string[];
  /**
   * Required sieves.
   */
  sieves?: string[];
  /**
   * Required steps.
   */
  steps?: string[];
  /**
   * Required strides.
   */
  strides?: string[];
  /**
   * Required wraps.
   */
  wraps?: string[];
}
/**
 * Conditions on the runtime environment; every field given must match.
 */
export interface PrescriptionRuntimeEnvironments {
  /**
   * Operating systems, any of which matches; a missing name or version matches any.
   */
  operating_systems?: PrescriptionOperatingSystem[];
  /**
   * Hardware combinations, any of which matches.
   */
  hardware?:
    | PrescriptionHardware[]
    | {
        /**
         * The values that must NOT match (the list is inverted).
         */
        not: PrescriptionHardware[];
      };
  /**
   * PEP 440 specifier the environment's Python major.minor must satisfy, e.g. '>=3.8,<3.10'.
   */
  python_version?: string;
  /**
   * PEP 440 specifier the environment's CUDA version must satisfy; null means it must be absent.
   */
  cuda_version?: string | null;
  /**
   * PEP 440 specifier the environment's cuDNN version must satisfy; null means it must be absent.
   */
  cudnn_version?: string | null;
  /**
   * PEP 440 specifier the environment's OpenBLAS version must satisfy; null means it must be absent.
   */
  openblas_version?: string | null;
  /**
   * PEP 440 specifier the environment's Open MPI version must satisfy; null means it must be absent.
   */
  openmpi_version?: string | null;
  /**
   * PEP 440 specifier the environment's MKL version must satisfy; null means it must be absent.
   */
  mkl_version?: string | null;
  /**
   * Platforms, e.g. 'linux-x86_64'.
   */
  platforms?:
    | string[]
    | {
        /**
         * The values that must NOT match (the list is inverted).
         */
        not: string[];
      };
  /**
   * Container base images; a trailing '*' matches any tag.
   */
  base_images?:
    | string[]
    | {
        /**
         * The values that must NOT match (the list is inverted).
         */
        not: string[];
      };
}
/**
 * One operating system.
 */
export interface PrescriptionOperatingSystem {
  /**
   * os-release ID, e.g. 'rhel'.
   */
  name?: string;
  /**
   * os-release VERSION_ID, e.g. '9'.
   */
  version?: string | number;
}
/**
 * One hardware combination; every field given must match.
 */
export interface PrescriptionHardware {
  /**
   * CPU family numbers.
   */
  cpu_families?:
    | number[]
    | {
        /**
         * The values that must NOT match (the list is inverted).
         */
        not: number[];
      };
  /**
   * CPU model numbers.
   */
  cpu_models?:
    | number[]
    | {
        /**
         * The values that must NOT match (the list is inverted).
         */
        not: number[];
      };
  /**
   * CPU flags that must all be present, e.g. ['avx2'].
   */
  cpu_flags?: string[];
  /**
   * GPU model names; null stands for 'no GPU'.
   */
  gpu_models?:
    | (string | null)[]
    | {
        /**
         * The values that must NOT match (the list is inverted).
         */
        not: (string | null)[];
      };
}
/**
 * What the boot does.
 */
export interface PrescriptionBootRun {
  /**
   * Entries added once per run to the request-level stack_info when the unit acts.
   */
  stack_info?: PrescriptionMessage[];
  /**
   * A message written to the adviser's log when the unit acts.
   */
  log?: PrescriptionLog;
  /**
   * Abort the run with this message.
   */
  not_acceptable?: string;
  /**
   * Stop resolving with this message.
   */
  eager_stop_pipeline?: string;
}
/**
 * A stack_info or justification entry. Severities are accepted in the original's upper case and in lower case.
 */
export interface PrescriptionMessage {
  /**
   * Severity.
   */
  type: 'INFO' | 'WARNING' | 'ERROR' | 'info' | 'warning' | 'error';
  /**
   * The text shown to the user.
   */
  message: string;
  /**
   * A URL or a short justification id.
   */
  link?: string | null;
  /**
   * The package the entry is about.
   */
  package_name?: string | null;
}
/**
 * A log line.
 */
export interface PrescriptionLog {
  /**
   * Log level.
   */
  type?: 'INFO' | 'WARNING' | 'ERROR' | 'info' | 'warning' | 'error';
  /**
   * The text logged.
   */
  message: string;
}
/**
 * Which project the boot runs for.
 */
export interface PrescriptionBootMatch {
  /**
   * A direct dependency that must be present.
   */
  package_name: string;
}
/**
 * Offers an alternative package for a matching candidate.
 */
export interface PrescriptionPseudonymUnit {
  /**
   * Unit name, unique within its prescription; referenced as '<prescription>.<name>'.
   */
  name: string;
  /**
   * Unit type.
   */
  type: 'pseudonym';
  /**
   * Free-form notes (author, source, issue); ignored by the adviser.
   */
  metadata?: {
    [k: string]: unknown;
  };
  /**
   * When the unit registers in a pipeline.
   */
  should_include?: PrescriptionShouldInclude;
  run: PrescriptionPseudonymRun;
  /**
   * The package (and versions) the alternative is offered for; a list registers one instance per entry.
   */
  match: PrescriptionPseudonymMatch | PrescriptionPseudonymMatch[];
}
/**
 * What the pseudonym offers.
 */
export interface PrescriptionPseudonymRun {
  /**
   * Entries added once per run to the request-level stack_info when the unit acts.
   */
  stack_info?: PrescriptionMessage[];
  /**
   * A message written to the adviser's log when the unit acts.
   */
  log?: PrescriptionLog;
  yield: PrescriptionYield;
}
/**
 * The alternative package.
 */
export interface PrescriptionYield {
  /**
   * Offer the alias in the matched package's version (default false).
   */
  yield_matched_version?: boolean;
  package_version: PrescriptionYieldPackage;
}
/**
 * The alias.
 */
export interface PrescriptionYieldPackage {
  /**
   * Alias package name.
   */
  name: string;
  /**
   * '==<version>' of the alias; absent (and yield_matched_version false) offers every known version.
   */
  locked_version?: string;
  /**
   * Index the alias must come from.
   */
  index_url?: string;
}
/**
 * The package the pseudonym applies to.
 */
export interface PrescriptionPseudonymMatch {
  /**
   * The matched package; name is required.
   */
  package_version: PrescriptionPackageVersion;
}
/**
 * Matches a package version: every field given must match.
 */
export interface PrescriptionPackageVersion {
  /**
   * Package name (PEP 503 normalized on load).
   */
  name?: string;
  /**
   * PEP 440 specifier set, e.g. '>=2.0,<2.3'; pre-releases match. A set is a conjunction: '<1.0,>1.4' matches nothing (a defect of the original data this adviser warns about).
   */
  version?: string;
  /**
   * Index the release must come from, or {not: url} for any other index.
   */
  index_url?:
    | string
    | {
        /**
         * The index that must not match.
         */
        not: string;
      };
  /**
   * Development dependency or not (this adviser resolves no development dependencies: true never matches).
   */
  develop?: boolean;
}
/**
 * sieve: removes matching candidates. sieve.SkipPackage: drops the package and what only it pulls in.
 */
export interface PrescriptionSieveUnit {
  /**
   * Unit name, unique within its prescription; referenced as '<prescription>.<name>'.
   */
  name: string;
  /**
   * Unit type.
   */
  type: 'sieve' | 'sieve.SkipPackage';
  /**
   * Free-form notes (author, source, issue); ignored by the adviser.
   */
  metadata?: {
    [k: string]: unknown;
  };
  /**
   * When the unit registers in a pipeline.
   */
  should_include?: PrescriptionShouldInclude;
  run: PrescriptionSieveRun;
  /**
   * What the sieve removes; a list registers one instance per entry.
   */
  match: PrescriptionSieveMatch | PrescriptionSieveMatch[];
}
/**
 * What the sieve reports.
 */
export interface PrescriptionSieveRun {
  /**
   * Entries added once per run to the request-level stack_info when the unit acts.
   */
  stack_info?: PrescriptionMessage[];
  /**
   * A message written to the adviser's log when the unit acts.
   */
  log?: PrescriptionLog;
}
/**
 * package_version (sieve) or package_name (sieve.SkipPackage).
 */
export interface PrescriptionSieveMatch {
  /**
   * Candidates matching this are removed (sieve).
   */
  package_version?: PrescriptionPackageVersion;
  /**
   * The package to drop from the stack (sieve.SkipPackage).
   */
  package_name?: string;
}
/**
 * step: scores, explains or rejects adding a candidate. step.SkipPackage: drops the candidate's package.
 */
export interface PrescriptionStepUnit {
  /**
   * Unit name, unique within its prescription; referenced as '<prescription>.<name>'.
   */
  name: string;
  /**
   * Unit type.
   */
  type: 'step' | 'step.SkipPackage';
  /**
   * Free-form notes (author, source, issue); ignored by the adviser.
   */
  metadata?: {
    [k: string]: unknown;
  };
  /**
   * When the unit registers in a pipeline.
   */
  should_include?: PrescriptionShouldInclude;
  run: PrescriptionStepRun;
  /**
   * When the step acts; a list registers one instance per entry.
   */
  match: PrescriptionStepMatch | PrescriptionStepMatch[];
}
/**
 * What the step does when it matches.
 */
export interface PrescriptionStepRun {
  /**
   * Entries added once per run to the request-level stack_info when the unit acts.
   */
  stack_info?: PrescriptionMessage[];
  /**
   * A message written to the adviser's log when the unit acts.
   */
  log?: PrescriptionLog;
  /**
   * Reward added to the state, in [-1, 1].
   */
  score?: number;
  /**
   * Entries added to the justification of every stack the step scored.
   */
  justification?: PrescriptionMessage[];
  /**
   * Reject the action with this message (the state is discarded).
   */
  not_acceptable?: string;
  /**
   * Stop resolving with this message.
   */
  eager_stop_pipeline?: string;
  /**
   * Also run when a second dependent introduces an already resolved package (default false).
   */
  multi_package_resolution?: boolean;
}
/**
 * The candidate being added and, optionally, the state it is added to.
 */
export interface PrescriptionStepMatch {
  /**
   * The candidate.
   */
  package_version: PrescriptionPackageVersion;
  /**
   * Conditions on the state.
   */
  state?: PrescriptionStateMatch;
}
/**
 * Conditions on the resolver state.
 */
export interface PrescriptionStateMatch {
  /**
   * Packages that must all be resolved in the state, each matching its entry.
   *
   * @minItems 1
   */
  resolved_dependencies?: PrescriptionPackageVersion[];
}
/**
 * Accepts or discards final states.
 */
export interface PrescriptionStrideUnit {
  /**
   * Unit name, unique within its prescription; referenced as '<prescription>.<name>'.
   */
  name: string;
  /**
   * Unit type.
   */
  type: 'stride';
  /**
   * Free-form notes (author, source, issue); ignored by the adviser.
   */
  metadata?: {
    [k: string]: unknown;
  };
  /**
   * When the unit registers in a pipeline.
   */
  should_include?: PrescriptionShouldInclude;
  run: PrescriptionStrideRun;
  /**
   * Which final states the stride acts on; a list registers one instance per entry.
   */
  match?: PrescriptionFinalStateMatch | PrescriptionFinalStateMatch[];
}
/**
 * What the stride does with a matching final state.
 */
export interface PrescriptionStrideRun {
  /**
   * Entries added once per run to the request-level stack_info when the unit acts.
   */
  stack_info?: PrescriptionMessage[];
  /**
   * A message written to the adviser's log when the unit acts.
   */
  log?: PrescriptionLog;
  /**
   * Discard the final state with this message.
   */
  not_acceptable?: string;
  /**
   * Accept the state and stop resolving, with this message.
   */
  eager_stop_pipeline?: string;
}
/**
 * Conditions on a final state.
 */
export interface PrescriptionFinalStateMatch {
  /**
   * Conditions on the state.
   */
  state: PrescriptionStateMatch;
}
/**
 * Explains products.
 */
export interface PrescriptionWrapUnit {
  /**
   * Unit name, unique within its prescription; referenced as '<prescription>.<name>'.
   */
  name: string;
  /**
   * Unit type.
   */
  type: 'wrap' | 'wrap.GHReleaseNotes';
  /**
   * Free-form notes (author, source, issue); ignored by the adviser.
   */
  metadata?: {
    [k: string]: unknown;
  };
  /**
   * When the unit registers in a pipeline.
   */
  should_include?: PrescriptionShouldInclude;
  run: PrescriptionWrapRun;
  /**
   * Which products the wrap explains; a list registers one instance per entry.
   */
  match?: PrescriptionFinalStateMatch | PrescriptionFinalStateMatch[];
}
/**
 * What the wrap adds to a matching product.
 */
export interface PrescriptionWrapRun {
  /**
   * Entries added once per run to the request-level stack_info when the unit acts.
   */
  stack_info?: PrescriptionMessage[];
  /**
   * A message written to the adviser's log when the unit acts.
   */
  log?: PrescriptionLog;
  /**
   * Entries added to the product's justification.
   */
  justification?: PrescriptionMessage[];
  release_notes?: PrescriptionReleaseNotes;
}
/**
 * wrap.GHReleaseNotes: link to the GitHub release of the first resolved dependency's version.
 */
export interface PrescriptionReleaseNotes {
  /**
   * GitHub organization.
   */
  organization: string;
  /**
   * GitHub repository.
   */
  repository: string;
  /**
   * Prefix of release tags, e.g. 'v'.
   */
  tag_version_prefix?: string;
}
/**
 * Name and release of the prescription a directory holds (`_prescription_metadata.yaml`).
 */
export interface PrescriptionIdentity {
  /**
   * Prescription name: the namespace of its units.
   */
  name: PrescriptionName;
  /**
   * Release identifier, e.g. a calver '2024.03.01'.
   */
  release: string;
}
/**
 * A request to check a lock file's provenance, stored at provenance-checker/<document_id>.request before ProvenanceCheckRequested is sent.
 */
export interface ProvenanceRequest {
  /**
   * The project's requirements and the lock to check (requirements_locked must not be null).
   */
  application_stack: ApplicationStack;
  /**
   * Only these indexes may serve artifacts; null allows every index the deployment knows.
   */
  allowed_indexes: IndexUrl[] | null;
}
/**
 * Where the artifacts of a lock file come from, and what is wrong with that. Stored under the 'provenance-checker' kind.
 */
export interface ProvenanceDocument {
  /**
   * Who produced the document, when and how.
   */
  metadata: DocumentMetadata;
  /**
   * The findings.
   */
  result: ProvenanceResult;
}
/**
 * Findings of a provenance check; error is set only when the check itself could not run.
 */
export interface ProvenanceResult {
  /**
   * The indexes allowed by the request; null for all known ones.
   */
  allowed_indexes: IndexUrl[] | null;
  /**
   * What was found, errors first.
   */
  findings: ProvenanceFinding[];
  /**
   * Why the check could not run; null when it ran.
   */
  error: ErrorInfo | null;
}
/**
 * One provenance problem or observation.
 */
export interface ProvenanceFinding {
  /**
   * Severity.
   */
  type: 'info' | 'warning' | 'error';
  /**
   * What was found: 'invalid-lock-hash' (the manifest hash differs from the lock's), 'artifact-different-source' (locked hashes are not on the pinned index), 'artifact-possible-different-source' (identical artifacts also exist elsewhere), 'different-artifacts-on-sources' (no index pinned and indexes serve different files), 'missing-package' (the pinned index lacks the release), 'invalid-artifact-hash' (a locked hash exists on no index), 'source-not-allowed' (index outside allowed_indexes), 'insecure-source' (TLS verification disabled).
   */
  id:
    | 'invalid-lock-hash'
    | 'artifact-different-source'
    | 'artifact-possible-different-source'
    | 'different-artifacts-on-sources'
    | 'missing-package'
    | 'invalid-artifact-hash'
    | 'source-not-allowed'
    | 'insecure-source';
  /**
   * One-line explanation naming the package and index.
   */
  message: string;
  /**
   * The package concerned; null for lock-wide findings.
   */
  package_name: PackageName | null;
  /**
   * The locked version concerned; null for lock-wide findings.
   */
  package_version: PackageVersion | null;
  /**
   * The index the lock pins for the package; null when none is pinned.
   */
  index_url: IndexUrl | null;
  /**
   * Indexes where the artifact was actually found.
   */
  indexes: IndexUrl[];
  /**
   * The artifact digest concerned; null when the finding is not about one artifact.
   */
  sha256: string | null;
}
/**
 * Where the artifacts of a lock file come from, and what is wrong with that (v2: adds yanked and missing-hashes findings, the artifact's file name and a documentation link per finding). Stored under the 'provenance-checker' kind with metadata.schema_version 2.
 */
export interface ProvenanceDocumentV2 {
  /**
   * Who produced the document, when and how.
   */
  metadata: DocumentMetadata;
  /**
   * The findings.
   */
  result: ProvenanceResultV2;
}
/**
 * Findings of a provenance check; error is set only when the check itself could not run.
 */
export interface ProvenanceResultV2 {
  /**
   * The indexes allowed by the request; null for all known ones.
   */
  allowed_indexes: IndexUrl[] | null;
  /**
   * What was found, errors first.
   */
  findings: ProvenanceFindingV2[];
  /**
   * Why the check could not run; null when it ran.
   */
  error: ErrorInfo | null;
}
/**
 * One provenance problem or observation.
 */
export interface ProvenanceFindingV2 {
  /**
   * Severity.
   */
  type: 'info' | 'warning' | 'error';
  /**
   * What was found: 'invalid-lock-hash' (the manifest hash differs from the lock's), 'artifact-different-source' (locked hashes are not on the pinned index), 'artifact-possible-different-source' (identical artifacts also exist elsewhere), 'different-artifacts-on-sources' (no index pinned and indexes serve different files), 'missing-package' (the pinned index lacks the release), 'invalid-artifact-hash' (a locked hash exists on no index), 'source-not-allowed' (index outside allowed_indexes), 'insecure-source' (TLS verification disabled), 'yanked' (the locked release is yanked on its index, PEP 592), 'missing-hashes' (the lock records no hash, so nothing ties the install to an artifact).
   */
  id:
    | 'invalid-lock-hash'
    | 'artifact-different-source'
    | 'artifact-possible-different-source'
    | 'different-artifacts-on-sources'
    | 'missing-package'
    | 'invalid-artifact-hash'
    | 'source-not-allowed'
    | 'insecure-source'
    | 'yanked'
    | 'missing-hashes';
  /**
   * One-line explanation naming the package and index.
   */
  message: string;
  /**
   * The package concerned; null for lock-wide findings.
   */
  package_name: PackageName | null;
  /**
   * The locked version concerned; null for lock-wide findings.
   */
  package_version: PackageVersion | null;
  /**
   * The index the lock pins for the package; null when none is pinned.
   */
  index_url: IndexUrl | null;
  /**
   * Indexes where the artifact was actually found.
   */
  indexes: IndexUrl[];
  /**
   * The artifact digest concerned; null when the finding is not about one artifact.
   */
  sha256: string | null;
  /**
   * The artifact file concerned (e.g. 'requests-2.32.3-py3-none-any.whl'); null when the finding is not about one file or the file is unknown.
   */
  filename: string | null;
  /**
   * A URL to read about the finding (the release page, the PEP); null when there is nothing to read.
   */
  link: string | null;
}
/**
 * Security indicators of one release's source: bandit findings counted by severity and confidence, and cloc line counts. Stored under the 'security-indicator' kind.
 */
export interface SecurityIndicatorDocument {
  /**
   * Who produced the document, when and how.
   */
  metadata: DocumentMetadata;
  /**
   * The aggregated indicators.
   */
  result: SecurityIndicatorResult;
}
/**
 * Aggregates for one release; bandit and cloc are null when error is set.
 */
export interface SecurityIndicatorResult {
  /**
   * The package, PEP 503 normalized.
   */
  package_name: PackageName;
  /**
   * The analyzed release.
   */
  package_version: PackageVersion;
  /**
   * The index its sdist was downloaded from.
   */
  index_url: IndexUrl;
  /**
   * When the release was uploaded; null when unknown.
   */
  released_at: string | null;
  /**
   * Bandit aggregate; null on error.
   */
  bandit: BanditAggregate | null;
  /**
   * cloc aggregate; null on error.
   */
  cloc: ClocAggregate | null;
  /**
   * Why the analysis failed (a real failure, including bandit's own errors, which the original forced to false); null on success. Set here in the result, where the sync reads it.
   */
  error: ErrorInfo | null;
}
/**
 * Bandit findings over the release's non-test files.
 */
export interface BanditAggregate {
  /**
   * Version of bandit that ran.
   */
  bandit_version: string;
  /**
   * Issue counts keyed by the issue's SEVERITY first, then its CONFIDENCE: by_severity.high.low counts high-severity, low-confidence issues. (The original aggregator swapped the two axes.)
   */
  by_severity: BanditSeverityCounts;
  /**
   * Files with at least one issue.
   */
  files_with_issues: number;
  /**
   * Files bandit analyzed after filtering.
   */
  files_analyzed: number;
  /**
   * Files left out (under test directories).
   */
  files_filtered: number;
  /**
   * All Python files found.
   */
  files_total: number;
}
/**
 * Per bandit severity level, the counts per confidence level.
 */
export interface BanditSeverityCounts {
  /**
   * Issues of UNDEFINED severity, by confidence.
   */
  undefined: BanditConfidenceCounts;
  /**
   * Issues of LOW severity, by confidence.
   */
  low: BanditConfidenceCounts;
  /**
   * Issues of MEDIUM severity, by confidence.
   */
  medium: BanditConfidenceCounts;
  /**
   * Issues of HIGH severity, by confidence.
   */
  high: BanditConfidenceCounts;
}
/**
 * Issue counts of one severity per bandit confidence level.
 */
export interface BanditConfidenceCounts {
  /**
   * Issues of UNDEFINED confidence.
   */
  undefined: number;
  /**
   * Issues of LOW confidence.
   */
  low: number;
  /**
   * Issues of MEDIUM confidence.
   */
  medium: number;
  /**
   * Issues of HIGH confidence.
   */
  high: number;
}
/**
 * Line counts per language, from cloc.
 */
export interface ClocAggregate {
  /**
   * Version of cloc that ran.
   */
  cloc_version: string;
  /**
   * Counts per language as cloc names it, e.g. 'Python', 'C'.
   */
  languages: {
    [k: string]: LineCounts;
  };
  /**
   * Counts over all languages.
   */
  sum: LineCounts;
}
/**
 * cloc's counters for a set of files.
 */
export interface LineCounts {
  /**
   * Number of files (cloc nFiles).
   */
  files: number;
  /**
   * Blank lines.
   */
  blank: number;
  /**
   * Comment lines.
   */
  comment: number;
  /**
   * Code lines.
   */
  code: number;
}
/**
 * What a solver learned about releases: environment-independent facts (files, hashes, requires-python, yanked, dependencies with full specifiers, extras and markers) kept apart from per-environment verdicts (installability, marker results). Fixes the original's lossy shape, where the specifier was dropped on sync and only the first extra survived.
 */
export interface SolverDocument {
  /**
   * Who produced the document, when and how.
   */
  metadata: DocumentMetadata;
  /**
   * The solver's findings.
   */
  result: SolverResult;
}
/**
 * Releases solved in one or more environments, plus what could not be solved and why.
 */
export interface SolverResult {
  /**
   * The environments solved for; per-environment maps below are keyed by their ids.
   *
   * @minItems 1
   */
  environments: SolverEnvironment[];
  /**
   * One entry per solved release.
   */
  releases: SolvedRelease[];
  /**
   * Releases the solver could not analyze (a failed metadata download, an unreadable archive).
   */
  errors: SolverError[];
  /**
   * Requirements no release on the index satisfied.
   */
  unresolved: UnresolvedRequirement[];
  /**
   * Requirements that were not valid PEP 508.
   */
  unparsed: UnparsedRequirement[];
}
/**
 * One environment a solver ran in: its identity and its full marker environment.
 */
export interface SolverEnvironment {
  /**
   * Id, OS, Python and platform of the environment.
   */
  identity: EnvironmentIdentity;
  /**
   * sys.implementation.name of the interpreter, e.g. 'cpython'.
   */
  python_implementation: string;
  /**
   * The interpreter's PEP 508 marker variables, used for marker_results.
   */
  marker_environment: MarkerEnvironment;
}
/**
 * One release on one index with everything known about it.
 */
export interface SolvedRelease {
  /**
   * The package, PEP 503 normalized.
   */
  name: PackageName;
  /**
   * The release version as the index lists it.
   */
  version: PackageVersion;
  /**
   * The index the release was read from.
   */
  index_url: IndexUrl;
  /**
   * The release's Requires-Python specifier, e.g. '>=3.8'; null when it declares none.
   */
  requires_python: string | null;
  /**
   * True when the release is yanked (PEP 592).
   */
  yanked: boolean;
  /**
   * The yank reason the index gives; null when not yanked or none given.
   */
  yanked_reason: string | null;
  /**
   * The version the distribution's own metadata declares when it differs from the index's (e.g. 0.9.13 listed, 0.9.13.dev1 inside); null when they agree.
   */
  metadata_version: string | null;
  /**
   * Where the dependencies came from: 'pep658' (the index's core-metadata file), 'wheel' (a wheel's METADATA), 'sdist' (PKG-INFO or a build of the sdist), 'none' (no metadata could be read).
   */
  metadata_source: 'pep658' | 'wheel' | 'sdist' | 'none';
  /**
   * The release's distribution files.
   */
  files: ReleaseFile[];
  /**
   * Every Requires-Dist of the release. A requirement whose marker names several extras appears once per extra, so none is lost.
   */
  dependencies: SolvedDependency[];
  /**
   * Installability verdict per environment id.
   */
  installability: {
    [k: string]: InstallabilityVerdict;
  };
}
/**
 * One distribution file of a release.
 */
export interface ReleaseFile {
  /**
   * The file name, e.g. 'flask-2.0.1-py3-none-any.whl'.
   */
  filename: string;
  /**
   * 'wheel' for a .whl, 'sdist' for a source archive.
   */
  kind: 'wheel' | 'sdist';
  /**
   * For a wheel, its expanded PEP 425 tags as 'python-abi-platform' triples (e.g. 'cp311-cp311-manylinux_2_17_x86_64'); empty for an sdist.
   */
  tags: string[];
  /**
   * The file's digests as the index lists them.
   */
  hashes: FileHashes;
  /**
   * Size in bytes; null when the index does not say.
   */
  size: number | null;
  /**
   * When the file was uploaded (PEP 700); null when the index does not say.
   */
  upload_time: string | null;
  /**
   * Absolute download URL.
   */
  url: string;
}
/**
 * One Requires-Dist entry of a release, stored whole.
 */
export interface SolvedDependency {
  /**
   * The dependency, PEP 503 normalized.
   */
  name: PackageName;
  /**
   * Its PEP 440 version specifier, e.g. '>=2.0,<3'; '' when any version will do.
   */
  specifier: string;
  /**
   * Extras requested on the dependency, e.g. ['socks'] for 'requests[socks]', normalized.
   */
  extras: PackageName[];
  /**
   * The PEP 508 marker as written; null when there is none.
   */
  marker: string | null;
  /**
   * The extra of the releasing package that activates this dependency (from an 'extra == "x"' clause), normalized; null when it is not behind an extra.
   */
  extra: PackageName | null;
  /**
   * Per environment id, the marker's value with the extra clause taken as satisfied: true or false, true when there is no marker, null when it could not be evaluated.
   */
  marker_results: {
    [k: string]: boolean | null;
  };
}
/**
 * A release the solver could not analyze.
 */
export interface SolverError {
  /**
   * The package, PEP 503 normalized.
   */
  name: PackageName;
  /**
   * The release; null when the failure concerns the whole package.
   */
  version: PackageVersion | null;
  /**
   * The index concerned.
   */
  index_url: IndexUrl;
  /**
   * The environment the failure happened in; null when it is environment-independent.
   */
  environment_id: EnvironmentId | null;
  /**
   * Kebab-case code of the failure, e.g. 'metadata-unreadable'.
   */
  code: string;
  /**
   * One-line explanation.
   */
  message: string;
}
/**
 * A requirement no release satisfied.
 */
export interface UnresolvedRequirement {
  /**
   * The package, PEP 503 normalized.
   */
  name: PackageName;
  /**
   * The requested PEP 440 specifier; '' for any version.
   */
  specifier: string;
  /**
   * The index searched.
   */
  index_url: IndexUrl;
  /**
   * 'package-not-found' (the index has no such project) or 'no-matching-version' (none of its versions matches).
   */
  reason: 'package-not-found' | 'no-matching-version';
  /**
   * One-line explanation.
   */
  message: string;
}
/**
 * A requirement string that is not valid PEP 508.
 */
export interface UnparsedRequirement {
  /**
   * The requirement exactly as given.
   */
  requirement: string;
  /**
   * The parse error, naming the offending position.
   */
  reason: string;
}
/**
 * Someone asked for advice; the request (an AdviseRequest) is already stored at adviser/<document_id>.request, written before this message is sent (the original sent first and raced the workflow's input).
 */
export interface AdviseRequested {
  /**
   * The adviser document to produce; also the workflow name.
   */
  document_id: DocumentId;
  /**
   * Copied from the request so consumers can route and prioritize without reading it.
   */
  recommendation_type: RecommendationType;
  /**
   * Where the request came from, e.g. a repository URL; null when unknown.
   */
  origin: string | null;
  /**
   * Which kind of client asked: the CLI, the HTTP API, or a bot acting on a repository.
   */
  source_type: 'cli' | 'api' | 'bot';
  /**
   * The adviser document this run repeats (after AdviserReRun); null for a fresh request.
   */
  re_run_of: DocumentId | null;
  /**
   * Run the adviser with debug logging.
   */
  debug: boolean;
}
/**
 * Everything an earlier adviser run lacked has now been solved; run it again from its stored request. Closes the self-healing loop the original switched off in 2023.
 */
export interface AdviserReRun {
  /**
   * The adviser document to re-run; its request is read from adviser/<id>.request.
   */
  original_document_id: DocumentId;
  /**
   * The releases whose solving unblocked the re-run.
   */
  solved: ReleaseReference[];
}
/**
 * One release on one index.
 */
export interface ReleaseReference {
  /**
   * The package, PEP 503 normalized.
   */
  package_name: PackageName;
  /**
   * The release version.
   */
  package_version: PackageVersion;
  /**
   * The index of the release.
   */
  index_url: IndexUrl;
}
/**
 * A release is affected by a published advisory; the advisory itself is stored in the knowledge graph with its OSV ranges.
 */
export interface CVEProvided {
  /**
   * The package, PEP 503 normalized.
   */
  package_name: PackageName;
  /**
   * The release version as the index publishes it.
   */
  package_version: PackageVersion;
  /**
   * The index the release lives on.
   */
  index_url: IndexUrl;
  /**
   * OSV id of the advisory, e.g. "PYSEC-2023-62" or "GHSA-j8r2-6x86-q33q".
   */
  advisory_id: string;
  /**
   * Other ids of the same advisory, e.g. CVE ids.
   */
  aliases: string[];
}
/**
 * Someone asked Dependency Monkey to generate stacks and have each one inspected; the request (a DependencyMonkeyRequest) is already stored at dependency-monkey/<document_id>.request.
 */
export interface DependencyMonkeyRequested {
  /**
   * The dependency-monkey document to produce; also the workflow name.
   */
  document_id: DocumentId;
  /**
   * Seed of the random generator, so a run can be repeated.
   */
  seed: number;
  /**
   * 'all' enumerates stacks greedily from the latest versions; 'random' samples stacks at random.
   */
  decision_type: 'all' | 'random';
  /**
   * How many stacks to generate.
   */
  count: number;
  /**
   * Consider only the newest N versions of each package; null for all.
   */
  limit_latest_versions: number | null;
  /**
   * Generate stacks but submit no inspections.
   */
  dry_run: boolean;
}
/**
 * Every message on the bus: who sent what, when, in reply to what, under which idempotency key. The payload is validated separately against the schema of (type, version).
 */
export interface MessageEnvelope {
  /**
   * Unique id of this message (UUID).
   */
  id: string;
  /**
   * The message type, a PascalCase noun phrase for a fact, e.g. 'SolvedPackage'.
   */
  type: string;
  /**
   * Version of the payload schema (schemas/messages/<kebab-type>.v<version>.json).
   */
  version: number;
  /**
   * Idempotency key, also the Kafka record key so one package's events stay ordered: ':'-separated segments such as 'pypi:flask:2.0.1' or 'adviser:adviser-3f2a9c'.
   */
  key: string;
  /**
   * When the fact happened (RFC 3339 date-time).
   */
  occurred_at: string;
  /**
   * Component that sent the message.
   */
  producer: Producer;
  /**
   * Id shared by every message of one chain of work (the first message's id), for tracing.
   */
  correlation_id: string;
  /**
   * Id of the message that caused this one; null for a chain's first message.
   */
  causation_id: string | null;
  /**
   * Type-specific content, validated against the schema of (type, version).
   */
  payload: {
    [k: string]: unknown;
  };
}
/**
 * The artifacts a release has on its index differ from those recorded in the knowledge graph: some disappeared, some appeared. The release is solved again and vanished artifacts are marked absent.
 */
export interface HashMismatch {
  /**
   * The package, PEP 503 normalized.
   */
  package_name: PackageName;
  /**
   * The release version as the index publishes it.
   */
  package_version: PackageVersion;
  /**
   * The index the release lives on.
   */
  index_url: IndexUrl;
  /**
   * Artifacts recorded in the graph that the index no longer lists.
   */
  missing_from_source: ArtifactHash[];
  /**
   * Artifacts the index lists that the graph does not know.
   */
  missing_from_database: ArtifactHash[];
}
/**
 * One distribution file by name and digest.
 */
export interface ArtifactHash {
  /**
   * The file name, e.g. 'flask-2.0.1-py3-none-any.whl'; null when only the digest is known.
   */
  filename: string | null;
  /**
   * SHA-256 digest in lowercase hex.
   */
  sha256: string;
}
/**
 * An inspection (a built and run stack) finished and its inspection document is stored; the investigator schedules its graph sync.
 */
export interface InspectionCompleted {
  /**
   * The inspection document id (the inspection workflow's name).
   */
  inspection_id: DocumentId;
  /**
   * Sync even if the inspection was synced before.
   */
  force_sync: boolean;
  /**
   * How many runs the inspection document holds.
   */
  run_count: number;
  /**
   * The Dependency Monkey run that submitted the inspection; null for a direct submission.
   */
  dependency_monkey_document_id: DocumentId | null;
}
/**
 * A whole package the knowledge graph knows is no longer on an index; every one of its releases there is marked missing. Carries no version (the original then failed validation downstream because one was expected).
 */
export interface MissingPackage {
  /**
   * The package, PEP 503 normalized.
   */
  package_name: PackageName;
  /**
   * The index the package disappeared from.
   */
  index_url: IndexUrl;
  /**
   * Which check noticed, e.g. "package-update".
   */
  detected_by: string;
}
/**
 * A release the knowledge graph knows is no longer on its index (deleted by its maintainers); the graph marks it missing so it is never recommended again.
 */
export interface MissingVersion {
  /**
   * The package, PEP 503 normalized.
   */
  package_name: PackageName;
  /**
   * The release version as the index publishes it.
   */
  package_version: PackageVersion;
  /**
   * The index the release lives on.
   */
  index_url: IndexUrl;
  /**
   * Which check noticed, e.g. "package-update", "si-download".
   */
  detected_by: string;
}
/**
 * A new release of a package appeared on an index. The investigator solves it in every configured environment.
 */
export interface PackageReleased {
  /**
   * The package, PEP 503 normalized.
   */
  package_name: PackageName;
  /**
   * The release version as the index publishes it.
   */
  package_version: PackageVersion;
  /**
   * The index the release lives on.
   */
  index_url: IndexUrl;
  /**
   * When the release was uploaded, from the index (PEP 700 upload-time); null when the index does not say.
   */
  upload_time: string | null;
}
/**
 * Someone asked to check where a lock file's artifacts come from; the request (a ProvenanceRequest) is already stored at provenance-checker/<document_id>.request.
 */
export interface ProvenanceCheckRequested {
  /**
   * The provenance document to produce; also the workflow name.
   */
  document_id: DocumentId;
  /**
   * Where the request came from, e.g. a repository URL; null when unknown.
   */
  origin: string | null;
  /**
   * Run the checker with debug logging.
   */
  debug: boolean;
}
/**
 * A solved release has no security-indicator analysis yet (bandit and cloc); the investigator schedules one.
 */
export interface SIUnanalyzedPackage {
  /**
   * The package, PEP 503 normalized.
   */
  package_name: PackageName;
  /**
   * The release version as the index publishes it.
   */
  package_version: PackageVersion;
  /**
   * The index the release lives on.
   */
  index_url: IndexUrl;
}
/**
 * A release was solved in one environment and its solver document synced into the knowledge graph. Triggers security analysis and re-runs of analyses that were waiting for it.
 */
export interface SolvedPackage {
  /**
   * The package, PEP 503 normalized.
   */
  package_name: PackageName;
  /**
   * The solved release version.
   */
  package_version: PackageVersion;
  /**
   * The index the release was solved from.
   */
  index_url: IndexUrl;
  /**
   * The environment it was solved in, as structured fields.
   */
  environment: EnvironmentIdentity;
  /**
   * The solver document holding the result.
   */
  document_id: DocumentId;
  /**
   * Whether the release is installable in that environment.
   */
  verdict: InstallabilityVerdict;
}
/**
 * The knowledge graph lacks a package (or some of its versions) that someone needed; the investigator schedules solver runs for it. It names who needed it, so that requester can be run again once everything it was missing is solved.
 */
export interface UnresolvedPackage {
  /**
   * The package, PEP 503 normalized.
   */
  package_name: PackageName;
  /**
   * The one version to solve; null to solve the versions the index lists (filtered by specifier).
   */
  package_version: PackageVersion | null;
  /**
   * PEP 440 specifier restricting which listed versions to solve when package_version is null, e.g. '>=2,<3'; null for all of them.
   */
  specifier: string | null;
  /**
   * The index to solve from. An index the deployment does not know is a poison message sent to the dead-letter topic, not a reason to halt the topic as in the original.
   */
  index_url: IndexUrl;
  /**
   * The one environment to solve in; null for every configured solver environment.
   */
  environment: EnvironmentIdentity | null;
  /**
   * The analysis that needed the package, so it can be re-run when what it lacked is solved; null for periodic back-fill.
   */
  requested_by: Requester | null;
}
/**
 * A stored analysis that could not complete for lack of knowledge.
 */
export interface Requester {
  /**
   * The kind of analysis (the S3 type segment of its document).
   */
  kind: 'adviser' | 'provenance-checker' | 'dependency-monkey';
  /**
   * The id of its document.
   */
  document_id: DocumentId;
}
/**
 * Records whether a release ships a source distribution, found while downloading it for security analysis.
 */
export interface UpdateProvidesSourceDistro {
  /**
   * The package, PEP 503 normalized.
   */
  package_name: PackageName;
  /**
   * The release version as the index publishes it.
   */
  package_version: PackageVersion;
  /**
   * The index the release lives on.
   */
  index_url: IndexUrl;
  /**
   * True when the index lists an sdist (.tar.gz or .zip) for the release (named value in the original).
   */
  provides_source_distro: boolean;
}
/**
 * A project's .thoth.yaml: where to ask for advice, which indexes to use, the runtime environments to advise for, the lock files to write, the prescriptions to apply and the limits of a run. Every key is optional; absent keys take the CLI's defaults (local embedded adviser, PyPI, the current interpreter's environment).
 */
export interface ThothConfig {
  /**
   * URL of a Thoth API to ask, e.g. 'https://thoth.example.com'; absent or null runs the adviser locally.
   */
  host?: string | null;
  /**
   * Verify the TLS certificate of host (default true).
   */
  tls_verify?: boolean;
  /**
   * Format of the project's requirements file.
   */
  requirements_format?: RequirementsFormat;
  /**
   * Package indexes to resolve from, in priority order; absent means PyPI only.
   */
  indexes?: IndexConfig[];
  /**
   * Directory holding one sub-directory of requirements and lock per runtime environment name; null or absent keeps them at the project root.
   */
  overlays_dir?: string | null;
  /**
   * The environments to advise for; the first is the default. Absent means the environment the CLI runs in.
   */
  runtime_environments?: RuntimeEnvironment[];
  /**
   * Lock files to write: 'requirements' (requirements.txt with hashes), 'pipfile-lock' (Pipfile.lock), 'pylock' (pylock.toml, PEP 751).
   */
  lock_formats?: ('requirements' | 'pipfile-lock' | 'pylock')[];
  /**
   * Prescription sources to load, in order: local directories or https URLs of prescription repositories.
   */
  prescriptions?: string[];
  /**
   * Bounds applied to every adviser run of this project.
   */
  limits?: AdviseLimits;
}
/**
 * One package index.
 */
export interface IndexConfig {
  /**
   * Short name used in lock files and idempotency keys, e.g. 'pypi'.
   */
  name?: string;
  /**
   * The index's simple-repository URL.
   */
  url: IndexUrl;
  /**
   * Verify the index's TLS certificate (default true).
   */
  verify_ssl?: boolean;
}
