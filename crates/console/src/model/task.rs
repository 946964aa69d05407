//! The task tray's model: the long work this tab started or found under way (a pipeline's run;
//! images being made, copied, imported), each followed by the catalogue's waiter for it until it
//! ends, with the call that cancels it where the service has one, and the notice said when it
//! ends.

use super::route::Route;
use ecsimg_core::catalogue::{Operation, Waiter, NOT_FOUND};
use serde_json::Value;

/// What a view gives to have work followed in the tray.
#[derive(Debug, Clone)]
pub struct TaskSpec {
    /// The work in words: `Run of web-build`, `Copy of m-1 to cn-shanghai`.
    pub label: String,
    pub region: String,
    /// Where the resource is shown.
    pub route: Route,
    /// The waiter that follows it, and what it waits on (`{regionId, executionId}`): see
    /// `results::waiter_for`, which finds both from an answer.
    pub waiter: &'static Waiter,
    pub target: Value,
    /// The call that stops the work, if the service has one.
    pub cancel: Option<(&'static Operation, Value)>,
}

/// Specs are the same when they say the same, wait the same way and cancel with the same call.
impl PartialEq for TaskSpec {
    fn eq(&self, other: &TaskSpec) -> bool {
        let cancel = |spec: &TaskSpec| spec.cancel.as_ref().map(|(op, request)| (op.name, request.clone()));
        (&self.label, &self.region, &self.route, self.waiter.name, &self.target)
            == (&other.label, &other.region, &other.route, other.waiter.name, &other.target)
            && cancel(self) == cancel(other)
    }
}

/// Where a task is.
#[derive(Debug, Clone, PartialEq)]
pub enum TaskState {
    /// As the waiter last saw it.
    Running {
        status: String,
        percent: u8,
    },
    /// The user asked to cancel; the waiter follows it to its end.
    Cancelling {
        status: String,
        percent: u8,
    },
    Done {
        status: String,
    },
    Failed {
        status: String,
        reason: Option<String>,
    },
    Cancelled {
        status: String,
    },
}

impl TaskState {
    pub fn is_over(&self) -> bool {
        matches!(self, TaskState::Done { .. } | TaskState::Failed { .. } | TaskState::Cancelled { .. })
    }

    /// The status the service gave last.
    pub fn status(&self) -> &str {
        match self {
            TaskState::Running { status, .. }
            | TaskState::Cancelling { status, .. }
            | TaskState::Done { status }
            | TaskState::Failed { status, .. }
            | TaskState::Cancelled { status } => status,
        }
    }

    /// How far the work is, while it runs.
    pub fn percent(&self) -> Option<u8> {
        match self {
            TaskState::Running { percent, .. } | TaskState::Cancelling { percent, .. } => Some(*percent),
            _ => None,
        }
    }
}

/// How a waiter ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Ending {
    /// It reached a done status.
    Done(String),
    /// It reached a failed status, or could not go on (the reason in words, when known).
    Failed { status: Option<String>, reason: Option<String> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: u64,
    pub spec: TaskSpec,
    pub state: TaskState,
    /// Why the last cancel did not go through, if it did not.
    pub cancel_problem: Option<String>,
}

impl Task {
    /// Whether the user can ask to cancel it now.
    pub fn can_cancel(&self) -> bool {
        self.spec.cancel.is_some() && matches!(self.state, TaskState::Running { .. })
    }

    /// What is said when it ends: `Run of web-build: done (SUCCESS).`
    pub fn notice(&self) -> Option<String> {
        let label = &self.spec.label;
        Some(match &self.state {
            TaskState::Done { status } => format!("{label}: done ({status})."),
            TaskState::Cancelled { status } => format!("{label}: cancelled ({status})."),
            TaskState::Failed { status, reason: Some(reason) } => format!("{label} failed ({status}): {reason}"),
            TaskState::Failed { status, reason: None } => format!("{label} failed ({status})."),
            TaskState::Running { .. } | TaskState::Cancelling { .. } => return None,
        })
    }
}

/// Every task of this tab, the newest first, and the last notice.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tasks {
    pub list: Vec<Task>,
    /// What the tray's live region says: the latest task to end.
    pub notice: String,
    next_id: u64,
}

