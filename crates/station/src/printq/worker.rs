//! The background worker: sends due retries and asks system spoolers about sent jobs, until stopped.

use std::time::{Duration, Instant};

use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::PrintQueue;

/// How often the worker asks system spoolers whether sent jobs are done.
const REFRESH_EVERY: Duration = Duration::from_secs(2);

/// A running worker. [`WorkerHandle::stop`] lets the job being sent finish; dropping the handle
/// aborts the worker at once (a job caught mid-send is then reported at the next start-up).
#[derive(Debug)]
pub struct WorkerHandle {
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl WorkerHandle {
    /// Stops the worker after the job it is sending, and waits for it.
    pub async fn stop(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for WorkerHandle {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

impl PrintQueue {
    /// Starts the worker on the current tokio runtime: it sends due retries (with the queue's
    /// [`super::RetryPolicy`]), gives up on them after its time bound, and marks system-spooler
    /// jobs COMPLETED (or FAILED) as the spooler reports them. The window starts it when the
    /// station opens; long CLI commands start it for their run. Keep the handle while it should run.
    pub fn start_worker(&self) -> WorkerHandle {
        let (stop, mut stopped) = watch::channel(false);
        let q = self.clone();
        let task = tokio::spawn(async move {
            let mut last_refresh: Option<Instant> = None;
            loop {
                if *stopped.borrow() {
                    break;
                }
                if let Err(e) = q.send_due_retries().await {
                    tracing::warn!("print worker: {e}");
                }
                if last_refresh.is_none_or(|t| t.elapsed() >= REFRESH_EVERY) {
                    if let Err(e) = q.refresh_completed().await {
                        tracing::warn!("print worker, asking the spooler: {e}");
                    }
                    last_refresh = Some(Instant::now());
                }
                let tick = q.retry_policy().tick;
                tokio::select! {
                    _ = tokio::time::sleep(tick) => {}
                    _ = q.wake.notified() => {}
                    _ = stopped.changed() => {}
                }
            }
        });
        WorkerHandle { stop, task: Some(task) }
    }
}
