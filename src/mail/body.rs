//! Message bodies whose edition is encoded once, not once per subscriber.
//!
//! A digest is the edition (the same for everyone, ~7 KB) with a greeting and a footer spliced
//! in. Handing lettre the whole text per message makes it convert line endings (one insertion
//! per line) and quoted-printable-encode all 7 KB again for each subscriber: half the cost of
//! composing a message. Quoted-printable encodes byte by byte and may break a line anywhere
//! with a soft line break (`=` at the end of a line, which decodes to nothing), so the pieces
//! can be encoded apart and joined: the edition once, the greeting and footer per message.
//!
//! The transfer encoding chosen for the whole is the one lettre chooses for the same text (7bit,
//! quoted-printable, or base64 when most of the text needs escaping), and the decoded body is
//! byte for byte what lettre's would be. Base64 cannot be joined this way (its groups of three
//! bytes straddle the pieces): such bodies, and a piece ending in a bare carriage return, go
//! through lettre whole.

use lettre::message::Body;
use lettre::message::header::ContentTransferEncoding;

/// Lettre's threshold (email-encoding's `line_too_long`): a distance of 76 or more between
/// line feeds makes text unfit for 7bit.
const LONG_LINE: usize = 76;
/// Encoded lines are cut at 75 so that the `=` of a soft break at a seam keeps them within
/// RFC 2045's 76.
const QP_LIMIT: usize = 75;

/// What lettre's encoding choice needs to know of a piece of text.
#[derive(Debug, Clone, Copy)]
struct Shape {
    len: usize,
    ascii: bool,
    /// Bytes outside tab and printable ASCII (line feeds count, as lettre counts them).
    escapes: usize,
    first_lf: Option<usize>,
    last_lf: Option<usize>,
    /// Two line feeds inside the piece 76 or more bytes apart.
    long_inside: bool,
    ends_cr: bool,
}

impl Shape {
    fn of(text: &str) -> Shape {
        let bytes = text.as_bytes();
        let (mut first_lf, mut last_lf, mut long_inside) = (None, None, false);
        for i in line_feeds(bytes) {
            if let Some(last) = last_lf {
                long_inside |= i - last >= LONG_LINE;
            } else {
                first_lf = Some(i);
            }
            last_lf = Some(i);
        }
        Shape {
            len: bytes.len(),
            ascii: text.is_ascii(),
            escapes: bytes
                .iter()
                .filter(|&&b| !matches!(b, b'\t' | b' '..=b'~'))
                .count(),
            first_lf,
            last_lf,
            long_inside,
            ends_cr: bytes.last() == Some(&b'\r'),
        }
    }
}

fn line_feeds(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter_map(|(i, &b)| (b == b'\n').then_some(i))
}

/// A piece of every message of an edition, prepared once.
#[derive(Debug, Clone)]
pub struct Fixed {
    text: String,
    shape: Shape,
    /// Line endings made CRLF, as lettre makes them.
    crlf: String,
    /// `crlf` quoted-printable, lines of at most 75 characters.
    qp: String,
}

impl Fixed {
    pub fn new(text: &str) -> Fixed {
        let crlf = crlf(text);
        Fixed {
            text: text.to_string(),
            shape: Shape::of(text),
            qp: qp(&crlf),
            crlf,
        }
    }
}

/// A piece of a body: the edition's, prepared, or one message's own.
#[derive(Debug, Clone, Copy)]
pub enum Piece<'a> {
    Fixed(&'a Fixed),
    Own(&'a str),
}

impl Piece<'_> {
    fn text(&self) -> &str {
        match self {
            Piece::Fixed(f) => &f.text,
            Piece::Own(t) => t,
        }
    }
}

/// The body of `pieces` joined, encoded as lettre would encode the joined text.
pub fn join(pieces: &[Piece]) -> Body {
    let pieces: Vec<Piece> = pieces
        .iter()
        .copied()
        .filter(|p| !p.text().is_empty())
        .collect();
    let shapes: Vec<Shape> = pieces
        .iter()
        .map(|p| match p {
            Piece::Fixed(f) => f.shape,
            Piece::Own(t) => Shape::of(t),
        })
        .collect();
    let whole = || pieces.iter().map(Piece::text).collect::<String>();
    // A carriage return at the end of a piece might pair with a line feed opening the next.
    if shapes.iter().rev().skip(1).any(|s| s.ends_cr) {
        return Body::new(whole());
    }
    match choose(&shapes) {
        ContentTransferEncoding::SevenBit => {
            let mut out = String::with_capacity(capacity(&pieces, |f| f.crlf.len()));
            for p in &pieces {
                match p {
                    Piece::Fixed(f) => out.push_str(&f.crlf),
                    Piece::Own(t) => out.push_str(&crlf(t)),
                }
            }
            Body::dangerous_pre_encoded(out.into_bytes(), ContentTransferEncoding::SevenBit)
        }
        ContentTransferEncoding::QuotedPrintable => {
            let mut out = String::with_capacity(capacity(&pieces, |f| f.qp.len()));
            for p in &pieces {
                // Within a line, a soft break joins this piece to the last.
                if !out.is_empty() && !out.ends_with("\r\n") {
                    out.push_str("=\r\n");
                }
                match p {
                    Piece::Fixed(f) => out.push_str(&f.qp),
                    Piece::Own(t) => out.push_str(&qp(&crlf(t))),
                }
            }
            Body::dangerous_pre_encoded(out.into_bytes(), ContentTransferEncoding::QuotedPrintable)
        }
        _ => Body::new(whole()),
    }
}

