//! The organization requests: the tree, one organization's capacity, and
//! the usage report, downloaded and saved whole (never over a file the
//! user did not agree to replace).

use super::Effects;
use crate::tui::msg::{Msg, OrgCmd, OrgMsg, SaveProblem};

impl Effects {
    pub(super) fn orgs(&mut self, cmd: OrgCmd) {
        match cmd {
            OrgCmd::Load { req, workspace_id } => self.spawn(move |c| async move {
                let result = c.list_organizations(&workspace_id).await;
                Msg::Org(OrgMsg::Loaded {
                    req,
                    workspace_id,
                    result,
                })
            }),
            OrgCmd::SaveReport {
                req,
                workspace_id,
                path,
                replace,
            } => self.spawn(move |c| async move {
                let result = report(&c, &workspace_id, path, replace).await;
                Msg::Org(OrgMsg::Saved { req, result })
            }),
        }
    }
}

async fn report(
    c: &crate::api::ApiClient,
    workspace_id: &str,
    path: std::path::PathBuf,
    replace: bool,
) -> Result<(String, usize), SaveProblem> {
    let shown = path.display().to_string();
    let problem = |exists: bool, message: String| SaveProblem { exists, message };
    // Asked before anything is downloaded.
    if !replace && std::fs::symlink_metadata(&path).is_ok() {
        let said = format!("{shown} exists: Enter again replaces it, or change the name.");
        return Err(problem(true, said));
    }
    let pdf = c
        .organization_usage_pdf(workspace_id)
        .await
        .map_err(|e| problem(false, format!("Could not download the report: {e}")))?;
    let bytes = pdf.len();
    // A slow disk must not hold the screen: the write is blocking work.
    tokio::task::spawn_blocking(move || crate::paths::save_new(&path, &pdf, replace))
        .await
        .map_err(|e| problem(false, e.to_string()))?
        .map_err(|e| {
            let exists = e.kind() == std::io::ErrorKind::AlreadyExists;
            problem(exists, format!("Could not save {shown}: {e}"))
        })?;
    Ok((shown, bytes))
}
