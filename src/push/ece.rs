//! Encrypting a push message for one browser (RFC 8291, `aes128gcm` content coding of
//! RFC 8188, one record): a fresh P-256 key agreed with the browser's `p256dh` key, mixed with
//! its `auth` secret through HKDF-SHA256, seals the payload with AES-128-GCM. Every primitive is
//! ring's (already in the tree for TLS, HMAC and DKIM); only the RFC's framing is here, checked
//! against the RFC's own example and, in the CLI suite, decrypted by Python's `http_ece`.

use ring::aead::{AES_128_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use ring::agreement::{ECDH_P256, EphemeralPrivateKey, UnparsedPublicKey, agree_ephemeral};
use ring::hkdf::{HKDF_SHA256, KeyType, Salt};
use ring::rand::{SecureRandom as _, SystemRandom};

/// The record size announced in the header: one record holds the whole message.
const RECORD_SIZE: u32 = 4096;
/// Salt, record size, key id length and the 65-byte key id.
pub const HEADER_LEN: usize = 16 + 4 + 1 + 65;
/// The most a push service must accept in a message body (RFC 8030 section 7.2).
pub const MAX_BODY: usize = 4096;
/// The largest payload that fits: the body less the header, the delimiter and the tag.
pub const MAX_PAYLOAD: usize = MAX_BODY - HEADER_LEN - 1 - 16;

/// A browser's keys from its subscription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserKeys {
    /// `keys.p256dh`: an uncompressed P-256 point, 65 bytes.
    pub p256dh: Vec<u8>,
    /// `keys.auth`: 16 random bytes.
    pub auth: Vec<u8>,
}

struct Len(usize);

impl KeyType for Len {
    fn len(&self) -> usize {
        self.0
    }
}

fn hkdf(salt: &[u8], ikm: &[u8], info: &[&[u8]], len: usize) -> Vec<u8> {
    let mut out = vec![0; len];
    Salt::new(HKDF_SHA256, salt)
        .extract(ikm)
        .expand(info, Len(len))
        // Lengths of 12 to 32 bytes are far below HKDF-SHA256's limit of 8160.
        .and_then(|okm| okm.fill(&mut out))
        .map(|()| out)
        .unwrap_or_default()
}

/// Encrypts `payload` for `keys` with a fresh server key and salt.
pub fn encrypt(payload: &[u8], keys: &BrowserKeys) -> Result<Vec<u8>, String> {
    if payload.len() > MAX_PAYLOAD {
        return Err(format!(
            "the message is {} bytes; at most {MAX_PAYLOAD} fit in a push",
            payload.len()
        ));
    }
    let rng = SystemRandom::new();
    let mut salt = [0u8; 16];
    rng.fill(&mut salt)
        .map_err(|_| "the system's random source failed".to_string())?;
    let private = EphemeralPrivateKey::generate(&ECDH_P256, &rng)
        .map_err(|_| "could not make a key: the system's random source failed".to_string())?;
    let public = private
        .compute_public_key()
        .map_err(|_| "could not make a key".to_string())?;
    let peer = UnparsedPublicKey::new(&ECDH_P256, &keys.p256dh);
    let shared = agree_ephemeral(private, &peer, |secret| secret.to_vec())
        .map_err(|_| "the browser's p256dh key is not a point on P-256".to_string())?;
    seal(&shared, keys, public.as_ref(), &salt, payload)
}

/// The message for an agreed `shared` secret, the server's public key and `salt` (RFC 8291
/// sections 3.3 and 3.4, RFC 8188 section 2).
fn seal(
    shared: &[u8],
    keys: &BrowserKeys,
    server_public: &[u8],
    salt: &[u8; 16],
    payload: &[u8],
) -> Result<Vec<u8>, String> {
    let ikm = hkdf(
        &keys.auth,
        shared,
        &[b"WebPush: info\0", &keys.p256dh, server_public],
        32,
    );
    let cek = hkdf(salt, &ikm, &[b"Content-Encoding: aes128gcm\0"], 16);
    let nonce = hkdf(salt, &ikm, &[b"Content-Encoding: nonce\0"], 12);
    let key = UnboundKey::new(&AES_128_GCM, &cek)
        .map(LessSafeKey::new)
        .map_err(|_| "could not derive the message key".to_string())?;
    let nonce = Nonce::try_assume_unique_for_key(&nonce)
        .map_err(|_| "could not derive the message nonce".to_string())?;
    let mut body = Vec::with_capacity(HEADER_LEN + payload.len() + 17);
    body.extend_from_slice(salt);
    body.extend_from_slice(&RECORD_SIZE.to_be_bytes());
    body.push(u8::try_from(server_public.len()).map_err(|_| "a key too long".to_string())?);
    body.extend_from_slice(server_public);
    let mut record = Vec::with_capacity(payload.len() + 17);
    record.extend_from_slice(payload);
    // The last (and only) record's delimiter, no padding.
    record.push(2);
    key.seal_in_place_append_tag(nonce, Aad::empty(), &mut record)
        .map_err(|_| "could not encrypt the message".to_string())?;
    body.extend_from_slice(&record);
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    fn b64(text: &str) -> Vec<u8> {
        URL_SAFE_NO_PAD.decode(text).unwrap()
    }

    /// RFC 8291 Appendix A: the same inputs give the same body, byte for byte.
    #[test]
    fn reproduces_the_example_of_rfc_8291() {
        let keys = BrowserKeys {
            p256dh: b64(
                "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
            ),
            auth: b64("BTBZMqHH6r4Tts7J_aSIgg"),
        };
        let server_public = b64(
            "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8",
        );
        let shared = b64("kyrL1jIIOHEzg3sM2ZWRHDRB62YACZhhSlknJ672kSs");
        let salt: [u8; 16] = b64("DGv6ra1nlYgDCS1FRnbzlw").try_into().unwrap();
        let body = seal(
            &shared,
            &keys,
            &server_public,
            &salt,
            b"When I grow up, I want to be a watermelon",
        )
        .unwrap();
        assert_eq!(
            URL_SAFE_NO_PAD.encode(body),
            "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN"
        );
    }

    #[test]
    fn a_fresh_encryption_has_the_header_and_length_of_one_record() {
        let browser = EphemeralPrivateKey::generate(&ECDH_P256, &SystemRandom::new()).unwrap();
        let keys = BrowserKeys {
            p256dh: browser.compute_public_key().unwrap().as_ref().to_vec(),
            auth: vec![7; 16],
        };
        let body = encrypt(b"{\"title\":\"x\"}", &keys).unwrap();
        assert_eq!(body.len(), HEADER_LEN + 13 + 1 + 16);
        assert_eq!(&body[16..20], &4096u32.to_be_bytes());
        assert_eq!(body[20], 65);
        assert_eq!(body[21], 4);
        let other = encrypt(b"{\"title\":\"x\"}", &keys).unwrap();
        assert_ne!(body, other, "a new salt and key each time");
    }

    #[test]
    fn refuses_a_key_off_the_curve_and_a_payload_too_long() {
        let mut keys = BrowserKeys {
            p256dh: vec![4; 65],
            auth: vec![0; 16],
        };
        assert!(encrypt(b"x", &keys).unwrap_err().contains("not a point"));
        keys.p256dh = EphemeralPrivateKey::generate(&ECDH_P256, &SystemRandom::new())
            .unwrap()
            .compute_public_key()
            .unwrap()
            .as_ref()
            .to_vec();
        assert!(encrypt(&vec![b'a'; MAX_PAYLOAD], &keys).is_ok());
        assert!(encrypt(&vec![b'a'; MAX_PAYLOAD + 1], &keys).is_err());
    }
}
