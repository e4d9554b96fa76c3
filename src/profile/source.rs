//! The profile's text as read from disk, and the mapping from byte offsets to
//! the line and column a user sees. Every diagnostic points into one of these.

use std::path::{Path, PathBuf};

/// A file whose text is kept so that errors can quote it.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as found on disk (absolute after discovery).
    pub path: PathBuf,
    /// The path as we show it: relative to the working directory when possible.
    pub display: String,
    pub text: String,
}

impl SourceFile {
    pub fn new(path: PathBuf, display: String, text: String) -> Self {
        SourceFile {
            path,
            display,
            text,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }

    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or_else(|| Path::new("."))
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let f = SourceFile::new("x".into(), "x".into(), "a = 1\nbé = 2\n".into());
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(6), (2, 1));
        // `=` after the two-byte é is the 4th character of line 2.
        assert_eq!(f.line_col(10), (2, 4));
    }
}
