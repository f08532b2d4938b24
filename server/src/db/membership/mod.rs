//! Who acts for a producer, in the database: invitations kept by sign-in name, accepted only by
//! the holder of that (proven) address, and members leaving or removed by the owner.

use std::sync::Arc;

use app::domain::SignInName;
use app::language::Language;
use app::model::{Invitation, Member, ProducerMembers};
use app::ports::{Membership, MembershipError, PortError, ProducerCaller};
use async_trait::async_trait;

use super::notify::{notify, Said};
use super::{port_error, Database};
use crate::mail::{Mailer, Message};

/// Invitations one producer may have unanswered at once: each sends a message to an address
/// the producer typed, so the form must not become a way to send mail to anyone at will.
const MAX_WAITING: i64 = 10;

pub struct SqlMembership {
    db: Database,
    mailer: Arc<dyn Mailer>,
    public_url: String,
}

impl SqlMembership {
    pub fn new(db: Database, mailer: Arc<dyn Mailer>, public_url: &str) -> Self {
        SqlMembership { db, mailer, public_url: public_url.trim_end_matches('/').to_string() }
    }

    /// The invitation `invitation_id` when it is addressed to this account's name.
    async fn addressed_to(&self, account_id: i64, invitation_id: i64) -> Result<i64, MembershipError> {
        let producer: Option<i64> = sqlx::query_scalar(
            "SELECT i.producer_id FROM producer_invitations i JOIN accounts a ON a.sign_in_name = i.sign_in_name
             WHERE i.id = $1 AND a.id = $2 AND a.confirmed_at IS NOT NULL",
        )
        .bind(invitation_id)
        .bind(account_id)
        .fetch_optional(&self.db.pool)
        .await
        .map_err(port_error)?;
        producer.ok_or(MembershipError::NoInvitation)
    }

    async fn is_owner(&self, caller: &ProducerCaller) -> Result<bool, PortError> {
        let owner: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM producer_members WHERE producer_id = $1 AND account_id = $2 AND is_owner = 1",
        )
        .bind(caller.producer_id)
        .bind(caller.account_id)
        .fetch_one(&self.db.pool)
        .await
        .map_err(port_error)?;
        Ok(owner > 0)
    }
}

#[async_trait]
impl Membership for SqlMembership {
    async fn members(&self, caller: &ProducerCaller) -> Result<ProducerMembers, PortError> {
        let rows: Vec<MemberRow> = sqlx::query_as(
            "SELECT m.account_id, a.display_name, m.is_owner FROM producer_members m JOIN accounts a ON a.id = m.account_id
             WHERE m.producer_id = $1 ORDER BY m.added_at, a.id",
        )
        .bind(caller.producer_id)
        .fetch_all(&self.db.pool)
        .await
        .map_err(port_error)?;
        let invited = sqlx::query_scalar(
            "SELECT sign_in_name FROM producer_invitations WHERE producer_id = $1 ORDER BY invited_at, id",
        )
        .bind(caller.producer_id)
        .fetch_all(&self.db.pool)
        .await
        .map_err(port_error)?;
        let members: Vec<Member> = rows.into_iter().map(Member::from).collect();
        let you_own = members.iter().any(|m| m.account_id == caller.account_id && m.owner);
        Ok(ProducerMembers { members, invited, you_own, you: caller.account_id })
    }

