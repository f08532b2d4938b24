//! Accounts, sessions, the sign-in lock and password reset, through the router as a browser
//! (with and without JavaScript) would reach them, on SQLite and PostgreSQL.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{app_with_sample, call, call_with_cookies, encode, page, request, sign_up_lan, who, TestDb, LAN};

async fn hashes(test: &TestDb) -> Vec<String> {
    sqlx::query_scalar("SELECT token_hash FROM sessions").fetch_all(&test.db.pool).await.unwrap()
}

common::on_each_backend! {
    async fn sign_up_sign_in_and_sign_out(test) {
        let app = app_with_sample(&test).await;
        let reply = call(&app, "sign_up", LAN, None).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        assert!(reply.session().is_none(), "no session before the address is proven");
        let stored: String =
            sqlx::query_scalar("SELECT password_hash FROM accounts").fetch_one(&test.db.pool).await.unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");

        // The same phone written another way is the same account, and the answer is the same
        // word for word: sign-up tells nobody who has an account. The holder is told instead.
        let again = [LAN[0], ("sign_in_name", "0912.345.678"), LAN[2], LAN[3]];
        let second = call(&app, "sign_up", &again, None).await;
        assert_eq!((second.status, second.body.as_str()), (reply.status, reply.body.as_str()));
        assert_eq!(test.count("accounts").await, 1);
        let messages = test.messages();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].starts_with("To: 0912345678\n") && messages[0].contains("/xac-nhan/"), "{}", messages[0]);
        assert!(messages[1].contains("đã có tài khoản") && messages[1].contains("/dat-lai-mat-khau/"), "{}", messages[1]);

        // Before the proof the account signs in and keeps drafts, marked unconfirmed.
        let early = call(&app, "sign_in", &[("sign_in_name", "0912345678"), ("password", "mật khẩu của Lan")], None).await;
        let early = early.session().expect("signing in before confirming works");
        assert_eq!(who(&app, &early).await.map(|a| a.confirmed), Some(false));
        let token = test.link_token("0912345678", "/xac-nhan/");
        // The link alone does not confirm: whoever opened the account must type its password.
        let wrong = call(&app, "confirm_address", &[("token", &token), ("password", "đoán thử xem")], None).await;
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
        assert!(wrong.session().is_none() && wrong.body.contains("Sai tên đăng nhập hoặc mật khẩu"), "{}", wrong.body);
        assert_eq!(who(&app, &early).await.map(|a| a.confirmed), Some(false));
        let reply = call(&app, "confirm_address", &[("token", &token), ("password", "mật khẩu của Lan")], None).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let cookie = reply.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().to_string();
        for flag in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/", "Max-Age=2592000"] {
            assert!(cookie.contains(flag), "{flag} in {cookie}");
        }
        let first = reply.session().unwrap();
        let account: app::model::Account = serde_json::from_str(&reply.body).unwrap();
        assert_eq!((account.display_name.as_str(), account.sign_in_name.as_str()), ("Nguyễn Thị Lan", "0912345678"));
        assert!(account.confirmed);
        assert!(!reply.body.contains(&first) && !reply.body.contains("argon2"), "no secret in {}", reply.body);
        assert!(!hashes(&test).await.contains(&first), "only the token's hash is stored");
        assert_eq!(who(&app, &first).await.map(|a| a.id), Some(account.id));
        assert_eq!(who(&app, "forged-token").await, None);
        let used = call(&app, "confirm_address", &[("token", &token), ("password", "mật khẩu của Lan")], None).await;
        assert!(used.body.contains("Liên kết xác nhận không đúng"), "a link works once: {}", used.body);
        call(&app, "sign_out", &[], Some(&early)).await;

        for (form, field) in [
            (vec![LAN[0], ("sign_in_name", "0912"), LAN[2], LAN[3]], "sign_in_name"),
            (
                vec![LAN[0], ("sign_in_name", "lan@example.vn"), ("password", "ngắn"), ("password_again", "ngắn")],
                "password",
            ),
            (vec![LAN[0], ("sign_in_name", "lan@example.vn"), LAN[2], ("password_again", "khác")], "password"),
            (vec![("display_name", "   "), ("sign_in_name", "lan@example.vn"), LAN[2], LAN[3]], "display_name"),
        ] {
            let reply = call(&app, "sign_up", &form, None).await;
            assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{form:?}");
            assert!(reply.body.contains(&format!("\"field\":\"{field}\"")), "{form:?}: {}", reply.body);
            assert!(!reply.body.contains("mật khẩu của Lan"), "a password is never sent back");
        }
        assert_eq!(test.count("accounts").await, 1);

        let wrong = call(&app, "sign_in", &[("sign_in_name", "0912345678"), ("password", "sai rồi!")], None).await;
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
        assert!(wrong.body.contains("Sai tên đăng nhập hoặc mật khẩu"), "{}", wrong.body);
        let right =
            call(&app, "sign_in", &[("sign_in_name", "84912345678"), ("password", "mật khẩu của Lan")], None).await;
        assert_eq!(right.status, StatusCode::OK, "{}", right.body);
        let second = right.session().unwrap();

        let mine = page(&app, "/tai-khoan", Some(&second)).await;
        assert_eq!(mine.status, StatusCode::OK);
        assert!(mine.body.contains("Nguyễn Thị Lan") && mine.body.contains("0912345678"));
        let anonymous = page(&app, "/tai-khoan", None).await;
        assert!(anonymous.status.is_redirection(), "{} {:?} {}", anonymous.status, anonymous.headers, anonymous.body);
        assert!(anonymous.location().starts_with("/dang-nhap"), "{}", anonymous.location());

        let out = call(&app, "sign_out", &[], Some(&first)).await;
        assert!(out.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().contains("Max-Age=0"));
        assert_eq!(who(&app, &first).await, None, "this session ended");
        assert!(who(&app, &second).await.is_some(), "the other one did not");
        let third = call(&app, "sign_in", &[("sign_in_name", "0912345678"), ("password", "mật khẩu của Lan")], None)
            .await
            .session()
            .unwrap();
        call(&app, "sign_out", &[("everywhere", "1")], Some(&second)).await;
        assert_eq!((who(&app, &second).await, who(&app, &third).await), (None, None));
        assert_eq!(test.count("sessions").await, 0);
        test.finish().await;
    }
}

