-- MockMate's database schema: the one DDL source.
--
-- Applied on every connect by mockmate_tui/db/schema.py, inside one transaction under an advisory
-- lock, so every statement here must be idempotent. A change to an existing table also needs a
-- step in schema.py's MIGRATIONS, and SCHEMA_VERSION there goes up by one.
-- Tables are created in the connection's current schema (search_path), never a hard-coded one.

CREATE TABLE IF NOT EXISTS schema_version (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version    integer NOT NULL CHECK (version > 0),
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS users (
    id              uuid PRIMARY KEY,
    name            varchar(200) NOT NULL CHECK (length(btrim(name)) > 0),
    email           varchar(320) NOT NULL CHECK (position('@' IN email) > 1),
    -- Kept equal to initial_credits + the sum of the user's credit_ledger rows, in the same
    -- transaction as each ledger row; it can never go below zero.
    credit_balance  integer NOT NULL DEFAULT 0 CHECK (credit_balance >= 0),
    initial_credits integer NOT NULL DEFAULT 0 CHECK (initial_credits >= 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- The PostgreSQL login role of the person this profile belongs to (current_user when it
    -- was created). NULL: nobody's yet, until the database's owner assigns it. Collation "C"
    -- because role names compare byte for byte (type name does): with the database's default
    -- collation, `db_role = current_user` could not use the index below.
    db_role         text COLLATE "C" CHECK (db_role <> '')
);
-- One account per address, however it is capitalised.
CREATE UNIQUE INDEX IF NOT EXISTS users_email_unique ON users (lower(email));
-- "Who am I": one indexed lookup, and at most one profile per login role.
CREATE UNIQUE INDEX IF NOT EXISTS users_db_role_unique ON users (db_role);

CREATE TABLE IF NOT EXISTS sessions (
    id                 uuid PRIMARY KEY,
    user_id            uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_name       varchar(200) NOT NULL,
    job_title          varchar(200) NOT NULL,
    job_description    text NOT NULL DEFAULT '',
    status             varchar(16) NOT NULL DEFAULT 'created'
                       CHECK (status IN ('created', 'active', 'paused', 'completed')),
    -- Billed minutes: running time only, pauses excluded (floor of billed seconds / 60).
    interview_duration integer NOT NULL DEFAULT 0 CHECK (interview_duration >= 0),
    credits_used       integer NOT NULL DEFAULT 0 CHECK (credits_used >= 0),
    -- Seconds spent in pauses that have ended; the pause in progress started at paused_at.
    paused_seconds     double precision NOT NULL DEFAULT 0 CHECK (paused_seconds >= 0),
    paused_at          timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    started_at         timestamptz,
    ended_at           timestamptz,
    -- Set when the person deletes a session that cost credits (version 12): it leaves their
    -- history, home screen and reports, and stays for the credit ledger, which names it, so
    -- the balance still adds up to the ledger. (One that never cost a credit is deleted.)
    deleted_at         timestamptz,
    -- The company the person practises for (version 13), NULL when none was given: with one,
    -- the plan asks what they know about it and why they want to work there, in its name.
    company            varchar(200)
                       CHECK (company IS NULL OR (company = btrim(company) AND company <> '')),
    CHECK (ended_at IS NULL OR started_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX IF NOT EXISTS sessions_user_id_idx ON sessions (user_id, created_at DESC);

-- One row per running stretch of a session's timer. Paused time lies between rows, so it is
-- excluded from billing by construction. running_seconds is measured by the monotonic clock of
-- the process that owns the interval and saved at every transition and heartbeat; a crash leaves
-- an open row (ended_at NULL) that is closed at its last heartbeat.
CREATE TABLE IF NOT EXISTS timer_intervals (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id      uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    started_at      timestamptz NOT NULL,
    ended_at        timestamptz,
    running_seconds double precision NOT NULL DEFAULT 0 CHECK (running_seconds >= 0),
    heartbeat_at    timestamptz NOT NULL,
    -- The MockMate instance measuring this interval while it is open, and its process: host
    -- name, pid and the process's start time (a reused pid has another), so a process on the
    -- same host can tell at once that the owner is dead. All NULL once the interval is closed.
    owner_id        uuid,
    owner_host      text,
    owner_pid       integer,
    owner_started   double precision,
    -- How often the owner saves the interval: it is given up for dead after three of its own
    -- intervals of silence, not the looking process's (a slow-beating owner is alive).
    owner_heartbeat_seconds double precision,
    -- When the interval was last written, by the database's own clock (set by the
    -- timer_intervals_guard trigger below, whatever a client sends): how long its owner has
    -- been silent is judged by this and the database's clock, never by two clients' clocks.
    heartbeat_db_at timestamptz,
    -- When the interval opened, by the database's own clock (set by timer_intervals_guard on
    -- INSERT, whatever a client sends; version 12): a person's billed time for the interval
    -- never runs ahead of the time that has passed by this clock since (NULL: opened before).
    started_db_at   timestamptz
);
CREATE INDEX IF NOT EXISTS timer_intervals_session_id_idx ON timer_intervals (session_id);
-- Crash recovery at start-up looks for open intervals whose heartbeat is old: this index holds
-- only the open ones (a handful), however many closed intervals there are.
CREATE INDEX IF NOT EXISTS timer_intervals_open_heartbeat_idx
    ON timer_intervals (heartbeat_at) WHERE ended_at IS NULL;
-- A timer has at most one running stretch at a time.
CREATE UNIQUE INDEX IF NOT EXISTS timer_intervals_one_open
    ON timer_intervals (session_id) WHERE ended_at IS NULL;

CREATE TABLE IF NOT EXISTS interview_questions (
    id                uuid PRIMARY KEY,
    session_id        uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    question_number   integer NOT NULL CHECK (question_number > 0),
    question_text     text NOT NULL CHECK (length(btrim(question_text)) > 0),
    category          varchar(16) NOT NULL
                      CHECK (category IN ('technical', 'behavioral', 'situational', 'introduction')),
    difficulty_level  varchar(8) NOT NULL CHECK (difficulty_level IN ('easy', 'medium', 'hard')),
    expected_duration integer NOT NULL CHECK (expected_duration >= 0),
    asked_at          timestamptz NOT NULL DEFAULT now(),
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (session_id, question_number),
    -- Lets answers reference (question, session) together, so an answer can never point at a
    -- question of another session.
    UNIQUE (id, session_id)
);
CREATE INDEX IF NOT EXISTS interview_questions_session_id_idx ON interview_questions (session_id);

CREATE TABLE IF NOT EXISTS interview_answers (
    id            uuid PRIMARY KEY,
    question_id   uuid NOT NULL,
    session_id    uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    answer_text   text NOT NULL,
    response_time integer NOT NULL CHECK (response_time >= 0),
    ai_feedback   text,
    ai_score      integer CHECK (ai_score BETWEEN 1 AND 10),
    answered_at   timestamptz NOT NULL DEFAULT now(),
    created_at    timestamptz NOT NULL DEFAULT now(),
    -- What produced ai_score and ai_feedback (e.g. 'rubric-2026.11', 'llm:<model>'); NULL for
    -- answers stored before scores were versioned, or saved without saying.
    scored_by     text,
    -- Key points the person marked "I covered this" where the judge said not, each
    -- {"key_point": text, "quote": their own sentence (an exact substring of answer_text),
    -- "marked_at": ISO time}. Theirs, never the judge's: ai_score is not changed by them.
    key_point_marks jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(key_point_marks) = 'array'),
    -- How the answer was given, and its delivery measured (core/delivery.py: pace, fillers and
    -- long pauses when spoken; thinking and typing time when typed) as models.Delivery's JSON;
    -- NULL when not measured.
    answer_mode   varchar(8) NOT NULL DEFAULT 'typed' CHECK (answer_mode IN ('typed', 'spoken')),
    delivery      jsonb CHECK (delivery IS NULL OR jsonb_typeof(delivery) = 'object'),
    -- One answer per question.
    UNIQUE (question_id),
    FOREIGN KEY (question_id, session_id)
        REFERENCES interview_questions (id, session_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS interview_answers_session_id_idx ON interview_answers (session_id);
CREATE INDEX IF NOT EXISTS interview_answers_question_session_idx
    ON interview_answers (question_id, session_id);

-- An interview's plan: the questions chosen for it when it was created, in the order they will
-- be asked, and where the person is with each. It is the interview engine's state, kept here
-- rather than in a screen so that quitting, a crash or another front end continues exactly
-- where the person was: a skipped question stays skipped, the per-question clock continues from
-- shown_at_seconds, and an unsent answer survives as the draft.
CREATE TABLE IF NOT EXISTS interview_plan (
    session_id        uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    -- The question_number the question gets in interview_questions when it is shown.
    question_number   integer NOT NULL CHECK (question_number > 0),
    question_text     text NOT NULL CHECK (length(btrim(question_text)) > 0),
    category          varchar(16) NOT NULL
                      CHECK (category IN ('technical', 'behavioral', 'situational', 'introduction')),
    difficulty_level  varchar(8) NOT NULL CHECK (difficulty_level IN ('easy', 'medium', 'hard')),
    expected_duration integer NOT NULL CHECK (expected_duration >= 0),
    key_points        text[] NOT NULL DEFAULT '{}',
    -- pending: not shown yet; asked: shown, no answer yet; answered; skipped (for good).
    state             varchar(8) NOT NULL DEFAULT 'pending'
                      CHECK (state IN ('pending', 'asked', 'answered', 'skipped')),
    question_id       uuid,
    -- Billed running seconds of the interview when the question was first shown.
    shown_at_seconds  double precision CHECK (shown_at_seconds >= 0),
    draft             text NOT NULL DEFAULT '',
    draft_saved_at    timestamptz,
    -- An answer to this question that leaves a key point out brings one follow-up question.
    follow_ups        boolean NOT NULL DEFAULT false,
    -- For a follow-up: the question it follows up (asked just before it).
    follow_up_of      integer CHECK (follow_up_of > 0 AND follow_up_of < question_number),
    PRIMARY KEY (session_id, question_number),
    UNIQUE (question_id, session_id),
    FOREIGN KEY (question_id, session_id)
        REFERENCES interview_questions (id, session_id) ON DELETE CASCADE,
    -- A question leaves 'pending' exactly when it is stored in interview_questions.
    CHECK ((state = 'pending') = (question_id IS NULL)),
    CHECK ((state = 'pending') = (shown_at_seconds IS NULL))
);

-- Every change to a balance, append-only. The session start charge and each hour's charge are
-- unique per session, so a retry, a crash or a second process can never charge twice.
CREATE TABLE IF NOT EXISTS credit_ledger (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- NO ACTION: a session with charges cannot be deleted alone (its user can, with everything).
    session_id uuid REFERENCES sessions (id),
    delta      integer NOT NULL CHECK (delta <> 0),
    reason     varchar(16) NOT NULL CHECK (reason IN ('session_start', 'hour', 'top_up', 'refund')),
    -- For an 'hour' charge: which hour of running time it pays for (2 = the second hour).
    hour_index integer CHECK (hour_index > 0),
    note       text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((reason = 'hour') = (hour_index IS NOT NULL)),
    CHECK (reason IN ('top_up', 'refund') OR session_id IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS credit_ledger_user_id_idx ON credit_ledger (user_id, id);
CREATE INDEX IF NOT EXISTS credit_ledger_session_id_idx ON credit_ledger (session_id);
CREATE UNIQUE INDEX IF NOT EXISTS credit_ledger_one_charge_per_hour
    ON credit_ledger (session_id, reason, coalesce(hour_index, 0))
    WHERE reason IN ('session_start', 'hour');

-- Append-only: rows are never edited, and never deleted except with their user.
CREATE OR REPLACE FUNCTION credit_ledger_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- A cascade from deleting the user runs one trigger level deeper than a direct statement.
    IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'credit_ledger is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
DROP TRIGGER IF EXISTS credit_ledger_append_only ON credit_ledger;
CREATE TRIGGER credit_ledger_append_only
    BEFORE UPDATE OR DELETE ON credit_ledger
    FOR EACH ROW EXECUTE FUNCTION credit_ledger_append_only();

-- A session as the application reads it: the spec's columns plus billed time (the sum of its
-- running intervals) and the time spent in pauses that have ended.
-- security_invoker: the view reads its tables with the rights of whoever queries it, so their
-- row-level security applies (a plain view would read them as its owner, who sees every row).
-- It must be written out on every CREATE OR REPLACE, which otherwise resets it.
-- A deleted session (deleted_at set) is not in it: history, home and reports read sessions
-- through it, and the credit ledger, which does not, keeps naming it. New columns go last:
-- CREATE OR REPLACE VIEW may only add columns after the ones it has.
CREATE OR REPLACE VIEW session_overview WITH (security_invoker = true) AS
SELECT s.id, s.user_id, s.session_name, s.job_title, s.job_description, s.status,
       s.interview_duration, s.credits_used, s.created_at, s.started_at, s.ended_at,
       floor(coalesce(t.running, 0))::integer AS billed_seconds,
       floor(s.paused_seconds)::integer AS paused_seconds,
       s.company
FROM sessions s
LEFT JOIN LATERAL (
    SELECT sum(running_seconds) AS running FROM timer_intervals WHERE session_id = s.id
) t ON true
WHERE s.deleted_at IS NULL;

-- == One person's data, walled off ==========================================================
--
-- On a shared server each person connects with a login role of their own, and the database
-- itself keeps each to their own rows, whatever program they connect with. The role that owns
-- these tables (the one that applied this file: the database's owner) is not subject to
-- row-level security and can do everything; on the embedded database it is the one person
-- using it. A person's role gets its privileges from `mockmate db grant ROLE` (db/access.py).
--
-- Every policy finds "me" the same way: the users row whose db_role is current_user, one
-- lookup in users_db_role_unique. Policies are bound to these tables when created, so a
-- person's search_path cannot point them elsewhere.

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_profile ON users;
CREATE POLICY own_profile ON users
    USING (db_role = current_user) WITH CHECK (db_role = current_user);

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_sessions ON sessions;
CREATE POLICY own_sessions ON sessions
    USING (user_id = (SELECT u.id FROM users u WHERE u.db_role = current_user));

-- A session's rows belong to whoever owns the session; the check (the USING expression
-- again) also stops a row being written into, or moved to, somebody else's session.
ALTER TABLE timer_intervals ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_session_rows ON timer_intervals;
CREATE POLICY own_session_rows ON timer_intervals
    USING (session_id IN (SELECT s.id FROM sessions s WHERE s.user_id =
                          (SELECT u.id FROM users u WHERE u.db_role = current_user)));

ALTER TABLE interview_questions ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_session_rows ON interview_questions;
CREATE POLICY own_session_rows ON interview_questions
    USING (session_id IN (SELECT s.id FROM sessions s WHERE s.user_id =
                          (SELECT u.id FROM users u WHERE u.db_role = current_user)));

ALTER TABLE interview_answers ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_session_rows ON interview_answers;
CREATE POLICY own_session_rows ON interview_answers
    USING (session_id IN (SELECT s.id FROM sessions s WHERE s.user_id =
                          (SELECT u.id FROM users u WHERE u.db_role = current_user)));

ALTER TABLE interview_plan ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_session_rows ON interview_plan;
CREATE POLICY own_session_rows ON interview_plan
    USING (session_id IN (SELECT s.id FROM sessions s WHERE s.user_id =
                          (SELECT u.id FROM users u WHERE u.db_role = current_user)));

-- Credits are sold by the owner, not self-served: a person reads their own ledger and may add
-- only what their own interviews cost (one credit, for a session's start or one of its hours).
-- Top-ups and refunds are the owner's. (A person's role has no UPDATE or DELETE here at all.)
ALTER TABLE credit_ledger ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_ledger ON credit_ledger;
CREATE POLICY own_ledger ON credit_ledger FOR SELECT
    USING (user_id = (SELECT u.id FROM users u WHERE u.db_role = current_user));
DROP POLICY IF EXISTS own_charges ON credit_ledger;
CREATE POLICY own_charges ON credit_ledger FOR INSERT
    WITH CHECK (
        delta = -1 AND reason IN ('session_start', 'hour')
        AND user_id = (SELECT u.id FROM users u WHERE u.db_role = current_user)
        AND session_id IN (SELECT s.id FROM sessions s WHERE s.user_id =
                           (SELECT u.id FROM users u WHERE u.db_role = current_user))
    );

-- What row-level security cannot say about a person's own profile: a new profile starts with
-- no credits, and afterwards the balance moves only with the ledger (credit_balance =
-- initial_credits + the sum of the ledger's deltas, checked after each change, so the charges'
-- order, ledger row first, then the balance, is the one that passes). The owner is exempt.
-- search_path is pinned and the ledger named through the table's own schema, so a person
-- cannot slip a look-alike function or ledger of their own in front of these.
CREATE OR REPLACE FUNCTION users_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ledger_total bigint;
BEGIN
    IF pg_has_role(current_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID),
                   'USAGE') THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.initial_credits <> 0 OR NEW.credit_balance <> 0 THEN
            RAISE EXCEPTION 'a new profile starts with no credits: the database''s owner adds them'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.id <> OLD.id OR NEW.db_role IS DISTINCT FROM OLD.db_role
            OR NEW.initial_credits <> OLD.initial_credits OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'only the database''s owner can change a profile''s id, role, starting '
                        'credits or creation time'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.credit_balance <> OLD.credit_balance THEN
        EXECUTE format('SELECT coalesce(sum(delta), 0) FROM %I.credit_ledger WHERE user_id = $1',
                       TG_TABLE_SCHEMA)
            INTO ledger_total USING NEW.id;
        IF NEW.credit_balance <> NEW.initial_credits + ledger_total THEN
            RAISE EXCEPTION 'a balance changes only with its ledger: only the database''s owner '
                            'can add credits'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    RETURN NEW;
END;
$$;
DROP TRIGGER IF EXISTS users_guard ON users;
CREATE TRIGGER users_guard
    BEFORE INSERT OR UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION users_guard();

-- == Practice that adapts (schema version 9) ================================================
--
-- What each answer got wrong, in terms that recur across questions (core/weakness.py), and
-- each weak area's FSRS card (core/schedule.py): when it is due again. A person's own rows.

-- The facts of an answer its comparison and findings are read from: key points judged,
-- rubric parts, the areas it was graded on. Written with the answer, in its transaction.
CREATE TABLE IF NOT EXISTS answer_facts (
    answer_id  uuid PRIMARY KEY REFERENCES interview_answers (id) ON DELETE CASCADE,
    session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    facts      jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS answer_facts_session_idx ON answer_facts (session_id);

-- One weak area of one person: its FSRS card, and its due date and stability copied out of
-- the card so the due list is one indexed query.
CREATE TABLE IF NOT EXISTS weak_areas (
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    area          text NOT NULL CHECK (length(area) > 0),
    kind          varchar(16) NOT NULL
                  CHECK (kind IN ('criterion', 'theme', 'skill', 'category', 'difficulty')),
    label         text NOT NULL,
    card          jsonb NOT NULL,
    due           timestamptz NOT NULL,
    stability     double precision NOT NULL,
    reviews       integer NOT NULL CHECK (reviews > 0),
    lapses        integer NOT NULL DEFAULT 0 CHECK (lapses >= 0),
    last_grade    smallint NOT NULL CHECK (last_grade BETWEEN 1 AND 4),
    first_seen    timestamptz NOT NULL,
    last_reviewed timestamptz NOT NULL,
    PRIMARY KEY (user_id, area)
);
CREATE INDEX IF NOT EXISTS weak_areas_due_idx ON weak_areas (user_id, due);

-- Every review: one answer's grade on one area. Keyed by the answer, so an answer stored
-- twice (a retried transaction) reviews nothing twice.
CREATE TABLE IF NOT EXISTS weak_area_reviews (
    answer_id   uuid NOT NULL REFERENCES interview_answers (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    area        text NOT NULL,
    grade       smallint NOT NULL CHECK (grade BETWEEN 1 AND 4),
    why         text NOT NULL,
    reviewed_at timestamptz NOT NULL,
    PRIMARY KEY (answer_id, area)
);
CREATE INDEX IF NOT EXISTS weak_area_reviews_user_idx ON weak_area_reviews (user_id, area);

-- Why a planned question was picked (a weak-spots session, a retry, a job's gap), and for a
-- retry the answer it retries, so the new answer is shown beside that one.
CREATE TABLE IF NOT EXISTS plan_reasons (
    session_id      uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    question_number integer NOT NULL CHECK (question_number > 0),
    reason          text NOT NULL,
    areas           text[] NOT NULL DEFAULT '{}',
    retry_of        uuid REFERENCES interview_answers (id) ON DELETE SET NULL,
    PRIMARY KEY (session_id, question_number)
);
CREATE INDEX IF NOT EXISTS plan_reasons_retry_of_idx ON plan_reasons (retry_of);

-- The talking points (the question's key points) shown before answering, once per question: the
-- report says so, and the key points an answer then covers count as seen, not recalled.
CREATE TABLE IF NOT EXISTS talking_points_shown (
    session_id      uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    question_number integer NOT NULL CHECK (question_number > 0),
    shown_at        timestamptz NOT NULL,
    PRIMARY KEY (session_id, question_number)
);

ALTER TABLE answer_facts ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_session_rows ON answer_facts;
CREATE POLICY own_session_rows ON answer_facts
    USING (session_id IN (SELECT s.id FROM sessions s WHERE s.user_id =
                          (SELECT u.id FROM users u WHERE u.db_role = current_user)));

ALTER TABLE plan_reasons ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_session_rows ON plan_reasons;
CREATE POLICY own_session_rows ON plan_reasons
    USING (session_id IN (SELECT s.id FROM sessions s WHERE s.user_id =
                          (SELECT u.id FROM users u WHERE u.db_role = current_user)));

-- The person's CV (`mockmate cv import`), kept with their profile: questions about their own
-- experience, and the job description matched against it.
CREATE TABLE IF NOT EXISTS user_cv (
    user_id     uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    cv_text     text NOT NULL CHECK (length(btrim(cv_text)) > 0),
    source_name text NOT NULL,
    imported_at timestamptz NOT NULL
);

ALTER TABLE user_cv ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_rows ON user_cv;
CREATE POLICY own_rows ON user_cv
    USING (user_id = (SELECT u.id FROM users u WHERE u.db_role = current_user));

ALTER TABLE talking_points_shown ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_session_rows ON talking_points_shown;
CREATE POLICY own_session_rows ON talking_points_shown
    USING (session_id IN (SELECT s.id FROM sessions s WHERE s.user_id =
                          (SELECT u.id FROM users u WHERE u.db_role = current_user)));

ALTER TABLE weak_areas ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_rows ON weak_areas;
CREATE POLICY own_rows ON weak_areas
    USING (user_id = (SELECT u.id FROM users u WHERE u.db_role = current_user));

ALTER TABLE weak_area_reviews ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_rows ON weak_area_reviews;
CREATE POLICY own_rows ON weak_area_reviews
    USING (user_id = (SELECT u.id FROM users u WHERE u.db_role = current_user));

-- Each role already let in (it may insert answers) gets a person's rights on the tables of
-- practice that adapts (version 9), as `mockmate db grant` gives a new role (db/access.py): an
-- upgrade locks nobody out of their own weak areas. Idempotent: granting twice changes nothing.
DO $$
DECLARE person text;
BEGIN
    FOR person IN
        SELECT DISTINCT acl.grantee::regrole::text
        FROM pg_class c, aclexplode(c.relacl) acl
        WHERE c.oid = 'interview_answers'::regclass AND acl.privilege_type = 'INSERT'
          AND acl.grantee NOT IN (0, c.relowner)
    LOOP
        EXECUTE 'GRANT SELECT, INSERT ON answer_facts, plan_reasons, talking_points_shown, '
                'weak_area_reviews TO ' || person;
        EXECUTE 'GRANT SELECT, INSERT ON weak_areas, user_cv TO ' || person;
        -- Column rights, never a whole table's UPDATE, which would let a person LOCK it.
        EXECUTE 'GRANT UPDATE (kind, label, card, due, stability, reviews, lapses, last_grade, '
                'last_reviewed) ON weak_areas TO ' || person;
        EXECUTE 'GRANT UPDATE (cv_text, source_name, imported_at) ON user_cv TO ' || person;
    END LOOP;
END $$;

-- == Billing, enforced by the database ======================================================
--
-- Running time is measured by the client (the monotonic clock of the window that runs the
-- timer), so the database cannot know it; what it can hold, whatever program a person
-- connects with, is that billing never goes backwards and that each hour reached is paid:
--   * an interval's running_seconds only grows, and a closed interval never changes again;
--   * an interval's running_seconds never runs ahead of the time passed by the database's own
--     clock since it opened (started_db_at), plus a 2 s allowance for the client's open
--     reaching the database after its clock started: a larger figure is cut to that, so a
--     client clock (a wrong one, or a forged figure) cannot bill a person for time that did
--     not pass. Time measured while the database was away, in an interval opened then (its
--     INSERT reaches the database at replay), is therefore not billed;
--   * a new interval starts at 0 seconds, open;
--   * a session never goes back to 'created', a completed one never changes its status, and
--     credits_used never drops;
--   * at COMMIT, a started session has a ledger charge for its start and for each hour its
--     running time has reached (the credit rule: 1 + whole hours), and credits_used covers
--     them.
-- The owner (the role owning the tables, or a member of it) is exempt, as in users_guard: it
-- can change anything anyway, and repairs data by hand. A person's role cannot disable
-- triggers (that takes the table's owner, or a superuser's session_replication_role).
-- Every interval write also stamps heartbeat_db_at with the database's clock, for everyone.

CREATE OR REPLACE FUNCTION timer_intervals_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    NEW.heartbeat_db_at := clock_timestamp();
    IF TG_OP = 'INSERT' THEN
        NEW.started_db_at := clock_timestamp();
    END IF;
    IF pg_has_role(current_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID),
                   'USAGE') THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.running_seconds <> 0 OR NEW.ended_at IS NOT NULL THEN
            RAISE EXCEPTION 'a running interval starts open, at 0 seconds'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.session_id <> OLD.session_id OR NEW.started_at <> OLD.started_at
            OR NEW.started_db_at IS DISTINCT FROM OLD.started_db_at THEN
        RAISE EXCEPTION 'an interval''s session and start never change'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.running_seconds < OLD.running_seconds THEN
        RAISE EXCEPTION 'billed running time only grows (% s, not %)',
            OLD.running_seconds, NEW.running_seconds
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.ended_at IS NOT NULL AND (NEW.ended_at IS DISTINCT FROM OLD.ended_at
                                     OR NEW.running_seconds <> OLD.running_seconds) THEN
        RAISE EXCEPTION 'a closed interval never changes'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.started_db_at IS NOT NULL THEN
        NEW.running_seconds := greatest(OLD.running_seconds, least(
            NEW.running_seconds,
            extract(epoch FROM clock_timestamp() - OLD.started_db_at)::float8 + 2));
    END IF;
    RETURN NEW;
END;
$$;
DROP TRIGGER IF EXISTS timer_intervals_guard ON timer_intervals;
CREATE TRIGGER timer_intervals_guard
    BEFORE INSERT OR UPDATE ON timer_intervals
    FOR EACH ROW EXECUTE FUNCTION timer_intervals_guard();

CREATE OR REPLACE FUNCTION sessions_billing_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF pg_has_role(current_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID),
                   'USAGE') THEN
        RETURN NEW;
    END IF;
    IF OLD.status <> 'created' AND NEW.status = 'created' THEN
        RAISE EXCEPTION 'a started interview never goes back to ''created'''
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.status = 'completed' AND NEW.status <> 'completed' THEN
        RAISE EXCEPTION 'a completed interview is never reopened'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.credits_used < OLD.credits_used THEN
        RAISE EXCEPTION 'credits used never drop (% used, not %)',
            OLD.credits_used, NEW.credits_used
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
DROP TRIGGER IF EXISTS sessions_billing_guard ON sessions;
CREATE TRIGGER sessions_billing_guard
    BEFORE UPDATE ON sessions
    FOR EACH ROW EXECUTE FUNCTION sessions_billing_guard();

-- Checked at COMMIT, so a charge (its ledger row and the balance) and the running time it pays
-- for may be written in either order within the transaction.
CREATE OR REPLACE FUNCTION billing_paid_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    sid uuid;
    session_status text;
    used integer;
    running double precision;
    charged bigint;
    owed bigint;
BEGIN
    IF pg_has_role(current_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID),
                   'USAGE') THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'sessions' THEN
        sid := NEW.id;
    ELSE
        sid := NEW.session_id;
    END IF;
    EXECUTE format('SELECT status, credits_used FROM %I.sessions WHERE id = $1',
                   TG_TABLE_SCHEMA) INTO session_status, used USING sid;
    IF session_status IS NULL OR session_status = 'created' THEN
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT coalesce(sum(running_seconds), 0) FROM %I.timer_intervals '
                   'WHERE session_id = $1', TG_TABLE_SCHEMA) INTO running USING sid;
    EXECUTE format('SELECT count(*) FROM %I.credit_ledger WHERE session_id = $1 '
                   'AND reason IN (''session_start'', ''hour'')', TG_TABLE_SCHEMA)
        INTO charged USING sid;
    owed := 1 + floor(running)::bigint / 3600;
    IF charged < owed OR used < owed THEN
        RAISE EXCEPTION 'every hour reached is paid: % s of running time owe % credits; % '
                        'charged, % counted as used', floor(running), owed, charged, used
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NULL;
END;
$$;
DROP TRIGGER IF EXISTS billing_paid_on_intervals ON timer_intervals;
CREATE CONSTRAINT TRIGGER billing_paid_on_intervals
    AFTER INSERT OR UPDATE ON timer_intervals
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION billing_paid_check();
DROP TRIGGER IF EXISTS billing_paid_on_sessions ON sessions;
CREATE CONSTRAINT TRIGGER billing_paid_on_sessions
    AFTER UPDATE ON sessions
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION billing_paid_check();
