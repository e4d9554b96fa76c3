//! `${VAR}` interpolation in profile strings, with the forms docker compose
//! users know: `${VAR}`, `${VAR:-default}` (unset or empty), `${VAR-default}`
//! (unset), `${VAR:?message}` / `${VAR?message}` (required),
//! `${VAR:+alternative}` / `${VAR+alternative}` (the alternative when set), and `$$` for a
//! literal `$`. A bare `$NAME` is left alone on purpose: hooks and commands
//! are shell text that runs in the container, where `$HOME` means the
//! container's home, not the host's.

/// Why a string could not be interpolated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InterpError {
    /// `${NAME}` with NAME unset and no default.
    Unset { name: String },
    /// `${NAME:?message}` with NAME unset (or empty).
    Required { name: String, message: String },
    /// Not a well-formed `${…}`.
    Malformed { reason: String },
}

/// Interpolate `text`, looking variables up with `lookup`. Every problem in
/// the string is returned, not just the first.
pub fn interpolate(
    text: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<String, Vec<InterpError>> {
    let mut out = String::with_capacity(text.len());
    let mut errors = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(r) = after.strip_prefix('$') {
            out.push('$');
            rest = r;
        } else if let Some(body_start) = after.strip_prefix('{') {
            match matching_brace(body_start) {
                Some(end) => {
                    let body = &body_start[..end];
                    match expand(body, lookup) {
                        Ok(v) => out.push_str(&v),
                        Err(mut e) => errors.append(&mut e),
                    }
                    rest = &body_start[end + 1..];
                }
                None => {
                    errors.push(InterpError::Malformed {
                        reason: "`${` is not closed by `}`".into(),
                    });
                    rest = "";
                }
            }
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Index of the `}` closing a `${`, allowing nested `${…}` in defaults.
fn matching_brace(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return Some(i),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn expand(body: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Result<String, Vec<InterpError>> {
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(body.len());
    let (name, op) = body.split_at(name_len);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(vec![InterpError::Malformed {
            reason: format!(
                "`${{{body}}}` does not start with a variable name (letters, digits and `_`)"
            ),
        }]);
    }
    let value = lookup(name);
    let set_and_nonempty = value.as_deref().is_some_and(|v| !v.is_empty());
    let (kind, arg) = if let Some(a) = op.strip_prefix(":-") {
        ("default-if-empty", a)
    } else if let Some(a) = op.strip_prefix('-') {
        ("default-if-unset", a)
    } else if let Some(a) = op.strip_prefix(":?") {
        ("required-nonempty", a)
    } else if let Some(a) = op.strip_prefix('?') {
        ("required", a)
    } else if let Some(a) = op.strip_prefix(":+") {
        ("alternative-if-nonempty", a)
    } else if let Some(a) = op.strip_prefix('+') {
        ("alternative-if-set", a)
    } else if op.is_empty() {
        ("plain", "")
    } else {
        return Err(vec![InterpError::Malformed {
            reason: format!(
                "unsupported form `${{{body}}}`: use `${{{name}}}`, `${{{name}:-default}}`, `${{{name}:+alternative}}` or `${{{name}:?message}}`"
            ),
        }]);
    };
    match kind {
        "plain" => value.ok_or_else(|| vec![InterpError::Unset { name: name.into() }]),
        "default-if-empty" if set_and_nonempty => Ok(value.unwrap_or_default()),
        "default-if-unset" if value.is_some() => Ok(value.unwrap_or_default()),
        "default-if-empty" | "default-if-unset" => interpolate(arg, lookup),
        "alternative-if-nonempty" if set_and_nonempty => interpolate(arg, lookup),
        "alternative-if-set" if value.is_some() => interpolate(arg, lookup),
        "alternative-if-nonempty" | "alternative-if-set" => Ok(String::new()),
        "required-nonempty" if set_and_nonempty => Ok(value.unwrap_or_default()),
        "required" if value.is_some() => Ok(value.unwrap_or_default()),
        _ => Err(vec![InterpError::Required {
            name: name.into(),
            message: if arg.is_empty() {
                format!("{name} must be set")
            } else {
                arg.into()
            },
        }]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        match name {
            "USER" => Some("ada".into()),
            "EMPTY" => Some(String::new()),
            _ => None,
        }
    }

    #[test]
    fn expands_every_form() {
        let i = |s| interpolate(s, &env);
        assert_eq!(i("itp-${USER}").unwrap(), "itp-ada");
        assert_eq!(i("${NOPE:-dev}").unwrap(), "dev");
        assert_eq!(i("${USER:+set}").unwrap(), "set");
        assert_eq!(i("${NOPE:+set}").unwrap(), "");
        assert_eq!(i("${EMPTY:+set}").unwrap(), "");
        assert_eq!(i("${EMPTY+set}").unwrap(), "set");
        assert_eq!(i("${EMPTY:-dev}").unwrap(), "dev");
        assert_eq!(i("${EMPTY-dev}").unwrap(), "");
        assert_eq!(i("${NOPE:-${USER}}").unwrap(), "ada");
        assert_eq!(i("cost $$5 and $HOME").unwrap(), "cost $5 and $HOME");
        assert_eq!(i("${USER:?who}").unwrap(), "ada");
    }

    #[test]
    fn reports_all_unset_variables_in_a_string() {
        let err = interpolate("${A}-${B}", &env).unwrap_err();
        assert_eq!(
            err,
            vec![
                InterpError::Unset { name: "A".into() },
                InterpError::Unset { name: "B".into() }
            ]
        );
    }

    #[test]
    fn required_carries_its_message_and_malformed_is_explained() {
        let err = interpolate("${TOKEN:?ask your lead for a token}", &env).unwrap_err();
        assert_eq!(
            err,
            vec![InterpError::Required {
                name: "TOKEN".into(),
                message: "ask your lead for a token".into()
            }]
        );
        assert!(matches!(
            &interpolate("${USER", &env).unwrap_err()[0],
            InterpError::Malformed { .. }
        ));
        assert!(matches!(
            &interpolate("${1X}", &env).unwrap_err()[0],
            InterpError::Malformed { .. }
        ));
        assert!(matches!(
            &interpolate("${X:=y}", &env).unwrap_err()[0],
            InterpError::Malformed { .. }
        ));
    }
}
