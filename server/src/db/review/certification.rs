//! The decision on a dossier: the certificate and product code issued and the product put in
//! the public catalog; and the revocation of a certificate the platform issued.

use app::domain::{
    certifiable_stars, certificate_number, next_state, revoked_by, Decision, DecisionError, DossierAction,
    DossierState, Issuer, ProductCode, Revocation, Role, RoundMode, Score,
};
use app::ports::{BackOffice, BackOfficeError, PortError, StaffCaller};
use chrono::Datelike;

use crate::db::notify::Said;
use crate::db::port_error;
use crate::db::products::{NewProducer, NewProduct};

use super::telling::Step;
use super::SqlBackOffice;

/// What a decision writes into the catalog besides the council's result: the producer, the
/// place of filing, the portal product, and how its round decided.
#[derive(sqlx::FromRow)]
struct CertifiedRow {
    producer_id: i64,
    producer_name: String,
    producer_kind: Option<String>,
    phone: Option<String>,
    website: Option<String>,
    address_as_written: String,
    province_code: String,
    commune_code: String,
    province_name: String,
    subgroup_code: String,
    subgroup_name: String,
    description: Option<String>,
    portal_product_id: i64,
    catalog_product_id: Option<i64>,
    round_mode: Option<String>,
}

pub(super) async fn certify(
    office: &SqlBackOffice,
    caller: &StaffCaller,
    dossier_id: i64,
    decision: &Decision,
    version: i64,
) -> Result<(), BackOfficeError> {
    let Some(current) = office.dossier(caller, dossier_id).await? else { return Err(BackOfficeError::NotFound) };
    let next = next_state(current.detail.kind, current.detail.state, DossierAction::Certify, caller.post.role())
        .map_err(BackOfficeError::Transition)?;
    if current.detail.version != version {
        return Err(BackOfficeError::Stale);
    }
    let result = current.detail.council_result.clone();
    let stars = certifiable_stars(current.detail.state, result.as_ref()).map_err(BackOfficeError::Decision)?;
    let row: CertifiedRow = sqlx::query_as(
        "SELECT pr.id AS producer_id, pr.name AS producer_name, pr.kind AS producer_kind, pr.phone, pr.website,
                pr.address_as_written, c.province_code, d.commune_code, pv.name AS province_name, pp.subgroup_code,
                s.name AS subgroup_name, pp.description, pp.id AS portal_product_id, pp.catalog_product_id,
                r.mode AS round_mode
         FROM dossiers d JOIN portal_products pp ON pp.id = d.portal_product_id JOIN producers pr ON pr.id = pp.producer_id
         LEFT JOIN evaluation_rounds r ON r.id = d.round_id
         JOIN communes c ON c.code = d.commune_code JOIN provinces pv ON pv.code = c.province_code
         JOIN score_sheets s ON s.code = pp.subgroup_code WHERE d.id = $1",
    )
    .bind(dossier_id)
    .fetch_one(&office.db.pool)
    .await
    .map_err(port_error)?;
    let (province, commune) = (row.province_code, row.commune_code);
    let year = decision.date.year();
    let mut tx = office.db.begin_write().await.map_err(port_error)?;
    // Five stars are the ministry's to certify, on the central council's result; three and four
    // the province's. Numbers follow the issuer's certificates of the year, product codes the
    // commune's.
    let issuer =
        if caller.post.role() == Role::NationalOfficer { Issuer::Ministry } else { Issuer::Province(&province) };
    let issued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products WHERE certificate_number LIKE $1")
        .bind(format!("%/{year}/GCN-OCOP-{}", issuer.code()))
        .fetch_one(&mut *tx)
        .await
        .map_err(port_error)?;
    let coded: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products WHERE product_code LIKE $1")
        .bind(format!("{province}-{commune}-%-{year}"))
        .fetch_one(&mut *tx)
        .await
        .map_err(port_error)?;
    let number = certificate_number(issuer, year, issued as u32 + 1);
    let product_code = ProductCode::new(&province, &commune, coded as u32 + 1, year as u16)
        .map_err(|e| PortError::Internal(format!("product code: {e}")))?
        .to_string();
    let product = NewProduct {
        producer: NewProducer {
            name: row.producer_name,
            kind: row.producer_kind,
            province_code: province.clone(),
            address_as_written: row.address_as_written.clone(),
            phone: row.phone.clone(),
            website: row.website.clone(),
        },
        name: current.detail.product_name.clone(),
        subgroup_code: Some(row.subgroup_code),
        subgroup_name: Some(row.subgroup_name),
        province_code: province.clone(),
        province_name: row.province_name.clone(),
        commune_code: Some(commune.clone()),
        address_as_written: row.address_as_written,
        province_as_written: row.province_name,
        stars: stars.get(),
        // The council's exact average, to the hundredth, as the decision states it.
        score: result.as_ref().and_then(|r| Score::from_hundredths(r.average_hundredths)),
        criteria_set: crate::import::criteria_set_in_force(Some(decision.date), year).to_string(),
        recognized_year: year,
        decision_number: Some(decision.number.clone()),
        decision_date: Some(decision.date.to_string()),
        certificate_number: Some(number.clone()),
        expires_on: Some(app::domain::ValidUntil::for_decision(decision.date).to_string()),
        description: row.description,
        phone: row.phone,
        website: row.website,
        source: "portal",
    };
    let product_id = match crate::db::products::insert_certified(
        &mut tx,
        row.producer_id,
        &product,
        &product_code,
        &office.db.clock.now_text(),
    )
    .await
    {
        Ok(id) => id,
        // Another decision took the number a moment ago: nothing is written; try again.
        Err(err) if err.as_database_error().is_some_and(|e| e.is_unique_violation()) => {
            return Err(BackOfficeError::Stale)
        }
        Err(err) => return Err(port_error(err).into()),
    };
    sqlx::query("UPDATE portal_products SET catalog_product_id = $1 WHERE id = $2")
        .bind(product_id)
        .bind(row.portal_product_id)
        .execute(&mut *tx)
        .await
        .map_err(port_error)?;
    // An upgrade or a re-rating: the new certificate replaces the one before, and every
    // older entry of the product points to the one now in force.
    if let Some(previous) = row.catalog_product_id {
        sqlx::query("UPDATE products SET superseded_by = $1 WHERE (id = $2 OR superseded_by = $2) AND id <> $1")
            .bind(product_id)
            .bind(previous)
            .execute(&mut *tx)
            .await
            .map_err(port_error)?;
    }
    // A re-rating decided without a sitting says so in the record.
    let written = row.round_mode.as_deref() == Some(RoundMode::WrittenOpinions.code());
    let (on, stars) = (decision.date.format("%d/%m/%Y").to_string(), stars.get());
    let comment = Said::new(|language| {
        let values: &[(&str, &dyn std::fmt::Display)] = &[
            ("decision", &decision.number),
            ("on", &on),
            ("stars", &stars),
            ("certificate", &number),
            ("code", &product_code),
        ];
        if written {
            language.tr_with(
                "Quyết định số {decision} ngày {on} theo ý kiến bằng văn bản của các thành viên Hội đồng: công nhận {stars} sao. Giấy chứng nhận số {certificate}, mã sản phẩm {code}.",
                values,
            )
        } else {
            language.tr_with(
                "Quyết định số {decision} ngày {on}: công nhận {stars} sao. Giấy chứng nhận số {certificate}, mã sản phẩm {code}.",
                values,
            )
        }
    });
    let step = Step { next, comment: Some(comment), council_result: None, certified_product: Some(product_id) };
    let told = office.record_step(&mut tx, caller, &current, version, step).await?;
    office.db.commit_catalog_change(tx).await.map_err(port_error)?;
    office.mail(told, dossier_id, &current.detail.product_name, next).await;
    Ok(())
}

