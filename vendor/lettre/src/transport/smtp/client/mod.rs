//! SMTP client
//!
//! `SmtpConnection` allows manually sending SMTP commands.
//!
//! ```rust,no_run
//! # use std::error::Error;
//!
//! # #[cfg(feature = "smtp-transport")]
//! # fn main() -> Result<(), Box<dyn Error>> {
//! use lettre::transport::smtp::{
//!     SMTP_PORT, client::SmtpConnection, commands::*, extension::ClientId,
//! };
//!
//! let hello = ClientId::Domain("my_hostname".to_owned());
//! let mut client = SmtpConnection::connect(&("localhost", SMTP_PORT), None, &hello, None, None)?;
//! client.command(Mail::new(Some("user@example.com".parse()?), vec![]))?;
//! client.command(Rcpt::new("user@example.org".parse()?, vec![]))?;
//! client.command(Data)?;
//! client.message("Test email".as_bytes())?;
//! client.command(Quit)?;
//! # Ok(())
//! # }
//! ```

#[cfg(feature = "serde")]
use std::fmt::Debug;

#[cfg(any(feature = "tokio1", feature = "async-std1"))]
pub use self::async_connection::AsyncSmtpConnection;
#[cfg(any(feature = "tokio1", feature = "async-std1"))]
#[allow(deprecated)]
pub use self::async_net::AsyncNetworkStream;
#[cfg(feature = "tokio1")]
pub use self::async_net::AsyncTokioStream;
use self::net::NetworkStream;
#[cfg(any(feature = "native-tls", feature = "rustls", feature = "boring-tls"))]
pub(super) use self::tls::InnerTlsParameters;
#[cfg(any(feature = "native-tls", feature = "rustls", feature = "boring-tls"))]
pub use self::tls::TlsVersion;
pub use self::{
    connection::SmtpConnection,
    tls::{Certificate, CertificateStore, Identity, Tls, TlsParameters, TlsParametersBuilder},
};

#[cfg(any(feature = "tokio1", feature = "async-std1"))]
mod async_connection;
#[cfg(any(feature = "tokio1", feature = "async-std1"))]
mod async_net;
mod connection;
mod net;
mod tls;

/// Total bytes cap on an SMTP response (Postfix `smtp_response_limit`).
pub(super) const MAX_RESPONSE_BYTES: usize = 100_000;

/// Single-line byte cap (Postfix `line_length_limit`).
pub(super) const MAX_RESPONSE_LINE_BYTES: usize = 1000;

/// The codec used for transparency
#[derive(Debug)]
struct ClientCodec {
    status: CodecStatus,
}

impl ClientCodec {
    /// Creates a new client codec
    pub(crate) fn new() -> Self {
        Self {
            status: CodecStatus::StartOfNewLine,
        }
    }

    /// Adds transparency (RFC 5321 4.5.2): a `.` that opens a line gets another `.` before it.
    ///
    /// Searches the frame for `\n.` with `memchr` and copies the slices between, instead of
    /// pushing one byte at a time. A line opens after `\r\n`, also when the two bytes arrived in
    /// different frames, which is what `status` remembers.
    fn encode(&mut self, frame: &[u8], buf: &mut Vec<u8>) {
        let Some(&last) = frame.last() else {
            return;
        };
        buf.reserve(frame.len() + 1);
        if frame[0] == b'.' && matches!(self.status, CodecStatus::StartOfNewLine) {
            buf.push(b'.');
        }
        let mut copied = 0;
        for i in memchr::memmem::find_iter(frame, b"\n.") {
            let after_cr = match i {
                0 => matches!(self.status, CodecStatus::StartingNewLine),
                _ => frame[i - 1] == b'\r',
            };
            if after_cr {
                buf.extend_from_slice(&frame[copied..=i]);
                buf.push(b'.');
                copied = i + 1;
            }
        }
        buf.extend_from_slice(&frame[copied..]);
        let before_last = match frame.len() {
            1 => matches!(self.status, CodecStatus::StartingNewLine),
            n => frame[n - 2] == b'\r',
        };
        self.status = match last {
            b'\r' => CodecStatus::StartingNewLine,
            b'\n' if before_last => CodecStatus::StartOfNewLine,
            _ => CodecStatus::MiddleOfLine,
        };
    }
}

/// A connection keeps the buffer it writes commands and messages from, up to this size; a
/// larger message's buffer is let go after it is sent.
pub(super) const KEPT_BUFFER_BYTES: usize = 1 << 20;

/// Fills `buf` with the DATA of `message` as it goes on the wire: dot-stuffed and ended by
/// `<CRLF>.<CRLF>`, so the message and its end go out in one write.
pub(super) fn data_frame<I, B>(message: I, buf: &mut Vec<u8>)
where
    I: Iterator<Item = B>,
    B: AsRef<[u8]>,
{
    buf.clear();
    let mut codec = ClientCodec::new();
    for part in message {
        codec.encode(part.as_ref(), buf);
    }
    buf.extend_from_slice(b"\r\n.\r\n");
}

/// Fills `buf` with `command` as it goes on the wire.
pub(super) fn command_frame<C: std::fmt::Display>(command: C, buf: &mut Vec<u8>) {
    use std::io::Write as _;
    buf.clear();
    // Writing to a Vec cannot fail.
    let _ = write!(buf, "{command}");
}

