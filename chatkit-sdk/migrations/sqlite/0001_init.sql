-- Threads, items and attachments, each row owned by one user. `seq` is the creation order the
-- listings page by; upserts keep it.
CREATE TABLE chatkit_threads (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    owner TEXT NOT NULL,
    id TEXT NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (owner, id)
);
CREATE INDEX chatkit_threads_page ON chatkit_threads (owner, seq);

CREATE TABLE chatkit_items (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    owner TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    id TEXT NOT NULL,
    data TEXT NOT NULL,
    feedback TEXT,
    UNIQUE (owner, thread_id, id)
);
CREATE INDEX chatkit_items_page ON chatkit_items (owner, thread_id, seq);

CREATE TABLE chatkit_attachments (
    owner TEXT NOT NULL,
    id TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT,
    PRIMARY KEY (owner, id)
);
