//! Messages to people: password reset links, staff invitations and dossier notifications. With
//! a mail server configured (`--smtp-url`) they go out by SMTP; without one, each is written to
//! the server log. Either way, when a mail folder is set, each is also written there as a file
//! (development and the end-to-end tests read links from it).

use std::path::PathBuf;

use async_trait::async_trait;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Mailbox, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

/// One message to one e-mail address or phone number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub to: String,
    pub subject: String,
    pub body: String,
}

#[async_trait]
pub trait Mailer: Send + Sync {
    async fn send(&self, message: Message) -> std::io::Result<()>;
}

/// Writes messages to the log, and to `folder` as numbered `.txt` files when set.
pub struct LogMailer {
    pub folder: Option<PathBuf>,
}

#[async_trait]
impl Mailer for LogMailer {
    async fn send(&self, message: Message) -> std::io::Result<()> {
        tracing::info!(to = %message.to, subject = %message.subject, body = %message.body, "message (no mail server configured)");
        match &self.folder {
            Some(folder) => write_copy(folder, &message).await,
            None => Ok(()),
        }
    }
}

/// The message as a numbered text file in `folder`.
async fn write_copy(folder: &std::path::Path, message: &Message) -> std::io::Result<()> {
    tokio::fs::create_dir_all(folder).await?;
    // The real time, not the platform's clock: it only orders and names the files on disk.
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.6f");
    let file = folder.join(format!("{stamp}-{}.txt", safe_file_part(&message.to)));
    let text = format!("To: {}\nSubject: {}\n\n{}\n", message.to, message.subject, message.body);
    tokio::fs::write(file, text).await
}

fn safe_file_part(to: &str) -> String {
    to.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '@' { c } else { '_' }).collect()
}

/// Sends by SMTP to people who signed up with an e-mail address (a phone number gets nothing
/// here: the platform sends no SMS), keeping the log and folder copies of `LogMailer`.
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    copies: LogMailer,
}

impl SmtpMailer {
    /// `url` as lettre reads it: `smtps://user:password@host` (TLS), `smtp://host:587?tls=required`
    /// (STARTTLS) or `smtp://host:25` (plain, inside a trusted network only).
    pub fn new(url: &str, from: &str, folder: Option<PathBuf>) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|err| {
                format!(
                    "The mail server address is not valid ({err}): for example smtps://user:password@mail.example.vn"
                )
            })?
            .timeout(Some(std::time::Duration::from_secs(15)))
            .build();
        let from = from.parse::<Mailbox>().map_err(|err| {
            format!("The sender address {from:?} is not valid ({err}): for example \"OCOP <noreply@ocop.example.vn>\"")
        })?;
        Ok(SmtpMailer { transport, from, copies: LogMailer { folder } })
    }
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, message: Message) -> std::io::Result<()> {
        if let Some(folder) = &self.copies.folder {
            write_copy(folder, &message).await?;
        }
        let Ok(to) = message.to.parse::<Mailbox>() else {
            tracing::info!(to = %message.to, subject = %message.subject, "no e-mail address: message kept in the application only");
            return Ok(());
        };
        let email = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject.as_str())
            .singlepart(
                SinglePart::builder()
                    .header(ContentType::TEXT_PLAIN)
                    .header(ContentTransferEncoding::Base64)
                    .body(message.body.clone()),
            )
            .map_err(std::io::Error::other)?;
        self.transport.send(email).await.map_err(std::io::Error::other)?;
        tracing::info!(to = %message.to, subject = %message.subject, "message sent by SMTP");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

    use super::*;

    /// A mail server that takes one connection and answers every command, returning what it was
    /// told.
    async fn one_connection_server() -> (u16, tokio::task::JoinHandle<Vec<String>>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let heard = tokio::spawn(async move {
            let (socket, _) = listener.accept().await.unwrap();
            let (read, mut write) = socket.into_split();
            let mut lines = BufReader::new(read).lines();
            write.write_all(b"220 test.example ESMTP\r\n").await.unwrap();
            let (mut heard, mut in_data) = (Vec::new(), false);
            while let Ok(Some(line)) = lines.next_line().await {
                heard.push(line.clone());
                if in_data {
                    if line == "." {
                        in_data = false;
                        write.write_all(b"250 queued\r\n").await.unwrap();
                    }
                    continue;
                }
                let reply: &[u8] = match line.split(' ').next().unwrap_or("").to_ascii_uppercase().as_str() {
                    "EHLO" => b"250-test.example\r\n250 8BITMIME\r\n",
                    "DATA" => {
                        in_data = true;
                        b"354 go on\r\n"
                    }
                    "QUIT" => {
                        write.write_all(b"221 bye\r\n").await.unwrap();
                        break;
                    }
                    _ => b"250 OK\r\n",
                };
                write.write_all(reply).await.unwrap();
            }
            heard
        });
        (port, heard)
    }

    #[tokio::test]
    async fn mail_goes_out_by_smtp_with_vietnamese_intact_and_a_copy_in_the_folder() {
        let (port, heard) = one_connection_server().await;
        let folder = tempfile::tempdir().unwrap();
        let mailer = SmtpMailer::new(
            &format!("smtp://127.0.0.1:{port}"),
            "OCOP <noreply@ocop.example.vn>",
            Some(folder.path().to_path_buf()),
        )
        .unwrap();
        let body = "Chào chị Lan,\nmở liên kết để đặt lại mật khẩu: https://ocop.example.vn/dat-lai-mat-khau/abc";
        let message =
            Message {
                to: "lan@example.vn".into(), subject: "Đặt lại mật khẩu OCOP".into(), body: body.into()
            };
        mailer.send(message).await.unwrap();
        let heard = heard.await.unwrap();
        assert!(heard.contains(&"MAIL FROM:<noreply@ocop.example.vn>".to_string()), "{heard:?}");
        assert!(heard.contains(&"RCPT TO:<lan@example.vn>".to_string()), "{heard:?}");
        let data = heard.iter().position(|line| line == "DATA").unwrap();
        let blank = data + heard[data..].iter().position(String::is_empty).unwrap();
        let end = data + heard[data..].iter().position(|line| line == ".").unwrap();
        let encoded: String = heard[blank + 1..end].concat();
        let decoded = base64::engine::general_purpose::STANDARD.decode(encoded).unwrap();
        assert_eq!(String::from_utf8(decoded).unwrap().replace("\r\n", "\n"), body);
        assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 1, "the copy in the folder");

        // A phone number gets no mail, and no connection is tried.
        let closed = SmtpMailer::new("smtp://127.0.0.1:9", "noreply@ocop.example.vn", None).unwrap();
        let to_phone = Message { to: "0905123456".into(), subject: "s".into(), body: "b".into() };
        closed.send(to_phone).await.unwrap();
        let refused = Message { to: "lan@example.vn".into(), subject: "s".into(), body: "b".into() };
        assert!(closed.send(refused).await.is_err(), "a mail server that cannot be reached is an error");
    }

    #[test]
    fn a_wrong_server_address_or_sender_is_a_sentence() {
        let bad_url = SmtpMailer::new("mail.example.vn", "noreply@ocop.example.vn", None).err().unwrap();
        assert!(bad_url.starts_with("The mail server address is not valid"), "{bad_url}");
        let bad_from = SmtpMailer::new("smtp://127.0.0.1:25", "not an address", None).err().unwrap();
        assert!(bad_from.starts_with("The sender address"), "{bad_from}");
    }
}