/// Room for the joined body: the prepared pieces' size, and generously the others'.
fn capacity(pieces: &[Piece], prepared: impl Fn(&Fixed) -> usize) -> usize {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Fixed(f) => prepared(f) + 3,
            Piece::Own(t) => t.len() * 2 + 3,
        })
        .sum()
}

/// Lettre's choice (email-encoding's `Encoding::choose` for text, without SMTPUTF8) for the
/// pieces joined, from their shapes.
fn choose(shapes: &[Shape]) -> ContentTransferEncoding {
    let (mut offset, mut last, mut too_long) = (0usize, 0usize, false);
    let (mut ascii, mut escapes) = (true, 0usize);
    for s in shapes {
        if let (Some(first), Some(end)) = (s.first_lf, s.last_lf) {
            too_long |= offset + first - last >= LONG_LINE || s.long_inside;
            last = offset + end;
        }
        offset += s.len;
        ascii &= s.ascii;
        escapes += s.escapes;
    }
    too_long |= offset - last >= LONG_LINE;
    if ascii && !too_long {
        ContentTransferEncoding::SevenBit
    } else if escapes <= offset / 3 {
        ContentTransferEncoding::QuotedPrintable
    } else {
        ContentTransferEncoding::Base64
    }
}

/// Every line feed not after a carriage return gets one, as lettre's `Body::new` does.
fn crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str(if out.ends_with('\r') { "\n" } else { "\r\n" });
        }
        out.push_str(line);
    }
    out
}

fn qp(text: &str) -> String {
    quoted_printable::encode_with_options(
        text,
        quoted_printable::Options::default().line_length_limit(QP_LIMIT),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(body: &Body) -> Vec<u8> {
        match body.encoding() {
            ContentTransferEncoding::QuotedPrintable => {
                quoted_printable::decode(body.as_ref(), quoted_printable::ParseMode::Strict)
                    .unwrap()
            }
            ContentTransferEncoding::SevenBit => body.as_ref().to_vec(),
            other => panic!("not joined: {other:?}"),
        }
    }

    /// The joined body against lettre's for the same text: same encoding, same decoded bytes,
    /// no line over 76.
    fn same_as_lettre(pieces: &[&str], fixed: &[bool]) {
        let prepared: Vec<Fixed> = pieces.iter().map(|p| Fixed::new(p)).collect();
        let list: Vec<Piece> = pieces
            .iter()
            .zip(&prepared)
            .zip(fixed)
            .map(|((own, f), &is_fixed)| {
                if is_fixed {
                    Piece::Fixed(f)
                } else {
                    Piece::Own(own)
                }
            })
            .collect();
        let ours = join(&list);
        let theirs = Body::new(pieces.concat());
        assert_eq!(ours.encoding(), theirs.encoding(), "{pieces:?}");
        if theirs.encoding() == ContentTransferEncoding::Base64 {
            assert_eq!(ours.as_ref(), theirs.as_ref());
            return;
        }
        let lettre_decoded = match theirs.encoding() {
            ContentTransferEncoding::QuotedPrintable => {
                quoted_printable::decode(theirs.as_ref(), quoted_printable::ParseMode::Strict)
                    .unwrap()
            }
            _ => theirs.as_ref().to_vec(),
        };
        assert_eq!(decoded(&ours), lettre_decoded, "{pieces:?}");
        for line in ours.as_ref().split(|&b| b == b'\n') {
            assert!(line.len() <= 77, "line of {} in {pieces:?}", line.len());
        }
    }

    #[test]
    fn joins_quoted_printable_pieces_as_lettre_encodes_the_whole() {
        let edition = format!(
            "<html><body class=x>\n<p>Kuwait · “pray” for {}=</p>  \n",
            "long line ".repeat(20)
        );
        same_as_lettre(
            &[
                &edition,
                "<p>Dear José,</p>",
                "\n<footer> </footer>",
                "</body>",
            ],
            &[true, false, true, false],
        );
        // A seam where a line is already 75 characters long.
        let exact = "x".repeat(75);
        same_as_lettre(&[&exact, "é", &exact, "=\n"], &[true, false, true, false]);
        // Trailing spaces at a seam, and a piece ending its line.
        same_as_lettre(&["ü \t", " \n", "a\r\nb"], &[true, false, true]);
    }

    #[test]
    fn short_ascii_stays_7bit_and_long_lines_across_seams_do_not() {
        same_as_lettre(
            &["Dear Anna,\n\n", "The day.\n", "-- \nfooter"],
            &[false, true, false],
        );
        let half = "y".repeat(40);
        // Each piece short, the line they make together too long for 7bit.
        same_as_lettre(&["a\n", &half, &half, "\nz"], &[true, false, true, false]);
    }

    #[test]
    fn mostly_escaped_text_goes_to_lettre_whole_as_base64() {
        same_as_lettre(&["Молитва за ", "Анну", " сегодня"], &[true, false, true]);
    }

    #[test]
    fn a_carriage_return_at_a_seam_goes_to_lettre_whole() {
        let pieces = ["é line\r", "\nnext"];
        let prepared = Fixed::new(pieces[0]);
        let ours = join(&[Piece::Fixed(&prepared), Piece::Own(pieces[1])]);
        let theirs = Body::new(pieces.concat());
        assert_eq!(ours.as_ref(), theirs.as_ref());
    }

    #[test]
    fn line_endings_become_crlf_once() {
        assert_eq!(crlf("a\nb\r\nc\n"), "a\r\nb\r\nc\r\n");
        assert_eq!(crlf("\n\n"), "\r\n\r\n");
        assert_eq!(crlf("\r\n"), "\r\n");
        assert_eq!(crlf(""), "");
    }
}