/// The wait a refusal states, in seconds ("thử lại sau 29 giây", "… sau 1 phút").
fn wait_said(body: &str) -> u64 {
    let after = body.split("thử lại sau ").nth(1).unwrap_or_else(|| panic!("no wait said: {body}"));
    let mut words = after.split_whitespace();
    let number: u64 = words.next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no number: {body}"));
    match words.next() {
        Some(unit) if unit.starts_with("phút") => number * 60,
        _ => number,
    }
}

common::on_each_backend! {
    /// Failures on a name make its next attempts wait, whether or not an account has it, and
    /// longer after each further failure; the wait ends by itself; and the holder, on a device
    /// they signed in from before, gets in meanwhile with the right password.
    async fn failures_make_a_name_wait_but_never_lock_its_holder_out(test) {
        let app = app_with_sample(&test).await;
        call(&app, "sign_up", common::LAN, None).await;
        let token = test.link_token("0912345678", "/xac-nhan/");
        let lan = call(&app, "confirm_address", &[("token", &token), ("password", "mật khẩu của Lan")], None).await;
        let device = lan.cookie("ocop_device").expect("the device's token with the first session");
        for name in ["0912345678", "khong-co@example.vn"] {
            for attempt in 1..=5 {
                let reply = call(&app, "sign_in", &[("sign_in_name", name), ("password", "đoán bừa 123")], None).await;
                assert_eq!(reply.status, StatusCode::BAD_REQUEST);
                let waits = reply.body.contains("Đăng nhập sai quá nhiều lần");
                assert_eq!(waits, attempt == 5, "{name} attempt {attempt}: {}", reply.body);
            }
        }
        // Meanwhile the right password is refused without being checked, from elsewhere…
        let right = [("sign_in_name", "0912345678"), ("password", "mật khẩu của Lan")];
        let reply = call(&app, "sign_in", &right, None).await;
        assert!((20..=30).contains(&wait_said(&reply.body)), "half a minute: {}", reply.body);
        assert!(reply.session().is_none());
        // …but not from Lan's own device.
        let at_home = common::call_with_cookies(&app, "sign_in", &right, Some(format!("ocop_device={device}"))).await;
        assert!(at_home.session().is_some(), "{}: her device gets in: {}", test.name, at_home.body);
        assert_eq!(at_home.cookie("ocop_device").as_deref(), Some(device.as_str()), "the same device");

        // Half a minute later the wait is over; another failure waits twice as long.
        test.db = test.db.clone().with_clock(test.db.clock.advanced(chrono::TimeDelta::seconds(31)));
        let later = common::router(&test, None);
        let guess = [("sign_in_name", "khong-co@example.vn"), ("password", "đoán lần nữa")];
        let reply = call(&later, "sign_in", &guess, None).await;
        assert!((50..=60).contains(&wait_said(&reply.body)), "a minute: {}", reply.body);
        test.finish().await;
    }
}

