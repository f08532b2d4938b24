use leptos::prelude::*;

use crate::api::list_communes;
use crate::components::FormSelect;
use crate::error::AppError;
use crate::language::use_language;
use crate::model::Place;

/// The province → commune choosers of the 2025 units, inside a form. Hydrated, choosing a
/// province loads its communes at once; without JavaScript a button sends the form by GET to
/// `reload_to`, which renders again with the province chosen and nothing typed lost.
#[component]
pub fn PlaceChooser(
    provinces: Vec<Place>,
    /// The province and commune chosen when the form is drawn.
    province: String,
    commune: String,
    error: Signal<Option<AppError>>,
    reload_to: &'static str,
    /// "Xã, phường" when not given.
    #[prop(optional)]
    commune_label: Option<&'static str>,
    /// "Chọn tỉnh, thành phố" when not given.
    #[prop(optional)]
    province_placeholder: Option<&'static str>,
    /// "Chọn xã, phường" when not given.
    #[prop(optional)]
    commune_placeholder: Option<&'static str>,
) -> impl IntoView {
    let t = use_language();
    let commune_label = commune_label.unwrap_or_else(|| t.tr("Xã, phường"));
    let province_placeholder = province_placeholder.unwrap_or_else(|| t.tr("Chọn tỉnh, thành phố"));
    let commune_placeholder = commune_placeholder.unwrap_or_else(|| t.tr("Chọn xã, phường"));
    let province = RwSignal::new(province);
    let communes = Resource::new(
        move || province.get(),
        |code| async move {
            if code.is_empty() {
                Ok(Vec::new())
            } else {
                list_communes(code).await
            }
        },
    );
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let options: Vec<(String, String)> = provinces.into_iter().map(|p| (p.code, p.name)).collect();
    view! {
        <FormSelect
            label=t.tr("Tỉnh, thành phố")
            name="province_code"
            error
            options
            selected=province
            placeholder=province_placeholder
            on_choose=Callback::new(move |code| province.set(code))
        />
        <button type="submit" class="secondary" formmethod="get" formaction=reload_to hidden=move || hydrated.get()>
            {t.tr("Tải danh sách xã, phường của tỉnh đã chọn")}
        </button>
        <Transition fallback=|| ()>
            {move || Suspend::new({
                let commune = commune.clone();
                async move {
                    let options: Vec<(String, String)> =
                        communes.await.unwrap_or_default().into_iter().map(|p| (p.code, p.name)).collect();
                    view! {
                        <FormSelect label=commune_label name="commune_code" error options selected=commune
                            placeholder=commune_placeholder/>
                    }
                }
            })}
        </Transition>
    }
}
