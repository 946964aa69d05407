//! What the sandbox started from, as its worker says once it is up: the state saved in this
//! browser, or the demo state (nothing saved yet, or a saved state it could not read), and whether
//! it keeps its state across reloads (the browser may refuse it storage).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    Fresh,
    Saved,
    /// A saved state that could not be read (another version saved it): replaced by the demo state.
    Unreadable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SandboxStart {
    pub from: Start,
    pub saves: bool,
}

/// Until the worker says: what it does wherever the browser gives it storage.
impl Default for SandboxStart {
    fn default() -> Self {
        SandboxStart { from: Start::Fresh, saves: true }
    }
}

impl SandboxStart {
    /// From the worker's words (`fresh`, `saved`, `unreadable`).
    pub fn new(from: &str, saves: bool) -> SandboxStart {
        let from = match from {
            "saved" => Start::Saved,
            "unreadable" => Start::Unreadable,
            _ => Start::Fresh,
        };
        SandboxStart { from, saves }
    }

    /// What the connection panel says of the sandbox's state.
    pub fn words(&self) -> &'static str {
        match (self.saves, self.from) {
            (false, _) => "This browser gives the sandbox no storage: what you make in it is gone when you reload.",
            (true, Start::Saved) => "The sandbox was restored from this browser: what you made in it before is still there.",
            (true, Start::Unreadable) => {
                "The sandbox's saved state could not be read (an older version saved it), so it starts from the demo state."
            }
            (true, Start::Fresh) => "The sandbox keeps your changes in this browser until you reset it.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_what_the_sandbox_started_from() {
        assert_eq!(SandboxStart::new("saved", true).from, Start::Saved);
        assert_eq!(SandboxStart::new("anything", true).from, Start::Fresh);
        assert!(SandboxStart::new("saved", true).words().contains("restored from this browser"));
        assert!(SandboxStart::new("unreadable", true).words().contains("could not be read"));
        assert!(SandboxStart::new("saved", false).words().contains("gone when you reload"));
    }
}