common::on_each_backend! {
    async fn a_reset_link_works_once_and_ends_other_sessions(test) {
        let app = app_with_sample(&test).await;
        let old_session = sign_up_lan(&app, &test).await;

        // Each answer waits for the same floor, whether a link was made and mailed or not.
        let timed = |name: &'static str| {
            let app = app.clone();
            async move {
                let started = std::time::Instant::now();
                let reply = call(&app, "request_password_reset", &[("sign_in_name", name)], None).await;
                assert!(started.elapsed() >= std::time::Duration::from_millis(600), "{name}: {:?}", started.elapsed());
                reply
            }
        };
        let unknown = timed("0987654321").await;
        let known = timed("+84912345678").await;
        assert_eq!((unknown.status, unknown.body.as_str()), (known.status, known.body.as_str()), "same answer");
        let messages: Vec<String> = test.messages().into_iter().filter(|m| m.contains("/dat-lai-mat-khau/")).collect();
        assert_eq!(messages.len(), 1, "one message, to the account that exists");
        assert!(messages[0].starts_with("To: 0912345678\n"), "{}", messages[0]);
        let link = messages[0].split_whitespace().find(|w| w.contains("/dat-lai-mat-khau/")).expect("link");
        assert!(link.starts_with("https://ocop.example.vn/dat-lai-mat-khau/"), "{link}");
        let token = link.rsplit('/').next().unwrap();

        let page_reply = page(&app, &format!("/dat-lai-mat-khau/{token}"), None).await;
        assert_eq!(page_reply.status, StatusCode::OK);
        assert!(page_reply.body.contains("Đặt mật khẩu mới"));

        let short =
            call(&app, "reset_password", &[("token", token), ("password", "ngắn"), ("password_again", "ngắn")], None)
                .await;
        assert_eq!(short.status, StatusCode::BAD_REQUEST);
        let new_password =
            [("token", token), ("password", "mật khẩu mới của Lan"), ("password_again", "mật khẩu mới của Lan")];
        let reset = call(&app, "reset_password", &new_password, None).await;
        assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
        assert!(who(&app, &reset.session().unwrap()).await.is_some(), "signed in by the reset");
        assert_eq!(who(&app, &old_session).await, None, "the old session ended");

        let again = call(&app, "reset_password", &new_password, None).await;
        assert_eq!(again.status, StatusCode::BAD_REQUEST);
        assert!(again.body.contains("Liên kết đặt lại mật khẩu không đúng"), "{}", again.body);
        let old =
            call(&app, "sign_in", &[("sign_in_name", "0912345678"), ("password", "mật khẩu của Lan")], None).await;
        assert_eq!(old.status, StatusCode::BAD_REQUEST);
        let new =
            call(&app, "sign_in", &[("sign_in_name", "0912345678"), ("password", "mật khẩu mới của Lan")], None).await;
        assert_eq!(new.status, StatusCode::OK);
        test.finish().await;
    }
}

