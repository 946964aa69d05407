//! Where the user is: a view and, in it, what is open, kept in the URL's hash (`#/images`,
//! `#/images/cn-hangzhou/m-…`, `#/api/CopyImage`) so that a link or a reload opens the same place
//! and back / forward move between places. Hash routes need nothing of the server (the static nginx
//! configuration serves one page).

/// The console's views, in the order of the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Images,
    Pipelines,
    Components,
    Cleanup,
    Api,
}

impl View {
    pub const ALL: [View; 5] = [View::Images, View::Pipelines, View::Components, View::Cleanup, View::Api];

    /// The view's name in a URL.
    pub fn slug(self) -> &'static str {
        match self {
            View::Images => "images",
            View::Pipelines => "pipelines",
            View::Components => "components",
            View::Cleanup => "cleanup",
            View::Api => "api",
        }
    }

    /// The view's name in the navigation.
    pub fn title(self) -> &'static str {
        match self {
            View::Images => "Images",
            View::Pipelines => "Pipelines",
            View::Components => "Components",
            View::Cleanup => "Clean up",
            View::Api => "API",
        }
    }
}

/// A view and the path inside it (`["cn-hangzhou", "m-…"]` for an image's details, `["CopyImage"]`
/// for an API form); empty for the view itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub view: View,
    pub path: Vec<String>,
}

impl Default for Route {
    /// The Images view: where a new visitor starts.
    fn default() -> Self {
        Route::of(View::Images)
    }
}

impl Route {
    pub fn of(view: View) -> Route {
        Route { view, path: Vec::new() }
    }

    pub fn with(view: View, path: &[&str]) -> Route {
        Route { view, path: path.iter().map(|p| p.to_string()).collect() }
    }

    /// The route of a location hash (`#/images/…`); anything not a route is the default view.
    pub fn parse(hash: &str) -> Route {
        let text = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = text.split('/').filter(|p| !p.is_empty()).map(decode);
        let Some(slug) = parts.next() else { return Route::default() };
        match View::ALL.into_iter().find(|v| v.slug() == slug) {
            Some(view) => Route { view, path: parts.collect() },
            None => Route::default(),
        }
    }

    /// The location hash of this route.
    pub fn hash(&self) -> String {
        let mut hash = format!("#/{}", self.view.slug());
        for part in &self.path {
            hash.push('/');
            hash.push_str(&encode(part));
        }
        hash
    }
}

/// Percent-encodes what would end or split a path segment (IDs and names are ASCII-safe in practice).
fn encode(part: &str) -> String {
    let mut out = String::new();
    for byte in part.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~:@".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn decode(part: &str) -> String {
    let bytes = part.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|_| bytes[i] == b'%')
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_read_back_as_the_same_route() {
        for route in [
            Route::of(View::Images),
            Route::with(View::Images, &["cn-hangzhou", "m-abc123"]),
            Route::with(View::Api, &["CopyImage"]),
            Route::with(View::Pipelines, &["cn-hangzhou", "ip-1"]),
            Route::of(View::Components),
            Route::of(View::Cleanup),
            Route::with(View::Images, &["a name/with spaces%"]),
        ] {
            assert_eq!(Route::parse(&route.hash()), route, "{}", route.hash());
        }
        assert_eq!(Route::with(View::Images, &["cn-hangzhou", "m-1"]).hash(), "#/images/cn-hangzhou/m-1");
    }

    #[test]
    fn anything_else_is_the_images_view() {
        for hash in ["", "#", "#/", "#/nowhere/x", "#%", "#/%E0%A4"] {
            assert_eq!(Route::parse(hash).view, View::Images, "{hash}");
        }
        assert_eq!(Route::parse("api").view, View::Api);
        assert_eq!(Route::parse("#/components/cn-shanghai").path, ["cn-shanghai"]);
        assert_eq!(Route::parse("#/api/%").path, ["%"]);
    }
}
