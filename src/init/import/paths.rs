//! Paths in an imported file are relative to that file; in the profile they
//! are relative to the profile. These rewrite one into the other.

use std::path::Path;

/// A path relative to `base`, rewritten relative to `rel`. Absolute and
/// `~` paths stay as they are.
pub fn rebase(p: &str, base: &Path, rel: &Path) -> String {
    if p.starts_with('/') || p.starts_with('~') {
        return p.to_string();
    }
    let abs = crate::files::normalize(&base.join(p));
    relative(&abs, &crate::files::normalize(rel))
}

/// A mount's fields, split at the `:`s that are not inside a variable
/// (`${DIR:-.}/dags:/opt/dags` is two fields, not three).
pub fn mount_fields(m: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    let b = m.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'{' if i > 0 && b[i - 1] == b'$' => depth += 1,
            b'}' if depth > 0 => depth -= 1,
            b':' if depth == 0 => {
                out.push(&m[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&m[start..]);
    out
}

/// The source and the rest of a mount (`None` when there is no `:`).
pub fn split_source(m: &str) -> Option<(&str, &str)> {
    let first = mount_fields(m).into_iter().next()?;
    (first.len() < m.len()).then(|| (first, &m[first.len() + 1..]))
}

/// `SRC:DST[:MODE]`: a bind source (`.`- or `/`-prefixed) is rebased and
/// kept recognisable as a path (`./x`); a named volume stays.
pub fn rebase_mount(m: &str, base: &Path, rel: &Path) -> String {
    // Docker Desktop's consistency modes mean nothing elsewhere.
    let m = ["cached", "delegated", "consistent"]
        .iter()
        .fold(m.to_string(), |m, mode| {
            m.strip_suffix(&format!(":{mode}"))
                .map_or(m.clone(), str::to_string)
        });
    let Some((src, rest)) = split_source(&m) else {
        return m;
    };
    if !(src.starts_with('.') || src.starts_with('/')) {
        return m;
    }
    let src = rebase(src, base, rel);
    let src = if src.starts_with('/') || src.starts_with('.') {
        src
    } else {
        format!("./{src}")
    };
    format!("{src}:{rest}")
}

/// A named volume's name as a DNS label (profile volumes become PVCs); a
/// bind mount or a variable is left alone.
pub fn volume_name(m: &str, notes: &mut Vec<String>) -> String {
    let Some((name, rest)) = split_source(m) else {
        return m.to_string();
    };
    if name.starts_with(['.', '/', '~', '$']) {
        return m.to_string();
    }
    let label = crate::profile::specs::to_dns_label(name);
    if label != name {
        notes.push(format!(
            "volume `{name}` is called `{label}` (names must be DNS labels)"
        ));
    }
    format!("{label}:{rest}")
}

fn relative(target: &Path, from: &Path) -> String {
    let t: Vec<_> = target.components().collect();
    let f: Vec<_> = from.components().collect();
    let common = t.iter().zip(&f).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".into(); f.len() - common];
    parts.extend(
        t[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

/// A host path as Windows users write it. A drive path (`C:\Users\…`,
/// `C:/…`) names one machine's disk: `Err` with the reason. Backslashes
/// (`.\data`, `${USERPROFILE}\.ssh`) are written as `/`, which Docker
/// takes on every system.
/// `src` is a source alone, or (`short`) a whole `SRC:DST[:MODE]`, where
/// `d:/x` is the volume `d` at `/x` and `d:/x:/y` a drive path.
pub fn portable_source(src: &str, short: bool) -> Result<String, String> {
    let b = src.as_bytes();
    let drive = b.len() >= 3
        && b[0].is_ascii_alphabetic()
        && b[1] == b':'
        && (b[2] == b'\\' || (b[2] == b'/' && (!short || src[2..].contains(":/"))));
    if drive {
        return Err(format!(
            "`{src}` is a Windows drive path, which exists on one machine only: mount a path in the repository (`./…`) or a named volume instead"
        ));
    }
    if short {
        // Only the source's backslashes.
        return Ok(match split_source(src) {
            Some((s, rest)) => format!("{}:{rest}", s.replace('\\', "/")),
            None => src.to_string(),
        });
    }
    Ok(src.replace('\\', "/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_move_from_the_imported_file_to_the_profile() {
        let (base, rel) = (Path::new("/r/.devcontainer"), Path::new("/r"));
        assert_eq!(rebase("..", base, rel), ".");
        assert_eq!(rebase("../web", base, rel), "web");
        assert_eq!(rebase("/abs", base, rel), "/abs");
        assert_eq!(rebase_mount("../src:/src:cached", base, rel), "./src:/src");
        assert_eq!(rebase_mount("data:/data", base, rel), "data:/data");
        let mut notes = vec![];
        assert_eq!(volume_name("My_Data:/d", &mut notes), "my-data:/d");
        assert_eq!(notes.len(), 1);
    }
}
