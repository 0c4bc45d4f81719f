-- Shopcast's PostgreSQL: one database, and for each service (auth, content, platform, analytics) a login
-- role that owns exactly one schema of the same name and can use nothing else. A service never reads
-- another service's schema; these grants make that a database rule, not only a convention.
--
-- Passwords come from the environment through psql's \getenv (psql 15+); this file holds no secret.
--   docker compose: the postgres image runs it at first start (mounted in /docker-entrypoint-initdb.d).
--   any other PostgreSQL, as a superuser:
--     AUTH_DB_PASSWORD=... CONTENT_DB_PASSWORD=... PLATFORM_DB_PASSWORD=... ANALYTICS_DB_PASSWORD=... \
--       psql -v ON_ERROR_STOP=1 -U postgres -f deploy/postgres/init.sql
-- An unset variable leaves :'..._password' unexpanded, a syntax error: the script stops, no role is created.
\set ON_ERROR_STOP on

\getenv auth_password AUTH_DB_PASSWORD
\getenv content_password CONTENT_DB_PASSWORD
\getenv platform_password PLATFORM_DB_PASSWORD
\getenv analytics_password ANALYTICS_DB_PASSWORD

BEGIN;
CREATE ROLE auth LOGIN PASSWORD :'auth_password';
CREATE ROLE content LOGIN PASSWORD :'content_password';
CREATE ROLE platform LOGIN PASSWORD :'platform_password';
CREATE ROLE analytics LOGIN PASSWORD :'analytics_password';
COMMIT;

CREATE DATABASE shopcast;
REVOKE ALL ON DATABASE shopcast FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE shopcast TO auth, content, platform, analytics;

\connect shopcast

-- Nobody creates or reads objects in public; each role works only in its own schema.
REVOKE ALL ON SCHEMA public FROM PUBLIC;

CREATE SCHEMA auth AUTHORIZATION auth;
CREATE SCHEMA content AUTHORIZATION content;
CREATE SCHEMA platform AUTHORIZATION platform;
CREATE SCHEMA analytics AUTHORIZATION analytics;

ALTER ROLE auth IN DATABASE shopcast SET search_path = auth;
ALTER ROLE content IN DATABASE shopcast SET search_path = content;
ALTER ROLE platform IN DATABASE shopcast SET search_path = platform;
ALTER ROLE analytics IN DATABASE shopcast SET search_path = analytics;
