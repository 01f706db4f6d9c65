// The first schema. Times are UTC epoch milliseconds; JSON columns hold canonical JSON text.
//
// Room for the roadmap, deliberately not built yet (each is a later numbered migration):
// - incident comments: a `incident_comments(id, incident_id REFERENCES incidents, at, actor, body)` table;
// - assignee: `ALTER TABLE incidents ADD COLUMN assignee TEXT` (cheap in SQLite, no table rewrite);
// - full-text search: an FTS5 table with `content='findings'`, keyed by the implicit rowid, which is why
//   findings and incidents are ordinary rowid tables and not WITHOUT ROWID.
import type { Migration } from './migration'

export const migration: Migration = {
  id: 1,
  name: 'initial',
  sql: `
CREATE TABLE incidents (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  category TEXT NOT NULL,
  severity TEXT NOT NULL,
  confidence REAL NOT NULL,
  status TEXT NOT NULL,
  entity_kind TEXT NOT NULL,
  entity TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  finding_count INTEGER NOT NULL,
  -- [[rule, highest confidence], ...] over every distinct rule, in order of first appearance.
  rule_confidence TEXT NOT NULL,
  -- distinct routes, capped.
  routes TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX incidents_by_updated ON incidents (updated_at DESC, id DESC);
CREATE INDEX incidents_by_status ON incidents (status, updated_at DESC, id DESC);
CREATE INDEX incidents_by_key ON incidents (entity_kind, entity, category, status, last_seen);

CREATE TABLE findings (
  id TEXT PRIMARY KEY,
  incident_id TEXT REFERENCES incidents (id) ON DELETE SET NULL,
  kind TEXT NOT NULL,
  source_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  line INTEGER,
  time INTEGER NOT NULL,
  category TEXT NOT NULL,
  severity TEXT NOT NULL,
  rule TEXT NOT NULL,
  ip TEXT,
  consumer TEXT,
  route TEXT,
  field TEXT NOT NULL,
  evidence TEXT NOT NULL,
  highlights TEXT NOT NULL,
  decoded TEXT,
  confidence REAL NOT NULL,
  details TEXT NOT NULL,
  ingested_at INTEGER NOT NULL
);
CREATE INDEX findings_by_incident ON findings (incident_id, time DESC, id DESC);
CREATE INDEX findings_by_time ON findings (time);

CREATE TABLE minute_counters (
  minute INTEGER NOT NULL,
  entity_kind TEXT NOT NULL,
  entity TEXT NOT NULL,
  requests INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  PRIMARY KEY (entity_kind, entity, minute)
);
CREATE INDEX minute_counters_by_minute ON minute_counters (minute);

CREATE TABLE timeline (
  minute INTEGER PRIMARY KEY,
  requests INTEGER NOT NULL
);
CREATE TABLE timeline_categories (
  minute INTEGER NOT NULL,
  category TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (minute, category)
);

CREATE TABLE cursors (
  source_id TEXT PRIMARY KEY,
  cursor TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE quarantine (
  source_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  records INTEGER NOT NULL,
  payload TEXT NOT NULL,
  PRIMARY KEY (source_id, seq)
);
CREATE INDEX quarantine_by_at ON quarantine (at DESC);

-- AUTOINCREMENT keeps the highest seq ever written in sqlite_sequence, so deleting the newest entries
-- still shows up when the chain is verified.
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  reason TEXT NOT NULL,
  outcome TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);

CREATE TABLE snapshots (
  name TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  at INTEGER NOT NULL
);
`,
}
