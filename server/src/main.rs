use std::process::ExitCode;

use clap::Parser;
use leptos::prelude::LeptosOptions;
use server::config::{Cli, Command, Lang, LogFormat, ServeArgs};
use server::import::{import_file, ImportOptions, Language};
use server::{generate, http, open_database, seed};
use tracing_subscriber::EnvFilter;

// Rendering a page allocates and frees thousands of small strings; glibc's allocator spent a
// third of the catalog page's time consolidating them (perf under typing traffic).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let mut cli = Cli::parse();
    if cli.command.is_none() {
        // No command means serve, with serve's flags and environment read as usual.
        cli = Cli::parse_from(std::env::args().chain(["serve".to_string()]));
    }
    init_logging(cli.log_format);
    match run(cli).await {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<ExitCode, String> {
    // A restore goes into an empty database, so it runs before the migrations would fill one.
    if let Some(Command::Restore { from, files }) = &cli.command {
        let manifest = server::backup::restore(from, &cli.database_url, &files.open().await?).await?;
        let rows: i64 = manifest.tables.values().sum();
        println!(
            "Restored {rows} rows in {} tables and {} files, as the backup of {} counted them.",
            manifest.tables.len(),
            manifest.files,
            manifest.taken_at
        );
        return Ok(ExitCode::SUCCESS);
    }
    let clock = match cli.today {
        Some(clock) => {
            tracing::warn!(today = %clock.today(), "the clock is set to another day (--today, OCOP_TODAY): for tests and demonstrations only");
            clock
        }
        None => app::clock::Clock::system(),
    };
    let db = open_database(&cli.database_url, cli.max_connections, clock).await?;
    match cli.command.expect("main fills in serve when no command is given") {
        Command::Migrate => Ok(ExitCode::SUCCESS),
        Command::Backup { to, files } => {
            let manifest = server::backup::backup(&db, &cli.database_url, &files.open().await?, &to).await?;
            let rows: i64 = manifest.tables.values().sum();
            println!(
                "Backed up {rows} rows in {} tables and {} files into {}.",
                manifest.tables.len(),
                manifest.files,
                to.display()
            );
            if !manifest.missing_files.is_empty() {
                eprintln!(
                    "Warning: the records refer to {} files the store no longer holds: {}",
                    manifest.missing_files.len(),
                    manifest.missing_files.join(", ")
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Restore { .. } => unreachable!("a restore returns before the database is opened"),
        Command::Import { file, good_rows_only, dry_run, province, maps, sheets, lang } => {
            let bytes = std::fs::read(&file).map_err(|err| {
                format!("Cannot read {}: {err}. Check the path and that the file is readable.", file.display())
            })?;
            let language = if lang == Lang::En { Language::En } else { Language::Vi };
            if let Some(code) = province.as_deref() {
                let known: Option<String> = sqlx::query_scalar("SELECT name FROM provinces WHERE code = $1")
                    .bind(code)
                    .fetch_optional(&db.pool)
                    .await
                    .map_err(|err| err.to_string())?;
                if known.is_none() {
                    return Err(format!(
                        "--province {code}: not the code of one of the 34 provinces (`89` is An Giang)."
                    ));
                }
            }
            let mut mapping = app::model::ImportMapping { sheets, ..Default::default() };
            for map in &maps {
                let (header, field) = server::import::map_written(map)?;
                mapping.read_as(header, field);
            }
            let options =
                ImportOptions { good_rows_only, dry_run, province_code: province, mapping, ..ImportOptions::default() };
            let report = import_file(&db, &bytes, options).await.map_err(|err| err.message(language))?;
            if !report.sheets.is_empty() {
                println!(
                    "{}",
                    language.tr_with("Các trang tính đã đọc: {sheets}.", &[("sheets", &report.sheets.join(", "))])
                );
            }
            let columns: Vec<String> = report
                .layout
                .columns
                .iter()
                .map(|column| match &column.field {
                    Some(field) => format!("{} → {field}", column.written),
                    None => format!("{} (–)", column.written),
                })
                .collect();
            println!("{}", language.tr_with("Các cột đọc được: {columns}.", &[("columns", &columns.join(", "))]));
            if let Some(province) = &report.province_from_title {
                let said = language.tr_with(
                    "Tỉnh đọc từ tiêu đề của danh sách: {province} (áp dụng cho mọi dòng).",
                    &[("province", province)],
                );
                println!("{said}");
            }
            for said in report.rejected.iter().chain(&report.notes) {
                println!("{}", said.message(language));
            }
            println!("{}", report.summary(language));
            let refused = !report.written && !dry_run;
            Ok(if refused { ExitCode::FAILURE } else { ExitCode::SUCCESS })
        }
        Command::ExportList { province, out } => {
            let list = server::import::provincial_list(&db, &province, db.clock.today())
                .await
                .map_err(|err| err.to_string())?;
            let Some(bytes) = list else {
                return Err(format!(
                    "--province {province}: not the code of one of the 34 provinces (`48` is Đà Nẵng)."
                ));
            };
            std::fs::write(&out, bytes).map_err(|err| format!("Cannot write {}: {err}.", out.display()))?;
            println!("Wrote {}.", out.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate { products, seed } => {
            let started = std::time::Instant::now();
            let written = generate::generate(&db, products, seed).await.map_err(|err| err.to_string())?;
            println!("{written} products generated in {:.1} s.", started.elapsed().as_secs_f64());
            Ok(ExitCode::SUCCESS)
        }
        Command::Appoint { sign_in_name, name, role, province, commune, public_url } => {
            let link =
                seed::appoint_from_command_line(&db, &public_url, &sign_in_name, &name, &role, province, commune)
                    .await?;
            match link {
                Some(link) => println!("{name} can now set a password (valid for 7 days): {link}"),
                None => println!("{name} holds the post from the next sign-in, with their existing password."),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => {
            let year = chrono::Datelike::year(&db.clock.today());
            if !app::domain::staff::ANNOUNCED_YEARS.contains(&year) {
                tracing::warn!(
                    year,
                    "the days off of this year are not in ANNOUNCED_DAYS_OFF (app/src/domain/staff.rs): commune \
                     deadlines are counted without its Tết until the government's schedule is added"
                );
            }
            if let Some(password) = &args.demo_staff_password {
                if seed::seed_demo_staff(&db, password).await? {
                    tracing::info!("demo staff accounts made");
                }
            }
            if args.seed_demo {
                if let Some((report, generated)) = seed::seed_demo(&db).await.map_err(|err| err.to_string())? {
                    tracing::info!(imported = report.imported, generated, "demo catalog seeded");
                }
            }
            serve(db, args).await
        }
    }
}

async fn serve(db: server::db::Database, args: ServeArgs) -> Result<ExitCode, String> {
    let options = leptos_options(args.addr);
    let addr = options.site_addr;
    let public_url = args.public_url.clone().unwrap_or_else(|| format!("http://{addr}"));
    let mailer: std::sync::Arc<dyn server::mail::Mailer> = match (&args.smtp_url, &args.mail_from) {
        (Some(url), Some(from)) => {
            std::sync::Arc::new(server::mail::SmtpMailer::new(url, from, args.mail_dir.clone())?)
        }
        _ => std::sync::Arc::new(server::mail::LogMailer { folder: args.mail_dir.clone() }),
    };
    server::assets::precompress_in_background(std::path::Path::new(&*options.site_root).join(&*options.site_pkg_dir));
    server::reminders::run_in_background(db.clone(), mailer.clone(), public_url.clone());
    let files = args.files.open().await?;
    server::orphans::run_in_background(db.clone(), files.clone());
    let app = http::router(
        db.clone(),
        options,
        http::Site {
            public_url,
            mailer,
            files: files.clone(),
            metrics_token: args.metrics_token.clone(),
            api_rate_limit: (args.api_rate_limit > 0).then(|| {
                server::rate_limit::RateLimit::new(args.api_rate_limit, args.api_rate_limit * 5, args.behind_proxy)
            }),
            page_rate_limit: (args.page_rate_limit > 0).then(|| {
                server::rate_limit::RateLimit::new(args.page_rate_limit, args.page_rate_limit * 5, args.behind_proxy)
            }),
            behind_proxy: args.behind_proxy,
            read_search_index_at_start: true,
        },
    );
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|err| {
        format!("Cannot listen on {addr} ({err}): is another server running there? Choose another address with --addr.")
    })?;
    tracing::info!("listening on http://{addr}");
    let bounds = server::connections::Bounds {
        total: args.max_open_connections,
        per_client: (!args.behind_proxy).then_some(args.max_connections_per_client),
        idle: std::time::Duration::from_secs(args.idle_timeout.max(1)),
    };
    let listener = server::connections::BoundedListener::new(listener, bounds);
    let head_within = std::time::Duration::from_secs(args.header_timeout.max(1));
    server::connections::serve(listener, app, head_within, shutdown_signal()).await;
    db.pool.close().await;
    tracing::info!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// Site settings from the environment cargo-leptos sets (or the scripts), with our defaults.
fn leptos_options(addr: Option<std::net::SocketAddr>) -> LeptosOptions {
    let var = |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_string());
    let site_addr = addr.unwrap_or_else(|| ([127, 0, 0, 1], 3000).into());
    LeptosOptions::builder()
        .output_name(var("LEPTOS_OUTPUT_NAME", "ocop"))
        .site_root(var("LEPTOS_SITE_ROOT", "target/site"))
        .site_pkg_dir(var("LEPTOS_SITE_PKG_DIR", "pkg"))
        .site_addr(site_addr)
        .build()
}

/// Stops accepting connections on Ctrl-C or SIGTERM and lets requests in flight finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}

fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}
