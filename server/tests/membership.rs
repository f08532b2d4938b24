//! Who acts for a producer: an invitation its addressee accepts from a proven address, members
//! leaving, the owner removing them, and every membership function answering each kind of
//! person as the matrix says, on SQLite and PostgreSQL.

mod common;

use app::model::{Invitation, Notification, ProducerMembers, ProducerProfile};
use axum::http::StatusCode;
use common::{app_with_sample, call, producer, producer_named, sign_in, sign_up, sign_up_lan};

async fn json<T: serde::de::DeserializeOwned>(app: &axum::Router, function: &str, who: &str) -> T {
    let reply = call(app, function, &[], Some(who)).await;
    assert_eq!(reply.status, StatusCode::OK, "{function}: {}", reply.body);
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{function}: {e}: {}", reply.body))
}

async fn producer_of(app: &axum::Router, who: &str) -> Option<ProducerProfile> {
    json(app, "get_my_producer", who).await
}

/// An account that signed up with `name` and never proved it, signed in.
async fn unproven(app: &axum::Router, name: &str) -> String {
    let form = [
        ("display_name", "Chưa xác nhận"),
        ("sign_in_name", name),
        ("password", "12345678"),
        ("password_again", "12345678"),
    ];
    assert_eq!(call(app, "sign_up", &form, None).await.status, StatusCode::OK);
    sign_in(app, name, "12345678").await
}

common::on_each_backend! {
    /// Adding someone is an invitation, answered alike whoever the address belongs to; only the
    /// holder of the proven address takes it; members leave; the owner removes them.
    async fn acting_for_a_producer_is_offered_accepted_and_ended(test) {
        let app = app_with_sample(&test).await;
        let lan = sign_up_lan(&app, &test).await;
        producer(&app, &lan, "0401111111").await;
        let nam = sign_up(&app, &test, "nam@example.vn").await;

        // Three addresses: an account, no account, and an account not yet proven. One answer.
        let squatter = unproven(&app, "hoa@example.vn").await;
        let mails_before = test.messages().len();
        let mut answers = Vec::new();
        for name in ["nam@example.vn", "khong-ai@example.vn", "hoa@example.vn"] {
            let reply = call(&app, "invite_member", &[("sign_in_name", name)], Some(&lan)).await;
            answers.push((reply.status, reply.body));
        }
        assert!(answers.windows(2).all(|pair| pair[0] == pair[1]), "{}: {answers:?}", test.name);
        assert_eq!(answers[0].0, StatusCode::OK);
        assert_eq!(test.messages().len(), mails_before + 3, "each address is told, account or not");
        // Asked twice, one invitation and no second message.
        call(&app, "invite_member", &[("sign_in_name", "NAM@example.vn")], Some(&lan)).await;
        assert_eq!(test.messages().len(), mails_before + 3);

        // Nothing changed for Nam yet: his own profile is still his to file.
        assert_eq!(producer_of(&app, &nam).await, None);
        let members: ProducerMembers = json(&app, "get_producer_members", &lan).await;
        assert_eq!(members.members.len(), 1);
        assert!(members.you_own && members.members[0].owner);
        assert_eq!(members.invited, ["nam@example.vn", "khong-ai@example.vn", "hoa@example.vn"]);

        // Whoever opened an account with Hoa's address cannot see or take her invitation.
        let theirs: Vec<Invitation> = json(&app, "list_invitations", &squatter).await;
        assert!(theirs.is_empty());
        let nams: Vec<Invitation> = json(&app, "list_invitations", &nam).await;
        assert_eq!(nams.len(), 1);
        assert_eq!((nams[0].producer_name.as_str(), nams[0].invited_by.as_str()), ("Hộ kinh doanh Mật ong", "Nguyễn Thị Lan"));
        let nam_invitation = nams[0].id.to_string();
        let taken = call(&app, "answer_invitation", &[("invitation", &nam_invitation), ("accept", "1")], Some(&squatter)).await;
        assert_eq!(taken.status, StatusCode::BAD_REQUEST);
        assert!(taken.body.contains("Hãy xác nhận email"), "{}", taken.body);
        let notified: Vec<Notification> = json(&app, "list_notifications", &nam).await;
        assert!(notified.iter().any(|n| n.message.to_string().contains("mời bạn cùng làm hồ sơ")), "{notified:?}");

        // Nam accepts: he acts for Lan's producer.
        let accepted = call(&app, "answer_invitation", &[("invitation", &nam_invitation), ("accept", "1")], Some(&nam)).await;
        assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
        let shared = producer_of(&app, &nam).await.expect("Nam's producer");
        assert_eq!(shared.id, producer_of(&app, &lan).await.unwrap().id);
        let again = call(&app, "answer_invitation", &[("invitation", &nam_invitation), ("accept", "1")], Some(&nam)).await;
        assert!(again.body.contains("không còn hiệu lực"), "an invitation is answered once: {}", again.body);

        // Another producer invites Lan: while she acts for hers, she cannot take it, and her
        // producer is untouched.
        let minh = sign_up(&app, &test, "minh@example.vn").await;
        producer_named(&app, &minh, "0402222222", "Hộ Minh").await;
        call(&app, "invite_member", &[("sign_in_name", "0912345678")], Some(&minh)).await;
        let lans: Vec<Invitation> = json(&app, "list_invitations", &lan).await;
        let lan_invitation = lans[0].id.to_string();
        let refused = call(&app, "answer_invitation", &[("invitation", &lan_invitation), ("accept", "1")], Some(&lan)).await;
        assert!(refused.body.contains("Hãy rời chủ thể đó"), "{}", refused.body);
        assert_eq!(producer_of(&app, &lan).await.unwrap().form.name, "Hộ kinh doanh Mật ong");
        let declined = call(&app, "answer_invitation", &[("invitation", &lan_invitation)], Some(&lan)).await;
        assert_eq!(declined.status, StatusCode::OK, "{}", declined.body);
        assert!(json::<Vec<Invitation>>(&app, "list_invitations", &lan).await.is_empty());

        // The owner cannot leave; a member cannot remove; a member leaves; the owner removes.
        let stays = call(&app, "leave_producer", &[], Some(&lan)).await;
        assert!(stays.body.contains("không rời được"), "{}", stays.body);
        let lan_id = members.members[0].account_id.to_string();
        let not_owner = call(&app, "remove_member", &[("account_id", &lan_id)], Some(&nam)).await;
        assert!(not_owner.body.contains("Chỉ người khai hồ sơ"), "{}", not_owner.body);
        let left = call(&app, "leave_producer", &[], Some(&nam)).await;
        assert_eq!(left.status, StatusCode::OK, "{}", left.body);
        assert_eq!(producer_of(&app, &nam).await, None, "{}: Nam left", test.name);
        common::join(&app, &lan, &nam, "nam@example.vn").await;
        let nam_id = json::<ProducerMembers>(&app, "get_producer_members", &lan).await.members[1].account_id.to_string();
        let removed = call(&app, "remove_member", &[("account_id", &nam_id)], Some(&lan)).await;
        assert_eq!(removed.status, StatusCode::OK, "{}", removed.body);
        assert_eq!(producer_of(&app, &nam).await, None, "{}: Nam was removed", test.name);
        let told: Vec<Notification> = json(&app, "list_notifications", &nam).await;
        assert!(told.iter().any(|n| n.message.to_string().contains("không còn làm hồ sơ")), "{told:?}");
        let gone = call(&app, "remove_member", &[("account_id", &nam_id)], Some(&lan)).await;
        assert_eq!(gone.status, StatusCode::NOT_FOUND);

        // At most ten wait unanswered at once: the form is no way to mail anyone at will.
        for n in 0..20 {
            let reply = call(&app, "invite_member", &[("sign_in_name", &format!("nguoi{n}@example.vn"))], Some(&lan)).await;
            if reply.status != StatusCode::OK {
                assert!(reply.body.contains("lời mời chưa được trả lời"), "{}", reply.body);
                break;
            }
        }
        assert_eq!(test.count("producer_invitations").await, 10, "{}", test.name);
        test.finish().await;
    }
}