common::on_each_backend! {
    async fn a_form_posted_without_javascript_comes_back_with_the_sentence_and_what_was_typed(test) {
        let app = app_with_sample(&test).await;
        let post = Request::post("/api/sign_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::REFERER, "https://ocop.example.vn/dang-nhap")
            .body(Body::from(encode(&[("sign_in_name", "lan@example"), ("password", "x"), ("next", "")])))
            .unwrap();
        let reply = request(&app, post).await;
        assert_eq!(reply.status, StatusCode::FOUND);
        let back = reply.location().trim_start_matches("https://ocop.example.vn").to_string();
        assert!(back.starts_with("/dang-nhap?") && back.contains("__err="), "{back}");
        let form = page(&app, &back, None).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.body.contains("Email chưa đúng dạng"), "the sentence is on the page");
        assert!(form.body.contains("value=\"lan@example\""), "what was typed is kept");

        let post = Request::post("/api/sign_up")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, "https://ocop.example.vn/dang-ky")
            .body(Body::from(encode(&[LAN, &[("next", "")]].concat())))
            .unwrap();
        let reply = request(&app, post).await;
        assert_eq!((reply.status, reply.location()), (StatusCode::FOUND, "/dang-ky?da_gui=1"));
        assert!(reply.session().is_none());
        let told = page(&app, reply.location(), None).await;
        assert!(told.body.contains("Hãy kiểm tra hộp thư"), "{}", told.body);
        // The link leads on to where the person was going once confirmed, without JavaScript too.
        let token = test.link_token("0912345678", "/xac-nhan/");
        let confirm = page(&app, &format!("/xac-nhan/{token}"), None).await;
        assert_eq!(confirm.status, StatusCode::OK);
        assert!(confirm.body.contains("Xác nhận tài khoản"), "{}", confirm.body);
        let post = Request::post("/api/confirm_address")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, format!("https://ocop.example.vn/xac-nhan/{token}"))
            .body(Body::from(encode(&[("token", &token), ("password", "mật khẩu của Lan"), ("next", "")])))
            .unwrap();
        let reply = request(&app, post).await;
        assert_eq!((reply.status, reply.location()), (StatusCode::FOUND, "/tai-khoan"));
        assert!(reply.session().is_some());
        test.finish().await;
    }
}

common::on_each_backend! {
    /// Asking again and again for reset links sends at most three an hour to one person, and
    /// the page answers each request the same.
    async fn reset_links_to_one_person_are_few(test) {
        let app = app_with_sample(&test).await;
        sign_up_lan(&app, &test).await;
        let mut answers = Vec::new();
        for _ in 0..8 {
            let reply = call(&app, "request_password_reset", &[("sign_in_name", "0912345678")], None).await;
            answers.push((reply.status, reply.body));
        }
        assert!(answers.windows(2).all(|pair| pair[0] == pair[1]), "{}: the same answer each time", test.name);
        let resets = || test.messages().iter().filter(|m| m.contains("/dat-lai-mat-khau/")).count();
        assert_eq!(resets(), 3, "{}: three links, no more", test.name);
        // Signing up again with her number is no way around it: it shares the same bound.
        for _ in 0..3 {
            assert_eq!(call(&app, "sign_up", LAN, None).await.status, StatusCode::OK);
        }
        assert_eq!(resets(), 3, "{}: still three", test.name);
        test.finish().await;
    }
}

