//! The producer's way to a certificate as a checklist: what is done, and the one step to take
//! next, said after sign-up and on the producer's pages.

use super::DossierState;
use crate::language::Language;

/// A step of the way, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProducerStep {
    Profile,
    Product,
    Dossier,
    SelfAssessment,
    Evidence,
    Submit,
}

impl ProducerStep {
    pub const ALL: [ProducerStep; 6] = [
        ProducerStep::Profile,
        ProducerStep::Product,
        ProducerStep::Dossier,
        ProducerStep::SelfAssessment,
        ProducerStep::Evidence,
        ProducerStep::Submit,
    ];

    pub fn label_vi(self) -> &'static str {
        match self {
            ProducerStep::Profile => "Khai hồ sơ chủ thể sản xuất",
            ProducerStep::Product => "Đăng ký sản phẩm",
            ProducerStep::Dossier => "Mở hồ sơ đánh giá, phân hạng",
            ProducerStep::SelfAssessment => "Tự đánh giá đủ mọi tiêu chí",
            ProducerStep::Evidence => "Tải lên tài liệu minh chứng",
            ProducerStep::Submit => "Nộp hồ sơ cho UBND cấp xã",
        }
    }

    /// The same in `language`, from its catalogue.
    pub fn label(self, language: Language) -> &'static str {
        language.tr_in("ProducerStep", self.label_vi())
    }
}

/// A dossier as the checklist reads it: its state, how many criteria are left to answer and how
/// many documents it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DossierProgress {
    pub id: i64,
    pub state: DossierState,
    pub unanswered: u32,
    pub documents: u32,
}

/// Each step and whether it is done, and where to take the first one not done (`None` once
/// every step is). The dossier followed is the producer's latest one the producer may still
/// change, else the latest; a dossier sent to the commune has every step done.
pub fn next_steps(
    has_profile: bool,
    products: usize,
    dossiers: &[DossierProgress],
) -> (Vec<(ProducerStep, bool)>, Option<String>) {
    let followed = dossiers.iter().find(|d| d.state.is_editable_by_producer()).or(dossiers.first());
    let sent = followed.is_some_and(|d| !d.state.is_editable_by_producer());
    let done = |step: ProducerStep| match step {
        ProducerStep::Profile => has_profile,
        ProducerStep::Product => products > 0,
        ProducerStep::Dossier => followed.is_some(),
        ProducerStep::SelfAssessment => sent || followed.is_some_and(|d| d.unanswered == 0),
        ProducerStep::Evidence => sent || followed.is_some_and(|d| d.documents > 0),
        ProducerStep::Submit => sent,
    };
    let steps: Vec<(ProducerStep, bool)> = ProducerStep::ALL.into_iter().map(|step| (step, done(step))).collect();
    let next = steps.iter().find(|(_, done)| !done).map(|(step, _)| match (step, followed) {
        (ProducerStep::Profile, _) => "/ho-so".to_string(),
        (ProducerStep::Product | ProducerStep::Dossier, _) | (_, None) => "/san-pham-cua-toi".to_string(),
        (ProducerStep::SelfAssessment, Some(d)) => format!("/ho-so-danh-gia/{}", d.id),
        (ProducerStep::Evidence, Some(d)) => format!("/ho-so-danh-gia/{}#tai-lieu", d.id),
        (ProducerStep::Submit, Some(d)) => format!("/ho-so-danh-gia/{}#nop-ho-so", d.id),
    });
    (steps, next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use DossierState::*;

    fn dossier(id: i64, state: DossierState, unanswered: u32, documents: u32) -> DossierProgress {
        DossierProgress { id, state, unanswered, documents }
    }

    #[test]
    fn the_checklist_follows_the_producer_to_the_submission() {
        // (profile, products, dossiers newest first) → how many steps are done, the next step's address
        type Case = (bool, usize, Vec<DossierProgress>, usize, Option<&'static str>);
        let cases: Vec<Case> = vec![
            (false, 0, vec![], 0, Some("/ho-so")),
            (true, 0, vec![], 1, Some("/san-pham-cua-toi")),
            (true, 1, vec![], 2, Some("/san-pham-cua-toi")),
            (true, 1, vec![dossier(7, Draft, 40, 0)], 3, Some("/ho-so-danh-gia/7")),
            (true, 1, vec![dossier(7, Draft, 0, 0)], 4, Some("/ho-so-danh-gia/7#tai-lieu")),
            (true, 1, vec![dossier(7, Draft, 0, 2)], 5, Some("/ho-so-danh-gia/7#nop-ho-so")),
            (true, 1, vec![dossier(7, CommuneReview, 0, 2)], 6, None),
            // Returned for completion: to be changed and sent again.
            (true, 1, vec![dossier(7, ReturnedForCompletion, 0, 2)], 5, Some("/ho-so-danh-gia/7#nop-ho-so")),
            // A new draft beside a certified one is the one followed.
            (true, 2, vec![dossier(9, Draft, 3, 1), dossier(7, Certified, 0, 2)], 4, Some("/ho-so-danh-gia/9")),
        ];
        for (profile, products, dossiers, done, next) in cases {
            let (steps, to) = next_steps(profile, products, &dossiers);
            assert_eq!(steps.len(), 6);
            assert_eq!(steps.iter().filter(|(_, d)| *d).count(), done, "{dossiers:?}");
            assert_eq!(to.as_deref(), next, "{dossiers:?}");
        }
    }
}