common::on_each_backend! {
    /// Until an address is proven the account keeps drafts only: it files its profile, registers
    /// products and self-assesses, but submits nothing and invites nobody.
    async fn an_unproven_address_keeps_drafts_only(test) {
        let app = app_with_sample(&test).await;
        let hoa = unproven(&app, "hoa@example.vn").await;
        producer(&app, &hoa, "0403333333").await;
        let invite = call(&app, "invite_member", &[("sign_in_name", "ai@example.vn")], Some(&hoa)).await;
        assert_eq!(invite.status, StatusCode::BAD_REQUEST);
        assert!(invite.body.contains("Hãy xác nhận email"), "{}", invite.body);
        let draft = common::assessed_dossier(&app, &hoa, "Mật ong").await;
        let submit = call(&app, "submit_dossier", &[("dossier_id", &draft.to_string()), ("version", "2")], Some(&hoa)).await;
        assert_eq!(submit.status, StatusCode::BAD_REQUEST);
        assert!(submit.body.contains("Hãy xác nhận email"), "{}", submit.body);
        let page = common::page(&app, "/tai-khoan", Some(&hoa)).await;
        assert!(page.body.contains("chưa được xác nhận") && page.body.contains("Gửi lại liên kết"), "{}", page.body);

        // A new link, and the proof: then the same dossier goes.
        let resent = call(&app, "resend_confirmation", &[], Some(&hoa)).await;
        assert_eq!(resent.status, StatusCode::OK, "{}", resent.body);
        let token = test.link_token("hoa@example.vn", "/xac-nhan/");
        let confirmed = call(&app, "confirm_address", &[("token", &token), ("password", "12345678")], None).await;
        assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
        let submit = call(&app, "submit_dossier", &[("dossier_id", &draft.to_string()), ("version", "2")], Some(&hoa)).await;
        assert_eq!(submit.status, StatusCode::OK, "{}", submit.body);
        test.finish().await;
    }
}

