//! The VAPID key (RFC 8292): an ECDSA P-256 key pair, kept as PKCS#8 PEM, that signs a short
//! JWT on every push so push services know the reminders come from this server. Its public
//! half is the page's `applicationServerKey`.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair as _};

const PEM_BEGIN: &str = "-----BEGIN PRIVATE KEY-----";
const PEM_END: &str = "-----END PRIVATE KEY-----";

/// The server's VAPID key pair.
pub struct VapidKey {
    pair: EcdsaKeyPair,
    rng: SystemRandom,
}

impl std::fmt::Debug for VapidKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the private half.
        write!(f, "VapidKey({})", self.public_base64())
    }
}

/// A new key pair as PKCS#8 PEM, for `prayer-guide push keys`.
pub fn generate_pem() -> Result<String, String> {
    let rng = SystemRandom::new();
    let document = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
        .map_err(|_| "could not make a key: the system's random source failed".to_string())?;
    let body = STANDARD.encode(document.as_ref());
    let mut pem = format!("{PEM_BEGIN}\n");
    for line in body.as_bytes().chunks(64) {
        pem.push_str(&String::from_utf8_lossy(line));
        pem.push('\n');
    }
    pem.push_str(PEM_END);
    pem.push('\n');
    Ok(pem)
}

impl VapidKey {
    /// Reads a PKCS#8 PEM P-256 key. `source` names where it came from, for the error.
    pub fn from_pem(pem: &str, source: &str) -> Result<VapidKey, String> {
        let start = pem.find(PEM_BEGIN).ok_or_else(|| {
            format!("{source} holds no `{PEM_BEGIN}` block (a PKCS#8 P-256 key is needed)")
        })?;
        let rest = &pem[start + PEM_BEGIN.len()..];
        let end = rest
            .find(PEM_END)
            .ok_or_else(|| format!("{source}: the key's `{PEM_END}` line is missing"))?;
        let body: String = rest[..end].chars().filter(|c| !c.is_whitespace()).collect();
        let der = STANDARD
            .decode(body)
            .map_err(|_| format!("{source}: the key is not valid base64"))?;
        let rng = SystemRandom::new();
        let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &der, &rng).map_err(
            |e| {
                format!(
                    "{source}: not a P-256 private key with its public key ({e}); make one with \
                     `prayer-guide push keys --out FILE`"
                )
            },
        )?;
        Ok(VapidKey { pair, rng })
    }

    /// The public key, uncompressed (65 bytes).
    pub fn public_key(&self) -> &[u8] {
        self.pair.public_key().as_ref()
    }

    /// The public key in base64url without padding: the page's `applicationServerKey` and the
    /// `k=` of the Authorization header.
    pub fn public_base64(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.public_key())
    }

    /// A signed ES256 JWT for one push service (`aud`, its origin), good until `expires`
    /// (Unix seconds; RFC 8292 allows at most 24 hours ahead).
    pub fn jwt(&self, audience: &str, expires: i64, subject: &str) -> Result<String, String> {
        let header = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"ES256"}"#);
        let claims = serde_json::json!({ "aud": audience, "exp": expires, "sub": subject });
        let claims = URL_SAFE_NO_PAD.encode(claims.to_string());
        let signed = format!("{header}.{claims}");
        let signature = self
            .pair
            .sign(&self.rng, signed.as_bytes())
            .map_err(|_| "could not sign the VAPID token".to_string())?;
        Ok(format!(
            "{signed}.{}",
            URL_SAFE_NO_PAD.encode(signature.as_ref())
        ))
    }

    /// The `Authorization` header of a push to `audience` (RFC 8292 section 3).
    pub fn authorization(
        &self,
        audience: &str,
        expires: i64,
        subject: &str,
    ) -> Result<String, String> {
        Ok(format!(
            "vapid t={}, k={}",
            self.jwt(audience, expires, subject)?,
            self.public_base64()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::signature::{ECDSA_P256_SHA256_FIXED, UnparsedPublicKey};

    #[test]
    fn a_generated_key_reads_back_and_signs_a_jwt_its_public_key_verifies() {
        let key = VapidKey::from_pem(&generate_pem().unwrap(), "test").unwrap();
        assert_eq!(key.public_key().len(), 65);
        assert_eq!(key.public_key()[0], 4);
        let jwt = key
            .jwt(
                "https://push.example.net",
                1_800_000_000,
                "mailto:a@example.org",
            )
            .unwrap();
        let parts: Vec<&str> = jwt.split('.').collect();
        assert_eq!(parts.len(), 3);
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(claims["aud"], "https://push.example.net");
        assert_eq!(claims["exp"], 1_800_000_000);
        let signature = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
        UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, key.public_key())
            .verify(format!("{}.{}", parts[0], parts[1]).as_bytes(), &signature)
            .unwrap();
    }

    #[test]
    fn a_file_that_is_not_a_key_is_named_in_the_error() {
        let why = VapidKey::from_pem("hello", "state/vapid.pem").unwrap_err();
        assert!(why.starts_with("state/vapid.pem holds no"), "{why}");
        let why = VapidKey::from_pem(
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
            "k.pem",
        )
        .unwrap_err();
        assert!(why.contains("not a P-256 private key"), "{why}");
    }

    #[test]
    fn debug_never_shows_the_private_key() {
        let pem = generate_pem().unwrap();
        let key = VapidKey::from_pem(&pem, "test").unwrap();
        let shown = format!("{key:?}");
        assert!(shown.contains(&key.public_base64()));
        assert!(!shown.contains(pem.lines().nth(1).unwrap()));
    }
}
