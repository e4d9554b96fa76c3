//! Env files as compose reads them, for the files dotenvy refuses: compose
//! takes `NAME=Default Organization` (spaces, unquoted) and `KEY` alone;
//! dotenvy stops at the space. dotenvy reads every file first (quotes,
//! escapes and `$VAR` expansion as before); only a file it refuses is read
//! again here, so nothing changes for the files it reads.

use indexmap::IndexMap;

/// A line that is not `KEY=value` in any form compose takes.
#[derive(Debug, PartialEq, Eq)]
pub struct BadLine {
    pub line: usize,
    pub key: Option<String>,
}

pub fn parse(text: &str) -> Result<IndexMap<String, String>, BadLine> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = IndexMap::new();
    let mut i = 0;
    while i < lines.len() {
        let n = i + 1;
        let t = lines[i].trim();
        i += 1;
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let t = t.strip_prefix("export ").map_or(t, str::trim_start);
        let bad = |key: Option<&str>| BadLine {
            line: n,
            key: key.map(str::to_string),
        };
        let Some((k, v)) = t.split_once('=') else {
            // `KEY` alone passes the caller's own value on: none here.
            if valid_key(t) {
                continue;
            }
            return Err(bad(None));
        };
        let k = k.trim();
        if !valid_key(k) {
            return Err(bad(None));
        }
        let v = v.trim_start();
        let value = if let Some(rest) = v.strip_prefix('\'') {
            rest.find('\'')
                .map(|end| rest[..end].to_string())
                .ok_or_else(|| bad(Some(k)))?
        } else if let Some(rest) = v.strip_prefix('"') {
            // A double-quoted value may go on over several lines.
            let mut acc = String::new();
            let mut s = rest;
            loop {
                if let Some(end) = closing_quote(s) {
                    acc.push_str(&s[..end]);
                    break;
                }
                acc.push_str(s);
                acc.push('\n');
                let Some(next) = lines.get(i) else {
                    return Err(bad(Some(k)));
                };
                s = next;
                i += 1;
            }
            unescape(&acc)
        } else {
            // Unquoted: up to a ` #` comment, spaces inside kept.
            let v = v.find(" #").map_or(v, |c| &v[..c]);
            v.trim_end().to_string()
        };
        out.insert(k.to_string(), value);
    }
    Ok(out)
}

fn valid_key(k: &str) -> bool {
    let mut c = k.chars();
    c.next()
        .is_some_and(|f| f.is_ascii_alphabetic() || f == '_')
        && c.all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
}

fn closing_quote(s: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(o) => out.push(o),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_compose_takes() {
        let got = parse(
            "# comment\nSTUDIO_DEFAULT_ORGANIZATION=Default Organization\nexport A = 1 # note\nB='x # y'\nC=\"line\\none\"\nD=\"two\nlines\"\nPASSTHROUGH\nE=\n",
        )
        .unwrap();
        assert_eq!(got["STUDIO_DEFAULT_ORGANIZATION"], "Default Organization");
        assert_eq!(got["A"], "1");
        assert_eq!(got["B"], "x # y");
        assert_eq!(got["C"], "line\none");
        assert_eq!(got["D"], "two\nlines");
        assert_eq!(got["E"], "");
        assert!(!got.contains_key("PASSTHROUGH"));
    }

    #[test]
    fn a_bad_line_is_named_by_number_and_key() {
        assert_eq!(
            parse("A=1\nB=2\nSECRET='unterminated\n").unwrap_err(),
            BadLine {
                line: 3,
                key: Some("SECRET".into())
            }
        );
        assert_eq!(parse("A=1\n=oops\n").unwrap_err().line, 2);
    }
}
