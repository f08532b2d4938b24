//! Command line and environment: every option has a flag and an environment variable, and
//! `--help` lists them.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
// Environment values are hidden from --help: DATABASE_URL may hold a password.
#[command(name = "server", version, about = "OCOP platform server: catalog, producer portal and back office.")]
pub struct Cli {
    /// sqlite:PATH for the embedded database (created if missing) or postgres://USER:PASSWORD@HOST/DB.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true, default_value = "sqlite://ocop.db", global = true)]
    pub database_url: String,

    /// Largest number of pooled database connections.
    #[arg(long, env = "OCOP_MAX_CONNECTIONS", hide_env_values = true, default_value_t = 16, global = true)]
    pub max_connections: u32,

    /// Log lines as human-readable text or as JSON objects.
    #[arg(long, env = "OCOP_LOG_FORMAT", hide_env_values = true, value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,

    /// For tests and demonstrations only: run as if today in Vietnam were this day (YYYY-MM-DD);
    /// the time of day runs on. Certificates expire, deadlines pass and decisions are dated by it.
    #[arg(long, env = "OCOP_TODAY", hide_env_values = true, value_parser = parse_today, global = true)]
    pub today: Option<app::clock::Clock>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

fn parse_today(day: &str) -> Result<app::clock::Clock, String> {
    app::clock::Clock::parse(day)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    Vi,
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the platform (the default).
    Serve(ServeArgs),
    /// Import a list of certified products (columns as in server/data/sample-products.csv).
    Import {
        /// The file: CSV (UTF-8) or an Excel workbook (.xlsx), with a header row.
        file: PathBuf,
        /// Import the rows without errors even when other rows have some.
        #[arg(long)]
        good_rows_only: bool,
        /// Check the file and report, writing nothing.
        #[arg(long)]
        dry_run: bool,
        /// The province whose list this is, by code (`89` for An Giang): rows that name no
        /// province are of it, and a row naming another is refused.
        #[arg(long)]
        province: Option<String>,
        /// Read a column otherwise than its header names it: `--map "Tên SP=product_name"`;
        /// `--map "Ghi chú="` leaves it out. Repeat for several columns.
        #[arg(long = "map", value_name = "HEADER=FIELD")]
        maps: Vec<String>,
        /// Read only this sheet of the workbook (repeat for several); every sheet holding a
        /// list otherwise.
        #[arg(long = "sheet", value_name = "NAME")]
        sheets: Vec<String>,
        /// Language of the report.
        #[arg(long, value_enum, default_value_t = Lang::Vi)]
        lang: Lang,
    },
    /// Write a province's products as an Excel list laid out as provinces publish theirs
    /// (title, Vietnamese headers, groups by stars), which imports back adding nothing.
    ExportList {
        /// The province's code (`48` for Đà Nẵng).
        #[arg(long)]
        province: String,
        /// The workbook to write.
        out: PathBuf,
    },
    /// Add a synthetic catalog of realistic products (for demos and benchmarks).
    Generate {
        /// How many products to add.
        #[arg(long, default_value_t = 1000)]
        products: usize,
        /// Random seed; the same seed gives the same catalog, so a rerun adds nothing.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Create or update the database schema and reference data, then exit.
    Migrate,
    /// Back up the database (a consistent snapshot, taken while serving) and the uploaded files
    /// into a new folder, with a manifest of what it holds.
    Backup {
        /// The new (or empty) folder to write the backup in.
        #[arg(long)]
        to: PathBuf,
        /// The uploaded files, as `serve` keeps them.
        #[command(flatten)]
        files: FilesArgs,
    },
    /// Restore a backup into an empty database (--database-url) and an empty files folder, then
    /// check that every table and file came back.
    Restore {
        /// The folder `backup` wrote.
        #[arg(long)]
        from: PathBuf,
        /// Where the uploaded files go: an empty folder, or a bucket.
        #[command(flatten)]
        files: FilesArgs,
    },
    /// Give a staff post to an account (creating it, with a link to set its password): how the
    /// first administrator is made; administrators appoint everyone else in the back office.
    Appoint {
        /// E-mail address or phone number the person signs in with.
        #[arg(long)]
        sign_in_name: String,
        /// The person's full name.
        #[arg(long)]
        name: String,
        /// commune_officer, province_officer, advisory_member, council_member, council_chair,
        /// national_officer or administrator.
        #[arg(long)]
        role: String,
        /// Province code, for provincial and commune posts.
        #[arg(long)]
        province: Option<String>,
        /// Commune code, for a commune officer.
        #[arg(long)]
        commune: Option<String>,
        /// The address people use to reach the site, for the link.
        #[arg(long, env = "OCOP_PUBLIC_URL", hide_env_values = true, default_value = "http://127.0.0.1:3000")]
        public_url: String,
    },
}

#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", hide_env_values = true)]
    pub addr: Option<SocketAddr>,
    /// The address people use to reach the site, printed in stamp QR codes (default: http://ADDR).
    #[arg(long, env = "OCOP_PUBLIC_URL", hide_env_values = true)]
    pub public_url: Option<String>,
    /// Fill an empty catalog with the sample products and a demo catalog.
    #[arg(long, env = "OCOP_SEED_DEMO", hide_env_values = true)]
    pub seed_demo: bool,
    /// With --seed-demo, also make demo staff accounts (administrator, officers of commune
    /// 20194 and province 48, a council) with this password. Never in production.
    #[arg(long, env = "OCOP_DEMO_STAFF_PASSWORD", hide_env_values = true, requires = "seed_demo")]
    pub demo_staff_password: Option<String>,
    /// Also write each outgoing message (password reset links) as a file in this folder; without
    /// a mail server, messages otherwise go only to the log.
    #[arg(long, env = "OCOP_MAIL_DIR", hide_env_values = true)]
    pub mail_dir: Option<PathBuf>,
    #[command(flatten)]
    pub files: FilesArgs,
    /// Send mail through this SMTP server: smtps://user:password@host (TLS),
    /// smtp://user:password@host:587?tls=required (STARTTLS), or smtp://host:25 (plain).
    #[arg(long, env = "OCOP_SMTP_URL", hide_env_values = true, requires = "mail_from")]
    pub smtp_url: Option<String>,
    /// The sender of the platform's mail, e.g. "OCOP <noreply@ocop.example.vn>".
    #[arg(long, env = "OCOP_MAIL_FROM", hide_env_values = true)]
    pub mail_from: Option<String>,
    /// Serve Prometheus metrics at /metrics to a scraper presenting this bearer token.
    #[arg(long, env = "OCOP_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// Open-data API requests a second allowed to one client address, with five times as many
    /// at once; 0 for no limit (load benchmarks).
    #[arg(long, env = "OCOP_API_RATE_LIMIT", hide_env_values = true, default_value_t = 20)]
    pub api_rate_limit: u32,
    /// Pages and server-function calls a second allowed to one client address, with five times
    /// as many at once (the files a page loads are not counted); 0 for no limit (load
    /// benchmarks). Generous, because many phones can share one carrier address.
    #[arg(long, env = "OCOP_PAGE_RATE_LIMIT", hide_env_values = true, default_value_t = 30)]
    pub page_rate_limit: u32,
    /// The site is reached through its own reverse proxy, which appends the client's address
    /// to X-Forwarded-For (never set this without one: anyone can send that header).
    #[arg(long, env = "OCOP_BEHIND_PROXY", hide_env_values = true)]
    pub behind_proxy: bool,
    /// Connections held open at once; beyond, new ones are closed at once.
    #[arg(long, env = "OCOP_MAX_OPEN_CONNECTIONS", hide_env_values = true, default_value_t = 10_000)]
    pub max_open_connections: usize,
    /// Connections held open at once for one client address (not applied --behind-proxy, where
    /// every connection comes from the proxy).
    #[arg(long, env = "OCOP_MAX_CONNECTIONS_PER_CLIENT", hide_env_values = true, default_value_t = 256)]
    pub max_connections_per_client: usize,
    /// Seconds a connection may pass without a byte read or written before it is closed.
    #[arg(long, env = "OCOP_IDLE_TIMEOUT", hide_env_values = true, default_value_t = 60)]
    pub idle_timeout: u64,
    /// Seconds a client has to send a request's head (its line and headers) once it began; a
    /// head sent a byte at a time would otherwise hold the connection as long as it liked.
    #[arg(long, env = "OCOP_HEADER_TIMEOUT", hide_env_values = true, default_value_t = 20)]
    pub header_timeout: u64,
}

/// Where uploaded files are kept: a folder on this machine, or an S3-compatible bucket that
/// several servers share.
#[derive(Debug, Clone, clap::Args)]
pub struct FilesArgs {
    /// Folder for uploaded files (created if missing), when no bucket is given.
    #[arg(long, env = "OCOP_FILES_DIR", hide_env_values = true, default_value = "ocop-files")]
    pub files_dir: PathBuf,
    /// Keep uploaded files in this S3-compatible bucket instead (it must exist).
    #[arg(long, env = "OCOP_S3_BUCKET", hide_env_values = true, requires_all = ["s3_endpoint", "s3_access_key", "s3_secret_key"])]
    pub s3_bucket: Option<String>,
    /// The bucket's store: https://s3.example.vn or http://127.0.0.1:9000 (path-style requests).
    #[arg(long, env = "OCOP_S3_ENDPOINT", hide_env_values = true)]
    pub s3_endpoint: Option<String>,
    #[arg(long, env = "OCOP_S3_REGION", hide_env_values = true, default_value = "us-east-1")]
    pub s3_region: String,
    #[arg(long, env = "OCOP_S3_ACCESS_KEY", hide_env_values = true)]
    pub s3_access_key: Option<String>,
    #[arg(long, env = "OCOP_S3_SECRET_KEY", hide_env_values = true)]
    pub s3_secret_key: Option<String>,
}

impl FilesArgs {
    /// The store these settings describe; a bucket is checked before anything is served.
    pub async fn open(&self) -> Result<crate::files::FileStore, String> {
        use crate::files::{Bucket, BucketConfig, FileStore};
        let (Some(bucket), Some(endpoint), Some(access_key), Some(secret_key)) =
            (&self.s3_bucket, &self.s3_endpoint, &self.s3_access_key, &self.s3_secret_key)
        else {
            return FileStore::new(self.files_dir.clone())
                .map_err(|err| format!("The files folder {} cannot be used: {err}", self.files_dir.display()));
        };
        let bucket = Bucket::new(BucketConfig {
            endpoint: endpoint.clone(),
            bucket: bucket.clone(),
            region: self.s3_region.clone(),
            access_key: access_key.clone(),
            secret_key: secret_key.clone(),
        })?;
        bucket.check().await?;
        Ok(FileStore::in_bucket(bucket))
    }
}
