//! HTTP Digest authentication (RFC 7616; MD5 and SHA-256, `qop=auth` or
//! none), the scheme Virtuoso's `/sparql-graph-crud-auth` asks for. A
//! store's challenge is kept and reused for the next requests with a growing
//! nonce count, so each graph is sent once, not once to be refused and once
//! again.

use md5::Md5;
use sha2::Sha256;

/// The hash a challenge names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Algorithm {
    Md5,
    Sha256,
}

impl Algorithm {
    fn hash(self, text: &str) -> String {
        let bytes: Vec<u8> = match self {
            Algorithm::Md5 => <Md5 as md5::Digest>::digest(text.as_bytes()).to_vec(),
            Algorithm::Sha256 => <Sha256 as sha2::Digest>::digest(text.as_bytes()).to_vec(),
        };
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn name(self) -> &'static str {
        match self {
            Algorithm::Md5 => "MD5",
            Algorithm::Sha256 => "SHA-256",
        }
    }
}

/// What a `WWW-Authenticate: Digest …` header asks for.
#[derive(Clone, Debug)]
pub struct Challenge {
    realm: String,
    nonce: String,
    opaque: Option<String>,
    /// The store offers `qop=auth`.
    qop_auth: bool,
    algorithm: Algorithm,
    /// Requests answered with this nonce so far.
    count: u32,
}

/// The `name=value` parameters of a challenge (values quoted or not).
fn parameters(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let Some(eq) = rest.find('=') else { break };
        let name = rest[..eq]
            .trim()
            .trim_start_matches(',')
            .trim()
            .to_ascii_lowercase();
        rest = rest[eq + 1..].trim_start();
        let value;
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut v = String::new();
            let mut chars = quoted.char_indices();
            let mut end = quoted.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        if let Some((_, next)) = chars.next() {
                            v.push(next);
                        }
                    }
                    '"' => {
                        end = i + 1;
                        break;
                    }
                    c => v.push(c),
                }
            }
            value = v;
            rest = &quoted[end.min(quoted.len())..];
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            value = rest[..end].trim().to_string();
            rest = &rest[end..];
        }
        rest = rest.trim_start().trim_start_matches(',').trim_start();
        out.push((name, value));
    }
    out
}

impl Challenge {
    /// The Digest challenge among a 401 answer's `WWW-Authenticate` headers
    /// (None when there is none, or it needs what is not supported).
    pub fn parse<'a>(headers: impl IntoIterator<Item = &'a str>) -> Option<Challenge> {
        headers.into_iter().find_map(|h| {
            let (scheme, rest) = h.trim().split_once(' ')?;
            if !scheme.eq_ignore_ascii_case("digest") {
                return None;
            }
            let params = parameters(rest);
            let get = |name: &str| {
                params
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
            };
            let algorithm = match get("algorithm").map(|a| a.to_ascii_uppercase()) {
                None => Algorithm::Md5,
                Some(a) if a == "MD5" => Algorithm::Md5,
                Some(a) if a == "SHA-256" => Algorithm::Sha256,
                Some(_) => return None,
            };
            let qop = get("qop");
            let qop_auth = qop
                .as_deref()
                .is_some_and(|q| q.split(',').any(|v| v.trim() == "auth"));
            // A store that only offers auth-int (a hash of the body) is not supported.
            if qop.is_some() && !qop_auth {
                return None;
            }
            Some(Challenge {
                realm: get("realm").unwrap_or_default(),
                nonce: get("nonce")?,
                opaque: get("opaque"),
                qop_auth,
                algorithm,
                count: 0,
            })
        })
    }

    /// The `Authorization` header for the next request (`uri`: its path and
    /// query, as sent), counting it.
    pub fn authorization(&mut self, user: &str, password: &str, method: &str, uri: &str) -> String {
        self.count += 1;
        let cnonce = client_nonce(self.count);
        self.answer(user, password, method, uri, &cnonce)
    }

    fn answer(&self, user: &str, password: &str, method: &str, uri: &str, cnonce: &str) -> String {
        let h = |t: &str| self.algorithm.hash(t);
        let ha1 = h(&format!("{user}:{}:{password}", self.realm));
        let ha2 = h(&format!("{method}:{uri}"));
        let nc = format!("{:08x}", self.count);
        let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
        let mut header = format!(
            "Digest username=\"{}\", realm=\"{}\", nonce=\"{}\", uri=\"{}\", algorithm={}",
            quote(user),
            quote(&self.realm),
            quote(&self.nonce),
            quote(uri),
            self.algorithm.name()
        );
        let response = if self.qop_auth {
            header.push_str(&format!(", qop=auth, nc={nc}, cnonce=\"{cnonce}\""));
            h(&format!("{ha1}:{}:{nc}:{cnonce}:auth:{ha2}", self.nonce))
        } else {
            h(&format!("{ha1}:{}:{ha2}", self.nonce))
        };
        header.push_str(&format!(", response=\"{response}\""));
        if let Some(opaque) = &self.opaque {
            header.push_str(&format!(", opaque=\"{}\"", quote(opaque)));
        }
        header
    }
}

/// A client nonce: different for every request of every run.
fn client_nonce(count: u32) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let seed = format!("{now}:{}:{count}", std::process::id());
    Algorithm::Sha256.hash(&seed)[..16].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked examples of RFC 2617 (section 3.5) and RFC 7616 (section 3.9.1).
    #[test]
    fn the_rfc_examples_give_their_responses() {
        let mut c = Challenge::parse([
            r#"Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41""#,
        ])
        .unwrap();
        c.count = 1;
        let header = c.answer(
            "Mufasa",
            "Circle Of Life",
            "GET",
            "/dir/index.html",
            "0a4f113b",
        );
        assert!(
            header.contains(r#"response="6629fae49393a05397450978507c4ef1""#),
            "{header}"
        );
        assert!(
            header.contains("nc=00000001")
                && header.contains(r#"opaque="5ccc069c403ebaf9f0171e9517f40e41""#)
        );
        for (algorithm, response) in [
            ("MD5", "8ca523f5e9506fed4657c9700eebdbec"),
            (
                "SHA-256",
                "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
            ),
        ] {
            let mut c = Challenge::parse([
                "Basic realm=\"x\"",
                &format!(
                    r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm={algorithm}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#
                ),
            ])
            .unwrap();
            c.count = 1;
            let header = c.answer(
                "Mufasa",
                "Circle of Life",
                "GET",
                "/dir/index.html",
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
            );
            assert!(
                header.contains(&format!("response=\"{response}\"")),
                "{algorithm}: {header}"
            );
        }
        // What cannot be answered is no challenge.
        assert!(Challenge::parse(["Digest realm=\"x\", nonce=\"n\", qop=\"auth-int\""]).is_none());
        assert!(
            Challenge::parse(["Digest realm=\"x\", nonce=\"n\", algorithm=SHA-512-256"]).is_none()
        );
        assert!(Challenge::parse(["Basic realm=\"x\""]).is_none());
    }
}
