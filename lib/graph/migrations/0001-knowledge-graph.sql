-- The knowledge graph, first version. Runs unchanged on PostgreSQL (>= 13) and PGlite.
-- Departures from the original Thoth schema (reference/thoth-pipeline.md §5, §12) are noted inline.

-- Package indexes Thoth knows. `url` is the PEP 503 simple URL.
CREATE TABLE python_index (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url           text NOT NULL UNIQUE,
  enabled       boolean NOT NULL DEFAULT true,
  -- package-releases watches only packages already in the graph unless this is false.
  only_if_seen  boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- An environment-independent release: one row per (name, version, index). The original kept one row
-- per release *and* environment, mixing facts about the artifact with per-environment verdicts.
CREATE TABLE python_release (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  package_name           text NOT NULL,          -- PEP 503 normalized
  version                text NOT NULL,          -- as published (PEP 440 normalized form kept below)
  normalized_version     text NOT NULL,
  index_id               bigint NOT NULL REFERENCES python_index(id),
  requires_python        text,
  yanked                 boolean NOT NULL DEFAULT false,
  yanked_reason          text,
  upload_time            timestamptz,
  -- Where dependency metadata came from: core-metadata file, wheel range read, sdist PKG-INFO, build.
  metadata_source        text,
  -- Flags the original used: gone from the index (package-update), has an sdist (security indicators).
  is_missing             boolean NOT NULL DEFAULT false,
  provides_source_distro boolean NOT NULL DEFAULT true,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  UNIQUE (package_name, normalized_version, index_id)
);
CREATE INDEX python_release_name_idx ON python_release (package_name);

-- Files of a release (wheels and sdists) with hashes; `present=false` after a HashMismatch or removal.
CREATE TABLE python_file (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  release_id   bigint NOT NULL REFERENCES python_release(id) ON DELETE CASCADE,
  filename     text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('wheel', 'sdist')),
  tags         text[] NOT NULL DEFAULT '{}',     -- expanded PEP 425 tags for wheels
  sha256       text,
  size         bigint,
  upload_time  timestamptz,
  url          text,
  present      boolean NOT NULL DEFAULT true,
  UNIQUE (release_id, filename)
);

-- Dependency edges of a release, environment-independent: the full specifier, *all* extras requested
-- of the dependency, the raw marker, and the extra of the depending release that activates the edge.
-- The original stored only the first extra and lost the specifier (version_range was always "*").
CREATE TABLE python_dependency (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  release_id     bigint NOT NULL REFERENCES python_release(id) ON DELETE CASCADE,
  position       integer NOT NULL,               -- order in Requires-Dist, for stable output
  name           text NOT NULL,                  -- PEP 503 normalized
  specifier      text NOT NULL DEFAULT '',
  extras         text[] NOT NULL DEFAULT '{}',
  marker         text,
  activating_extra text,                         -- NULL: always; else only with this extra
  url            text,
  UNIQUE (release_id, position)
);
CREATE INDEX python_dependency_name_idx ON python_dependency (name);

-- Runtime environments solved for (a solver target), identified by a stable key.
CREATE TABLE runtime_environment (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key                    text NOT NULL UNIQUE,   -- e.g. cp311-manylinux_2_17_x86_64
  os_name                text,
  os_version             text,
  python_version         text NOT NULL,
  implementation         text NOT NULL DEFAULT 'cpython',
  platform               text,
  marker_environment     jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at             timestamptz NOT NULL DEFAULT now()
);

-- One solver run = one solver document.
CREATE TABLE solver_run (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id     text NOT NULL UNIQUE,
  solver_version  text,
  datetime        timestamptz NOT NULL,
  duration_ms     bigint,
  synced_at       timestamptz NOT NULL DEFAULT now()
);

-- Per-environment verdict of a release: installable or not, and why. Re-solving replaces it.
CREATE TABLE release_verdict (
  release_id      bigint NOT NULL REFERENCES python_release(id) ON DELETE CASCADE,
  environment_id  bigint NOT NULL REFERENCES runtime_environment(id),
  installable     boolean NOT NULL,
  reason          text,                          -- kebab-case reason when not installable
  error           text,                          -- solver error text, when the solve failed
  solver_run_id   bigint REFERENCES solver_run(id),
  solved_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (release_id, environment_id)
);
CREATE INDEX release_verdict_environment_idx ON release_verdict (environment_id);

-- Marker evaluation per dependency edge and environment (only for edges that have a marker).
CREATE TABLE dependency_marker_result (
  dependency_id   bigint NOT NULL REFERENCES python_dependency(id) ON DELETE CASCADE,
  environment_id  bigint NOT NULL REFERENCES runtime_environment(id),
  result          boolean NOT NULL,
  PRIMARY KEY (dependency_id, environment_id)
);