    async fn invite(&self, caller: &ProducerCaller, name: &SignInName) -> Result<(), MembershipError> {
        let now = self.db.clock.timestamp();
        let mut tx = self.db.begin_write().await.map_err(port_error)?;
        let waiting: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM producer_invitations WHERE producer_id = $1")
            .bind(caller.producer_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(port_error)?;
        if waiting >= MAX_WAITING {
            return Err(MembershipError::TooManyWaiting(waiting));
        }
        // Asking the same address twice keeps one invitation and sends no second message.
        let added = sqlx::query(
            "INSERT INTO producer_invitations (producer_id, sign_in_name, invited_by, invited_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (producer_id, sign_in_name) DO NOTHING",
        )
        .bind(caller.producer_id)
        .bind(name.as_str())
        .bind(caller.account_id)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(port_error)?;
        let producer: InviterRow = sqlx::query_as(
            "SELECT p.name AS producer_name, a.display_name AS invited_by, a.language AS inviter_language
             FROM producers p, accounts a
             WHERE p.id = $1 AND a.id = $2",
        )
        .bind(caller.producer_id)
        .bind(caller.account_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(port_error)?;
        let told = Said::new(|language| {
            language.tr_with(
                "{inviter} mời bạn cùng làm hồ sơ OCOP cho chủ thể {producer}. Hãy mở trang Hồ sơ chủ thể để nhận lời hoặc từ chối.",
                &[("inviter", &producer.invited_by), ("producer", &producer.producer_name)],
            )
        });
        // In the app too, when the address already has a proven account.
        let holder: Option<HolderRow> = sqlx::query_as(
            "SELECT id, sign_in_name, language FROM accounts WHERE sign_in_name = $1 AND confirmed_at IS NOT NULL",
        )
        .bind(name.as_str())
        .fetch_optional(&mut *tx)
        .await
        .map_err(port_error)?;
        if added.rows_affected() > 0 {
            let told_in_app: Vec<(i64, String)> = holder.iter().map(|h| (h.id, h.sign_in_name.clone())).collect();
            notify(&mut tx, &told_in_app, None, &told, now).await?;
        }
        tx.commit().await.map_err(port_error)?;
        if added.rows_affected() > 0 {
            // The holder's language when the address has an account; otherwise the inviter's,
            // the best guess at the language of someone they work with.
            let reader = Language::stored(holder.as_ref().map_or(&producer.inviter_language, |h| &h.language));
            let message = Message {
                to: name.to_string(),
                subject: reader.tr("Lời mời làm hồ sơ OCOP").to_string(),
                body: reader.tr_with(
                    "Chào bạn,\n\n{invitation}\n{profile}\n\nNếu chưa có tài khoản, hãy tạo tài khoản bằng chính địa chỉ này tại {sign_up} rồi xác nhận địa chỉ. Nếu bạn không biết chủ thể này, hãy bỏ qua tin này.",
                    &[
                        ("invitation", &told.in_language(reader)),
                        ("profile", &format!("{}/ho-so", self.public_url)),
                        ("sign_up", &format!("{}/dang-ky?tiep=/ho-so", self.public_url)),
                    ],
                ),
            };
            self.mailer.send(message).await.map_err(|err| PortError::Unavailable(format!("sending mail: {err}")))?;
        }
        Ok(())
    }

    async fn invitations_for(&self, account_id: i64) -> Result<Vec<Invitation>, PortError> {
        let rows: Vec<InvitationRow> = sqlx::query_as(
            "SELECT i.id, p.name AS producer_name, b.display_name AS invited_by
             FROM producer_invitations i JOIN accounts a ON a.sign_in_name = i.sign_in_name
             JOIN producers p ON p.id = i.producer_id JOIN accounts b ON b.id = i.invited_by
             WHERE a.id = $1 AND a.confirmed_at IS NOT NULL ORDER BY i.invited_at, i.id",
        )
        .bind(account_id)
        .fetch_all(&self.db.pool)
        .await
        .map_err(port_error)?;
        Ok(rows.into_iter().map(Invitation::from).collect())
    }

    async fn accept(&self, account_id: i64, invitation_id: i64) -> Result<(), MembershipError> {
        let producer_id = self.addressed_to(account_id, invitation_id).await?;
        let staff: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff_posts WHERE account_id = $1")
            .bind(account_id)
            .fetch_one(&self.db.pool)
            .await
            .map_err(port_error)?;
        if staff > 0 {
            return Err(MembershipError::StaffAccount);
        }
        let mut tx = self.db.begin_write().await.map_err(port_error)?;
        let joined =
            sqlx::query("INSERT INTO producer_members (producer_id, account_id, added_at) VALUES ($1, $2, $3)")
                .bind(producer_id)
                .bind(account_id)
                .bind(self.db.clock.timestamp())
                .execute(&mut *tx)
                .await;
        match joined {
            Ok(_) => {}
            // One producer per person: the unique account_id says it in one step.
            Err(err) if err.as_database_error().is_some_and(|e| e.is_unique_violation()) => {
                return Err(MembershipError::AlreadyMember)
            }
            Err(err) => return Err(port_error(err).into()),
        }
        sqlx::query("DELETE FROM producer_invitations WHERE id = $1")
            .bind(invitation_id)
            .execute(&mut *tx)
            .await
            .map_err(port_error)?;
        tx.commit().await.map_err(port_error)?;
        Ok(())
    }

    async fn decline(&self, account_id: i64, invitation_id: i64) -> Result<(), MembershipError> {
        self.addressed_to(account_id, invitation_id).await?;
        sqlx::query("DELETE FROM producer_invitations WHERE id = $1")
            .bind(invitation_id)
            .execute(&self.db.pool)
            .await
            .map_err(port_error)?;
        Ok(())
    }

    async fn leave(&self, caller: &ProducerCaller) -> Result<(), MembershipError> {
        if self.is_owner(caller).await? {
            return Err(MembershipError::OwnerStays);
        }
        sqlx::query("DELETE FROM producer_members WHERE producer_id = $1 AND account_id = $2")
            .bind(caller.producer_id)
            .bind(caller.account_id)
            .execute(&self.db.pool)
            .await
            .map_err(port_error)?;
        Ok(())
    }

    async fn remove(&self, caller: &ProducerCaller, account_id: i64) -> Result<(), MembershipError> {
        if !self.is_owner(caller).await? {
            return Err(MembershipError::NotOwner);
        }
        if account_id == caller.account_id {
            return Err(MembershipError::OwnerStays);
        }
        let now = self.db.clock.timestamp();
        let mut tx = self.db.begin_write().await.map_err(port_error)?;
        let removed = sqlx::query("DELETE FROM producer_members WHERE producer_id = $1 AND account_id = $2")
            .bind(caller.producer_id)
            .bind(account_id)
            .execute(&mut *tx)
            .await
            .map_err(port_error)?;
        if removed.rows_affected() == 0 {
            return Err(MembershipError::NoMember);
        }
        let producer: String = sqlx::query_scalar("SELECT name FROM producers WHERE id = $1")
            .bind(caller.producer_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(port_error)?;
        let told = Said::new(|language| {
            language.tr_with("Bạn không còn làm hồ sơ OCOP cho chủ thể {producer}.", &[("producer", &producer)])
        });
        notify(&mut tx, &[(account_id, String::new())], None, &told, now).await?;
        tx.commit().await.map_err(port_error)?;
        Ok(())
    }
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    account_id: i64,
    display_name: String,
    is_owner: i64,
}

impl From<MemberRow> for Member {
    fn from(row: MemberRow) -> Self {
        Member { account_id: row.account_id, display_name: row.display_name, owner: row.is_owner != 0 }
    }
}

/// The producer inviting, and the person who asked.
#[derive(sqlx::FromRow)]
struct InviterRow {
    producer_name: String,
    invited_by: String,
    inviter_language: String,
}

#[derive(sqlx::FromRow)]
struct HolderRow {
    id: i64,
    sign_in_name: String,
    language: String,
}

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: i64,
    producer_name: String,
    invited_by: String,
}

impl From<InvitationRow> for Invitation {
    fn from(row: InvitationRow) -> Self {
        Invitation { id: row.id, producer_name: row.producer_name, invited_by: row.invited_by }
    }
}
