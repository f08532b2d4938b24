#!/usr/bin/env bash
# Runs the platform on http://127.0.0.1:3000 with an embedded SQLite database, created,
# migrated and seeded with a demo catalog at start. Set DATABASE_URL to use PostgreSQL.
source "$(dirname "$0")/common.sh"

ensure_build_tools
build_site

OCOP_DATA="${OCOP_DATA:-$HOME/.local/share/ocop}"
mkdir -p "$OCOP_DATA"
export DATABASE_URL="${DATABASE_URL:-sqlite://$OCOP_DATA/ocop.db}"
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
# No mail server in development: password reset links land here (and in the log).
export OCOP_MAIL_DIR="${OCOP_MAIL_DIR:-$OCOP_DATA/mail}"
export OCOP_FILES_DIR="${OCOP_FILES_DIR:-$OCOP_DATA/files}"
# Demo staff accounts (quantri@ocop.demo, canbo.xa@ocop.demo, canbo.tinh@ocop.demo, …) for a
# local look at the back office; a real deployment appoints its first administrator with
# `server appoint` instead.
export OCOP_DEMO_STAFF_PASSWORD="${OCOP_DEMO_STAFF_PASSWORD:-ocop-demo-2026}"
say "Serving on http://$LEPTOS_SITE_ADDR (Ctrl-C stops)"
exec "$SERVER_BIN" serve --seed-demo "$@"