/// Lets go of a buffer a large message grew, so an idle connection does not hold it.
pub(super) fn trim_kept(buf: &mut Vec<u8>) {
    if buf.capacity() > KEPT_BUFFER_BYTES {
        *buf = Vec::new();
    }
}

#[derive(Debug, Copy, Clone)]
#[allow(clippy::enum_variant_names)]
enum CodecStatus {
    /// We are past the first character of the current line
    MiddleOfLine,
    /// We just read a `\r` character
    StartingNewLine,
    /// We are at the start of a new line
    StartOfNewLine,
}

/// Returns the string replacing all the CRLF with "\<CRLF\>"
/// Used for debug displays
#[cfg(feature = "tracing")]
pub(super) fn escape_crlf(string: &str) -> String {
    string.replace("\r\n", "<CRLF>")
}

#[cfg(test)]
mod test {
    use super::*;

    #[test]
    fn test_codec() {
        let mut buf = Vec::new();
        let mut codec = ClientCodec::new();

        codec.encode(b".\r\n", &mut buf);
        codec.encode(b"test\r\n", &mut buf);
        codec.encode(b"test\r\n\r\n", &mut buf);
        codec.encode(b".\r\n", &mut buf);
        codec.encode(b"\r\ntest", &mut buf);
        codec.encode(b"te\r\n.\r\nst", &mut buf);
        codec.encode(b"test", &mut buf);
        codec.encode(b"test.", &mut buf);
        codec.encode(b"test\n", &mut buf);
        codec.encode(b".test\n", &mut buf);
        codec.encode(b"test", &mut buf);
        codec.encode(b"test", &mut buf);
        codec.encode(b"test\r\n", &mut buf);
        codec.encode(b".test\r\n", &mut buf);
        codec.encode(b"test.\r\n", &mut buf);
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "..\r\ntest\r\ntest\r\n\r\n..\r\n\r\ntestte\r\n..\r\nsttesttest.test\n.test\ntesttesttest\r\n..test\r\ntest.\r\n"
        );
    }

    /// The byte-at-a-time state machine the codec had before it searched with `memchr`.
    fn encode_bytewise(status: &mut CodecStatus, frame: &[u8], buf: &mut Vec<u8>) {
        for &b in frame {
            buf.push(b);
            match (b, *status) {
                (b'\r', _) => *status = CodecStatus::StartingNewLine,
                (b'\n', CodecStatus::StartingNewLine) => *status = CodecStatus::StartOfNewLine,
                (_, CodecStatus::StartingNewLine) => *status = CodecStatus::MiddleOfLine,
                (b'.', CodecStatus::StartOfNewLine) => {
                    *status = CodecStatus::MiddleOfLine;
                    buf.push(b'.');
                }
                (_, CodecStatus::StartOfNewLine) => *status = CodecStatus::MiddleOfLine,
                _ => {}
            }
        }
    }

    #[test]
    fn test_codec_matches_the_bytewise_codec_on_every_split() {
        // Every string of up to 7 bytes over the bytes that matter, cut into two frames at
        // every place: the same output as the byte-at-a-time codec.
        let alphabet = [b'\r', b'\n', b'.', b'a'];
        for len in 0..=7u32 {
            for mut n in 0..alphabet.len().pow(len) {
                let mut text = Vec::new();
                for _ in 0..len {
                    text.push(alphabet[n % alphabet.len()]);
                    n /= alphabet.len();
                }
                for cut in 0..=text.len() {
                    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
                    let mut codec = ClientCodec::new();
                    let mut status = CodecStatus::StartOfNewLine;
                    for frame in [&text[..cut], &text[cut..]] {
                        codec.encode(frame, &mut ours);
                        encode_bytewise(&mut status, frame, &mut theirs);
                    }
                    assert_eq!(ours, theirs, "{text:?} cut at {cut}");
                }
            }
        }
    }

    #[test]
    fn test_data_frame_is_the_stuffed_message_and_its_end_in_one_buffer() {
        let mut buf = b"left over from the last message".to_vec();
        data_frame(
            [&b"Subject: x\r\n\r\n.a"[..], b"\r\n", b".b"].iter(),
            &mut buf,
        );
        assert_eq!(buf, b"Subject: x\r\n\r\n..a\r\n..b\r\n.\r\n");
        let capacity = buf.capacity();
        data_frame(std::iter::once(b"hi"), &mut buf);
        assert_eq!(buf, b"hi\r\n.\r\n");
        assert_eq!(buf.capacity(), capacity, "the buffer is reused");
        command_frame("MAIL FROM:<a@b.c>\r\n", &mut buf);
        assert_eq!(buf, b"MAIL FROM:<a@b.c>\r\n");
        buf.reserve(KEPT_BUFFER_BYTES * 2);
        trim_kept(&mut buf);
        assert_eq!(buf.capacity(), 0);
    }

    #[test]
    #[cfg(feature = "tracing")]
    fn test_escape_crlf() {
        assert_eq!(escape_crlf("\r\n"), "<CRLF>");
        assert_eq!(escape_crlf("EHLO my_name\r\n"), "EHLO my_name<CRLF>");
        assert_eq!(
            escape_crlf("EHLO my_name\r\nSIZE 42\r\n"),
            "EHLO my_name<CRLF>SIZE 42<CRLF>"
        );
    }
}
