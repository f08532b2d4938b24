//! Messages to people: password reset links now, dossier notifications later. Without a mail
//! server configured, each message is written to the server log and, when a mail folder is set,
//! as a file there (development and the end-to-end tests read links from it).

use std::path::PathBuf;

use async_trait::async_trait;

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
        let Some(folder) = &self.folder else { return Ok(()) };
        tokio::fs::create_dir_all(folder).await?;
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.6f");
        let file = folder.join(format!("{stamp}-{}.txt", safe_file_part(&message.to)));
        let text = format!("To: {}\nSubject: {}\n\n{}\n", message.to, message.subject, message.body);
        tokio::fs::write(file, text).await
    }
}

fn safe_file_part(to: &str) -> String {
    to.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '@' { c } else { '_' }).collect()
}
