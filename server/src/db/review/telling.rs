//! Telling people about a step: the dossier moves on, the timeline and the producer's people
//! are told in the app within the step's transaction, and by mail once it is committed.

use app::domain::{DossierKind, DossierState};
use app::language::Language;
use app::model::StaffDossier;
use app::ports::{BackOfficeError, StaffCaller};

use super::SqlBackOffice;
use crate::db::codes::code;
use crate::db::notify::{notify, Said};
use crate::db::port_error;
use crate::mail::Message;

/// A step about to be recorded: where the dossier goes, why (in each language: an officer's
/// words are the same in both, the platform's own sentences are not), and what it carries along.
pub(super) struct Step {
    pub next: DossierState,
    pub comment: Option<Said>,
    pub council_result: Option<String>,
    pub certified_product: Option<i64>,
}

impl Step {
    /// Whether the step decides a re-rating, ending the time its certificate was kept in force
    /// (Art. 12.3): the catalog changes with it.
    pub fn ends_rerating(&self, current: &StaffDossier) -> bool {
        self.next.is_final() && current.detail.kind == DossierKind::ReRating
    }
}

/// Who was told about a step in the app and what, for the mail sent once it is committed.
pub(super) struct Told {
    members: Vec<Member>,
    news: News,
}

/// One of the producer's people, and the language their mails are written in.
#[derive(sqlx::FromRow)]
struct Member {
    id: i64,
    sign_in_name: String,
    language: String,
}

/// What the producer's people are told: the dossier moved on to a step, or a note on the step
/// it is at.
enum News {
    Moved { product: String, state: DossierState, comment: Option<Said> },
    Note { product: String, comment: Said },
}

impl News {
    fn said(&self, language: Language) -> String {
        match self {
            News::Moved { product, state, comment } => {
                let step = state.label(language);
                let moved = language.tr_with(
                    "Hồ sơ \"{product}\" đã chuyển sang bước: {step}.",
                    &[("product", product), ("step", &step)],
                );
                match comment {
                    Some(comment) => {
                        let comment = comment.in_language(language);
                        format!("{moved} {}", language.tr_with("Nội dung: {comment}", &[("comment", &comment)]))
                    }
                    None => moved,
                }
            }
            News::Note { product, comment } => {
                let comment = comment.in_language(language);
                language.tr_with("Hồ sơ \"{product}\": {comment}", &[("product", product), ("comment", &comment)])
            }
        }
    }
}

impl SqlBackOffice {
    /// Moves the dossier on from the state and version it was read at, within `tx`, and tells
    /// the producer's people; refused as stale when someone moved it first.
    pub(super) async fn record_step(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        caller: &StaffCaller,
        current: &StaffDossier,
        version: i64,
        step: Step,
    ) -> Result<Told, BackOfficeError> {
        let ends_rerating = step.ends_rerating(current);
        let moved = sqlx::query(
            "UPDATE dossiers SET state = $1, version = version + 1, updated_at = $2,
                 council_result = COALESCE($6, council_result), certified_product_id = COALESCE($7, certified_product_id)
             WHERE id = $3 AND version = $4 AND state = $5",
        )
        .bind(code(step.next))
        .bind(self.db.clock.timestamp())
        .bind(current.detail.id)
        .bind(version)
        .bind(code(current.detail.state))
        .bind(step.council_result)
        .bind(step.certified_product);
        super::write_unless_stale(moved, &mut **tx).await?;
        // A re-rating decided, either way, no longer keeps the certificate it renews in force
        // (Art. 12.3); a new certificate replaces it when certified.
        if ends_rerating {
            sqlx::query(
                "UPDATE products SET pending_rerating_until = NULL WHERE id IN (
                     SELECT pp.catalog_product_id FROM dossiers d JOIN portal_products pp ON pp.id = d.portal_product_id
                     WHERE d.id = $1) OR superseded_by IN (SELECT certified_product_id FROM dossiers WHERE id = $1)",
            )
            .bind(current.detail.id)
            .execute(&mut **tx)
            .await
            .map_err(port_error)?;
        }
        let next = step.next;
        let news = News::Moved { product: current.detail.product_name.clone(), state: next, comment: step.comment };
        self.tell_with(tx, caller, current.detail.id, next, news).await
    }

    /// Records a note on the timeline of a dossier that keeps its state, and tells the
    /// producer's people.
    pub(super) async fn tell(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        caller: &StaffCaller,
        current: &StaffDossier,
        state: DossierState,
        comment: Said,
    ) -> Result<Told, BackOfficeError> {
        let news = News::Note { product: current.detail.product_name.clone(), comment };
        self.tell_with(tx, caller, current.detail.id, state, news).await
    }

    async fn tell_with(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        caller: &StaffCaller,
        dossier_id: i64,
        state: DossierState,
        news: News,
    ) -> Result<Told, BackOfficeError> {
        // The timeline keeps the Vietnamese, as the record of the step.
        let comment = match &news {
            News::Moved { comment, .. } => comment.as_ref().map(|c| c.in_language(Language::Vi)),
            News::Note { comment, .. } => Some(comment.in_language(Language::Vi)),
        };
        let now = self.db.clock.timestamp();
        sqlx::query(
            "INSERT INTO dossier_events (dossier_id, state, comment, account_id, at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(dossier_id)
        .bind(code(state))
        .bind(comment)
        .bind(caller.account_id)
        .bind(now)
        .execute(&mut **tx)
        .await
        .map_err(port_error)?;
        let members: Vec<Member> = sqlx::query_as(
            "SELECT a.id, a.sign_in_name, a.language FROM producer_members m JOIN accounts a ON a.id = m.account_id
             JOIN portal_products pp ON pp.producer_id = m.producer_id JOIN dossiers d ON d.portal_product_id = pp.id
             WHERE d.id = $1",
        )
        .bind(dossier_id)
        .fetch_all(&mut **tx)
        .await
        .map_err(port_error)?;
        let told: Vec<(i64, String)> = members.iter().map(|m| (m.id, m.sign_in_name.clone())).collect();
        notify(tx, &told, Some(dossier_id), &Said::new(|language| news.said(language)), now).await?;
        Ok(Told { members, news })
    }

    /// Mails a committed step to the producer's people who signed up with an e-mail address;
    /// those with a phone number see it in the app.
    pub(super) async fn mail(&self, told: Told, dossier_id: i64, product: &str, state: DossierState) {
        let link = format!("{}/ho-so-danh-gia/{dossier_id}", self.public_url);
        for member in told.members.iter().filter(|m| m.sign_in_name.contains('@')) {
            let language = Language::stored(&member.language);
            let step = state.label(language);
            let subject =
                language.tr_with("Hồ sơ OCOP \"{product}\": {step}", &[("product", &product), ("step", &step)]);
            let body = language
                .tr_with("{news}\n\nXem hồ sơ: {link}\n", &[("news", &told.news.said(language)), ("link", &link)]);
            self.send(&member.sign_in_name, &subject, body).await;
        }
    }

    /// Sends a message, logging rather than failing when the mail server is down: the step it
    /// reports is already recorded and shown in the app.
    pub(super) async fn send(&self, to: &str, subject: &str, body: String) {
        let message = Message { to: to.to_string(), subject: subject.to_string(), body };
        if let Err(err) = self.mailer.send(message).await {
            tracing::warn!(error = %err, "a notification e-mail could not be sent");
        }
    }
}