common::on_each_backend! {
    /// Who may call each membership and address function. Columns: anonymous, unproven account,
    /// owner, member, staff. `OK` is a well-formed call's status.
    async fn every_membership_function_answers_each_person_as_the_matrix_says(test) {
        let app = app_with_sample(&test).await;
        assert!(server::seed::seed_demo_staff(&test.db, "mật khẩu cán bộ demo").await.unwrap());
        let lan = sign_up_lan(&app, &test).await;
        producer(&app, &lan, "0401111111").await;
        let nam = sign_up(&app, &test, "nam@example.vn").await;
        common::join(&app, &lan, &nam, "nam@example.vn").await;
        let hoa = unproven(&app, "hoa@example.vn").await;
        let staff = sign_in(&app, "canbo.tinh@ocop.demo", "mật khẩu cán bộ demo").await;
        let people = [None, Some(hoa), Some(lan.clone()), Some(nam.clone()), Some(staff)];

        use StatusCode as S;
        const OK: S = S::OK;
        const BAD: S = S::BAD_REQUEST;
        const NF: S = S::NOT_FOUND;
        const ANON: S = S::UNAUTHORIZED;
        type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, [S; 5]);
        let cases: Vec<Case> = vec![
            // Those without a producer are asked to file one first (400).
            ("get_producer_members", vec![], [ANON, BAD, OK, OK, BAD]),
            ("invite_member", vec![("sign_in_name", "moi@example.vn")], [ANON, BAD, OK, OK, BAD]),
            ("list_invitations", vec![], [ANON, OK, OK, OK, OK]),
            ("answer_invitation", vec![("invitation", "999999"), ("accept", "1")], [ANON, BAD, BAD, BAD, BAD]),
            ("remove_member", vec![("account_id", "999999")], [ANON, BAD, NF, BAD, BAD]),
            ("resend_confirmation", vec![], [ANON, OK, OK, OK, OK]),
            ("confirm_address", vec![("token", "made-up"), ("password", "12345678")], [BAD, BAD, BAD, BAD, BAD]),
            // Last: the member leaves.
            ("leave_producer", vec![], [ANON, BAD, BAD, OK, BAD]),
        ];
        for (function, form, expected) in cases {
            for ((who, session), status) in ["anonymous", "unproven", "owner", "member", "staff"].iter().zip(&people).zip(expected) {
                let reply = call(&app, function, &form, session.as_deref()).await;
                assert_eq!(reply.status, status, "{}: {function} as {who}: {}", test.name, reply.body);
            }
        }
        test.finish().await;
    }
}

common::on_each_backend! {
    /// An invitation is mailed in its addressee's language when the address has an account,
    /// and otherwise in the inviter's.
    async fn an_invitation_is_mailed_in_its_readers_language(test) {
        let app = app_with_sample(&test).await;
        let lan = sign_up_lan(&app, &test).await;
        producer(&app, &lan, "0401111111").await;
        sign_up(&app, &test, "nam@example.vn").await;
        let speaks = |name: &'static str, code: &'static str| {
            sqlx::query("UPDATE accounts SET language = $1 WHERE sign_in_name = $2").bind(code).bind(name).execute(&test.db.pool)
        };
        speaks("nam@example.vn", "en").await.unwrap();
        for name in ["nam@example.vn", "khong-ai@example.vn", "", "nguoi-moi@example.vn"] {
            if name.is_empty() {
                speaks("0912345678", "en").await.unwrap();
                continue;
            }
            assert_eq!(call(&app, "invite_member", &[("sign_in_name", name)], Some(&lan)).await.status, StatusCode::OK);
        }
        let mails = test.messages();
        let to = |name: &str| mails.iter().rfind(|m| m.starts_with(&format!("To: {name}\n"))).cloned().unwrap_or_default();
        let english = ["Invitation to work on an OCOP profile", "Nguyễn Thị Lan invites you", "/dang-ky?tiep=/ho-so"];
        for name in ["nam@example.vn", "nguoi-moi@example.vn"] {
            let mail = to(name);
            assert!(english.iter().all(|words| mail.contains(words)), "{}: {mail}", test.name);
        }
        let mail = to("khong-ai@example.vn");
        assert!(mail.contains("Lời mời làm hồ sơ OCOP") && mail.contains("mời bạn cùng làm hồ sơ"), "{}: {mail}", test.name);
    }
}
