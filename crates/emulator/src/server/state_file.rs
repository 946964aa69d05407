//! `--state FILE`: the state on disk. Nothing acknowledged is lost: a call that changed the state
//! is answered only once a snapshot holding the change is durably on disk (written to a temporary
//! file beside the target, synced, renamed over it, and the directory synced). The nonces are in a
//! journal beside it ([`NonceJournal`]).

use super::durable::write_durably;
use super::nonce_journal::NonceJournal;
use crate::gateway::auth::NonceCache;
use crate::seed;
use crate::state::{Millis, Store};
use crate::Emulator;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// How the state was found at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Loaded,
    /// No file yet: the seeded state, written out at once.
    Fresh,
}

pub struct StateFile {
    path: PathBuf,
    /// `.FILE.lock` beside the state, locked (`flock`, exclusive) for as long as this emulator
    /// runs, so that a second one on the same state refuses to start rather than interleave its
    /// saves with ours. A lock file, not FILE itself, since every save replaces FILE by a rename.
    /// The kernel releases the lock when the process ends, `kill -9` included.
    _lock: File,
    journal: NonceJournal,
    /// The nonces the journal remembered, until [`StateFile::take_nonces`] hands them over.
    nonces: Mutex<Option<NonceCache>>,
    /// Changes carried out so far, counted after each one completes.
    changes: AtomicU64,
    /// Held while a snapshot is taken and written, so that snapshots reach the disk in the order
    /// they were taken; holds the count of changes the file on disk contains.
    saved: Mutex<u64>,
}

