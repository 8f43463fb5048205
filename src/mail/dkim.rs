//! DKIM signing (`[email.dkim]`) with lettre's signer. The signature covers the headers a
//! receiver judges the message by, including List-Unsubscribe and List-Unsubscribe-Post, which
//! RFC 8058 requires to be signed before a mail client may offer one-click unsubscribe.

use std::path::Path;

use lettre::Message;
use lettre::message::dkim::{
    DkimCanonicalization, DkimCanonicalizationType, DkimConfig, DkimSigningAlgorithm,
    DkimSigningKey,
};
use lettre::message::header::HeaderName;

use crate::content::mail_config;
use crate::error::Error;

/// The headers signed, in this order. A header a message lacks is signed as absent, so nobody
/// can add it later without breaking the signature. Content-Type is not among them: lettre
/// writes it with the MIME body, outside the headers its signer sees, so signing it would
/// produce signatures no receiver can verify (the body hash still covers every part).
pub const SIGNED_HEADERS: [&str; 10] = [
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "Reply-To",
    "List-Id",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "MIME-Version",
];

/// A loaded key, ready to sign every message of a run.
pub struct Signer {
    config: DkimConfig,
    /// `rsa-sha256` or `ed25519-sha256`, for messages about the key.
    pub algorithm: &'static str,
}

impl Signer {
    /// Reads `[email.dkim]`'s key; `root` resolves a relative `key_file`. Errors name the file
    /// and the fix, never the key.
    pub fn load(dkim: &mail_config::DkimConfig, root: &Path) -> Result<Signer, Error> {
        let path = root.join(&dkim.key_file);
        let pem = std::fs::read_to_string(&path).map_err(|e| {
            Error::Usage(format!(
                "could not read the DKIM key {} (email.dkim.key_file): {e}",
                path.display()
            ))
        })?;
        let (key, algorithm) = signing_key(&pem).map_err(|why| {
            Error::Usage(format!(
                "the DKIM key {} (email.dkim.key_file) {why}: make one with \
                 `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out {}`",
                path.display(),
                path.display()
            ))
        })?;
        let headers = SIGNED_HEADERS
            .iter()
            .map(|h| HeaderName::new_from_ascii_str(h))
            .collect();
        Ok(Signer {
            config: DkimConfig::new(
                dkim.selector.clone(),
                dkim.domain.clone(),
                key,
                headers,
                DkimCanonicalization {
                    header: DkimCanonicalizationType::Relaxed,
                    body: DkimCanonicalizationType::Relaxed,
                },
            ),
            algorithm,
        })
    }

    /// Adds the DKIM-Signature header; the message must be complete.
    pub fn sign(&self, message: &mut Message) {
        message.sign(&self.config);
    }
}

/// The key in a PEM file: RSA as PKCS#1 (`BEGIN RSA PRIVATE KEY`) or PKCS#8 (`BEGIN PRIVATE
/// KEY`, what OpenSSL 3 writes), or Ed25519 as PKCS#8.
fn signing_key(pem: &str) -> Result<(DkimSigningKey, &'static str), String> {
    use ed25519_dalek::pkcs8::DecodePrivateKey as _;
    use rsa::pkcs1::{DecodeRsaPrivateKey as _, EncodeRsaPrivateKey as _};

    let pem = pem.trim();
    let rsa_key = rsa::RsaPrivateKey::from_pkcs1_pem(pem)
        .or_else(|_| rsa::RsaPrivateKey::from_pkcs8_pem(pem));
    if let Ok(key) = rsa_key {
        let bits = rsa::traits::PublicKeyParts::size(&key) * 8;
        if bits < 1024 {
            return Err(format!(
                "is a {bits}-bit RSA key; receivers ignore signatures under 1024 bits"
            ));
        }
        let pkcs1 = key
            .to_pkcs1_pem(rsa::pkcs8::LineEnding::LF)
            .map_err(|e| format!("could not be re-encoded: {e}"))?;
        return DkimSigningKey::new(&pkcs1, DkimSigningAlgorithm::Rsa)
            .map(|k| (k, "rsa-sha256"))
            .map_err(|e| format!("is not a usable RSA key: {e}"));
    }
    if let Ok(key) = ed25519_dalek::SigningKey::from_pkcs8_pem(pem) {
        let raw = base64_encode(key.as_bytes());
        return DkimSigningKey::new(&raw, DkimSigningAlgorithm::Ed25519)
            .map(|k| (k, "ed25519-sha256"))
            .map_err(|e| format!("is not a usable Ed25519 key: {e}"));
    }
    if pem.contains("PUBLIC KEY") {
        return Err("holds a public key; the private key is needed to sign".into());
    }
    Err("is not an RSA or Ed25519 private key in PEM form".into())
}

/// Standard base64 with padding (what lettre expects for a raw Ed25519 key).
fn base64_encode(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (raw, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64_encode(raw.as_bytes()), encoded);
        }
    }

    #[test]
    fn a_public_key_or_garbage_is_refused_with_the_reason() {
        let public = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n";
        assert_eq!(
            signing_key(public).err().as_deref(),
            Some("holds a public key; the private key is needed to sign")
        );
        assert!(signing_key("hello").is_err());
    }

    #[test]
    fn reads_an_ed25519_key_as_openssl_writes_it() {
        // `openssl genpkey -algorithm ed25519` (RFC 8410 test vector key).
        let pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n";
        let (_, algorithm) = signing_key(pem).unwrap();
        assert_eq!(algorithm, "ed25519-sha256");
    }
}