common::on_each_backend! {
    /// Mails are written in the language the holder reads the site in: the one of the sign-up
    /// form, then of each sign-in and of the switch. A stranger's form does not choose it.
    async fn mails_follow_the_language_the_holder_reads(test) {
        let app = app_with_sample(&test).await;
        let form = [
            ("display_name", "Mai Anh"),
            ("sign_in_name", "mai@example.vn"),
            ("password", "mật khẩu của Mai"),
            ("password_again", "mật khẩu của Mai"),
        ];
        let english = Some("ocop_lang=en".to_string());
        let newest = || test.messages().pop().expect("a message");
        let language = || async {
            sqlx::query_scalar::<_, String>("SELECT language FROM accounts WHERE sign_in_name = 'mai@example.vn'")
                .fetch_one(&test.db.pool)
                .await
                .unwrap()
        };
        assert_eq!(call_with_cookies(&app, "sign_up", &form, english.clone()).await.status, StatusCode::OK);
        let mail = newest();
        assert!(mail.contains("Subject: Confirm your OCOP Vietnam account\n") && mail.contains("Hello Mai Anh,"), "{mail}");
        assert_eq!(language().await, "en");

        // Someone signing up again with her address in Vietnamese: she is told, in English.
        assert_eq!(call(&app, "sign_up", &form, None).await.status, StatusCode::OK);
        let mail = newest();
        assert!(mail.contains("Subject: Your OCOP Vietnam account\n") && mail.contains("already has an account"), "{mail}");
        assert_eq!(language().await, "en", "a stranger's form does not change it");

        let token = test.link_token("mai@example.vn", "/xac-nhan/");
        let confirmed = call(&app, "confirm_address", &[("token", &token), ("password", "mật khẩu của Mai")], None).await;
        let session = confirmed.session().expect("a session");
        // Confirmed in a browser that never chose a language (a mail app's): nothing changes.
        assert_eq!(language().await, "en");
        let reset = |cookies: Option<String>| {
            let app = app.clone();
            async move {
                let reply =
                    call_with_cookies(&app, "request_password_reset", &[("sign_in_name", "mai@example.vn")], cookies)
                        .await;
                assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
            }
        };
        // The reset mail follows the account, not whoever asked for it.
        reset(Some("ocop_lang=vi".to_string())).await;
        let mail = newest();
        assert!(mail.contains("Subject: Reset your OCOP Vietnam password\n") && mail.contains("60 minutes"), "{mail}");

        // The switch, signed in, keeps the choice; signed out, it changes only the cookie; from
        // another site's page, nothing of the account.
        let switch = |cookie: String, from_site: &'static str| {
            let app = app.clone();
            async move {
                let switched = request(
                    &app,
                    Request::get("/ngon-ngu/vi?tiep=/tai-khoan")
                        .header(header::COOKIE, cookie)
                        .header("sec-fetch-site", from_site)
                        .body(Body::empty())
                        .unwrap(),
                )
                .await;
                assert_eq!(switched.status, StatusCode::SEE_OTHER);
            }
        };
        switch("ocop_session=not-a-session".to_string(), "same-origin").await;
        assert_eq!(language().await, "en");
        switch(format!("ocop_session={session}"), "cross-site").await;
        assert_eq!(language().await, "en", "a link from another site changes only the cookie");
        switch(format!("ocop_session={session}"), "same-origin").await;
        assert_eq!(language().await, "vi");
        reset(english.clone()).await;
        assert!(newest().contains("Subject: Đặt lại mật khẩu OCOP Việt Nam\n"));

        // Signing in from an English page brings English back; without a choice, nothing changes.
        let sign_in = |cookies: Option<String>| {
            let app = app.clone();
            async move {
                let form = [("sign_in_name", "mai@example.vn"), ("password", "mật khẩu của Mai")];
                let signed_in = call_with_cookies(&app, "sign_in", &form, cookies).await;
                assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
            }
        };
        sign_in(english.clone()).await;
        assert_eq!(language().await, "en");
        sign_in(None).await;
        assert_eq!(language().await, "en");
        test.finish().await;
    }
}