impl StateFile {
    /// Reads `path` and its nonce journal (what expired at `now` left out): a missing file gives
    /// the seeded state; an unreadable or corrupt one is an error, never silently replaced.
    pub fn open(path: &Path, now: Millis) -> Result<(StateFile, Store, Origin), String> {
        let lock = lock_beside(path)?;
        let (store, origin) = match fs::read(path) {
            Ok(bytes) => {
                let corrupt = |e: String| {
                    format!(
                        "--state {}: not a saved emulator state ({e}); move it away to start afresh",
                        path.display()
                    )
                };
                let text = String::from_utf8(bytes).map_err(|e| corrupt(e.to_string()))?;
                (Store::from_json(&text).map_err(corrupt)?, Origin::Loaded)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => (seed::demo_store(now), Origin::Fresh),
            Err(e) => return Err(format!("--state {}: {e}", path.display())),
        };
        let (journal, nonces) = NonceJournal::open(path, now)?;
        let file = StateFile {
            path: path.to_path_buf(),
            _lock: lock,
            journal,
            nonces: Mutex::new(Some(nonces)),
            changes: AtomicU64::new(0),
            saved: Mutex::new(0),
        };
        Ok((file, store, origin))
    }

    /// The nonces the journal remembered (once), for [`Emulator::restore_nonces`].
    pub fn take_nonces(&self) -> NonceCache {
        self.nonces.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take().unwrap_or_default()
    }

    /// Journals the nonces of the calls handled since the last time; call it before answering.
    pub fn record_nonces(&self, emulator: &Emulator) -> io::Result<()> {
        self.journal.record(emulator)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Makes every change carried out so far durable; call it after a call that changed the state
    /// and before answering it. Concurrent callers share a write: whoever takes the lock first saves
    /// a snapshot that also holds the changes of those still waiting, who then return at once.
    pub fn save_changes(&self, emulator: &Emulator) -> io::Result<()> {
        let mine = self.changes.fetch_add(1, Ordering::SeqCst) + 1;
        let mut saved = self.saved.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if *saved >= mine {
            return Ok(());
        }
        // Counted before the snapshot is taken, so the snapshot holds at least this many changes.
        let covered = self.changes.load(Ordering::SeqCst);
        write_durably(&self.path, emulator.state_json().as_bytes())?;
        *saved = covered;
        Ok(())
    }

    /// Makes sure every change carried out so far is on disk, writing only when one is not (a
    /// save that failed, or one still under way, whose end this waits for). Called before a
    /// ClientToken replay is answered, so that a replay never acknowledges a change that is not
    /// saved.
    pub fn save_pending(&self, emulator: &Emulator) -> io::Result<()> {
        let counted = self.changes.load(Ordering::SeqCst);
        let mut saved = self.saved.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if *saved >= counted {
            return Ok(());
        }
        let covered = self.changes.load(Ordering::SeqCst);
        write_durably(&self.path, emulator.state_json().as_bytes())?;
        *saved = covered;
        Ok(())
    }

    /// Saves the current state whatever changed (at start, and at shutdown for finished lifecycles).
    pub fn save_now(&self, emulator: &Emulator) -> io::Result<()> {
        let _saved = self.saved.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        write_durably(&self.path, emulator.state_json().as_bytes())
    }
}

/// `path`'s lock file (`.NAME.lock` beside it), created if missing and locked, or an error saying
/// that another emulator holds it.
fn lock_beside(path: &Path) -> Result<File, String> {
    let name = path.file_name().ok_or_else(|| format!("--state {}: names no file", path.display()))?;
    let lock_path = path.with_file_name(format!(".{}.lock", name.to_string_lossy()));
    let file =
        fs::OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&lock_path).map_err(|e| {
            format!("--state {}: cannot open its lock file {}: {e}", path.display(), lock_path.display())
        })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => Err(format!(
            "--state {}: in use by another ecsimg-emulator (it holds {}); stop it or use another state file",
            path.display(),
            lock_path.display()
        )),
        Err(fs::TryLockError::Error(e)) => {
            Err(format!("--state {}: cannot lock {}: {e}", path.display(), lock_path.display()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    /// A state path in a fresh directory, removed when the guard drops.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Self {
            let dir = std::env::temp_dir().join(format!("ecsimg-state-{}-{name}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap();
            Scratch(dir)
        }

        fn state(&self) -> PathBuf {
            self.0.join("state.json")
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn missing_is_fresh_corrupt_is_an_error_saved_loads_back() {
        let dir = Scratch::new("roundtrip");
        let path = dir.state();
        let (file, store, origin) = StateFile::open(&path, 0).unwrap();
        assert_eq!(origin, Origin::Fresh);
        let emulator = Emulator::new(Config::default(), store.clone());
        file.save_changes(&emulator).unwrap();
        drop(file);
        let (_, loaded, origin) = StateFile::open(&path, 0).unwrap();
        assert_eq!((origin, loaded), (Origin::Loaded, store));
        fs::write(&path, "{\"images\": ").unwrap();
        assert!(StateFile::open(&path, 0).err().unwrap().contains("not a saved emulator state"));
    }

    #[test]
    fn a_save_covers_the_changes_counted_before_it() {
        let dir = Scratch::new("group");
        let path = dir.state();
        let (file, store, _) = StateFile::open(&path, 0).unwrap();
        let emulator = Emulator::new(Config::default(), store);
        file.save_changes(&emulator).unwrap();
        fs::remove_file(&path).unwrap();
        // A change counted while nothing covers it yet must be written again.
        file.save_changes(&emulator).unwrap();
        assert!(path.exists());
        assert_eq!(*file.saved.lock().unwrap(), 2);
    }

    #[test]
    fn a_second_open_of_the_same_state_is_refused_until_the_first_closes() {
        let dir = Scratch::new("lock");
        let path = dir.state();
        let (first, _, _) = StateFile::open(&path, 0).unwrap();
        let refused = StateFile::open(&path, 0).err().unwrap();
        assert!(refused.contains("in use by another ecsimg-emulator"), "{refused}");
        drop(first);
        assert!(StateFile::open(&path, 0).is_ok());
    }

    #[test]
    fn a_failed_save_stays_pending_until_a_save_succeeds() {
        let dir = Scratch::new("pending");
        let path = dir.state();
        let (file, store, _) = StateFile::open(&path, 0).unwrap();
        let emulator = Emulator::new(Config::default(), store);
        file.save_pending(&emulator).unwrap();
        assert!(!path.exists(), "nothing counted, nothing to write");
        // The temporary file cannot be created where a directory stands (even for root).
        let blocker = dir.0.join(".state.json.tmp");
        fs::create_dir(&blocker).unwrap();
        assert!(file.save_changes(&emulator).is_err());
        assert!(file.save_pending(&emulator).is_err(), "still pending, still failing");
        fs::remove_dir(&blocker).unwrap();
        file.save_pending(&emulator).unwrap();
        assert!(path.exists());
        fs::remove_file(&path).unwrap();
        file.save_pending(&emulator).unwrap();
        assert!(!path.exists(), "saved already: no second write");
    }
}
