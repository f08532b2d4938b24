//! The reach of a staff post as SQL: which rows a commune, province or national officer may
//! read or act on. Shared by the review, records, imports and reports.

use app::domain::{Role, StaffPost};
use app::ports::StaffCaller;

/// The columns holding the commune and the province of what a query reads.
pub(crate) struct Place {
    pub commune: &'static str,
    pub province: &'static str,
}

/// The SQL condition limiting rows at `place` to the post's reach, and the value it binds as
/// `$1`. Mirrors `StaffPost::reaches`, which the tests hold it to.
pub(crate) fn reach_at(post: &StaffPost, place: Place) -> Option<(String, String)> {
    match post.role() {
        Role::CommuneOfficer => post.commune_code().map(|code| (format!("{} = $1", place.commune), code.to_string())),
        Role::ProvinceOfficer => {
            post.province_code().map(|code| (format!("{} = $1", place.province), code.to_string()))
        }
        Role::AdvisoryMember | Role::CouncilMember | Role::CouncilChair => match post.province_code() {
            Some(code) => Some((format!("{} = $1", place.province), code.to_string())),
            // The central council's people.
            None => Some(("$1 = $1".into(), String::new())),
        },
        Role::NationalOfficer => Some(("$1 = $1".into(), String::new())),
        Role::Producer | Role::Administrator => None,
    }
}

/// Whose catalog records the caller keeps: every province's (national officers), their own
/// province's (province officers), or none (`None`).
pub(crate) enum Keeps<'a> {
    Everywhere,
    Province(&'a str),
}

pub(crate) fn keeps(caller: &StaffCaller) -> Option<Keeps<'_>> {
    match caller.post.role() {
        Role::NationalOfficer => Some(Keeps::Everywhere),
        Role::ProvinceOfficer => caller.post.province_code().map(Keeps::Province),
        _ => None,
    }
}