-- Security advisories in OSV form. Ranges are kept as OSV ECOSYSTEM events and evaluated with PEP 440;
-- the original read only explicit version lists and missed releases inside a range.
CREATE TABLE advisory (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  advisory_id   text NOT NULL UNIQUE,            -- PYSEC-…, GHSA-…
  aliases       text[] NOT NULL DEFAULT '{}',
  summary       text,
  details       text,
  severity      jsonb NOT NULL DEFAULT '[]'::jsonb,
  link          text,
  published     timestamptz,
  modified      timestamptz NOT NULL,
  withdrawn     timestamptz
);
CREATE TABLE advisory_affected (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  advisory_id   bigint NOT NULL REFERENCES advisory(id) ON DELETE CASCADE,
  package_name  text NOT NULL,
  ranges        jsonb NOT NULL DEFAULT '[]'::jsonb,   -- OSV ranges (type ECOSYSTEM, events)
  versions      text[] NOT NULL DEFAULT '{}'          -- explicit affected versions
);
CREATE INDEX advisory_affected_name_idx ON advisory_affected (package_name);
-- Releases known to be affected, materialized when advisories or releases are synced.
CREATE TABLE advisory_affected_release (
  advisory_id   bigint NOT NULL REFERENCES advisory(id) ON DELETE CASCADE,
  release_id    bigint NOT NULL REFERENCES python_release(id) ON DELETE CASCADE,
  PRIMARY KEY (advisory_id, release_id)
);

-- Aggregated security indicators (bandit × cloc) per release. Severity and confidence are kept in
-- their own dimensions (the original swapped them); counts live in a jsonb keyed severity.confidence.
CREATE TABLE security_indicator_run (
  id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id             text NOT NULL UNIQUE,
  release_id              bigint NOT NULL REFERENCES python_release(id) ON DELETE CASCADE,
  datetime                timestamptz NOT NULL,
  error                   text,
  severity_confidence     jsonb NOT NULL DEFAULT '{}'::jsonb,
  files_analyzed          integer,
  python_files            integer,
  python_lines_of_code    integer,
  total_lines_of_code     integer
);
CREATE INDEX security_indicator_run_release_idx ON security_indicator_run (release_id);

-- Runs of the user-facing analyses. The document holds everything; these rows are for lookups.
CREATE TABLE adviser_run (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id           text NOT NULL UNIQUE,
  datetime              timestamptz NOT NULL,
  recommendation_type   text,
  environment_key       text,
  error                 text,
  duration_ms           bigint,
  -- The re-run loop: set when the advice lacked knowledge; cleared when a re-run is scheduled.
  need_re_run           boolean NOT NULL DEFAULT false,
  re_run_document_id    text
);
CREATE TABLE adviser_unresolved (
  adviser_run_id  bigint NOT NULL REFERENCES adviser_run(id) ON DELETE CASCADE,
  package_name    text NOT NULL,
  version         text NOT NULL DEFAULT '',      -- '' = any version of the package
  index_url       text NOT NULL DEFAULT '',
  PRIMARY KEY (adviser_run_id, package_name, version, index_url)
);
CREATE INDEX adviser_unresolved_name_idx ON adviser_unresolved (package_name);

CREATE TABLE analysis_run (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('provenance', 'dependency-monkey', 'inspection')),
  document_id  text NOT NULL UNIQUE,
  datetime     timestamptz NOT NULL,
  error        text,
  duration_ms  bigint,
  summary      jsonb NOT NULL DEFAULT '{}'::jsonb
);

-- Work Thoth scheduled: idempotency (unique kind+key, deterministic workflow name) and bounded retries.
-- The original had no in-flight deduplication and never re-tried an errored solve.
CREATE TABLE job (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind           text NOT NULL,
  key            text NOT NULL,
  status         text NOT NULL CHECK (status IN ('pending', 'submitted', 'succeeded', 'failed', 'exhausted')),
  attempts       integer NOT NULL DEFAULT 0,
  max_attempts   integer NOT NULL DEFAULT 3,
  next_retry_at  timestamptz,
  workflow_name  text,
  last_error     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, key)
);
CREATE INDEX job_status_idx ON job (kind, status, next_retry_at);

-- Positions of periodic readers (e.g. PyPI changelog serial per index).
CREATE TABLE watch_position (
  name        text PRIMARY KEY,
  position    text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- A counter bumped by every sync; adviser snapshots are valid while it is unchanged.
CREATE TABLE graph_version (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version    bigint NOT NULL
);
INSERT INTO graph_version (singleton, version) VALUES (true, 0);
