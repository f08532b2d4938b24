//! Re-rating reminders: a producer whose certificate nears expiry is told in the app and by mail
//! when the re-rating window opens (180 days before) and again when two weeks of it are left,
//! unless a re-rating dossier has been opened for the product since the certificate was issued.
//! Each reminder is recorded before it is told, so two servers running this never send it twice.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use app::domain::{DossierKind, ReratingReminder, ValidUntil};
use app::language::Language;
use app::ports::PortError;
use chrono::NaiveDate;
use sqlx::AssertSqlSafe;

use crate::db::codes::code;
use crate::db::notify::{notify, Said};
use crate::db::{port_error, Database, LISTED};
use crate::mail::{Mailer, Message};

/// How often a server looks for reminders due.
pub const CHECK_EVERY: Duration = Duration::from_secs(6 * 3600);

/// Looks for reminders due now and every `CHECK_EVERY` after, for as long as the server runs.
pub fn run_in_background(db: Database, mailer: Arc<dyn Mailer>, public_url: String) {
    tokio::spawn(async move {
        loop {
            match send_due(&db, mailer.as_ref(), &public_url, db.clock.today()).await {
                Ok(0) => {}
                Ok(sent) => tracing::info!(sent, "re-rating reminders sent"),
                Err(err) => tracing::warn!(error = %err, "re-rating reminders not sent this time"),
            }
            tokio::time::sleep(CHECK_EVERY).await;
        }
    });
}

/// Sends the reminders due on `today`; returns how many products were reminded.
pub async fn send_due(
    db: &Database,
    mailer: &dyn Mailer,
    public_url: &str,
    today: NaiveDate,
) -> Result<usize, PortError> {
    // Certificates the platform issued, in force, with a producer to tell. `expires_on` is the
    // last valid day (`ValidUntil`), here and as the key of `rerating_reminders`.
    let certified: Vec<(i64, String, String, i64, Option<String>)> = sqlx::query_as(AssertSqlSafe(format!(
        "SELECT p.id, p.name, p.expires_on, pp.id, p.decision_date FROM products p
         JOIN portal_products pp ON pp.catalog_product_id = p.id
         WHERE p.revoked_on IS NULL AND p.expires_on IS NOT NULL AND {LISTED}"
    )))
    .fetch_all(&db.pool)
    .await
    .map_err(port_error)?;
    // Reminders already sent are passed over without a query each, run after run.
    let sent_before: HashSet<(i64, String, String)> =
        sqlx::query_as("SELECT product_id, expires_on, reminder FROM rerating_reminders")
            .fetch_all(&db.pool)
            .await
            .map_err(port_error)?
            .into_iter()
            .collect();
    let mut sent = 0;
    for (product_id, name, expires_on, portal_product, decided) in certified {
        let Some(valid_until) = ValidUntil::parse(&expires_on) else { continue };
        let Some(reminder) = valid_until.rerating_reminder_due(today) else { continue };
        if sent_before.contains(&(product_id, expires_on.clone(), reminder.code().to_string())) {
            continue;
        }
        if rerating_opened(db, portal_product, decided.as_deref()).await? {
            continue;
        }
        let told = Said::new(|language| message(reminder, &name, valid_until, language));
        let Some(members) = record_and_notify(db, product_id, &expires_on, reminder, &told).await? else { continue };
        sent += 1;
        let link = format!("{}/san-pham-cua-toi", public_url.trim_end_matches('/'));
        for (to, language) in members.into_iter().filter(|(to, _)| to.contains('@')) {
            let language = Language::stored(&language);
            let subject = language.tr_with("Nhắc đánh giá lại sản phẩm OCOP \"{name}\"", &[("name", &name)]);
            let said = message(reminder, &name, valid_until, language);
            let body = language
                .tr_with("{message}\n\nMở hồ sơ đánh giá lại: {link}\n", &[("message", &said), ("link", &link)]);
            let mail = Message { to, subject, body };
            // The reminder is in the app already; a mail server that is down only loses the copy.
            if let Err(err) = mailer.send(mail).await {
                tracing::warn!(error = %err, "a re-rating reminder was not mailed");
            }
        }
    }
    Ok(sent)
}

/// Whether a re-rating dossier was opened for the product since its certificate was decided.
async fn rerating_opened(db: &Database, portal_product: i64, decided: Option<&str>) -> Result<bool, PortError> {
    let since = decided
        .and_then(|d| d.parse::<NaiveDate>().ok())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(0, |d| d.and_utc().timestamp());
    let opened: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM dossiers WHERE portal_product_id = $1 AND kind = $2 AND created_at >= $3",
    )
    .bind(portal_product)
    .bind(code(DossierKind::ReRating))
    .bind(since)
    .fetch_one(&db.pool)
    .await
    .map_err(port_error)?;
    Ok(opened > 0)
}

/// The reminder's words: the last valid day, as every page writes it, and the window's last day.
fn message(reminder: ReratingReminder, name: &str, valid_until: ValidUntil, language: Language) -> String {
    let until = valid_until.vietnamese();
    let closes = valid_until.rerating_window().1.format("%d/%m/%Y");
    let values: &[(&str, &dyn std::fmt::Display)] = &[("name", &name), ("until", &until), ("closes", &closes)];
    match reminder {
        ReratingReminder::WindowOpen => language.tr_with(
            "Giấy chứng nhận OCOP của sản phẩm \"{name}\" có hiệu lực đến ngày {until}. Từ hôm nay đến hết ngày {closes}, chủ thể có thể nộp hồ sơ đánh giá lại để giữ chứng nhận.",
            values,
        ),
        ReratingReminder::TwoWeeksLeft => language.tr_with(
            "Còn hai tuần để nộp hồ sơ đánh giá lại sản phẩm \"{name}\" (hạn cuối ngày {closes}); giấy chứng nhận OCOP có hiệu lực đến ngày {until}.",
            values,
        ),
    }
}

/// Records the reminder and notifies the producer's people in one transaction; `None` if it
/// was recorded already (by this server or another). Returns whom to mail, and in what language.
async fn record_and_notify(
    db: &Database,
    product_id: i64,
    expires_on: &str,
    reminder: ReratingReminder,
    said: &Said,
) -> Result<Option<Vec<(String, String)>>, PortError> {
    let mut tx = db.begin_write().await.map_err(port_error)?;
    let recorded = sqlx::query(
        "INSERT INTO rerating_reminders (product_id, expires_on, reminder, sent_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING",
    )
    .bind(product_id)
    .bind(expires_on)
    .bind(reminder.code())
    .bind(db.clock.timestamp())
    .execute(&mut *tx)
    .await
    .map_err(port_error)?;
    if recorded.rows_affected() == 0 {
        return Ok(None);
    }
    let members: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT a.id, a.sign_in_name, a.language FROM portal_products pp
         JOIN producer_members m ON m.producer_id = pp.producer_id
         JOIN accounts a ON a.id = m.account_id WHERE pp.catalog_product_id = $1",
    )
    .bind(product_id)
    .fetch_all(&mut *tx)
    .await
    .map_err(port_error)?;
    let told: Vec<(i64, String)> = members.iter().map(|(id, name, _)| (*id, name.clone())).collect();
    notify(&mut tx, &told, None, said, db.clock.timestamp()).await?;
    tx.commit().await.map_err(port_error)?;
    Ok(Some(members.into_iter().map(|(_, name, language)| (name, language)).collect()))
}
