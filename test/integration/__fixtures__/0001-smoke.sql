-- Smoke migration for test/integration/services.int.test.ts: applied inside a fresh schema (the test
-- sets search_path), so nothing here is schema-qualified.
CREATE TABLE package (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  version text NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  UNIQUE (name, version)
);

CREATE INDEX package_name_idx ON package (name);

CREATE VIEW package_latest AS
SELECT DISTINCT ON (name) name, version
FROM package
ORDER BY name, string_to_array(version, '.')::int[] DESC;
