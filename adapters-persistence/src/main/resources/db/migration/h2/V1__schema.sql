-- direct-upload metadata schema, H2 flavour (twins: ../postgresql, ../mysql; keep the three in step).
-- Every *_at column is a BIGINT of microseconds since 1970-01-01T00:00Z (UTC): exact and time-zone free on
-- every supported database. Ids are ASCII tokens; H2 compares VARCHAR by character, as Java does.

CREATE TABLE users (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    provider    VARCHAR(16)  NOT NULL,
    subject     VARCHAR(128) NOT NULL,
    union_id    VARCHAR(128),
    created_at  BIGINT       NOT NULL,
    CONSTRAINT uq_users_identity UNIQUE (provider, subject)
);

CREATE TABLE families (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  BIGINT       NOT NULL
);

CREATE TABLE memberships (
    family_id   VARCHAR(64)  NOT NULL,
    user_id     VARCHAR(64)  NOT NULL,
    role        VARCHAR(16)  NOT NULL,
    joined_at   BIGINT       NOT NULL,
    CONSTRAINT pk_memberships PRIMARY KEY (family_id, user_id),
    CONSTRAINT fk_memberships_family FOREIGN KEY (family_id) REFERENCES families (id),
    CONSTRAINT fk_memberships_user FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT ck_memberships_role CHECK (role IN ('OWNER', 'MEMBER'))
);
CREATE INDEX ix_memberships_user ON memberships (user_id, joined_at);

CREATE TABLE invites (
    code        VARCHAR(22)  NOT NULL PRIMARY KEY,
    family_id   VARCHAR(64)  NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    created_at  BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL,
    max_uses    INT          NOT NULL,
    uses        INT          NOT NULL,
    CONSTRAINT fk_invites_family FOREIGN KEY (family_id) REFERENCES families (id),
    CONSTRAINT fk_invites_creator FOREIGN KEY (created_by) REFERENCES users (id),
    CONSTRAINT ck_invites_uses CHECK (max_uses >= 1 AND uses >= 0 AND uses <= max_uses)
);

CREATE TABLE albums (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    family_id   VARCHAR(64)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    created_at  BIGINT       NOT NULL,
    CONSTRAINT uq_albums_id_family UNIQUE (id, family_id),
    CONSTRAINT fk_albums_family FOREIGN KEY (family_id) REFERENCES families (id)
);
CREATE INDEX ix_albums_family ON albums (family_id, created_at);

-- One stored object per (family, md5, size): the primary key decides concurrent inserts.
CREATE TABLE stored_objects (
    family_id   VARCHAR(64)   NOT NULL,
    md5         CHAR(32)      NOT NULL,
    size_bytes  BIGINT        NOT NULL,
    object_key  VARCHAR(1023) NOT NULL,
    key_sha256  CHAR(64)      NOT NULL,
    file_format VARCHAR(16)   NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    created_at  BIGINT        NOT NULL,
    verified_at BIGINT,
    CONSTRAINT pk_stored_objects PRIMARY KEY (family_id, md5, size_bytes),
    CONSTRAINT fk_stored_objects_family FOREIGN KEY (family_id) REFERENCES families (id),
    CONSTRAINT ck_stored_objects_size CHECK (size_bytes >= 0),
    CONSTRAINT ck_stored_objects_status CHECK (status IN ('UPLOADED', 'VERIFIED'))
);
CREATE INDEX ix_stored_objects_key ON stored_objects (key_sha256);

-- Photos and videos. One per (album, stored object); always in the album's family, always backed by a
-- stored object of that family.
CREATE TABLE media_files (
    id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    album_id    VARCHAR(64)   NOT NULL,
    family_id   VARCHAR(64)   NOT NULL,
    creator_id  VARCHAR(64)   NOT NULL,
    file_name   VARCHAR(255)  NOT NULL,
    object_key  VARCHAR(1023) NOT NULL,
    key_sha256  CHAR(64)      NOT NULL,
    file_format VARCHAR(16)   NOT NULL,
    size_bytes  BIGINT        NOT NULL,
    md5         CHAR(32)      NOT NULL,
    captured_at BIGINT,
    created_at  BIGINT        NOT NULL,
    CONSTRAINT uq_media_files_album_content UNIQUE (album_id, family_id, md5, size_bytes),
    CONSTRAINT fk_media_files_album FOREIGN KEY (album_id, family_id) REFERENCES albums (id, family_id),
    CONSTRAINT fk_media_files_object FOREIGN KEY (family_id, md5, size_bytes)
        REFERENCES stored_objects (family_id, md5, size_bytes),
    CONSTRAINT fk_media_files_creator FOREIGN KEY (creator_id) REFERENCES users (id)
);
CREATE INDEX ix_media_files_listing ON media_files (album_id, created_at DESC, id DESC);
CREATE INDEX ix_media_files_object ON media_files (family_id, md5, size_bytes);
CREATE INDEX ix_media_files_key ON media_files (key_sha256);

-- Pending direct uploads; deleted with their album.
CREATE TABLE upload_slots (
    id            VARCHAR(64)   NOT NULL PRIMARY KEY,
    family_id     VARCHAR(64)   NOT NULL,
    album_id      VARCHAR(64)   NOT NULL,
    creator_id    VARCHAR(64)   NOT NULL,
    object_key    VARCHAR(1023) NOT NULL,
    file_name     VARCHAR(255)  NOT NULL,
    file_format   VARCHAR(16)   NOT NULL,
    size_bytes    BIGINT        NOT NULL,
    md5           CHAR(32)      NOT NULL,
    captured_at   BIGINT,
    created_at    BIGINT        NOT NULL,
    expires_at    BIGINT        NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    media_file_id VARCHAR(64),
    CONSTRAINT fk_upload_slots_album FOREIGN KEY (album_id, family_id) REFERENCES albums (id, family_id)
        ON DELETE CASCADE,
    CONSTRAINT ck_upload_slots_status CHECK (status IN ('PENDING', 'COMPLETED', 'EXPIRED'))
);
CREATE INDEX ix_upload_slots_sweep ON upload_slots (status, expires_at);

-- Object keys whose bytes must still be deleted from storage, in the order they were queued.
CREATE TABLE pending_deletions (
    seq         BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    key_sha256  CHAR(64)      NOT NULL,
    object_key  VARCHAR(1023) NOT NULL,
    enqueued_at BIGINT        NOT NULL,
    CONSTRAINT uq_pending_deletions_key UNIQUE (key_sha256)
);
