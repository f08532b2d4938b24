use leptos::prelude::*;

use crate::api::list_my_products;
use crate::domain::{next_steps, DossierProgress};
use crate::language::{use_language, Language};
use crate::model::PortalProduct;

/// The producer's way to a certificate, read for itself: shown where the profile is filed
/// (after sign-up, and once saved), where the products are not loaded already.
#[component]
pub fn NextSteps(#[prop(into)] has_profile: Signal<bool>) -> impl IntoView {
    let products = Resource::new(
        move || has_profile.get(),
        |filed| async move {
            if filed {
                list_my_products().await.unwrap_or_default()
            } else {
                Vec::new()
            }
        },
    );
    let t = use_language();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let products = products.await;
                next_steps_view(has_profile.get_untracked(), &products, t)
            })}
        </Suspense>
    }
}

/// Each step with a tick once done; the first one left says where to take it.
pub fn next_steps_view(has_profile: bool, products: &[PortalProduct], t: Language) -> AnyView {
    let mut dossiers: Vec<DossierProgress> = products
        .iter()
        .flat_map(|product| &product.dossiers)
        .map(|d| DossierProgress { id: d.id, state: d.state, unanswered: d.unanswered, documents: d.documents })
        .collect();
    // Newest first, whichever product it is of.
    dossiers.sort_by_key(|dossier| std::cmp::Reverse(dossier.id));
    let (steps, next) = next_steps(has_profile, products.len(), &dossiers);
    let current = steps.iter().position(|(_, done)| !done);
    view! {
        <section class="next-steps" aria-labelledby="cac-buoc">
            <h2 id="cac-buoc">{t.tr("Các bước để được công nhận OCOP")}</h2>
            <ol>
                {steps.into_iter().enumerate().map(|(at, (step, done))| {
                    let here = current == Some(at);
                    let state = if done { t.tr("Đã xong") } else if here { t.tr("Bước tiếp theo") } else { t.tr("Chưa làm") };
                    view! {
                        <li class:done=done class:current=here>
                            <span class="step-state">{state}</span>
                            " · " {step.label(t)}
                            {here.then(|| next.clone()).flatten().map(|href| view! {
                                " " <a href=href aria-label=t.tr_with("Làm bước này: {step}", &[("step", &step.label(t))])>{t.tr("Làm bước này →")}</a>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}