impl Tasks {
    /// Adds a task, unless the same work (waiter and target) is already followed; its id, and
    /// whether it is new (then its waiter is to be started).
    pub fn add(&mut self, spec: TaskSpec) -> (u64, bool) {
        let same = |t: &&Task| t.spec.waiter.name == spec.waiter.name && t.spec.target == spec.target;
        if let Some(task) = self.list.iter().filter(|t| !t.state.is_over()).find(same) {
            return (task.id, false);
        }
        self.next_id += 1;
        let state = TaskState::Running { status: "starting".into(), percent: 0 };
        self.list.insert(0, Task { id: self.next_id, spec, state, cancel_problem: None });
        (self.next_id, true)
    }

    pub fn get(&self, id: u64) -> Option<&Task> {
        self.list.iter().find(|t| t.id == id)
    }

    fn get_mut(&mut self, id: u64) -> Option<&mut Task> {
        self.list.iter_mut().find(|t| t.id == id)
    }

    /// What the waiter saw on its last look. A thing cancelled that is no longer found (a copy
    /// CancelCopyImage deleted) is over: cancelled, and its waiter can stop.
    pub fn progress(&mut self, id: u64, status: String, percent: u8) {
        let Some(task) = self.get_mut(id) else { return };
        let cancelling = matches!(task.state, TaskState::Cancelling { .. });
        if cancelling && status == NOT_FOUND {
            return self.finish(id, Ending::Failed { status: None, reason: None });
        }
        task.state = match task.state {
            TaskState::Running { .. } => TaskState::Running { status, percent },
            TaskState::Cancelling { .. } => TaskState::Cancelling { status, percent },
            _ => return,
        };
    }

    /// The user asks to cancel: the call to make, if it can be cancelled now.
    pub fn cancel(&mut self, id: u64) -> Option<(&'static Operation, Value)> {
        let task = self.get_mut(id).filter(|t| t.can_cancel())?;
        let TaskState::Running { status, percent } = &task.state else { return None };
        task.state = TaskState::Cancelling { status: status.clone(), percent: *percent };
        task.cancel_problem = None;
        task.spec.cancel.clone()
    }

    /// The service refused to cancel: the task runs on, and says why.
    pub fn cancel_refused(&mut self, id: u64, reason: String) {
        let Some(task) = self.get_mut(id) else { return };
        if let TaskState::Cancelling { status, percent } = &task.state {
            task.state = TaskState::Running { status: status.clone(), percent: *percent };
        }
        task.cancel_problem = Some(reason);
    }

    /// The waiter ended: the task's last state, and its notice.
    pub fn finish(&mut self, id: u64, ending: Ending) {
        let Some(task) = self.get_mut(id) else { return };
        let cancelling = matches!(task.state, TaskState::Cancelling { .. });
        let last = task.state.status().to_string();
        task.state = match ending {
            Ending::Done(status) => TaskState::Done { status },
            Ending::Failed { status, .. } if cancelling => TaskState::Cancelled { status: status.unwrap_or(last) },
            Ending::Failed { status, reason } => TaskState::Failed { status: status.unwrap_or(last), reason },
        };
        if let Some(notice) = task.notice() {
            self.notice = notice;
        }
    }

    /// Forgets a task (the tray's Dismiss).
    pub fn dismiss(&mut self, id: u64) {
        self.list.retain(|t| t.id != id);
    }

    pub fn running(&self) -> usize {
        self.list.iter().filter(|t| !t.state.is_over()).count()
    }
}

