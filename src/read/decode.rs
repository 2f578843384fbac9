//! Bytes to text: UTF-8 (a byte-order mark dropped) or UTF-16 with a
//! byte-order mark; anything else is refused with a hint.

use std::borrow::Cow;

/// The UTF-8 byte-order mark some editors write at the start of a file.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text of an article's bytes: UTF-8, without a leading byte-order
/// mark, or UTF-16 when a byte-order mark says so (as Windows editors save
/// "Unicode" text). Other encodings (Latin-1 …) cannot be told apart
/// reliably: they are refused, with a hint.
pub fn decode(bytes: &[u8]) -> std::result::Result<Cow<'_, str>, String> {
    let utf16 = |be: bool| {
        let body = &bytes[2..];
        if !body.len().is_multiple_of(2) {
            return Err(
                "not UTF-16 text (an odd number of bytes after the byte-order mark)".to_string(),
            );
        }
        let units = body.chunks_exact(2).map(|p| {
            if be {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<std::result::Result<String, _>>()
            .map(Cow::Owned)
            .map_err(|e| format!("not UTF-16 text: {e}"))
    };
    match bytes {
        [0xFF, 0xFE, ..] => utf16(false),
        [0xFE, 0xFF, ..] => utf16(true),
        _ => {
            let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
            std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|e| {
                format!("not UTF-8 text ({e}; Latin-1? convert it: iconv -f latin1 -t utf-8)")
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_say_the_encoding_and_are_dropped() {
        let text = "Erevan — Ереван 👍";
        let mut utf8 = UTF8_BOM.to_vec();
        utf8.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&utf8).unwrap(), text);
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap(), text);
        assert_eq!(decode(&be).unwrap(), text);
        // A cut-off pair, a lone surrogate, Latin-1: refused with a reason.
        assert!(decode(&le[..le.len() - 1])
            .unwrap_err()
            .contains("odd number"));
        assert!(decode(&[0xFF, 0xFE, 0x00, 0xD8])
            .unwrap_err()
            .contains("not UTF-16"));
        let latin1 = decode(b"pr\xe9sident").unwrap_err();
        assert!(
            latin1.contains("not UTF-8") && latin1.contains("iconv"),
            "{latin1}"
        );
    }
}