pub(super) async fn revoke(
    office: &SqlBackOffice,
    caller: &StaffCaller,
    dossier_id: i64,
    revocation: &Revocation,
) -> Result<(), BackOfficeError> {
    let Some(current) = office.dossier(caller, dossier_id).await? else { return Err(BackOfficeError::NotFound) };
    let Some(certificate) = current.detail.certificate.as_ref().filter(|_| caller.post.role() == Role::ProvinceOfficer)
    else {
        return Err(BackOfficeError::NotFound);
    };
    // A five-star certificate is the ministry's, revoked from the product's record by the
    // national officer.
    if revoked_by(certificate.stars) != caller.post.role() {
        return Err(BackOfficeError::Decision(DecisionError::NotTheIssuer));
    }
    let mut tx = office.db.begin_write().await.map_err(port_error)?;
    let revoked = sqlx::query(
        "UPDATE products SET revoked_on = $1, revocation_ground = $2, revocation_decision = $3
         WHERE id = $4 AND revoked_on IS NULL",
    )
    .bind(revocation.decision.date.to_string())
    .bind(revocation.ground.code())
    .bind(&revocation.decision.number)
    .bind(certificate.catalog_product_id)
    .execute(&mut *tx)
    .await
    .map_err(port_error)?;
    if revoked.rows_affected() == 0 {
        return Err(BackOfficeError::Decision(DecisionError::AlreadyRevoked));
    }
    let on = revocation.decision.date.format("%d/%m/%Y").to_string();
    let comment = Said::new(|language| {
        let ground = revocation.ground.label(language);
        language.tr_with(
            "Thu hồi giấy chứng nhận số {certificate} từ ngày {on}: {ground}. Quyết định số {decision}.",
            &[
                ("certificate", &certificate.certificate_number),
                ("on", &on),
                ("ground", &ground),
                ("decision", &revocation.decision.number),
            ],
        )
    });
    let told = office.tell(&mut tx, caller, &current, DossierState::Certified, comment).await?;
    office.db.commit_catalog_change(tx).await.map_err(port_error)?;
    office.mail(told, dossier_id, &current.detail.product_name, DossierState::Certified).await;
    Ok(())
}
