//! File writes (drafts, the state file) on a thread of their own: an fsync
//! can take milliseconds, and the console's only runtime thread draws the
//! screen. One thread, one queue, so writes and deletes of the same draft
//! happen in the order they were asked for.

use std::sync::mpsc;

type Job = Box<dyn FnOnce() + Send>;

/// The queue's thread starts with its first job: most sessions write
/// nothing before their first frame, which need not wait for a thread.
#[derive(Clone, Default)]
pub struct Files {
    jobs: std::sync::Arc<std::sync::OnceLock<Option<mpsc::Sender<Job>>>>,
}

impl Files {
    pub fn start() -> Files {
        Files::default()
    }

    fn queue(&self) -> Option<&mpsc::Sender<Job>> {
        self.jobs
            .get_or_init(|| {
                let (jobs, queue) = mpsc::channel::<Job>();
                let spawned =
                    std::thread::Builder::new()
                        .name("alto-files".into())
                        .spawn(move || {
                            for job in queue {
                                job();
                            }
                        });
                spawned.ok().map(|_| jobs)
            })
            .as_ref()
    }

    /// Runs `job` after every job queued before it.
    pub fn run(&self, job: impl FnOnce() + Send + 'static) {
        let job: Job = Box::new(job);
        let refused = match self.queue() {
            Some(jobs) => jobs.send(job).map_err(|mpsc::SendError(job)| job),
            None => Err(job),
        };
        if let Err(job) = refused {
            // No thread (none could be started, or a job panicked): do it
            // here rather than lose a draft.
            job();
        }
    }

    /// Runs `job` in order, and resolves once it has run.
    pub fn run_then(
        &self,
        job: impl FnOnce() + Send + 'static,
    ) -> tokio::sync::oneshot::Receiver<()> {
        let (done, wait) = tokio::sync::oneshot::channel();
        self.run(move || {
            job();
            let _ = done.send(());
        });
        wait
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[tokio::test]
    async fn jobs_run_in_order_off_the_calling_thread() {
        let files = Files::start();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let here = std::thread::current().id();
        for i in 0..20 {
            let seen = seen.clone();
            files.run(move || {
                assert_ne!(std::thread::current().id(), here);
                seen.lock().unwrap().push(i);
            });
        }
        files.run_then(|| {}).await.unwrap();
        assert_eq!(*seen.lock().unwrap(), (0..20).collect::<Vec<_>>());
    }
}
