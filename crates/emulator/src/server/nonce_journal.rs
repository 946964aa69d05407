//! The nonces of `--state FILE`, in a journal beside it (`.FILE.nonces`), so that a nonce used
//! before a restart is refused after it within its window, `kill -9` included. One line per signed
//! call, appended before the call is answered, so a save of the state costs nothing per nonce
//! remembered. Rewritten with only the live nonces at start and whenever it has grown to twice
//! their number (and at least [`COMPACT_AT`] lines): its size stays within twice a window's calls.

use super::durable::write_durably;
use crate::gateway::auth::NonceCache;
use crate::state::Millis;
use crate::Emulator;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// No rewrite below this many lines (a rewrite of a small journal would cost more than it saves).
const COMPACT_AT: usize = 100_000;

pub struct NonceJournal {
    path: PathBuf,
    /// Held while lines are taken from the emulator and written, so they reach the file in order
    /// and a rewrite sees every line written before it.
    appending: Mutex<Appending>,
}

struct Appending {
    file: File,
    lines: usize,
}

impl NonceJournal {
    /// Reads the journal beside `state` (none yet: no nonces), drops what expired at `now`, and
    /// rewrites it with what is left; a journal that is not one is an error, never replaced.
    pub fn open(state: &Path, now: Millis) -> Result<(NonceJournal, NonceCache), String> {
        let name = state.file_name().ok_or_else(|| format!("--state {}: names no file", state.display()))?;
        let path = state.with_file_name(format!(".{}.nonces", name.to_string_lossy()));
        let failed = |e: String| format!("--state {}: its nonce journal {}: {e}", state.display(), path.display());
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(failed(e.to_string())),
        };
        let nonces =
            NonceCache::from_journal(&text, now).map_err(|e| failed(format!("{e}; move it away to start afresh")))?;
        let journal = nonces.journal();
        write_durably(&path, journal.as_bytes()).map_err(|e| failed(e.to_string()))?;
        let file = append_to(&path).map_err(|e| failed(e.to_string()))?;
        let appending = Mutex::new(Appending { file, lines: nonces.len() });
        Ok((NonceJournal { path, appending }, nonces))
    }

    /// Appends the nonces `emulator` remembered since the last call; call it before answering.
    pub fn record(&self, emulator: &Emulator) -> io::Result<()> {
        let mut appending = self.appending.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let added = emulator.take_new_nonces();
        if added.is_empty() {
            return Ok(());
        }
        appending.file.write_all(added.as_bytes())?;
        appending.lines += added.bytes().filter(|&b| b == b'\n').count();
        if grown(appending.lines, 0) {
            let (journal, live) = emulator.nonce_journal();
            if grown(appending.lines, live) {
                write_durably(&self.path, journal.as_bytes())?;
                *appending = Appending { file: append_to(&self.path)?, lines: live };
            }
        }
        Ok(())
    }
}

/// Whether a journal of `lines` lines, `live` of them still remembered, is worth rewriting.
fn grown(lines: usize, live: usize) -> bool {
    lines >= COMPACT_AT && lines >= 2 * live
}

fn append_to(path: &Path) -> io::Result<File> {
    OpenOptions::new().append(true).open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_is_rewritten_once_it_holds_twice_the_live_nonces_and_is_large() {
        assert!(!grown(COMPACT_AT - 1, 0), "small journals are left as they are");
        assert!(grown(COMPACT_AT, COMPACT_AT / 2));
        assert!(!grown(COMPACT_AT, COMPACT_AT / 2 + 1));
    }
}
