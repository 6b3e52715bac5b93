//! A program's command line as the page's field holds it: the arguments written as a shell
//! takes them (split at spaces, with '…' and "…" quoting and \ escaping), and back.

/// The arguments in `text`, split as a shell splits words; a quote left open is a mistake
/// said in words.
pub fn split_words(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => words.extend(word.take()),
            '\'' | '"' => {
                let quoted = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some(end) if end == c => break,
                        Some('\\') if c == '"' => quoted.extend(chars.next()),
                        Some(other) => quoted.push(other),
                        None => return Err(format!("a {c} is never closed: add one")),
                    }
                }
            }
            '\\' => word.get_or_insert_with(String::new).extend(chars.next()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Ok(words)
}

/// The arguments as the field shows them: each quoted when a shell would need it.
pub fn join_words(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            let plain = !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
            if plain {
                w.clone()
            } else {
                format!("'{}'", w.replace('\'', "'\\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_at_spaces_and_quotes_keep_them_together() {
        assert_eq!(
            split_words("  -n 3  file.txt ").unwrap(),
            ["-n", "3", "file.txt"]
        );
        assert_eq!(
            split_words(r#"'two words' "say \"hi\"" a\ b ''"#).unwrap(),
            ["two words", "say \"hi\"", "a b", ""]
        );
        assert!(split_words("'open").unwrap_err().contains("never closed"));
    }

    #[test]
    fn joined_words_split_back_to_the_same_arguments() {
        let words: Vec<String> = ["plain", "two words", "it's", "", "a=b"]
            .iter()
            .map(|w| (*w).to_owned())
            .collect();
        assert_eq!(split_words(&join_words(&words)).unwrap(), words);
        assert_eq!(join_words(&words[..1]), "plain");
    }
}
