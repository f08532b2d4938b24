//! Who acts for a producer: invitations the invitee accepts, leaving, and removal by the
//! owner, with the sentences their refusals are told in.

use async_trait::async_trait;

use super::{PortError, ProducerCaller};
use crate::domain::SignInName;
use crate::error::AppError;
use crate::language::Said;
use crate::model::{Invitation, ProducerMembers};

/// Why a membership step was refused.
#[derive(Debug, thiserror::Error)]
pub enum MembershipError {
    /// The invitation is not addressed to this person, or no longer waits.
    #[error("no such invitation for this person")]
    NoInvitation,
    #[error("the person already acts for a producer")]
    AlreadyMember,
    /// Staff review dossiers; they do not act for producers.
    #[error("the account holds a staff post")]
    StaffAccount,
    /// The producer already has this many invitations unanswered.
    #[error("{0} invitations wait unanswered")]
    TooManyWaiting(i64),
    /// The person who filed the profile answers for it and cannot leave it.
    #[error("the owner cannot leave")]
    OwnerStays,
    #[error("only the owner removes members")]
    NotOwner,
    #[error("no such member")]
    NoMember,
    #[error(transparent)]
    Port(#[from] PortError),
}

impl From<MembershipError> for AppError {
    fn from(err: MembershipError) -> Self {
        match err {
            MembershipError::NoInvitation => AppError::bad_input(
                "invitation",
                Said::text("Lời mời này không còn hiệu lực (đã được trả lời, hoặc không gửi cho bạn)."),
            ),
            MembershipError::AlreadyMember => AppError::bad_input(
                "invitation",
                Said::text("Bạn đang làm hồ sơ cho một chủ thể. Hãy rời chủ thể đó trước khi nhận lời mời khác."),
            ),
            MembershipError::StaffAccount => AppError::bad_input(
                "invitation",
                Said::text("Tài khoản cán bộ không làm hồ sơ cho chủ thể. Hãy dùng một tài khoản riêng."),
            ),
            MembershipError::TooManyWaiting(count) => AppError::bad_input(
                "sign_in_name",
                Said::with(
                    "Chủ thể đã có {count} lời mời chưa được trả lời. Hãy chờ người được mời trả lời rồi mời thêm.",
                    &[("count", &count)],
                ),
            ),
            MembershipError::OwnerStays => AppError::bad_input(
                "member",
                Said::text("Người khai hồ sơ chủ thể chịu trách nhiệm về hồ sơ nên không rời được."),
            ),
            MembershipError::NotOwner => {
                AppError::bad_input("member", Said::text("Chỉ người khai hồ sơ chủ thể mới bớt được người làm hồ sơ."))
            }
            MembershipError::NoMember => AppError::NotFound,
            MembershipError::Port(err) => err.into(),
        }
    }
}

/// Who acts for a producer. Nothing here says whether an account has a given name.
#[async_trait]
pub trait Membership: Send + Sync {
    /// The members and the invitations unanswered, as `caller` sees them.
    async fn members(&self, caller: &ProducerCaller) -> Result<ProducerMembers, PortError>;
    /// Asks the holder of `name` to act for the caller's producer: the invitation is kept by
    /// name and a message goes to the address, whether or not an account has it.
    async fn invite(&self, caller: &ProducerCaller, name: &SignInName) -> Result<(), MembershipError>;
    /// Invitations waiting for the holder of this account's (proven) address.
    async fn invitations_for(&self, account_id: i64) -> Result<Vec<Invitation>, PortError>;
    async fn accept(&self, account_id: i64, invitation_id: i64) -> Result<(), MembershipError>;
    async fn decline(&self, account_id: i64, invitation_id: i64) -> Result<(), MembershipError>;
    /// Ends the caller's acting for their producer.
    async fn leave(&self, caller: &ProducerCaller) -> Result<(), MembershipError>;
    /// The owner ends another member's acting for the producer.
    async fn remove(&self, caller: &ProducerCaller, account_id: i64) -> Result<(), MembershipError>;
}
