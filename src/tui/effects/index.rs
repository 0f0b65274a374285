//! The index's effects: wakes (a sleeping task, no timer otherwise), the
//! filler's requests, reading the stored index and writing it (on the
//! files thread, in order).

use super::Effects;
use crate::index::{Millis, now_ms};
use crate::tui::msg::{FindMsg, IndexCmd, Msg};
use std::time::Duration;

impl Effects {
    pub(super) fn index(&mut self, cmd: IndexCmd) {
        match cmd {
            IndexCmd::Wake { generation, at } => {
                let tx = self.tx.clone();
                tokio::spawn(async move {
                    let wait = at - now_ms();
                    if wait > 0 {
                        tokio::time::sleep(Duration::from_millis(wait as u64)).await;
                    }
                    let now: Millis = now_ms();
                    let _ = tx.send(Msg::Find(FindMsg::Wake { generation, now }));
                });
            }
            IndexCmd::Fetch { generation, due } => self.spawn(move |c| async move {
                let answer = crate::index::fill::fetch(&c, due).await;
                Msg::Find(FindMsg::Answer {
                    generation,
                    answer: Box::new(answer),
                    at: now_ms(),
                })
            }),
            IndexCmd::Load { generation, store } => {
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    let (index, problems) = store.load();
                    let _ = tx.send(Msg::Find(FindMsg::Loaded {
                        generation,
                        index: Box::new(index),
                        problems,
                        now: now_ms(),
                    }));
                });
            }
            IndexCmd::Continue { search } => {
                // A task of its own runs once the loop waits again: after
                // this frame is drawn.
                let tx = self.tx.clone();
                tokio::spawn(async move {
                    let _ = tx.send(Msg::Find(FindMsg::Continue { search }));
                });
            }
            IndexCmd::Save { store, meta, shard } => {
                let tx = self.tx.clone();
                self.files.run(move || {
                    let saved = meta
                        .map_or(Ok(()), |m| store.save_meta(&m))
                        .and_then(|()| shard.map_or(Ok(()), |(ws, s)| store.save_shard(&ws, &s)));
                    if let Err(e) = saved {
                        tracing::warn!("cannot save the index: {e}");
                        let _ = tx.send(Msg::Find(FindMsg::SaveFailed(format!(
                            "The index cannot be saved in {}: {e}",
                            store.dir().display()
                        ))));
                    }
                });
            }
        }
    }
}
