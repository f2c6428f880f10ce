//! Page metadata from `<meta>` tags, `<link rel=canonical>` and JSON-LD.

use super::json::Json as Value;

/// What a page says about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub url: String,
    pub title: String,
    /// `og:site_name`, `application-name`, or the JSON-LD publisher's name.
    pub site_name: Option<String>,
    /// The JSON-LD article's publisher, read apart from `og:site_name`: the origin's order of evidence
    /// puts it first (`og:site_name` is often a section, "U.S.", or a brand line).
    pub publisher: Option<String>,
    pub canonical_url: Option<String>,
    pub og_url: Option<String>,
    pub published: Option<String>,
    pub author: Option<String>,
    /// Works this page declares it was based on: JSON-LD `isBasedOn`, `syndication-source`,
    /// `original-source` and `dc.source` meta tags. Each is (name if known, url if known).
    pub based_on: Vec<(Option<String>, Option<String>)>,
}

impl Meta {
    /// Reads the snapshot's meta pairs and JSON-LD texts. A JSON-LD block that does not parse is
    /// skipped: pages ship broken JSON-LD often enough, and the rest of the page is still worth reading.
    pub fn read(url: &str, title: &str, pairs: &[(String, String)], jsonld: &[String]) -> Meta {
        let mut meta = Meta {
            url: url.to_string(),
            title: title.trim().to_string(),
            ..Meta::default()
        };
        for (name, content) in pairs {
            let content = content.trim();
            if content.is_empty() {
                continue;
            }
            let set = |slot: &mut Option<String>| {
                if slot.is_none() {
                    *slot = Some(content.to_string());
                }
            };
            match name.to_ascii_lowercase().as_str() {
                "og:site_name" | "application-name" => set(&mut meta.site_name),
                "canonical" => set(&mut meta.canonical_url),
                "og:url" => set(&mut meta.og_url),
                "article:published_time" | "datepublished" | "date" | "pubdate" => {
                    set(&mut meta.published)
                }
                "author" | "article:author" => set(&mut meta.author),
                "og:title" if meta.title.is_empty() => meta.title = content.to_string(),
                "syndication-source" | "original-source" | "dc.source" => {
                    meta.based_on.push(split_name_url(content));
                }
                _ => {}
            }
        }
        for text in jsonld {
            if let Some(value) = Value::parse(text) {
                meta.read_jsonld(&value);
            }
        }
        meta
    }

    fn read_jsonld(&mut self, value: &Value) {
        match value {
            Value::Array(items) => items.iter().for_each(|v| self.read_jsonld(v)),
            Value::Object(_) => {
                if let Some(graph) = value.get("@graph") {
                    self.read_jsonld(graph);
                }
                let is_article = value.get("@type").is_some_and(type_is_article);
                if !is_article {
                    return;
                }
                if self.publisher.is_none() {
                    self.publisher = value.get("publisher").and_then(name_of);
                }
                if self.site_name.is_none() {
                    self.site_name = self.publisher.clone();
                }
                if self.author.is_none() {
                    self.author = value.get("author").and_then(name_of);
                }
                if self.published.is_none() {
                    self.published = value
                        .get("datePublished")
                        .and_then(Value::as_str)
                        .map(str::to_string);
                }
                if let Some(based) = value.get("isBasedOn") {
                    let items = match based {
                        Value::Array(a) => a.iter().collect(),
                        v => vec![v],
                    };
                    for item in items {
                        match item {
                            Value::String(s) => self.based_on.push(split_name_url(s)),
                            Value::Object(_) => self.based_on.push((
                                name_of(item),
                                item.get("url").and_then(Value::as_str).map(str::to_string),
                            )),
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

fn type_is_article(t: &Value) -> bool {
    let is =
        |s: &str| s.ends_with("Article") || s == "BlogPosting" || s == "Report" || s == "WebPage";
    match t {
        Value::String(s) => is(s),
        Value::Array(a) => a.iter().filter_map(Value::as_str).any(is),
        _ => false,
    }
}

/// The `name` of a JSON-LD thing, or of the first of a list of things, or the string itself.
fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => a.first().and_then(name_of),
        Value::Object(_) => v.get("name").and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}

fn split_name_url(s: &str) -> (Option<String>, Option<String>) {
    if s.starts_with("http://") || s.starts_with("https://") {
        (None, Some(s.to_string()))
    } else {
        (Some(s.to_string()), None)
    }
}