/// Why a failed thing failed, in its own words: an execution's `errorCode` and `errorInfo` (else
/// its `message`), as its describe call gives them.
pub fn failure_reason(item: &Value) -> Option<String> {
    let text = |key: &str| item.get(key).and_then(Value::as_str).filter(|t| !t.is_empty());
    let words = text("errorInfo").or_else(|| text("message"));
    match (text("errorCode"), words) {
        (Some(code), Some(words)) => Some(format!("{code}: {words}")),
        (code, words) => code.or(words).map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::route::View;
    use ecsimg_core::catalogue::operation;
    use serde_json::json;

    fn run_of(execution: &str) -> TaskSpec {
        let start = operation("StartImagePipelineExecution").unwrap();
        let cancel = operation("CancelImagePipelineExecution").unwrap();
        let target = json!({"regionId": "cn-hangzhou", "executionId": execution});
        TaskSpec {
            label: "Run of web-build".into(),
            region: "cn-hangzhou".into(),
            route: Route::with(View::Pipelines, &["cn-hangzhou", "ip-1"]),
            waiter: start.waiter.as_ref().unwrap(),
            target: target.clone(),
            cancel: Some((cancel, target)),
        }
    }

    #[test]
    fn a_task_follows_its_waiter_to_done_and_says_so() {
        let mut tasks = Tasks::default();
        let (id, new) = tasks.add(run_of("exec-1"));
        assert!(new);
        assert_eq!(tasks.add(run_of("exec-1")), (id, false), "the same work is followed once");
        assert_eq!(tasks.running(), 1);
        tasks.progress(id, "BUILDING".into(), 30);
        let task = tasks.get(id).unwrap();
        assert_eq!((task.state.status(), task.state.percent()), ("BUILDING", Some(30)));
        assert!(task.can_cancel() && task.notice().is_none());
        tasks.finish(id, Ending::Done("SUCCESS".into()));
        assert_eq!(tasks.get(id).unwrap().state, TaskState::Done { status: "SUCCESS".into() });
        assert_eq!(tasks.notice, "Run of web-build: done (SUCCESS).");
        assert_eq!(tasks.running(), 0);
        tasks.progress(id, "BUILDING".into(), 30);
        assert!(tasks.get(id).unwrap().state.is_over(), "a late look changes nothing");
        // Once over, the same work may be followed again (a second run's waiter).
        assert!(tasks.add(run_of("exec-1")).1);
        tasks.dismiss(id);
        assert!(tasks.get(id).is_none());
    }

    #[test]
    fn failures_say_the_status_and_the_reason() {
        let mut tasks = Tasks::default();
        let (id, _) = tasks.add(run_of("exec-1"));
        tasks.progress(id, "TESTING".into(), 60);
        let reason = failure_reason(&json!({"errorCode": "TestCommandFailed", "errorInfo": "`RUN exit 1` exited"}));
        tasks.finish(id, Ending::Failed { status: Some("TEST_FAILED".into()), reason });
        assert_eq!(tasks.notice, "Run of web-build failed (TEST_FAILED): TestCommandFailed: `RUN exit 1` exited");
        // A waiter that could not go on (the network) fails where it was.
        let (other, _) = tasks.add(run_of("exec-2"));
        tasks.progress(other, "BUILDING".into(), 30);
        tasks.finish(other, Ending::Failed { status: None, reason: Some("network error".into()) });
        assert_eq!(
            tasks.get(other).unwrap().state,
            TaskState::Failed { status: "BUILDING".into(), reason: Some("network error".into()) }
        );
        assert_eq!(
            failure_reason(&json!({"message": "The image is ready.", "errorCode": ""})).unwrap(),
            "The image is ready."
        );
        assert_eq!(failure_reason(&json!({"status": "CreateFailed"})), None);
    }

    #[test]
    fn a_cancel_ends_cancelled_or_runs_on_when_refused() {
        let mut tasks = Tasks::default();
        let (id, _) = tasks.add(run_of("exec-1"));
        tasks.progress(id, "BUILDING".into(), 30);
        let (op, request) = tasks.cancel(id).expect("a cancel call");
        assert_eq!((op.name, request["executionId"].as_str()), ("CancelImagePipelineExecution", Some("exec-1")));
        assert!(tasks.cancel(id).is_none(), "asked once");
        tasks.cancel_refused(id, "InvalidStatus.ImagePipelineExecution".into());
        let task = tasks.get(id).unwrap();
        assert!(task.can_cancel());
        assert_eq!(task.cancel_problem.as_deref(), Some("InvalidStatus.ImagePipelineExecution"));
        tasks.cancel(id).unwrap();
        tasks.progress(id, "CANCELLING".into(), 100);
        tasks.finish(id, Ending::Failed { status: Some("CANCELLED".into()), reason: None });
        assert_eq!(tasks.get(id).unwrap().state, TaskState::Cancelled { status: "CANCELLED".into() });
        assert_eq!(tasks.notice, "Run of web-build: cancelled (CANCELLED).");
        // A cancelled copy is deleted: the waiter no longer finds it.
        let (copy, _) = tasks.add(run_of("exec-2"));
        tasks.progress(copy, "Creating".into(), 10);
        tasks.cancel(copy).unwrap();
        tasks.progress(copy, NOT_FOUND.into(), 0);
        assert_eq!(tasks.get(copy).unwrap().state, TaskState::Cancelled { status: "Creating".into() });
        let mut spec = run_of("exec-3");
        spec.cancel = None;
        let (plain, _) = tasks.add(spec);
        assert!(!tasks.get(plain).unwrap().can_cancel() && tasks.cancel(plain).is_none());
    }
}
