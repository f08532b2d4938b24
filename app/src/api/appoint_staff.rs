use leptos::prelude::*;

use crate::error::AppError;

/// Gives a staff post to a person (administrators only); a new person gets a link to set a
/// password, valid for 7 days.
#[server(endpoint = "appoint_staff")]
pub async fn appoint_staff(
    sign_in_name: String,
    display_name: String,
    role: String,
    province_code: Option<String>,
    commune_code: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::{display_name as parse_name, FieldError, Refusals, Role, SignInName, StaffPost};
    use crate::ports::AppState;

    crate::error::answered(async move {
        let (province, commune) = (province_code.unwrap_or_default(), commune_code.unwrap_or_default());
        let keep = |err: AppError| {
            err.keeping(&[
                ("sign_in_name", &sign_in_name),
                ("display_name", &display_name),
                ("role", &role),
                ("province_code", &province),
                ("commune_code", &commune),
            ])
        };
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &[Role::Administrator]).await.map_err(keep)?;
        // Every refusal at once, in the form's order.
        let mut refusals = Refusals::default();
        let person = refusals.check(parse_name(&display_name).map_err(|e| FieldError::from_input("display_name", e)));
        let name =
            refusals.check(SignInName::parse(&sign_in_name).map_err(|e| FieldError::from_input("sign_in_name", e)));
        let role_code: Role = Role::from_code(&role).unwrap_or(Role::Producer);
        let post = refusals.check(StaffPost::new(role_code, Some(&province), Some(&commune)).map_err(FieldError::from));
        let all = || Some((name?, person?, post?));
        let (name, person, post) = refusals.outcome(all()).map_err(|refused| keep(AppError::refused(refused)))?;
        state.back_office.appoint(&caller, &name, &person, &post).await.map_err(|e| keep(e.into()))?;
        leptos_axum::redirect("/can-bo/nhan-su?da_giao=1");
        Ok(())
    })
    .await
}
